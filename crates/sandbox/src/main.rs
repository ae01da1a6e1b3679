//! `rentdesk-sandbox`: run a faithful rent.php server, or talk to a running one's admin
//! interface. `rentdesk-sandbox --help` explains every flag.

use clap::{Args, Parser, Subcommand};
use rentdesk_sandbox::store::Timings;
use rentdesk_sandbox::{start, Config};
use std::net::SocketAddr;
use std::path::PathBuf;

/// A faithful SMSPVA rent.php server on SQLite with demo data, a simulator, an admin
/// interface for tests, and a same-origin proxy to a real API. Serves the built app at `/`.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    #[command(flatten)]
    serve: ServeArgs,
    #[command(subcommand)]
    admin: Option<AdminCommand>,
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// SQLite database file (created with demo data on first start), or `:memory:`.
    #[arg(long, default_value = "rentdesk-sandbox.db")]
    db: String,
    /// The built app to serve at `/` (trunk's output).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Use this demo API key instead of a generated one.
    #[arg(long)]
    demo_key: Option<String>,
    /// Serve the admin interface (/admin/*) to loopback clients.
    #[arg(long)]
    admin: bool,
    /// Answer in the shapes the live API is seen to send (string numbers, wrapped lists…).
    #[arg(long)]
    real_api_variants: bool,
    /// Forward rent.php and handler_api.php to this real API (e.g. https://smspva.com).
    #[arg(long, value_name = "URL")]
    upstream: Option<String>,
    /// Use the live service's timings: 10–15 min activation queue, 10–30 min active.
    #[arg(long)]
    real_timings: bool,
    /// Seconds in the activation queue, `N` or `MIN-MAX` (demo default 20-40).
    #[arg(long, value_name = "SECS", value_parser = parse_range)]
    queue_secs: Option<(i64, i64)>,
    /// Seconds a number stays active after activation, `N` or `MIN-MAX` (demo default 180-300).
    #[arg(long, value_name = "SECS", value_parser = parse_range)]
    active_secs: Option<(i64, i64)>,
    /// Seconds between demo SMS to active numbers; 0 turns them off.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    demo_sms_every: u64,
    /// Make a method (or `*`) fail, e.g. `orders=html502`; kinds: html502, empty,
    /// truncated, rate_limited, slow, drop, wrong_types, missing_fields, unknown_msg, huge,
    /// drop_after (done, then the connection dropped).
    /// Repeatable; `POST /admin/fault` changes them at run time.
    #[arg(long, value_name = "METHOD=KIND", value_parser = parse_fault)]
    fault: Vec<rentdesk_sandbox::fault::FaultRule>,
    /// Another API address the app may call (added to its CSP `connect-src`); repeatable.
    #[arg(long, value_name = "URL")]
    connect_src: Vec<String>,
    /// Compute every read afresh (only to benchmark the uncached path).
    #[arg(long, hide = true)]
    no_answer_cache: bool,
}

/// Admin calls to a sandbox already running with `--admin`.
#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Deliver an SMS to a rental.
    Sms {
        /// Rental (order) id.
        #[arg(long)]
        id: i64,
        /// Sender.
        #[arg(long, default_value = "rentdesk")]
        sender: String,
        /// Message text.
        #[arg(long)]
        text: String,
        #[command(flatten)]
        to: Server,
    },
    /// Move the sandbox clock forward.
    Clock {
        /// Minutes to advance.
        #[arg(long, default_value_t = 0)]
        minutes: i64,
        /// Days to advance.
        #[arg(long, default_value_t = 0)]
        days: i64,
        #[command(flatten)]
        to: Server,
    },
    /// Top up a key's balance.
    TopUp {
        /// The API key.
        #[arg(long)]
        key: String,
        /// Amount in USD, e.g. 12.50.
        #[arg(long)]
        amount: String,
        #[command(flatten)]
        to: Server,
    },
    /// Create an API key with a balance.
    NewKey {
        /// The key (random when left out).
        #[arg(long)]
        key: Option<String>,
        /// Balance in USD.
        #[arg(long, default_value = "0")]
        balance: String,
        #[command(flatten)]
        to: Server,
    },
}

#[derive(Args, Debug)]
struct Server {
    /// The running sandbox.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    server: String,
}

fn parse_fault(text: &str) -> Result<rentdesk_sandbox::fault::FaultRule, String> {
    let (method, kind) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?} is not METHOD=KIND"))?;
    Ok(rentdesk_sandbox::fault::FaultRule {
        method: method.to_owned(),
        kind: Some(kind.parse()?),
        times: None,
        after: None,
    })
}

fn parse_range(text: &str) -> Result<(i64, i64), String> {
    let parse = |s: &str| {
        s.trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=86_400).contains(n))
            .ok_or_else(|| format!("{s:?} is not a number of seconds (0–86400)"))
    };
    let (low, high) = match text.split_once('-') {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(text)?, parse(text)?),
    };
    if low > high {
        return Err(format!("{low} is more than {high}"));
    }
    Ok((low, high))
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let result = match cli.admin {
        Some(command) => admin(command).await,
        None => serve(cli.serve).await,
    };
    if let Err(e) = result {
        eprintln!("rentdesk-sandbox: {e}");
        std::process::exit(1);
    }
}

type Fallible = Result<(), Box<dyn std::error::Error + Send + Sync>>;

async fn serve(args: ServeArgs) -> Fallible {
    let base = if args.real_timings {
        Timings::REAL
    } else {
        Timings::DEMO
    };
    let config = Config {
        listen: args.listen,
        db: args.db,
        dist: args.dist,
        demo_key: args.demo_key,
        admin: args.admin,
        variants: args.real_api_variants,
        upstream: args.upstream,
        timings: Timings {
            queue: args.queue_secs.unwrap_or(base.queue),
            active: args.active_secs.unwrap_or(base.active),
        },
        demo_sms_every: args.demo_sms_every,
        answer_cache: !args.no_answer_cache,
        faults: args.fault,
        connect_src: args.connect_src,
    };
    let upstream = config.upstream.clone();
    let running = start(config).await?;
    // Tests read this line to find the port: keep its form.
    println!("rentdesk sandbox listening on http://{}", running.addr);
    match (&running.demo_key, upstream) {
        (Some(key), _) => println!(
            "demo API key: {key} (balance {} USD at first start)",
            rentdesk_sandbox::DEMO_BALANCE
        ),
        (None, Some(url)) => println!("proxying rent.php and handler_api.php to {url}"),
        (None, None) => {}
    }
    tokio::signal::ctrl_c().await?;
    running.stop().await;
    Ok(())
}

async fn admin(command: AdminCommand) -> Fallible {
    let (server, path, body) = match command {
        AdminCommand::Sms {
            id,
            sender,
            text,
            to,
        } => (
            to.server,
            "sms",
            serde_json::json!({ "id": id, "sender": sender, "text": text }),
        ),
        AdminCommand::Clock { minutes, days, to } => (
            to.server,
            "clock",
            serde_json::json!({ "advance_minutes": minutes, "advance_days": days }),
        ),
        AdminCommand::TopUp { key, amount, to } => (
            to.server,
            "balance",
            serde_json::json!({ "apikey": key, "amount": amount }),
        ),
        AdminCommand::NewKey { key, balance, to } => (
            to.server,
            "keys",
            serde_json::json!({ "apikey": key, "balance": balance }),
        ),
    };
    let url = format!("{}/admin/{path}", server.trim_end_matches('/'));
    let response = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await?;
    let status = response.status();
    let text = response.text().await?;
    println!("{text}");
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("{url} answered {status}").into())
    }
}
