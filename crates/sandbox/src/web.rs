//! The HTTP face: rent.php, getBalance, the admin interface, and the built app.

use crate::answer::answer;
use crate::fault::{FaultRule, Faults, Injected};
use crate::proxy::Proxy;
use crate::replay::{self, Recorded, Replays};
use crate::store::{BulkRentals, Refusal, SmsDelivery, Store};
use crate::Config;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::{Json, Router};
use rent_api::{Money, Request};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tower_http::set_header::SetResponseHeaderLayer;

/// A serialized read-only answer and how long it holds.
struct Cached {
    generation: u64,
    fresh_until: i64,
    body: Bytes,
}

/// The most cached answers kept; past it the cache starts over (hostile keys can't grow it).
const CACHE_CAP: usize = 4096;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    store: Option<Arc<Store>>,
    cache: Arc<Mutex<HashMap<String, Cached>>>,
    proxy: Option<Arc<Proxy>>,
    variants: bool,
    admin: bool,
    answer_cache: bool,
    demo_key: Option<String>,
    faults: Arc<Faults>,
    replays: Arc<Replays>,
    dist: PathBuf,
    csp: HeaderValue,
}

impl AppState {
    /// State for `config`; `store` is `None` in proxy mode.
    pub fn new(
        config: &Config,
        store: Option<Arc<Store>>,
        demo_key: Option<String>,
    ) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
        let proxy = match &config.upstream {
            Some(url) => Some(Arc::new(Proxy::new(url)?)),
            None => None,
        };
        Ok(AppState {
            store,
            cache: Arc::default(),
            proxy,
            variants: config.variants,
            admin: config.admin,
            answer_cache: config.answer_cache,
            demo_key,
            faults: {
                let faults = Faults::default();
                for rule in &config.faults {
                    faults.set(rule.clone());
                }
                Arc::new(faults)
            },
            replays: Arc::default(),
            dist: config.dist.clone(),
            csp: content_security_policy(&config.connect_src)?,
        })
    }
}

/// The policy the build also writes into `index.html` and the deploy configurations send.
const POLICY: &str = include_str!("../../../deploy/csp.txt");

/// The app's Content-Security-Policy: scripts only from this origin (no inline script;
/// WebAssembly allowed), API calls only to this origin and the addresses the deployment
/// names, no framing.
fn content_security_policy(
    connect_src: &[String],
) -> Result<HeaderValue, Box<dyn std::error::Error + Send + Sync>> {
    for url in connect_src {
        if !(url.starts_with("http://") || url.starts_with("https://"))
            || url.contains([' ', ';', ',', '\'', '"'])
        {
            return Err(format!("--connect-src must be an http(s) URL, not {url:?}").into());
        }
    }
    let extra: String = connect_src
        .iter()
        .map(|u| format!(" {}", u.trim_end_matches('/')))
        .collect();
    let policy = POLICY
        .trim()
        .replace("connect-src 'self'", &format!("connect-src 'self'{extra}"));
    Ok(HeaderValue::from_str(&policy)?)
}

/// The whole router.
pub fn router(state: AppState) -> Router {
    let csp = state.csp.clone();
    let app = crate::static_files::service(&state.dist, &csp);
    let mut router = Router::new()
        .route("/api/rent.php", any(rent))
        .route("/stubs/handler_api.php", any(handler_api))
        .layer(crate::compress::answers())
        .route("/sandbox.json", axum::routing::get(sandbox_info));
    if state.admin && state.store.is_some() {
        router = router.merge(admin_routes());
    }
    router
        .fallback_service(app)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
}

fn cors(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn json_answer(value: Value) -> Response {
    cors(Json(value).into_response())
}

fn parse_query(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// `rent.php`: GET only, every method, each error a `status: 0` with a `msg`. A call with
/// a request id (`rid`) is done once; a repeat gets the first answer (see [`replay`]).
async fn rent(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = parse_query(raw.as_deref());
    if let Some(proxy) = state.proxy.clone() {
        return match replay::request_id(&query) {
            Some(id) => {
                replayed(
                    &state,
                    id,
                    async move { proxy.recorded(&method, &uri).await },
                )
                .await
            }
            None => cors(proxy.forward(&method, &uri).await),
        };
    }
    if method == Method::OPTIONS {
        return cors(StatusCode::NO_CONTENT.into_response());
    }
    let named = query
        .iter()
        .find(|(k, _)| k == "method")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    let drop_after = match state.faults.inject(named) {
        Some(Injected::DropAfter) => true,
        Some(injected) => return faulty(injected).await,
        None => false,
    };
    let response = match replay::request_id(&query) {
        Some(id) => {
            let state2 = state.clone();
            replayed(&state, id, async move {
                Recorded::json(answer_rent(&state2, &method, &query).await)
            })
            .await
        }
        None => json_bytes(answer_rent(&state, &method, &query).await),
    };
    if drop_after {
        return faulty(Injected::DropAfter).await;
    }
    response
}

/// The answer of `work`, once per key and request id.
async fn replayed(
    state: &AppState,
    id: (String, String, String),
    work: impl std::future::Future<Output = Recorded> + Send + 'static,
) -> Response {
    match state.replays.once(id, work).await {
        Ok(recorded) => cors(recorded.into_response()),
        Err(replay::Refused::Reused) => json_answer(
            json!({ "status": 0, "msg": "This request id was already used for another request" }),
        ),
        Err(replay::Refused::Lost) => json_answer(json!({ "status": 0, "msg": "Internal error" })),
    }
}

/// The JSON answer of one rent.php call.
async fn answer_rent(state: &AppState, method: &Method, query: &[(String, String)]) -> Bytes {
    let text = |v: Value| Bytes::from(v.to_string());
    if method != Method::GET {
        return text(json!({ "status": 0, "msg": "Only GET requests are accepted" }));
    }
    let Some(store) = state.store.clone() else {
        return text(json!({ "status": 0, "msg": "No store" }));
    };
    let request = match Request::from_query(query) {
        Ok(request) => request,
        Err(e) => return text(answer(None, Err(Refusal::Msg(e.msg)), state.variants)),
    };
    let cache_key = format!("{request:?}");
    if let Some(body) = state.cached(&store, &cache_key) {
        return body;
    }
    let variants = state.variants;
    let response = tokio::task::spawn_blocking(move || {
        let mut answered = store.handle(request.clone());
        if let (Request::History { apikey, .. }, Ok(Value::Array(rows))) =
            (&request, &mut answered.outcome)
        {
            mark_restorable(&store, apikey, rows);
        }
        let cacheable = answered.fresh_until.map(|t| (answered.generation, t));
        let body = Bytes::from(answer(Some(&request), answered.outcome, variants).to_string());
        (body, cacheable)
    })
    .await;
    match response {
        Ok((body, cacheable)) => {
            if let (Some((generation, fresh_until)), true) = (cacheable, state.answer_cache) {
                state.remember(cache_key, generation, fresh_until, body.clone());
            }
            body
        }
        Err(_) => text(json!({ "status": 0, "msg": "Internal error" })),
    }
}

impl AppState {
    /// A cached answer that no write and no passing time has made stale.
    fn cached(&self, store: &Store, key: &str) -> Option<Bytes> {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .get(key)
            .filter(|c| c.generation == store.generation() && store.now() < c.fresh_until)
            .map(|c| c.body.clone())
    }

    fn remember(&self, key: String, generation: u64, fresh_until: i64, body: Bytes) {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= CACHE_CAP {
            cache.clear();
        }
        cache.insert(
            key,
            Cached {
                generation,
                fresh_until,
                body,
            },
        );
    }
}

fn json_bytes(body: Bytes) -> Response {
    cors(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Answers as a fault says: a bad answer, or a connection that breaks (after a stall).
async fn faulty(injected: Injected) -> Response {
    let broken = || {
        let failing = futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::other("fault: connection dropped"))
        });
        cors(Response::new(axum::body::Body::from_stream(failing)))
    };
    match injected {
        Injected::Answer(response) => response,
        Injected::Drop => broken(),
        // The status line goes out first, so the browser cannot resend the request (a
        // resend on a reused connection is what request ids are for): the app sees a
        // connection that broke before the answer's body.
        Injected::DropAfter => {
            use futures_util::StreamExt;
            let started = futures_util::stream::once(async { Ok(Bytes::from_static(b" ")) });
            let failing = futures_util::stream::once(async {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                Err::<Bytes, std::io::Error>(std::io::Error::other("fault: connection dropped"))
            });
            cors(Response::new(axum::body::Body::from_stream(
                started.chain(failing),
            )))
        }
        Injected::Stall(wait) => {
            tokio::time::sleep(wait).await;
            broken()
        }
    }
}

/// The live API's `isAvailForRestore` on archive rows.
fn mark_restorable(store: &Store, apikey: &str, rows: &mut [Value]) {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r["orderId"].as_i64()).collect();
    if let Ok(flags) = store.restorable(apikey, &ids) {
        for (row, flag) in rows.iter_mut().zip(flags) {
            row["isAvailForRestore"] = json!(flag);
        }
    }
}

/// Tells the app it runs on the sandbox, and its demo key (404 in proxy mode, as on any
/// real API host).
async fn sandbox_info(State(state): State<AppState>) -> Response {
    match &state.demo_key {
        Some(key) => json_answer(json!({ "sandbox": true, "demo_key": key })),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// `handler_api.php?action=getBalance`: plain text, as SMSPVA's activation API answers.
async fn handler_api(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Some(proxy) = &state.proxy {
        return cors(proxy.forward(&method, &uri).await);
    }
    if let Some(injected) = state.faults.inject("getBalance") {
        return faulty(injected).await;
    }
    let query = parse_query(raw.as_deref());
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let text = match (get("action").as_deref(), get("api_key"), &state.store) {
        (Some("getBalance"), Some(key), Some(store)) => {
            let key2 = key.clone();
            let store = store.clone();
            match tokio::task::spawn_blocking(move || store.balance(&key2)).await {
                Ok(Ok(Some(balance))) => format!("ACCESS_BALANCE:{balance}"),
                Ok(Ok(None)) => "BAD_KEY".to_owned(),
                _ => "ERROR_SQL".to_owned(),
            }
        }
        (Some("getBalance"), None, _) => "BAD_KEY".to_owned(),
        _ => "BAD_ACTION".to_owned(),
    };
    cors(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}

fn admin_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/sms", post(admin_sms))
        .route("/admin/clock", post(admin_clock))
        .route("/admin/balance", post(admin_balance))
        .route("/admin/keys", post(admin_keys))
        .route("/admin/stock", post(admin_stock))
        .route("/admin/catalogue", post(admin_catalogue))
        .route("/admin/retire", post(admin_retire))
        .route("/admin/rentals", post(admin_rentals))
        .route("/admin/numbers", post(admin_numbers))
        .route("/admin/fault", post(admin_fault))
}

type AdminResult = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn bad(status: StatusCode, msg: impl Into<String>) -> (StatusCode, Json<Value>) {
    (status, Json(json!({ "ok": false, "error": msg.into() })))
}

/// Refuses anyone but loopback, then parses the body.
fn admin_body<T>(
    peer: SocketAddr,
    state: &AppState,
    body: Result<Json<T>, JsonRejection>,
) -> Result<(T, Arc<Store>), (StatusCode, Json<Value>)> {
    if !peer.ip().is_loopback() {
        return Err(bad(
            StatusCode::FORBIDDEN,
            "the admin interface answers loopback only",
        ));
    }
    let store = state
        .store
        .clone()
        .ok_or_else(|| bad(StatusCode::NOT_FOUND, "no store in proxy mode"))?;
    let Json(body) = body.map_err(|e| bad(StatusCode::BAD_REQUEST, e.body_text()))?;
    Ok((body, store))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Refusal> + Send + 'static,
) -> Result<T, (StatusCode, Json<Value>)> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(Refusal::Msg(msg))) => Err(bad(StatusCode::UNPROCESSABLE_ENTITY, msg)),
        Ok(Err(Refusal::Restore(code))) => Err(bad(StatusCode::UNPROCESSABLE_ENTITY, code.code())),
        Err(_) => Err(bad(StatusCode::INTERNAL_SERVER_ERROR, "internal error")),
    }
}

async fn admin_sms(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<SmsDelivery>, JsonRejection>,
) -> AdminResult {
    let (sms, store) = admin_body(peer, &state, body)?;
    blocking(move || store.deliver_sms(&sms)).await?;
    Ok(Json(json!({ "ok": true })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockBody {
    #[serde(default)]
    advance_minutes: i64,
    #[serde(default)]
    advance_days: i64,
}

async fn admin_clock(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<ClockBody>, JsonRejection>,
) -> AdminResult {
    let (clock, store) = admin_body(peer, &state, body)?;
    let minutes = clock
        .advance_days
        .checked_mul(1440)
        .and_then(|m| m.checked_add(clock.advance_minutes))
        .ok_or_else(|| bad(StatusCode::BAD_REQUEST, "advance out of range"))?;
    let now = blocking(move || store.advance_clock(minutes)).await?;
    Ok(Json(json!({ "ok": true, "now": now })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BalanceBody {
    apikey: String,
    amount: Money,
}

async fn admin_balance(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<BalanceBody>, JsonRejection>,
) -> AdminResult {
    let (top_up, store) = admin_body(peer, &state, body)?;
    let balance = blocking(move || store.top_up(&top_up.apikey, top_up.amount)).await?;
    Ok(Json(json!({ "ok": true, "balance": balance })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyBody {
    #[serde(default)]
    apikey: Option<String>,
    #[serde(default)]
    balance: Option<Money>,
}

async fn admin_keys(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<KeyBody>, JsonRejection>,
) -> AdminResult {
    let (key, store) = admin_body(peer, &state, body)?;
    let balance = key.balance.unwrap_or(Money::ZERO);
    let apikey = blocking(move || store.create_key(key.apikey.as_deref(), balance)).await?;
    Ok(Json(
        json!({ "ok": true, "apikey": apikey, "balance": balance }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StockBody {
    country: String,
    service: String,
    remaining: Option<u32>,
}

async fn admin_stock(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<StockBody>, JsonRejection>,
) -> AdminResult {
    let (stock, store) = admin_body(peer, &state, body)?;
    blocking(move || store.set_stock(&stock.country, &stock.service, stock.remaining)).await?;
    Ok(Json(json!({ "ok": true })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueBody {
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    enabled: Option<bool>,
    /// A new name, as the API will send it (tests of hostile text).
    #[serde(default)]
    name: Option<String>,
    /// A service's new base price in thousandths of a dollar a day (a price change
    /// between two visits).
    #[serde(default)]
    price_mills: Option<i64>,
}

async fn admin_catalogue(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<CatalogueBody>, JsonRejection>,
) -> AdminResult {
    let (item, store) = admin_body(peer, &state, body)?;
    let (table, code) = match (item.country, item.service) {
        (Some(c), None) => ("countries", c),
        (None, Some(s)) => ("services", s),
        _ => {
            return Err(bad(
                StatusCode::BAD_REQUEST,
                "name either a country or a service",
            ))
        }
    };
    if item.enabled.is_none() && item.name.is_none() && item.price_mills.is_none() {
        return Err(bad(
            StatusCode::BAD_REQUEST,
            "say enabled, name or price_mills",
        ));
    }
    if item.price_mills.is_some() && table != "services" {
        return Err(bad(StatusCode::BAD_REQUEST, "price_mills is a service's"));
    }
    blocking(move || {
        if let Some(enabled) = item.enabled {
            store.set_enabled(table, &code, enabled)?;
        }
        if let Some(mills) = item.price_mills {
            store.set_base_price(&code, mills)?;
        }
        match &item.name {
            Some(name) => store.set_name(table, &code, name),
            None => Ok(()),
        }
    })
    .await?;
    Ok(Json(json!({ "ok": true })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetireBody {
    id: i64,
}

async fn admin_retire(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<RetireBody>, JsonRejection>,
) -> AdminResult {
    let (retire, store) = admin_body(peer, &state, body)?;
    blocking(move || store.retire_number(retire.id)).await?;
    Ok(Json(json!({ "ok": true })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersBody {
    country: String,
    count: u32,
    #[serde(default)]
    on_request: bool,
}

async fn admin_numbers(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<NumbersBody>, JsonRejection>,
) -> AdminResult {
    let (numbers, store) = admin_body(peer, &state, body)?;
    blocking(move || store.add_numbers(&numbers.country, numbers.count, numbers.on_request))
        .await?;
    Ok(Json(json!({ "ok": true })))
}

async fn admin_rentals(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<BulkRentals>, JsonRejection>,
) -> AdminResult {
    let (bulk, store) = admin_body(peer, &state, body)?;
    let ids = blocking(move || store.bulk_rentals(&bulk)).await?;
    Ok(Json(json!({ "ok": true, "ids": ids })))
}

async fn admin_fault(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<Json<FaultRule>, JsonRejection>,
) -> AdminResult {
    let (rule, _) = admin_body(peer, &state, body)?;
    state.faults.set(rule);
    Ok(Json(json!({ "ok": true })))
}
