//! Every answer shape of rent.php: the seed's documented examples and each live variant
//! from `shared/design/api-notes.md` decode to the same data; broken bodies are errors.

use rent_api::decode::{self, ApiError};
use rent_api::{Money, RentalState, RestoreErrorCode};

#[test]
fn countries_documented_and_with_status_zero() {
    let doc = r#"{"status":1,"data":[{"name":"Россия","code":"RU"},{"name":"Великобритания","code":"UK"}]}"#;
    let live = r#"{"status":"0","data":[{"name":"Россия","code":"RU"},{"name":"Великобритания","code":"UK"}]}"#;
    let a = decode::countries(doc).unwrap();
    assert_eq!(a, decode::countries(live).unwrap());
    assert_eq!(a[0].name, "Россия");
    assert_eq!(a[1].code, "UK");
    let refused = decode::countries(r#"{"status":0,"msg":"Service unavailable"}"#);
    assert_eq!(
        refused,
        Err(ApiError::Refused {
            msg: "Service unavailable".into()
        })
    );
}

#[test]
fn services_as_array_or_under_services_with_string_numbers() {
    let doc =
        r#"{"status":1,"data":[{"name":"Airbnb","service":"opt46","price_day":6,"count":359}]}"#;
    let live = r#"{"status":"1","data":{"services":[{"name":"Airbnb","service":"opt46","price_day":"6","count":"359","extra":1}]}}"#;
    let a = decode::services(doc).unwrap();
    assert_eq!(a, decode::services(live).unwrap());
    assert_eq!(a[0].price_day, Money::from_cents(600));
    assert_eq!(a[0].count, 359);
    let decimals = r#"{"status":1,"data":[{"name":"X","service":"opt1","price_day":"0.05","count":1},{"name":"Y","service":"opt2","price_day":2.4,"count":0}]}"#;
    let d = decode::services(decimals).unwrap();
    assert_eq!(d[0].price_day, Money::from_mills(50));
    assert_eq!(d[1].price_day, Money::from_mills(2400));
}

#[test]
fn create_as_object_or_array_of_one() {
    let doc = r#"{"status":1,"data":{"id":40370,"pnumber":"9096037108","ccode":"+7","service":"opt6","until":1587633960}}"#;
    let live = r#"{"status":1,"data":[{"id":"40370","pnumber":9096037108,"ccode":"+7","service":"opt6","until":"1587633960"}]}"#;
    let a = decode::created(doc).unwrap();
    assert_eq!(a, decode::created(live).unwrap());
    assert_eq!(a.id, 40370);
    assert_eq!(a.pnumber, "9096037108");
}

#[test]
fn orders_with_string_numbers_and_missing_optionals() {
    let doc = r#"{"status":1,"data":[{"id":40300,"scode":"opt16","sname":"Instagram","state":0,"pnumber":"9096068511","ccode":"+7","cname":"RU","hasnewsms":false,"until":1587552240,"canprolong":true,"canprolongmax":162,"canprolonguntil":1634883780,"lastonline":1586947920}]}"#;
    let live = r#"{"status":"1","data":[{"id":"40300","scode":"opt16","sname":"Instagram","state":"0","pnumber":"9096068511","ccode":"+7","cname":"RU","hasnewsms":"false","until":"1587552240","canprolong":1,"canprolongmax":"162","canprolonguntil":"1634883780","lastonline":"1586947920","new_field":{"x":1}}]}"#;
    let a = decode::orders(doc).unwrap();
    assert_eq!(a, decode::orders(live).unwrap());
    assert_eq!(a[0].state, RentalState::NotActive);
    assert_eq!(a[0].full_number(), "79096068511");

    let sparse = r#"{"status":1,"data":[{"id":1,"state":-1,"pnumber":"1","until":5}]}"#;
    let s = &decode::orders(sparse).unwrap()[0];
    assert_eq!(s.state, RentalState::NotInSystem);
    assert_eq!(s.lastonline, None);
    assert!(!s.canprolong);
    assert_eq!(
        decode::orders(r#"{"status":1,"data":null}"#).unwrap(),
        vec![]
    );
    assert_eq!(decode::orders(r#"{"status":1,"data":[]}"#).unwrap(), vec![]);
}

#[test]
fn sms_as_data_or_smslist_and_othersms() {
    let doc = r#"{"status":1,"data":[{"text":"Code Instagram: 671 094.","sender":"FACEBOOK","date":1586948100}]}"#;
    let in_data = r#"{"status":1,"data":{"SmsList":[{"text":"Code Instagram: 671 094.","sender":"FACEBOOK","date":"1586948100"}],"OtherSms":[{"text":"hi","sender":"X","date":1}]}}"#;
    let beside = r#"{"status":1,"SmsList":[{"text":"Code Instagram: 671 094.","sender":"FACEBOOK","date":1586948100}],"OtherSms":null}"#;
    let a = decode::sms(doc).unwrap();
    let b = decode::sms(in_data).unwrap();
    let c = decode::sms(beside).unwrap();
    assert_eq!(a.messages, b.messages);
    assert_eq!(a.messages, c.messages);
    assert_eq!(b.other.len(), 1);
    assert!(c.other.is_empty());
}

#[test]
fn acknowledgements_with_or_without_id() {
    assert_eq!(
        decode::order_ref(r#"{"status":1,"data":{"id":123}}"#)
            .unwrap()
            .unwrap()
            .id,
        123
    );
    assert_eq!(
        decode::order_ref(r#"{"status":"1","data":{"id":"123"}}"#)
            .unwrap()
            .unwrap()
            .id,
        123
    );
    assert_eq!(decode::order_ref(r#"{"status":1}"#).unwrap(), None);
    assert!(decode::ok(r#"{"status":1}"#).is_ok());
}

#[test]
fn archive_with_and_without_restore_flag() {
    let doc = r#"{"status":1,"data":[{"orderId":517017,"resourceCode":"opt59","number":"79020831944","branchId":1235,"haveSms":true,"days":7,"country":"EN","begin":1222222231,"end":1611111931,"closed":1632445144}]}"#;
    let live = r#"{"status":1,"data":[{"orderId":"517017","resourceCode":"opt59","number":"79020831944","branchId":"1235","haveSms":"1","days":"7","country":"EN","begin":"1222222231","end":"1611111931","closed":"1632445144","isAvailForRestore":true}]}"#;
    let a = decode::history(doc).unwrap();
    let b = decode::history(live).unwrap();
    assert_eq!(a[0].order_id, 517017);
    assert_eq!(a[0].is_avail_for_restore, None);
    assert_eq!(b[0].is_avail_for_restore, Some(true));
    assert_eq!(a[0].closed, b[0].closed);
}

#[test]
fn restore_quote_and_both_restore_answers() {
    let quote = r#"{"status":1,"data":{"ccode":"EN","scode":"opt59","price":2.4,"sname":"Avito","pnumber":"79929831844","outdays":32,"orderid":317017,"prolongTo":30}}"#;
    let q = decode::restore_quote(quote).unwrap();
    assert_eq!(q.price, Money::from_mills(2400));
    assert_eq!(q.prolong_to, 30);
    assert_eq!(q.outdays, 32);
    assert_eq!(
        decode::restored(r#"{"status":1,"data":true}"#).unwrap(),
        None
    );
    assert_eq!(
        decode::restored(r#"{"status":1,"data":{"id":"99"}}"#).unwrap(),
        Some(99)
    );
}

#[test]
fn refusals_carry_the_message_and_restore_codes() {
    let e = decode::restore_quote(r#"{"status":0,"msg":"NOBALANCE"}"#).unwrap_err();
    assert_eq!(e.restore_code(), Some(RestoreErrorCode::NoBalance));
    let e = decode::restored(r#"{"status":"0","msg":"the user had not this order"}"#).unwrap_err();
    assert_eq!(e.restore_code(), Some(RestoreErrorCode::NotOwner));
    let e = decode::orders(r#"{"status":0,"msg":"Incorrect method"}"#).unwrap_err();
    assert_eq!(
        e,
        ApiError::Refused {
            msg: "Incorrect method".into()
        }
    );
    assert_eq!(e.restore_code(), None);
    let e = decode::orders(r#"{"status":0}"#).unwrap_err();
    assert_eq!(e, ApiError::Refused { msg: String::new() });
}

#[test]
fn broken_bodies_are_typed_errors_never_panics() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    assert!(matches!(
        decode::orders(html),
        Err(ApiError::NotJson { .. })
    ));
    assert!(matches!(decode::orders(""), Err(ApiError::NotJson { .. })));
    assert!(matches!(
        decode::orders(r#"{"status":1,"data":[{"id":1,"#),
        Err(ApiError::NotJson { .. })
    ));
    assert!(matches!(
        decode::orders("[1,2]"),
        Err(ApiError::Malformed(_))
    ));
    assert!(matches!(
        decode::orders(r#"{"status":1,"data":[{"id":"abc","state":0,"pnumber":"1","until":1}]}"#),
        Err(ApiError::Malformed(_))
    ));
    assert!(matches!(
        decode::services(r#"{"status":1,"data":[{"service":"opt1","price_day":"1.23456"}]}"#),
        Err(ApiError::Malformed(_))
    ));
}

#[test]
fn balance_answers() {
    assert_eq!(
        decode::balance("ACCESS_BALANCE:12.34").unwrap(),
        Money::from_cents(1234)
    );
    assert_eq!(
        decode::balance("BAD_KEY"),
        Err(ApiError::Refused {
            msg: "BAD_KEY".into()
        })
    );
    assert!(matches!(
        decode::balance("<html>oops</html>"),
        Err(ApiError::NotJson { .. })
    ));
}

proptest::proptest! {
    #[test]
    fn arbitrary_bodies_never_panic(body in ".{0,200}") {
        let _ = decode::orders(&body);
        let _ = decode::services(&body);
        let _ = decode::sms(&body);
        let _ = decode::history(&body);
        let _ = decode::created(&body);
        let _ = decode::balance(&body);
    }
}
