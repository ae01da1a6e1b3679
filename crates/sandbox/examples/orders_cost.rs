//! Times one uncached `orders` computation with 1,000 rentals, split into its parts.
//! Run: `cargo run --release -p rentdesk-sandbox --example orders_cost`.

use rentdesk_sandbox::store::{BulkRentals, Store, Timings};
use std::time::Instant;

fn main() {
    let mut conn = rentdesk_sandbox::db::open(":memory:").unwrap();
    rentdesk_sandbox::demo::seed(&mut conn).unwrap();
    let store = Store::new(conn, Timings::DEMO).unwrap();
    store
        .ensure_key("bench", rent_api::Money::from_cents(100))
        .unwrap();
    store
        .bulk_rentals(&BulkRentals {
            apikey: "bench".into(),
            count: 1000,
            country: None,
            service: None,
            days: None,
            expired: false,
        })
        .unwrap();
    let request = || rent_api::Request::Orders {
        apikey: "bench".into(),
    };
    let runs = 200;
    let start = Instant::now();
    let mut data = None;
    for _ in 0..runs {
        data = Some(store.handle(request()).outcome.unwrap());
    }
    let compute = start.elapsed() / runs;
    let data = data.unwrap();
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(serde_json::to_string(&data).unwrap());
    }
    let serialize = start.elapsed() / runs;
    println!("orders with 1,000 rentals: compute {compute:?}, serialize {serialize:?} per call");
}
