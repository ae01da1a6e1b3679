use super::*;
use crate::PeriodUnit;
use proptest::prelude::*;

fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
    q.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn parses_the_seed_examples() {
    let create = pairs(&[
        ("method", "create"),
        ("apikey", "k"),
        ("dtype", "week"),
        ("dcount", "1"),
        ("country", "RU"),
        ("service", "opt6"),
    ]);
    assert_eq!(
        Request::from_query(&create).unwrap(),
        Request::Create {
            apikey: "k".into(),
            period: Period::one_week(),
            country: "RU".into(),
            service: "opt6".into(),
            rent_type: None,
            provider: None,
            partner_key: None,
        }
    );
    let getdata = pairs(&[("method", "getdata"), ("country", "RU")]);
    assert!(matches!(
        Request::from_query(&getdata).unwrap(),
        Request::GetData { period, .. } if period == Period::one_week()
    ));
}

#[test]
fn bad_queries_name_the_problem() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[], "Incorrect method"),
        (&[("method", "nope")], "Incorrect method"),
        (&[("method", "orders")], "Missing parameter: apikey"),
        (
            &[("method", "sms"), ("apikey", "k"), ("id", "-3")],
            "Invalid id: -3",
        ),
        (
            &[
                ("method", "prolong"),
                ("apikey", "k"),
                ("id", "1"),
                ("dtype", "day"),
                ("dcount", "1"),
            ],
            "dtype must be week or month, not \"day\"",
        ),
        (
            &[
                ("method", "get_rent_history"),
                ("apikey", "k"),
                ("take", "100000"),
            ],
            "Invalid take: 100000",
        ),
    ];
    for (query, msg) in cases {
        assert_eq!(Request::from_query(&pairs(query)).unwrap_err().msg, *msg);
    }
}

#[test]
fn the_key_is_found_on_keyed_calls_only() {
    let orders = pairs(&[("method", "orders"), ("apikey", "k")]);
    assert_eq!(Request::from_query(&orders).unwrap().apikey(), Some("k"));
    assert_eq!(Request::GetCountries.apikey(), None);
}

fn any_period() -> impl Strategy<Value = Period> {
    (
        prop_oneof![Just(PeriodUnit::Week), Just(PeriodUnit::Month)],
        1u32..=1000,
    )
        .prop_map(|(unit, count)| Period::new(unit, count).unwrap())
}

proptest! {
    #[test]
    fn random_queries_never_panic(
        query in proptest::collection::vec(
            (prop_oneof![
                Just("method".to_string()), Just("apikey".to_string()), Just("id".to_string()),
                Just("dtype".to_string()), Just("dcount".to_string()), Just("skip".to_string()),
                Just("take".to_string()), Just("country".to_string()), ".*"
            ],
            prop_oneof![
                Just("create".to_string()), Just("prolong".to_string()),
                Just("get_rent_history".to_string()), Just("week".to_string()), ".*", "-?[0-9]{1,25}"
            ]),
            0..8,
        )
    ) {
        let _ = Request::from_query(&query);
    }

    #[test]
    fn queries_round_trip(id in 1i64..i64::MAX, period in any_period(), key in "[a-zA-Z0-9]{1,40}") {
        for request in [
            Request::Prolong { apikey: key.clone(), id, period },
            Request::Create { apikey: key.clone(), period, country: "RU".into(), service: "opt1".into(), rent_type: Some(NumberType::Any), provider: Some("T-Mobile".into()), partner_key: None },
                Request::CreateMulti { apikey: key.clone(), period, country: "US".into(), services: vec!["opt1".into(), "opt2".into()], rent_type: None, provider: None, partner_key: Some("p".into()) },
                Request::ProlongDays { apikey: key.clone(), id, days: period.count },
                Request::AddService { apikey: key.clone(), id, service: "opt5".into(), pnumber: "15550001".into(), rent_days: Some(period.count) },
                Request::CountMulti { country: "UK".into(), services: vec!["opt4".into()], period, rent_type: None },
                Request::GetDataWithProviders { country: "US".into(), period, rent_type: None, extend: true },
                Request::CountriesByService { service: "opt20".into(), period },
            Request::Restore { apikey: key.clone(), id },
        ] {
            let query: Vec<(String, String)> = request
                .to_query()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            prop_assert_eq!(Request::from_query(&query).unwrap(), request);
        }
    }
}

#[test]
fn current_api_methods_parse() {
    let q = pairs(&[
        ("method", "create"),
        ("apikey", "k"),
        ("dtype", "week"),
        ("dcount", "2"),
        ("country", "US"),
        ("service", "opt20"),
        ("provider", "T-Mobile"),
        ("partner_key", "pk"),
    ]);
    let Request::Create {
        provider,
        partner_key,
        ..
    } = Request::from_query(&q).unwrap()
    else {
        panic!("not a create")
    };
    assert_eq!(provider.as_deref(), Some("T-Mobile"));
    assert_eq!(partner_key.as_deref(), Some("pk"));

    let q = pairs(&[
        ("method", "create_multi"),
        ("apikey", "k"),
        ("dtype", "month"),
        ("dcount", "1"),
        ("country", "UK"),
        ("services", " opt6, opt7,,opt8 "),
    ]);
    let multi = Request::from_query(&q).unwrap();
    assert!(multi.is_paid());
    assert!(
        matches!(&multi, Request::CreateMulti { services, .. } if services == &["opt6", "opt7", "opt8"])
    );

    let q = pairs(&[
        ("method", "prolong_max"),
        ("apikey", "k"),
        ("id", "9"),
        ("dtype", "day"),
        ("dcount", "5"),
    ]);
    assert_eq!(
        Request::from_query(&q).unwrap(),
        Request::ProlongDays {
            apikey: "k".into(),
            id: 9,
            days: 5
        }
    );

    let q = pairs(&[
        ("method", "get_country_by_service"),
        ("service", "opt20"),
        ("dtype", "week"),
    ]);
    assert_eq!(
        Request::from_query(&q).unwrap(),
        Request::CountriesByService {
            service: "opt20".into(),
            period: Period::one_week()
        }
    );
    assert_eq!(Request::from_query(&q).unwrap().apikey(), None);

    let q = pairs(&[
        ("method", "getdata"),
        ("country", "RU"),
        ("dtype", "day"),
        ("dcount", "10"),
        ("extend", "1"),
    ]);
    assert!(matches!(
        Request::from_query(&q).unwrap(),
        Request::GetData { period, extend: true, .. } if period.days() == 10
    ));
}

#[test]
fn current_api_refusals_name_the_problem() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("method", "prolong_max"),
                ("apikey", "k"),
                ("id", "1"),
                ("dtype", "week"),
                ("dcount", "1"),
            ],
            "dtype must be day, not \"week\"",
        ),
        (
            &[
                ("method", "prolong_max"),
                ("apikey", "k"),
                ("id", "1"),
                ("dtype", "day"),
                ("dcount", "0"),
            ],
            "Invalid dcount: 0",
        ),
        (
            &[
                ("method", "create_multi"),
                ("apikey", "k"),
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "US"),
                ("services", "opt1,opt1"),
            ],
            "Duplicate service: opt1",
        ),
        (
            &[
                ("method", "create_multi"),
                ("apikey", "k"),
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "US"),
                ("services", ","),
            ],
            "Missing parameter: services",
        ),
        (
            &[
                ("method", "create"),
                ("apikey", "k"),
                ("dtype", "day"),
                ("dcount", "3"),
                ("country", "US"),
                ("service", "opt1"),
            ],
            "dtype must be week or month, not \"day\"",
        ),
        (
            &[
                ("method", "get_count_multi"),
                ("country", "US"),
                ("services", "opt1"),
                ("dtype", "week"),
            ],
            "Missing parameter: dcount",
        ),
        (
            &[("method", "get_country_by_service"), ("service", "opt1")],
            "Missing parameter: dtype",
        ),
        (
            &[
                ("method", "add_service_to_order"),
                ("apikey", "k"),
                ("id", "1"),
                ("service", "opt1"),
                ("pnumber", "1"),
                ("rent_days", "-2"),
            ],
            "Invalid rent_days: -2",
        ),
    ];
    for (query, msg) in cases {
        assert_eq!(
            Request::from_query(&pairs(query)).unwrap_err().msg,
            *msg,
            "{query:?}"
        );
    }
    let too_many = (0..=crate::MAX_MULTI_SERVICES)
        .map(|i| format!("opt{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let q = pairs(&[
        ("method", "get_count_multi"),
        ("country", "US"),
        ("services", &too_many),
        ("dtype", "week"),
        ("dcount", "1"),
    ]);
    assert!(Request::from_query(&q)
        .unwrap_err()
        .msg
        .starts_with("At most"));
}
