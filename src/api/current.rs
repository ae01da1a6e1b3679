//! The calls of the current rent API beyond the seed's twelve: several services on one
//! number, operators, the service-first search, prolonging by days.

use super::{early, Api, ApiResult};
use rent_api::{decode, CountryOffer, CreatedRental, DefaultService, NumberType, OperatorList};
use rent_api::{Period, Request, ServiceList};

impl Api {
    /// `getdata` with `extend`: the services with their volume discounts, and the answer
    /// as the API sent it (kept for the next visit).
    pub async fn offers_answer(
        &self,
        country: String,
        period: Period,
        rent_type: NumberType,
    ) -> ApiResult<(ServiceList, String)> {
        let answer = self
            .call(offers_request(country, period, rent_type))
            .await?;
        Ok((decode::service_list(&answer)?, answer))
    }

    /// The address [`Api::offers_answer`] asks: what a kept catalogue is kept under.
    pub fn offers_url(&self, country: String, period: Period, rent_type: NumberType) -> String {
        self.url_of(&offers_request(country, period, rent_type))
    }

    /// `getdataWithProviders`: the country's operators and each service's stock per operator.
    pub async fn operators(
        &self,
        country: String,
        period: Period,
        rent_type: NumberType,
    ) -> ApiResult<OperatorList> {
        let request = operators_request(country, period, rent_type);
        Ok(decode::operator_list(&self.call(request).await?)?)
    }

    /// Leaves the rent page's first reads for `country`, `period` and `rent_type` for
    /// boot.js to send at the next start (see `early`): the countries, then what
    /// [`Api::offers_answer`] and [`Api::operators`] ask.
    pub fn remember_first_reads(&self, country: &str, period: Period, rent_type: NumberType) {
        let (c, p, k) = (country.to_owned(), period, rent_type);
        let reads = [
            Request::GetCountries,
            offers_request(c.clone(), p, k),
            operators_request(c, p, k),
        ];
        early::remember(&reads.map(|r| self.url_of(&r)));
    }

    /// `get_count_multi`: numbers that can take all `services` at once.
    pub async fn count_multi(
        &self,
        country: String,
        services: Vec<String>,
        period: Period,
        rent_type: NumberType,
    ) -> ApiResult<i64> {
        let request = Request::CountMulti {
            country,
            services,
            period,
            rent_type: Some(rent_type),
        };
        Ok(decode::multi_count(&self.call(request).await?)?)
    }

    /// `create_multi`: one number for all `services`, from `provider` when one is named.
    pub async fn create_multi(
        &self,
        country: String,
        services: Vec<String>,
        period: Period,
        rent_type: NumberType,
        provider: Option<String>,
    ) -> ApiResult<CreatedRental> {
        let request = Request::CreateMulti {
            apikey: self.key()?,
            period,
            country,
            services,
            rent_type: Some(rent_type),
            provider,
            partner_key: None,
        };
        Ok(decode::created(&self.call(request).await?)?)
    }

    /// `prolong_max` with `dtype=day`: prolongs by `days` days.
    pub async fn prolong_days(&self, id: i64, days: u32) -> ApiResult<()> {
        let request = Request::ProlongDays {
            apikey: self.key()?,
            id,
            days,
        };
        decode::order_ref(&self.call(request).await?)?;
        Ok(())
    }

    /// `get_default_services`: every service with its lowest day price.
    pub async fn default_services(&self) -> ApiResult<Vec<DefaultService>> {
        Ok(decode::default_services(
            &self.call(Request::DefaultServices).await?,
        )?)
    }

    /// `get_country_by_service`: where `service` can be rented for `period`.
    pub async fn countries_for_service(
        &self,
        service: String,
        period: Period,
    ) -> ApiResult<Vec<CountryOffer>> {
        let request = Request::CountriesByService { service, period };
        Ok(decode::countries_by_service(&self.call(request).await?)?)
    }
}

fn offers_request(country: String, period: Period, rent_type: NumberType) -> Request {
    Request::GetData {
        country,
        period,
        rent_type: Some(rent_type),
        extend: true,
    }
}

fn operators_request(country: String, period: Period, rent_type: NumberType) -> Request {
    Request::GetDataWithProviders {
        country,
        period,
        rent_type: Some(rent_type),
        extend: false,
    }
}
