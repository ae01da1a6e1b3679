//! The HTTP client: one async function per rent.php method and getBalance, built on
//! gloo-net and `rent-api`. It is handed its address and key (the settings make it, see
//! `Settings::api`), so it depends on nothing above it; components never build URLs.

mod current;
mod early;
mod error;
mod fetch;

pub use error::ApiFailure;

use rent_api::{decode, Country, CreatedRental, Money, NumberType, Period, Rental, Request};
use rent_api::{ArchivedRental, Inbox, RestoreQuote, ServiceOffer};

/// What a call gives: the data, or why not.
pub type ApiResult<T> = Result<T, ApiFailure>;

/// A client for the API address and key in force when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
    key: Option<String>,
    /// The click a paid call belongs to (`rid=`, which the live API ignores): the sandbox
    /// and its proxy answer a repeat of it with the first answer instead of a second charge.
    request_id: Option<String>,
}

/// How long a read may take before it is given up.
const READ_TIMEOUT_MS: u32 = 20_000;
/// How long a paid action may take: longer, since giving up does not undo it.
const PAID_TIMEOUT_MS: u32 = 45_000;

impl Api {
    /// A client for the API at `base` (no trailing slash) with `key`, if one is saved.
    pub fn new(base: String, key: Option<String>) -> Api {
        Api {
            base,
            key,
            request_id: None,
        }
    }

    /// The same client, sending `id` with paid calls.
    pub fn with_request_id(mut self, id: &str) -> Api {
        self.request_id = Some(id.to_owned());
        self
    }

    /// The same client with another key, to check a key before saving it.
    pub fn with_key(mut self, key: &str) -> Api {
        self.key = Some(key.trim().to_owned());
        self
    }

    fn key(&self) -> ApiResult<String> {
        self.key.clone().ok_or(ApiFailure::NoKey)
    }

    /// Sends one rent.php request; the body of the answer.
    async fn call(&self, request: Request) -> ApiResult<String> {
        let url = self.url_of(&request);
        // A paid action is never cut off when its view goes away: the charge may already
        // have happened, and its answer must still land. Only reads take boot.js's answers.
        if request.is_paid() {
            fetch::get(&url, PAID_TIMEOUT_MS, false, None).await
        } else {
            fetch::get(&url, READ_TIMEOUT_MS, true, early::take(&url)).await
        }
    }

    /// The address of one rent.php request.
    fn url_of(&self, request: &Request) -> String {
        let mut query = request.to_query();
        if let (true, Some(id)) = (request.is_paid(), &self.request_id) {
            query.push(("rid", id.clone()));
        }
        fetch::url(&format!("{}/api/rent.php", self.base), &query)
    }

    /// `getcountries`.
    pub async fn countries(&self) -> ApiResult<Vec<Country>> {
        Ok(decode::countries(&self.call(Request::GetCountries).await?)?)
    }

    /// `getdata`: services, day prices and counts of a country for a period.
    pub async fn services(
        &self,
        country: String,
        period: Period,
        rent_type: NumberType,
    ) -> ApiResult<Vec<ServiceOffer>> {
        let request = Request::GetData {
            country,
            period,
            rent_type: Some(rent_type),
            extend: false,
        };
        Ok(decode::services(&self.call(request).await?)?)
    }

    /// `create`: rents a number, from `provider` when one is named.
    pub async fn create(
        &self,
        country: String,
        service: String,
        period: Period,
        rent_type: NumberType,
        provider: Option<String>,
    ) -> ApiResult<CreatedRental> {
        let request = Request::Create {
            apikey: self.key()?,
            period,
            country,
            service,
            rent_type: Some(rent_type),
            provider,
            partner_key: None,
        };
        Ok(decode::created(&self.call(request).await?)?)
    }

    /// `orders`: the current rentals.
    pub async fn orders(&self) -> ApiResult<Vec<Rental>> {
        Ok(decode::orders(&self.orders_answer().await?)?)
    }

    /// `orders`: the answer as it came, for the live list, which decodes it against the
    /// answer before (only changed rentals) and shares it with other tabs as it is.
    pub async fn orders_answer(&self) -> ApiResult<String> {
        let request = Request::Orders {
            apikey: self.key()?,
        };
        self.call(request).await
    }

    /// `add_service_to_order`, for `days` days (the rest of the rental when `None`).
    pub async fn add_service(
        &self,
        rental: &Rental,
        service: String,
        days: Option<u32>,
    ) -> ApiResult<()> {
        let request = Request::AddService {
            apikey: self.key()?,
            id: rental.id,
            service,
            pnumber: rental.full_number(),
            rent_days: days,
        };
        decode::added_service(&self.call(request).await?)?;
        Ok(())
    }

    /// `sms`: a rental's messages.
    pub async fn sms(&self, id: i64) -> ApiResult<Inbox> {
        let request = Request::Sms {
            apikey: self.key()?,
            id,
        };
        Ok(decode::sms(&self.call(request).await?)?)
    }

    /// `prolong`.
    pub async fn prolong(&self, id: i64, period: Period) -> ApiResult<()> {
        let request = Request::Prolong {
            apikey: self.key()?,
            id,
            period,
        };
        decode::order_ref(&self.call(request).await?)?;
        Ok(())
    }

    /// `activate`.
    pub async fn activate(&self, id: i64) -> ApiResult<()> {
        let request = Request::Activate {
            apikey: self.key()?,
            id,
        };
        decode::order_ref(&self.call(request).await?)?;
        Ok(())
    }

    /// `delete`.
    pub async fn delete(&self, id: i64) -> ApiResult<()> {
        let request = Request::Delete {
            apikey: self.key()?,
            id,
        };
        decode::order_ref(&self.call(request).await?)?;
        Ok(())
    }

    /// `get_rent_history`: one page of the archive.
    pub async fn history(&self, skip: u32, take: u32) -> ApiResult<Vec<ArchivedRental>> {
        let request = Request::History {
            apikey: self.key()?,
            skip,
            take,
        };
        Ok(decode::history(&self.call(request).await?)?)
    }

    /// `restore_user_precalc`: what restoring would cost.
    pub async fn restore_quote(&self, id: i64) -> ApiResult<RestoreQuote> {
        let request = Request::RestorePrecalc {
            apikey: self.key()?,
            id,
        };
        Ok(decode::restore_quote(&self.call(request).await?)?)
    }

    /// `restore_user`: restores; the new id when the API names one.
    pub async fn restore(&self, id: i64) -> ApiResult<Option<i64>> {
        let request = Request::Restore {
            apikey: self.key()?,
            id,
        };
        Ok(decode::restored(&self.call(request).await?)?)
    }

    /// `getBalance` of handler_api.php.
    pub async fn balance(&self) -> ApiResult<Money> {
        let key = self.key()?;
        let url = fetch::url(
            &format!("{}/stubs/handler_api.php", self.base),
            &[("api_key", key), ("action", "getBalance".to_owned())],
        );
        Ok(decode::balance(
            &fetch::get(&url, READ_TIMEOUT_MS, true, None).await?,
        )?)
    }
}

/// The sandbox's demo key, when the app is served by rentdesk-sandbox.
pub async fn sandbox_demo_key() -> Option<String> {
    #[derive(serde::Deserialize)]
    struct SandboxInfo {
        demo_key: String,
    }
    let body = fetch::get("/sandbox.json", READ_TIMEOUT_MS, true, None)
        .await
        .ok()?;
    serde_json::from_str::<SandboxInfo>(&body)
        .ok()
        .map(|info| info.demo_key)
}
