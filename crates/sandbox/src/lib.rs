//! `rentdesk-sandbox`: a faithful SMSPVA rent.php server on SQLite, with demo data, a
//! simulator of activation and SMS arrival, an admin interface for tests, a switch to the
//! live API's answer variants, and a same-origin proxy to a real API.

pub mod answer;
mod compress;
pub mod db;
pub mod demo;
pub mod fault;
mod proxy;
pub mod replay;
mod simulator;
mod static_files;
pub mod store;
mod web;

use rent_api::Money;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use store::{Store, Timings};

/// How a sandbox runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (port 0 picks a free one).
    pub listen: SocketAddr,
    /// Database file, or `:memory:`.
    pub db: String,
    /// The built app to serve at `/`.
    pub dist: PathBuf,
    /// The demo key; a random one is made (and kept in the database) when `None`.
    pub demo_key: Option<String>,
    /// Whether `/admin/*` is served (to loopback clients only).
    pub admin: bool,
    /// Answer in the live API's variant shapes.
    pub variants: bool,
    /// Forward rent.php and handler_api.php to this API instead of answering.
    pub upstream: Option<String>,
    /// Activation queue and active window.
    pub timings: Timings,
    /// Seconds between demo SMS to active numbers; 0 turns them off.
    pub demo_sms_every: u64,
    /// Cache read-only answers until a write or the next timed change (on by default;
    /// off only to benchmark the uncached path).
    pub answer_cache: bool,
    /// Faults in force from the start (see [`fault`]).
    pub faults: Vec<fault::FaultRule>,
    /// API addresses besides this origin that the app may call (its CSP `connect-src`).
    pub connect_src: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: "rentdesk-sandbox.db".into(),
            dist: PathBuf::from("dist"),
            demo_key: None,
            admin: false,
            variants: false,
            upstream: None,
            timings: Timings::DEMO,
            demo_sms_every: 0,
            answer_cache: true,
            faults: Vec::new(),
            connect_src: Vec::new(),
        }
    }
}

/// The demo key's balance when it is first created.
pub const DEMO_BALANCE: Money = Money::from_cents(10_000);

/// A started sandbox.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The demo API key (none in proxy mode).
    pub demo_key: Option<String>,
    /// The store, for tests that look behind the HTTP answers.
    pub store: Option<Arc<Store>>,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops serving and waits until the listener is closed.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

/// Opens the database (seeding demo data on first start), binds, and serves.
pub async fn start(config: Config) -> Result<Running, Box<dyn std::error::Error + Send + Sync>> {
    let (store, demo_key) = match &config.upstream {
        Some(_) => (None, None),
        None => {
            let mut conn = db::open(&config.db)?;
            demo::seed(&mut conn)?;
            let store = Arc::new(Store::new(conn, config.timings)?);
            let key = demo_key(&store, config.demo_key.clone())?;
            (Some(store), Some(key))
        }
    };
    let state = web::AppState::new(&config, store.clone(), demo_key.clone())?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    if let (Some(store), true) = (&store, config.demo_sms_every > 0) {
        simulator::spawn(store.clone(), config.demo_sms_every);
    }
    let (shutdown, on_shutdown) = tokio::sync::oneshot::channel::<()>();
    let app = web::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = on_shutdown.await;
            })
            .await
    });
    Ok(Running {
        addr,
        demo_key,
        store,
        shutdown,
        task,
    })
}

/// The demo key: the one asked for, else the one this database already has, else new.
fn demo_key(store: &Store, wanted: Option<String>) -> Result<String, store::Refusal> {
    let key = match wanted {
        Some(key) => key,
        None => match store.meta("demo_key")? {
            Some(key) => key,
            None => store::random_key(),
        },
    };
    store.ensure_key(&key, DEMO_BALANCE)?;
    store.set_meta("demo_key", &key)?;
    Ok(key)
}
