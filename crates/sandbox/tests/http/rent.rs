//! Catalogue, renting, the rentals list, extra services and the balance.

use crate::harness::*;
use rent_api::rules::DAY;
use rent_api::{decode, Money, Period, PeriodUnit, RentalState};

#[tokio::test]
async fn countries_come_as_the_live_api_names_them() {
    let sb = Sandbox::new().await;
    let countries = decode::countries(&sb.raw(&[("method", "getcountries")]).await).unwrap();
    assert!(countries.len() >= 10);
    let code = |c: &str| {
        countries
            .iter()
            .find(|x| x.code == c)
            .map(|x| x.name.clone())
    };
    assert_eq!(code("RU").as_deref(), Some("Россия"));
    for c in ["UK", "US", "DE"] {
        assert!(code(c).is_some(), "{c} missing");
    }
    assert_eq!(
        code("GB"),
        None,
        "the United Kingdom is UK, as on the live API"
    );
}

#[tokio::test]
async fn getdata_lists_services_with_period_prices_and_counts() {
    let sb = Sandbox::new().await;
    let week = day_price(&sb, "RU", "opt16", "week", "1", "always").await;
    let month = day_price(&sb, "RU", "opt16", "month", "1", "always").await;
    let quarter = day_price(&sb, "RU", "opt16", "month", "3", "always").await;
    assert!(month < week && quarter < month, "{week} {month} {quarter}");
    let on_request = day_price(&sb, "RU", "opt16", "week", "1", "on_request").await;
    assert!(on_request < week);

    let body = sb.raw(&[("method", "getdata"), ("country", "RU")]).await;
    let services = decode::services(&body).unwrap();
    assert!(services.len() >= 30);
    for code in ["opt46", "opt16", "opt59"] {
        assert!(services.iter().any(|s| s.service == code), "{code} missing");
    }
    let airbnb = services.iter().find(|s| s.service == "opt46").unwrap();
    assert_eq!(airbnb.count, 3, "the demo caps Airbnb in RU at 3");
    let de = sb.raw(&[("method", "getdata"), ("country", "DE")]).await;
    let avito = decode::services(&de)
        .unwrap()
        .into_iter()
        .find(|s| s.service == "opt59")
        .unwrap();
    assert_eq!(avito.count, 0, "Avito is sold out in DE");
    let telegram = |body: &str| {
        decode::services(body)
            .unwrap()
            .into_iter()
            .find(|s| s.service == "opt29")
            .unwrap()
            .count
    };
    let (status, _) = sb
        .admin(
            "numbers",
            serde_json::json!({ "country": "DE", "count": 100 }),
        )
        .await;
    assert_eq!(status, 200);
    let more = sb.raw(&[("method", "getdata"), ("country", "DE")]).await;
    assert_eq!(
        telegram(&more),
        telegram(&de) + 100,
        "added numbers are free stock"
    );

    let unknown = sb.call(&[("method", "getdata"), ("country", "XX")]).await;
    assert_eq!(unknown["status"], 0);
    assert_eq!(unknown["msg"], "Country not found");
    let missing = sb.call(&[("method", "getdata")]).await;
    assert_eq!(missing["msg"], "Missing parameter: country");
}

#[tokio::test]
async fn renting_charges_exactly_the_total_and_lists_the_rental() {
    let sb = Sandbox::new().await;
    let before = sb.balance().await;
    let price = day_price(&sb, "RU", "opt16", "week", "2", "always").await;
    let rental = sb.rent("RU", "opt16", "week", "2", "always").await;
    let total = rent_api::rules::total(price, Period::new(PeriodUnit::Week, 2).unwrap()).unwrap();
    assert_eq!(sb.balance().await, before - total);
    assert_eq!(rental["ccode"], "+7");
    assert_eq!(rental["service"], "opt16");

    let order = sb.order(id_of(&rental)).await.expect("listed in orders");
    assert_eq!(
        order.state,
        RentalState::Active,
        "always-active numbers are state 1"
    );
    assert_eq!(
        rental["until"],
        order.until.to_string(),
        "create's until is a string, as the SDK types it"
    );
    assert_eq!(order.sname, "Instagram (+Threads)");
    assert_eq!(order.cname, "RU");
    assert!(!order.canprolong, "14 days left: too early to prolong");
    assert!(!order.hasnewsms);

    let on_request = sb.rent("RU", "opt16", "week", "1", "on_request").await;
    let order = sb.order(id_of(&on_request)).await.unwrap();
    assert_eq!(
        order.state,
        RentalState::NotActive,
        "on-request numbers start at 0"
    );
}

#[tokio::test]
async fn any_type_prefers_always_active_numbers() {
    let sb = Sandbox::new().await;
    let rental = sb.rent("EE", "opt1", "week", "1", "any").await;
    assert_eq!(
        sb.order(id_of(&rental)).await.unwrap().state,
        RentalState::Active
    );
}

#[tokio::test]
async fn refused_rentals_change_nothing() {
    let sb = Sandbox::new().await;
    sb.new_key("poor", "0.05").await;
    let before_orders = sb.raw(&[("method", "orders"), ("apikey", "poor")]).await;
    let poor = sb
        .call(&[
            ("method", "create"),
            ("apikey", "poor"),
            ("dtype", "week"),
            ("dcount", "1"),
            ("country", "RU"),
            ("service", "opt16"),
        ])
        .await;
    assert_eq!(poor["status"], 0);
    assert!(
        poor["msg"]
            .as_str()
            .unwrap()
            .starts_with("Not enough balance"),
        "{poor}"
    );
    assert_eq!(sb.balance_of("poor").await, Money::from_cents(5));
    assert_eq!(
        sb.raw(&[("method", "orders"), ("apikey", "poor")]).await,
        before_orders
    );

    let before = sb.balance().await;
    let sold_out = sb
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "DE"),
                ("service", "opt59"),
            ],
        )
        .await;
    assert_eq!(sold_out["msg"], "No free numbers for this service");
    let unknown = sb
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "RU"),
                ("service", "opt999"),
            ],
        )
        .await;
    assert_eq!(unknown["msg"], "Service not found");
    let too_long = sb
        .keyed(
            "create",
            &[
                ("dtype", "month"),
                ("dcount", "4"),
                ("country", "RU"),
                ("service", "opt1"),
            ],
        )
        .await;
    assert_eq!(too_long["msg"], "The longest rental is 90 days");
    let no_period = sb
        .keyed("create", &[("country", "RU"), ("service", "opt1")])
        .await;
    assert_eq!(no_period["msg"], "Missing parameter: dtype");
    let bad_key = sb
        .call(&[
            ("method", "create"),
            ("apikey", "nope"),
            ("dtype", "week"),
            ("dcount", "1"),
            ("country", "RU"),
            ("service", "opt1"),
        ])
        .await;
    assert_eq!(bad_key["msg"], "Invalid API key");
    assert_eq!(sb.balance().await, before);
    let orders = sb.keyed("orders", &[]).await;
    assert_eq!(orders["data"], serde_json::json!([]));
}

#[tokio::test]
async fn a_scarce_service_runs_out() {
    let sb = Sandbox::new().await;
    for _ in 0..3 {
        sb.rent("RU", "opt46", "week", "1", "any").await;
    }
    let fourth = sb
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "RU"),
                ("service", "opt46"),
            ],
        )
        .await;
    assert_eq!(fourth["msg"], "No free numbers for this service");
    let body = sb.raw(&[("method", "getdata"), ("country", "RU")]).await;
    let airbnb = decode::services(&body)
        .unwrap()
        .into_iter()
        .find(|s| s.service == "opt46")
        .unwrap();
    assert_eq!(airbnb.count, 0);
}

#[tokio::test]
async fn an_extra_service_is_charged_for_the_days_left() {
    let sb = Sandbox::new().await;
    let rental = sb.rent("RU", "opt16", "week", "1", "always").await;
    let id = id_of(&rental);
    let order = sb.order(id).await.unwrap();
    let full = order.full_number();
    let before = sb.balance().await;
    let price = day_price(&sb, "RU", "opt89", "week", "1", "always").await;
    let added = sb
        .keyed(
            "add_service_to_order",
            &[
                ("id", &id.to_string()),
                ("service", "opt89"),
                ("pnumber", &full),
            ],
        )
        .await;
    let until = sb.order(id).await.unwrap().until;
    assert_eq!(
        added,
        serde_json::json!({ "status": 1, "data": { "id": id, "pnumber": full, "service": "opt89", "until": until } })
    );
    assert_eq!(sb.balance().await, before - price.times(7).unwrap());
    let order = sb.order(id).await.unwrap();
    assert_eq!(order.scode, "opt16,opt89");
    assert_eq!(order.sname, "Instagram (+Threads), imagin");

    let again = sb
        .keyed(
            "add_service_to_order",
            &[
                ("id", &id.to_string()),
                ("service", "opt89"),
                ("pnumber", &full),
            ],
        )
        .await;
    assert_eq!(again["msg"], "This service is already on the order");
    let wrong_number = sb
        .keyed(
            "add_service_to_order",
            &[
                ("id", &id.to_string()),
                ("service", "opt1"),
                ("pnumber", "70000000000"),
            ],
        )
        .await;
    assert_eq!(
        wrong_number["msg"],
        "The phone number does not belong to this order"
    );
    sb.new_key("other", "10").await;
    let not_mine = sb
        .call(&[
            ("method", "add_service_to_order"),
            ("apikey", "other"),
            ("id", &id.to_string()),
            ("service", "opt1"),
            ("pnumber", &full),
        ])
        .await;
    assert_eq!(not_mine["msg"], "Order not found");
    assert_eq!(sb.balance().await, before - price.times(7).unwrap());

    // Three days later, a service costs three and a bit days, a started day in full.
    sb.advance_minutes(3 * 24 * 60 + 30).await;
    let before = sb.balance().await;
    let added = sb
        .keyed(
            "add_service_to_order",
            &[
                ("id", &id.to_string()),
                ("service", "opt1"),
                ("pnumber", &format!("+{full}")),
            ],
        )
        .await;
    assert_eq!(added["status"], 1, "{added}");
    let google = day_price(&sb, "RU", "opt1", "week", "1", "always").await;
    let left = sb.order(id).await.unwrap().until
        - rental["until"].as_str().unwrap().parse::<i64>().unwrap()
        + 4 * DAY;
    assert_eq!(left / DAY, 4);
    assert_eq!(sb.balance().await, before - google.times(4).unwrap());
}

#[tokio::test]
async fn get_balance_answers_plain_text() {
    let sb = Sandbox::new().await;
    assert_eq!(sb.balance().await, rentdesk_sandbox::DEMO_BALANCE);
    let get = |q: &'static str| {
        let url = format!("{}/stubs/handler_api.php?{q}", sb.base);
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    assert_eq!(get("api_key=nope&action=getBalance").await, "BAD_KEY");
    assert_eq!(get("action=getBalance").await, "BAD_KEY");
    assert_eq!(get("api_key=demo-key&action=getNumber").await, "BAD_ACTION");
}
