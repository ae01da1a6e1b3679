//! The current API's catalogue calls: the live catalogue, day prices, counts per service,
//! per operator and for several services at once, and where a service can be rented.

use crate::harness::*;
use rent_api::{decode, ApiError};
use serde_json::Value;

async fn getdata(sb: &Sandbox, params: &[(&str, &str)]) -> String {
    let mut all = vec![("method", "getdata")];
    all.extend_from_slice(params);
    sb.raw(&all).await
}

#[tokio::test]
async fn the_live_catalogue_with_its_fields_as_strings() {
    let sb = Sandbox::new().await;
    let answer = sb.call(&[("method", "getcountries")]).await;
    assert_eq!(answer["status"], 1);
    let rows = answer["data"].as_array().unwrap();
    assert_eq!(rows.len(), 56, "every country of the live catalogue");
    for row in rows {
        for field in [
            "name",
            "code",
            "url_country_name",
            "rent_switch_type",
            "rent_avail_prolong",
        ] {
            assert!(row[field].is_string(), "{field} of {row}");
        }
    }
    let countries = decode::countries(&answer.to_string()).unwrap();
    let us = countries.iter().find(|c| c.code == "US").unwrap();
    assert_eq!(us.url_country_name, "united-states");
    assert_eq!(us.rent_avail_prolong, Some(true));

    let mut codes = std::collections::BTreeSet::new();
    for country in &countries {
        let list = decode::service_list(&getdata(&sb, &[("country", &country.code)]).await)
            .unwrap_or_else(|e| panic!("{}: {e}", country.code));
        codes.extend(list.services.into_iter().map(|s| s.service));
    }
    assert_eq!(codes.len(), 174, "every service of the live catalogue");
    assert!(codes.contains("opt142") && codes.contains("opt1001"));
}

#[tokio::test]
async fn getdata_answers_services_and_total_with_extend_and_day_prices() {
    let sb = Sandbox::new().await;
    let plain = sb.call(&[("method", "getdata"), ("country", "RU")]).await;
    assert!(plain["data"]["services"].is_array());
    assert!(plain["data"]["totalAmount"].as_i64().unwrap() > 0);
    assert!(plain["data"]["services"][0].get("procent").is_none());

    let body = getdata(&sb, &[("country", "RU"), ("extend", "1")]).await;
    let list = decode::service_list(&body).unwrap();
    let first = &list.services[0];
    assert_eq!(first.discount.offer(), Some((15, 30)));
    let week = day_price(&sb, "RU", "opt16", "week", "1", "always").await;
    let month = day_price(&sb, "RU", "opt16", "month", "1", "always").await;
    assert!(month < week, "{month} {week}");

    let three = day_price(&sb, "RU", "opt16", "day", "3", "always").await;
    assert_eq!(three, week, "up to a week, the day price is the week's");
    let sixty = day_price(&sb, "RU", "opt16", "day", "60", "always").await;
    assert!(sixty < month, "{sixty} {month}");

    let de = decode::services(&getdata(&sb, &[("country", "DE")]).await).unwrap();
    assert!(de.iter().any(|s| s.service == "opt222"), "mobileDE in DE");
    let fr = decode::services(&getdata(&sb, &[("country", "FR")]).await).unwrap();
    assert!(!fr.iter().any(|s| s.service == "opt222"), "only in DE");
    assert!(
        !fr.iter().any(|s| s.service == "opt59"),
        "Avito: RU, DE, KZ"
    );

    let bad = sb
        .call(&[("method", "getdata"), ("country", "RU"), ("dtype", "year")])
        .await;
    assert_eq!(bad["status"], 0);
    assert_eq!(bad["msg"], "Missing parameter: dcount");
}

#[tokio::test]
async fn operators_have_their_own_stock() {
    let sb = Sandbox::new().await;
    let body = sb
        .raw(&[
            ("method", "getdataWithProviders"),
            ("country", "US"),
            ("dtype", "week"),
            ("dcount", "1"),
        ])
        .await;
    let list = decode::operator_list(&body).unwrap();
    assert_eq!(list.operators, ["T-Mobile", "AT&T", "Verizon"]);
    for offer in &list.services {
        let sum: i64 = offer.count.values().sum();
        assert_eq!(offer.total(), sum, "{}", offer.service);
    }
    let google = list.services.iter().find(|s| s.service == "opt1").unwrap();
    assert!(list.operators.iter().all(|op| google.of_operator(op) > 0));

    let counts = decode::operator_counts(
        &sb.raw(&[("method", "getCountWithProviders"), ("country", "US")])
            .await,
    )
    .unwrap();
    assert_eq!(counts["opt1"].amount, google.count);
    assert_eq!(counts["opt1"].total, google.total());

    let ru = sb
        .call(&[("method", "getdataWithProviders"), ("country", "RU")])
        .await;
    assert_eq!(ru["data"]["allOperators"], serde_json::json!([]));
    assert_eq!(ru["data"]["services"][0]["count"], serde_json::json!({}));
    let unknown = sb
        .call(&[("method", "getCountWithProviders"), ("country", "ZZ")])
        .await;
    assert_eq!(unknown["msg"], "Country not found");
}

#[tokio::test]
async fn getcount_agrees_with_getdata() {
    let sb = Sandbox::new().await;
    let counts =
        decode::counts(&sb.raw(&[("method", "getcount"), ("country", "RU")]).await).unwrap();
    let services = decode::services(&getdata(&sb, &[("country", "RU")]).await).unwrap();
    for offer in &services {
        assert_eq!(counts.of(&offer.service), offer.count, "{}", offer.service);
    }
    assert_eq!(counts.of("opt46"), 3, "Airbnb scarce in RU");
    let missing = sb.call(&[("method", "getcount")]).await;
    assert_eq!(missing["msg"], "Missing parameter: country");
}

#[tokio::test]
async fn multi_count_is_the_numbers_free_for_all_services() {
    let sb = Sandbox::new().await;
    let count = |services: &'static str| {
        let sb = &sb;
        async move {
            decode::multi_count(
                &sb.raw(&[
                    ("method", "get_count_multi"),
                    ("country", "UK"),
                    ("services", services),
                    ("dtype", "week"),
                    ("dcount", "1"),
                ])
                .await,
            )
        }
    };
    let whatsapp = count("opt20").await.unwrap();
    let telegram = count("opt29").await.unwrap();
    let both = count("opt20,opt29").await.unwrap();
    assert!(
        both < whatsapp.min(telegram),
        "some numbers cannot take both: {both} {whatsapp} {telegram}"
    );
    assert_eq!(count("opt1,opt2").await.unwrap(), 50, "every UK number");

    for (services, msg) in [
        ("opt1,opt59", "Service not found: opt59"),
        ("opt1,opt1", "Duplicate service: opt1"),
        (",", "Missing parameter: services"),
    ] {
        assert_eq!(
            count(services).await,
            Err(ApiError::Refused { msg: msg.into() }),
            "{services}"
        );
    }
    let no_period = sb
        .call(&[
            ("method", "get_count_multi"),
            ("country", "UK"),
            ("services", "opt1"),
        ])
        .await;
    assert_eq!(no_period["msg"], "Missing parameter: dtype");
}

#[tokio::test]
async fn where_a_service_can_be_rented() {
    let sb = Sandbox::new().await;
    let answer = sb
        .call(&[
            ("method", "get_country_by_service"),
            ("service", "opt59"),
            ("dtype", "week"),
        ])
        .await;
    let data = answer["data"].as_object().unwrap();
    let mut codes: Vec<&String> = data.keys().collect();
    codes.sort();
    assert_eq!(codes, ["DE", "KZ", "RU"], "Avito's countries");
    assert!(data["RU"]["price"].is_string());
    assert!(data["RU"]["phoneAmount"].is_i64());
    let offers = decode::countries_by_service(&answer.to_string()).unwrap();
    let de = offers.iter().find(|o| o.country == "DE").unwrap();
    assert_eq!(de.phone_amount, 0, "sold out in DE");
    let ru_week = day_price(&sb, "RU", "opt59", "week", "1", "any").await;
    assert_eq!(
        offers.iter().find(|o| o.country == "RU").unwrap().price,
        ru_week
    );

    let google = sb
        .call(&[
            ("method", "get_country_by_service"),
            ("service", "opt1"),
            ("dtype", "month"),
            ("dcount", "2"),
        ])
        .await;
    assert_eq!(google["data"].as_object().unwrap().len(), 56);
    let unknown = sb
        .call(&[
            ("method", "get_country_by_service"),
            ("service", "opt999"),
            ("dtype", "week"),
        ])
        .await;
    assert_eq!(unknown["msg"], "Service not found");
}

#[tokio::test]
async fn default_services_are_every_service_most_popular_first_with_string_prices() {
    let sb = Sandbox::new().await;
    let answer = sb.call(&[("method", "get_default_services")]).await;
    let rows = answer["data"].as_array().unwrap();
    assert_eq!(rows.len(), 174);
    assert_eq!(rows[0]["service"], "opt16");
    assert!(rows.iter().all(|r| r["priceForDay"].is_string()));
    let list = decode::default_services(&answer.to_string()).unwrap();
    assert!(list.iter().all(|s| s.price_for_day > rent_api::Money::ZERO));
}

#[tokio::test]
async fn the_variant_switch_sends_the_older_shapes_of_the_new_methods() {
    let plain = Sandbox::new().await;
    let mut config = config(":memory:");
    config.variants = true;
    let live = Sandbox::with(config).await;
    let both = |params: &'static [(&'static str, &'static str)]| {
        let (plain, live) = (&plain, &live);
        async move { (plain.raw(params).await, live.raw(params).await) }
    };

    let (a, b) = both(&[("method", "getCountWithProviders"), ("country", "RU")]).await;
    let raw: Value = serde_json::from_str(&b).unwrap();
    assert_eq!(
        raw["data"]["opt1"]["Amount"],
        serde_json::json!([]),
        "PHP's empty map"
    );
    assert_eq!(decode::operator_counts(&a), decode::operator_counts(&b));

    let (a, b) = both(&[("method", "getdataWithProviders"), ("country", "UK")]).await;
    assert_eq!(decode::operator_list(&a), decode::operator_list(&b));

    let (a, b) = both(&[
        ("method", "get_count_multi"),
        ("country", "RU"),
        ("services", "opt1,opt16"),
        ("dtype", "week"),
        ("dcount", "1"),
    ])
    .await;
    assert_eq!(decode::multi_count(&a), decode::multi_count(&b));

    let (a, b) = both(&[
        ("method", "get_country_by_service"),
        ("service", "opt29"),
        ("dtype", "week"),
    ])
    .await;
    let raw: Value = serde_json::from_str(&b).unwrap();
    assert!(raw["data"].is_array(), "listed rather than keyed");
    assert_eq!(
        decode::countries_by_service(&a),
        decode::countries_by_service(&b)
    );

    let (a, b) = both(&[("method", "getcount"), ("country", "DE")]).await;
    assert_eq!(decode::counts(&a), decode::counts(&b));
    let (a, b) = both(&[("method", "get_default_services")]).await;
    assert_eq!(decode::default_services(&a), decode::default_services(&b));
}
