use super::*;
use crate::{decode, Money};

#[test]
fn getdata_current_shape_with_extend_fields() {
    let current = r#"{"status":1,"data":{"services":[{"name":"Airbnb","service":"opt46","price_day":1.2,"count":3,"img":"/img/airbnb.png","procent_days":30,"procent":10,"day_step":1.0}],"totalAmount":512}}"#;
    let list = service_list(current).unwrap();
    assert_eq!(list.total_amount, Some(512));
    let offer = &list.services[0];
    assert_eq!(offer.price_day, Money::from_mills(1200));
    assert_eq!(offer.img, "/img/airbnb.png");
    assert_eq!(offer.discount.offer(), Some((10, 30)));
    assert_eq!(offer.discount.day_step, Some(1));
    assert_eq!(decode::services(current).unwrap(), list.services);
}

#[test]
fn getdata_older_and_odd_shapes() {
    let older = r#"{"status":1,"data":[{"name":"Airbnb","service":"opt46","price_day":"1.2","count":"3"}]}"#;
    let list = service_list(older).unwrap();
    assert_eq!(list.total_amount, None);
    assert_eq!(list.services[0].count, 3);
    assert_eq!(list.services[0].discount.offer(), None);
    let odd = r#"{"status":"1","data":{"services":[{"name":"X","service":"opt1","price_day":"0.5","count":1,"procent":"abc","procent_days":"30","day_step":"0.5"}],"totalAmount":"9"}}"#;
    let list = service_list(odd).unwrap();
    assert_eq!(list.total_amount, Some(9));
    assert_eq!(list.services[0].discount.procent, None);
    assert_eq!(list.services[0].discount.procent_days, Some(30));
    assert_eq!(list.services[0].discount.day_step, Some(0));
    assert_eq!(
        service_list(r#"{"status":1,"data":null}"#).unwrap(),
        ServiceList::default()
    );
}

#[test]
fn operators_per_service_in_both_shapes() {
    let current = r#"{"status":1,"data":{"services":[{"name":"Google","service":"opt1","price_day":0.9,"count":{"T-Mobile":4,"AT&T":"2"},"totalCount":6,"img":"","procent_days":0,"procent":0,"day_step":1}],"totalAmount":6,"allOperators":["T-Mobile","AT&T","Verizon"]}}"#;
    let list = operator_list(current).unwrap();
    assert_eq!(list.operators, ["T-Mobile", "AT&T", "Verizon"]);
    let google = &list.services[0];
    assert_eq!(google.total(), 6);
    assert_eq!(google.of_operator("AT&T"), 2);
    assert_eq!(google.of_operator("Verizon"), 0);

    let bare = r#"{"status":"1","data":[{"name":"Google","service":"opt1","price_day":"0.9","count":{"O2":"1","EE":2}},{"name":"Other","service":"opt142","price_day":1,"count":[]}]}"#;
    let list = operator_list(bare).unwrap();
    assert_eq!(list.operators, ["EE", "O2"]);
    assert_eq!(list.services[0].total(), 3);
    assert_eq!(list.services[1].total(), 0);
    assert!(matches!(
        operator_list(
            r#"{"status":1,"data":{"services":[{"service":"opt1","price_day":1,"count":"many"}]}}"#
        ),
        Err(ApiError::Malformed(_))
    ));
}

#[test]
fn getcount_map_single_number_or_empty() {
    let map = counts(r#"{"status":1,"data":{"opt1":5,"opt20":"0"}}"#).unwrap();
    assert_eq!(map.of("opt1"), 5);
    assert_eq!(map.of("opt20"), 0);
    assert_eq!(map.of("opt99"), 0);
    assert_eq!(
        counts(r#"{"status":1,"data":"17"}"#).unwrap(),
        ServiceCounts::All(17)
    );
    assert_eq!(
        counts(r#"{"status":1,"data":[]}"#).unwrap(),
        ServiceCounts::PerService(Default::default())
    );
    assert_eq!(
        counts(r#"{"status":0,"msg":"Country not found"}"#),
        Err(ApiError::Refused {
            msg: "Country not found".into()
        })
    );
}

#[test]
fn counts_with_providers_and_php_empty_arrays() {
    let body = r#"{"status":1,"data":{"opt1":{"Amount":{"EE":2,"O2":"3"},"Total":5},"opt2":{"Amount":[],"Total":"0"}}}"#;
    let map = operator_counts(body).unwrap();
    assert_eq!(map["opt1"].amount["O2"], 3);
    assert_eq!(map["opt1"].total, 5);
    assert!(map["opt2"].amount.is_empty());
    assert!(operator_counts(r#"{"status":1,"data":[]}"#)
        .unwrap()
        .is_empty());
}

#[test]
fn multi_count_as_object_list_or_number() {
    assert_eq!(multi_count(r#"{"status":1,"data":{"count":4}}"#), Ok(4));
    assert_eq!(multi_count(r#"{"status":"1","data":{"count":"4"}}"#), Ok(4));
    assert_eq!(multi_count(r#"{"status":1,"data":[{"count":2}]}"#), Ok(2));
    assert_eq!(multi_count(r#"{"status":1,"data":0}"#), Ok(0));
    assert!(matches!(
        multi_count(r#"{"status":1,"data":{}}"#),
        Err(ApiError::Malformed(_))
    ));
}

#[test]
fn default_services_with_string_fields() {
    let body = r#"{"status":1,"data":[{"name":"Google","service":"opt1","priceForDay":"0.35","img":"/g.png","DAYP":"30","PROC":"10"},{"name":"Other","service":"opt142","priceForDay":1}]}"#;
    let list = default_services(body).unwrap();
    assert_eq!(list[0].price_for_day, Money::from_mills(350));
    assert_eq!((list[0].dayp, list[0].proc), (Some(30), Some(10)));
    assert_eq!(list[1].img, "");
    assert_eq!(list[1].dayp, None);
}

#[test]
fn countries_by_service_keyed_or_listed() {
    let keyed = r#"{"status":1,"data":{"US":{"service_name":"WhatsApp","price":"1.5","procent_days":"30","procent":"10","day_step":"1","country":"US","phoneAmount":12},"DE":{"service_name":"WhatsApp","price":"2","phoneAmount":"0"}}}"#;
    let offers = countries_by_service(keyed).unwrap();
    assert_eq!(offers.len(), 2);
    assert_eq!(offers[0].country, "DE");
    assert_eq!(offers[0].phone_amount, 0);
    assert_eq!(offers[1].price, Money::from_mills(1500));
    assert_eq!(offers[1].discount.offer(), Some((10, 30)));
    let listed = r#"{"status":"1","data":[{"service_name":"WhatsApp","price":2,"country":"DE","phoneAmount":0}]}"#;
    assert_eq!(countries_by_service(listed).unwrap()[0], offers[0]);
    assert!(countries_by_service(r#"{"status":1,"data":[]}"#)
        .unwrap()
        .is_empty());
    assert!(countries_by_service(r#"{"status":1,"data":"x"}"#).is_err());
}

#[test]
fn add_service_answer_with_data_or_status_only() {
    let current = r#"{"status":1,"data":{"id":56547,"pnumber":"79335445295","service":"opt89","until":1700000000}}"#;
    let added = added_service(current).unwrap().unwrap();
    assert_eq!(added.id, 56547);
    assert_eq!(added.until, Some(1_700_000_000));
    let live = r#"{"status":"1","data":[{"id":"56547","pnumber":79335445295,"service":"opt89","until":"1700000000"}]}"#;
    assert_eq!(added_service(live).unwrap().unwrap(), added);
    assert_eq!(added_service(r#"{"status":1}"#).unwrap(), None);
    assert_eq!(
        added_service(r#"{"status":0,"msg":"Balance is not enough"}"#),
        Err(ApiError::Refused {
            msg: "Balance is not enough".into()
        })
    );
}

#[test]
fn create_multi_answers_like_create_with_until_as_text() {
    let current = r#"{"status":1,"data":{"id":7,"pnumber":"2015550100","ccode":"+1","service":"opt1,opt20","until":"1700000000"}}"#;
    let rental = decode::created(current).unwrap();
    assert_eq!(rental.until, 1_700_000_000);
    assert_eq!(rental.service, "opt1,opt20");
}

#[test]
fn history_restore_and_countries_of_the_current_api() {
    let history = r#"{"status":1,"data":[{"orderId":3,"resourceCode":"opt1","number":"4479","branchId":1,"haveSms":true,"isAvailForRestore":false,"days":7,"country":"UK","begin":1,"end":2,"closed":3}]}"#;
    assert_eq!(
        decode::history(history).unwrap()[0].is_avail_for_restore,
        Some(false)
    );
    assert_eq!(
        decode::restored(r#"{"status":1,"data":{"id":"41"}}"#),
        Ok(Some(41))
    );
    assert_eq!(decode::restored(r#"{"status":1,"data":true}"#), Ok(None));
    let countries = r#"{"status":1,"data":[{"name":"United States","code":"US","url_country_name":"united-states","rent_switch_type":"1","rent_avail_prolong":"1"},{"name":"Россия","code":"RU"}]}"#;
    let list = decode::countries(countries).unwrap();
    assert_eq!(list[0].url_country_name, "united-states");
    assert_eq!(list[0].rent_avail_prolong, Some(true));
    assert_eq!(list[1].rent_avail_prolong, None);
    assert_eq!(list[1].rent_switch_type, "");
}

#[test]
fn orders_with_several_services_and_an_operator() {
    let body = r#"{"status":1,"data":[{"id":1,"scode":"opt1, opt20","sname":"Google (GMail, YTube, etc.), WhatsAPP","state":1,"pnumber":"1","until":5,"provider":"T-Mobile"},{"id":2,"state":1,"pnumber":"2","until":5,"provider":""}]}"#;
    let rows = decode::orders(body).unwrap();
    assert_eq!(rows[0].service_codes(), ["opt1", "opt20"]);
    assert_eq!(
        rows[0].service_names(),
        ["Google (GMail, YTube, etc.)", "WhatsAPP"]
    );
    assert_eq!(rows[0].provider.as_deref(), Some("T-Mobile"));
    assert_eq!(rows[1].provider, None);
}
