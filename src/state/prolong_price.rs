//! The price of prolonging a rental: `getdata` for its country, kind and period, summed
//! over every service on it. The prolong dialog shows it; automatic prolonging checks it.

use crate::api::{Api, ApiFailure};
use rent_api::{Money, NumberType, Period, Rental, ServiceOffer};

/// The price of `period` for every service on `rental`, from `getdata`.
pub async fn price_for(api: &Api, rental: &Rental, period: Period) -> Result<Money, ApiFailure> {
    let kind = rental.number_type().unwrap_or(NumberType::Any);
    let offers = api.services(rental.cname.clone(), period, kind).await?;
    price_from(&offers, rental, period)
}

/// The price of `period` for every service on `rental`, from its country's `getdata` offers.
pub fn price_from(
    offers: &[ServiceOffer],
    rental: &Rental,
    period: Period,
) -> Result<Money, ApiFailure> {
    let mut total = Money::ZERO;
    for code in rental.service_codes() {
        let offer = offers
            .iter()
            .find(|o| o.service == code)
            .ok_or(ApiFailure::Malformed)?;
        total += rent_api::rules::total(offer.price_day, period).ok_or(ApiFailure::Malformed)?;
    }
    Ok(total)
}
