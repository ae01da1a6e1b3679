//! The current API's paid calls: renting from an operator, one number for several
//! services (all or nothing), extra services for some days, and prolonging by days.

use crate::harness::*;
use rent_api::rules::DAY;
use rent_api::{decode, Money};
use serde_json::Value;

async fn create_multi(sb: &Sandbox, key: &str, extra: &[(&str, &str)]) -> Value {
    let mut params = vec![
        ("method", "create_multi"),
        ("apikey", key),
        ("dtype", "week"),
        ("dcount", "1"),
    ];
    params.extend_from_slice(extra);
    sb.call(&params).await
}

async fn count_multi(sb: &Sandbox, country: &str, services: &str) -> i64 {
    decode::multi_count(
        &sb.raw(&[
            ("method", "get_count_multi"),
            ("country", country),
            ("services", services),
            ("dtype", "week"),
            ("dcount", "1"),
        ])
        .await,
    )
    .unwrap()
}

#[tokio::test]
async fn create_with_a_provider_rents_a_number_of_that_operator() {
    let sb = Sandbox::new().await;
    for op in ["T-Mobile", "AT&T", "Verizon"] {
        let answer = sb
            .keyed(
                "create",
                &[
                    ("dtype", "week"),
                    ("dcount", "1"),
                    ("country", "US"),
                    ("service", "opt1"),
                    ("provider", op),
                    ("partner_key", "partner-1"),
                ],
            )
            .await;
        assert_eq!(answer["status"], 1, "{answer}");
        let id = id_of(&answer["data"]);
        assert_eq!(sb.order(id).await.unwrap().provider.as_deref(), Some(op));
    }
    let ru = sb.rent("RU", "opt1", "week", "1", "always").await;
    assert_eq!(sb.order(id_of(&ru)).await.unwrap().provider, None);

    let before = sb.balance().await;
    let unknown = sb
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "US"),
                ("service", "opt1"),
                ("provider", "Vodafone"),
            ],
        )
        .await;
    assert_eq!(unknown["msg"], "Operator not found: Vodafone");
    assert_eq!(sb.balance().await, before);
}

#[tokio::test]
async fn an_operators_stock_runs_out_on_its_own() {
    let sb = Sandbox::new().await;
    let stock = || async {
        let body = sb
            .raw(&[("method", "getCountWithProviders"), ("country", "DE")])
            .await;
        decode::operator_counts(&body).unwrap()["opt2"].clone()
    };
    let start = stock().await;
    let telekom = start.amount["Telekom"];
    for _ in 0..telekom {
        let answer = sb
            .keyed(
                "create",
                &[
                    ("dtype", "week"),
                    ("dcount", "1"),
                    ("country", "DE"),
                    ("service", "opt2"),
                    ("provider", "Telekom"),
                ],
            )
            .await;
        assert_eq!(answer["status"], 1, "{answer}");
    }
    let after = stock().await;
    assert_eq!(after.amount["Telekom"], 0);
    assert_eq!(after.amount["Vodafone"], start.amount["Vodafone"]);
    assert_eq!(after.total, start.total - telekom);
    let more = sb
        .keyed(
            "create",
            &[
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "DE"),
                ("service", "opt2"),
                ("provider", "Telekom"),
            ],
        )
        .await;
    assert_eq!(more["msg"], "No free numbers for this service");
}

#[tokio::test]
async fn create_multi_rents_one_number_for_all_services_in_one_charge() {
    let sb = Sandbox::new().await;
    let services = ["opt16", "opt29", "opt1"];
    let mut total = Money::ZERO;
    for s in services {
        total += day_price(&sb, "UK", s, "week", "1", "any")
            .await
            .times(7)
            .unwrap();
    }
    let free_before = count_multi(&sb, "UK", "opt16,opt29,opt1").await;
    let before = sb.balance().await;
    let answer = create_multi(
        &sb,
        KEY,
        &[("country", "UK"), ("services", "opt16,opt29,opt1")],
    )
    .await;
    assert_eq!(answer["status"], 1, "{answer}");
    assert!(answer["data"]["until"].is_string());
    assert_eq!(answer["data"]["service"], "opt16,opt29,opt1");
    let rental = decode::created(&answer.to_string()).unwrap();
    assert_eq!(sb.balance().await, before - total, "one charge: the sum");
    let order = sb.order(rental.id).await.unwrap();
    assert_eq!(order.service_codes(), services);
    assert_eq!(
        order.service_names(),
        [
            "Instagram (+Threads)",
            "Telegram",
            "Google (GMail, YTube, etc.)"
        ]
    );
    assert!(order.provider.is_some(), "UK numbers have operators");
    assert_eq!(
        count_multi(&sb, "UK", "opt16,opt29,opt1").await,
        free_before - 1
    );
}

#[tokio::test]
async fn create_multi_is_all_or_nothing() {
    let sb = Sandbox::new().await;
    let orders = || async {
        decode::orders(&sb.raw(&[("method", "orders"), ("apikey", KEY)]).await).unwrap()
    };
    let stock = || async {
        decode::counts(&sb.raw(&[("method", "getcount"), ("country", "RU")]).await).unwrap()
    };
    let before = sb.balance().await;
    let counts_before = stock().await;

    // Airbnb has 3 left in RU; a sold-out service in the set refuses the whole rental.
    sb.admin(
        "stock",
        serde_json::json!({ "country": "RU", "service": "opt29", "remaining": 0 }),
    )
    .await;
    for (services, msg) in [
        ("opt46,opt29", "No free numbers for this service"),
        ("opt46,opt222", "Service not found: opt222"),
        ("opt46,opt999", "Service not found"),
    ] {
        let answer = create_multi(&sb, KEY, &[("country", "RU"), ("services", services)]).await;
        assert_eq!(answer["status"], 0);
        assert_eq!(answer["msg"], msg, "{services}");
    }
    assert!(orders().await.is_empty());
    assert_eq!(sb.balance().await, before);
    assert_eq!(stock().await.of("opt46"), counts_before.of("opt46"));

    // Too little money for the sum: nothing rented, no stock taken.
    let airbnb = day_price(&sb, "RU", "opt46", "week", "1", "any").await;
    let google = day_price(&sb, "RU", "opt1", "week", "1", "any").await;
    let sum = (airbnb + google).times(7).unwrap();
    sb.new_key("short", &(sum - Money::from_cents(1)).to_plain_string())
        .await;
    let short = create_multi(
        &sb,
        "short",
        &[("country", "RU"), ("services", "opt46,opt1")],
    )
    .await;
    assert_eq!(short["status"], 0);
    assert!(short["msg"]
        .as_str()
        .unwrap()
        .starts_with("Not enough balance"));
    assert_eq!(sb.balance_of("short").await, sum - Money::from_cents(1));
    assert_eq!(stock().await.of("opt46"), 3, "Airbnb's stock untouched");

    sb.admin(
        "balance",
        serde_json::json!({ "apikey": "short", "amount": "0.01" }),
    )
    .await;
    let exact = create_multi(
        &sb,
        "short",
        &[("country", "RU"), ("services", "opt46,opt1")],
    )
    .await;
    assert_eq!(exact["status"], 1, "{exact}");
    assert_eq!(sb.balance_of("short").await, Money::ZERO);
    assert_eq!(stock().await.of("opt46"), 2);
}

#[tokio::test]
async fn an_extra_service_for_some_days_is_charged_those_days_and_ends_then() {
    let sb = Sandbox::new().await;
    let rental = sb.rent("RU", "opt16", "week", "2", "always").await;
    let id = id_of(&rental);
    let ids = id.to_string();
    let full = format!("7{}", rental["pnumber"].as_str().unwrap());
    let add = |service: &'static str, days: &'static str| {
        let (sb, ids, full) = (&sb, ids.clone(), full.clone());
        async move {
            sb.keyed(
                "add_service_to_order",
                &[
                    ("id", &ids),
                    ("service", service),
                    ("pnumber", &full),
                    ("rent_days", days),
                ],
            )
            .await
        }
    };
    let before = sb.balance().await;
    let beyond = add("opt15", "15").await;
    assert_eq!(
        beyond["msg"],
        "rent_days goes beyond the rental's end: at most 14 days"
    );
    assert_eq!(sb.balance().await, before);

    let per_day = day_price(&sb, "RU", "opt15", "day", "3", "always").await;
    let added = add("opt15", "3").await;
    assert_eq!(added["status"], 1, "{added}");
    let answer = decode::added_service(&added.to_string()).unwrap().unwrap();
    assert_eq!(answer.service, "opt15");
    assert_eq!(sb.balance().await, before - per_day.times(3).unwrap());
    let order = sb.order(id).await.unwrap();
    assert_eq!(order.service_codes(), ["opt16", "opt15"]);
    assert!(answer.until.unwrap() - (order.until - 14 * DAY) <= 3 * DAY + 5);

    let whole = add("opt1", "14").await;
    assert_eq!(whole["status"], 1, "the rest of the rental: {whole}");
    let again = add("opt15", "2").await;
    assert_eq!(again["msg"], "This service is already on the order");

    sb.advance_days(3).await;
    let order = sb.order(id).await.unwrap();
    assert_eq!(
        order.service_codes(),
        ["opt16", "opt1"],
        "Microsoft's days are over"
    );
    let later = add("opt15", "2").await;
    assert_eq!(later["status"], 1, "added again once over: {later}");
    let bad = add("opt15", "0").await;
    assert_eq!(bad["msg"], "Invalid rent_days: 0");
}

#[tokio::test]
async fn prolong_max_adds_days_within_the_window_and_the_guarantee() {
    let sb = Sandbox::new().await;
    let rental = sb.rent("RU", "opt16", "week", "2", "always").await;
    let id = id_of(&rental);
    let ids = id.to_string();
    let prolong = |dtype: &'static str, days: &'static str| {
        let (sb, ids) = (&sb, ids.clone());
        async move {
            sb.keyed(
                "prolong_max",
                &[("id", &ids), ("dtype", dtype), ("dcount", days)],
            )
            .await
        }
    };
    let early = prolong("day", "3").await;
    assert!(
        early["msg"]
            .as_str()
            .unwrap()
            .starts_with("Prolongation is possible only when fewer than 7 days are left"),
        "{early}"
    );
    sb.advance_days(8).await; // 6 days left
    let week = prolong("week", "1").await;
    assert_eq!(week["msg"], "dtype must be day, not \"week\"");

    let before = sb.balance().await;
    let until = sb.order(id).await.unwrap().until;
    let per_day = day_price(&sb, "RU", "opt16", "day", "3", "always").await;
    let done = prolong("day", "3").await;
    assert_eq!(done, serde_json::json!({ "status": 1 }));
    assert_eq!(sb.order(id).await.unwrap().until, until + 3 * DAY);
    assert_eq!(sb.balance().await, before - per_day.times(3).unwrap());

    // 14 + 3 days so far; the guarantee leaves 73.
    let order = sb.order(id).await.unwrap();
    assert_eq!(order.canprolongmax, 73);
    sb.advance_days(3).await; // 6 days left again
    let before = sb.balance().await;
    let over = prolong("day", "74").await;
    assert_eq!(
        over["msg"],
        "The 90-day guarantee allows at most 73 more days"
    );
    assert_eq!(sb.balance().await, before);
    let most = prolong("day", "73").await;
    assert_eq!(most["status"], 1, "{most}");
}

#[tokio::test]
async fn prolong_max_near_the_guarantee_allows_the_days_left() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("RU", "opt16", "month", "3", "always").await);
    let ids = id.to_string();
    sb.advance_days(86).await; // 4 days left, none in the guarantee
    let answer = sb
        .keyed(
            "prolong_max",
            &[("id", &ids), ("dtype", "day"), ("dcount", "1")],
        )
        .await;
    assert_eq!(
        answer["msg"],
        "The rental has reached the 90-day guarantee and cannot be prolonged"
    );
}

#[tokio::test]
async fn a_number_used_for_a_service_elsewhere_cannot_take_it() {
    let sb = Sandbox::new().await;
    let free = count_multi(&sb, "RU", "opt16").await;
    let fit_both = count_multi(&sb, "RU", "opt16,opt29").await;
    assert!(fit_both < free, "{fit_both} of {free}");
    let mut refused = 0;
    for _ in 0..free {
        let rental = sb.rent("RU", "opt16", "week", "1", "any").await;
        let full = format!("7{}", rental["pnumber"].as_str().unwrap());
        let before = sb.balance().await;
        let added = sb
            .keyed(
                "add_service_to_order",
                &[
                    ("id", &id_of(&rental).to_string()),
                    ("service", "opt29"),
                    ("pnumber", &full),
                    ("rent_days", "1"),
                ],
            )
            .await;
        if added["status"] == 0 {
            assert_eq!(added["msg"], "This number cannot take this service");
            assert_eq!(sb.balance().await, before, "nothing charged");
            refused += 1;
        }
    }
    assert_eq!(refused, free - fit_both);
}

#[tokio::test]
async fn catalogue_refusals_name_the_problem() {
    let sb = Sandbox::new().await;
    for (params, msg) in [
        (
            vec![("method", "get_country_by_service"), ("service", "opt1")],
            "Missing parameter: dtype",
        ),
        (
            vec![("method", "getdataWithProviders"), ("country", "ZZ")],
            "Country not found",
        ),
        (
            vec![
                ("method", "getcount"),
                ("country", "RU"),
                ("dtype", "year"),
                ("dcount", "1"),
            ],
            "dtype must be day, week or month, not \"year\"",
        ),
        (
            vec![
                ("method", "create_multi"),
                ("apikey", "nobody"),
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "RU"),
                ("services", "opt1,opt2"),
            ],
            "Invalid API key",
        ),
    ] {
        let answer = sb.call(&params).await;
        assert_eq!(
            answer,
            serde_json::json!({ "status": 0, "msg": msg }),
            "{params:?}"
        );
    }
}

#[tokio::test]
async fn two_create_multi_at_once_charge_once_when_the_balance_covers_one() {
    let sb = Sandbox::new().await;
    let mut price = Money::ZERO;
    for s in ["opt1", "opt2"] {
        price += day_price(&sb, "RU", s, "week", "1", "any")
            .await
            .times(7)
            .unwrap();
    }
    let top = price + Money::from_mills(price.mills() / 2);
    sb.new_key("twice", &top.to_plain_string()).await;
    let q = [("country", "RU"), ("services", "opt1,opt2")];
    let (a, b) = tokio::join!(
        create_multi(&sb, "twice", &q),
        create_multi(&sb, "twice", &q)
    );
    let wins = [&a, &b].iter().filter(|r| r["status"] == 1).count();
    assert_eq!(wins, 1, "{a} {b}");
    assert_eq!(sb.balance_of("twice").await, top - price);
}
