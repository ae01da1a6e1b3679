//! The life of a rental on the sandbox clock: activation, SMS, prolongation, expiry, delete.

use crate::harness::*;
use rent_api::rules::DAY;
use rent_api::{decode, Period, PeriodUnit, RentalState};
use serde_json::json;

#[tokio::test]
async fn an_on_request_number_goes_through_queue_active_and_back() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("RU", "opt20", "week", "1", "on_request").await);
    let ids = id.to_string();
    let state = |o: Option<rent_api::Rental>| o.unwrap().state;
    assert_eq!(state(sb.order(id).await), RentalState::NotActive);
    let answer = sb.keyed("activate", &[("id", &ids)]).await;
    assert_eq!(answer, json!({ "status": 1, "data": [{ "id": id }] }));
    assert_eq!(state(sb.order(id).await), RentalState::Activating);
    let again = sb.keyed("activate", &[("id", &ids)]).await;
    assert_eq!(again["msg"], "Activation is already in progress");

    sb.advance_minutes(QUEUE / 60).await;
    assert_eq!(state(sb.order(id).await), RentalState::Active);
    let active = sb.keyed("activate", &[("id", &ids)]).await;
    assert_eq!(active["msg"], "The number is already active");

    sb.advance_minutes(ACTIVE / 60).await;
    assert_eq!(
        state(sb.order(id).await),
        RentalState::NotActive,
        "falls back after the window"
    );
    assert_eq!(
        sb.keyed("activate", &[("id", &ids)]).await["status"],
        1,
        "can be activated again"
    );

    let always = id_of(&sb.rent("RU", "opt20", "week", "1", "always").await);
    let refused = sb.keyed("activate", &[("id", &always.to_string())]).await;
    assert_eq!(refused["msg"], "The number is already active");
}

#[tokio::test]
async fn sms_arrive_flag_the_rental_and_reading_clears_the_flag() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("RU", "opt16", "week", "1", "always").await);
    for (sender, text) in [
        ("FACEBOOK", "Code Instagram: 671 094."),
        ("X", "<img src=x onerror=alert(1)>"),
    ] {
        let (status, body) = sb
            .admin("sms", json!({ "id": id, "sender": sender, "text": text }))
            .await;
        assert_eq!(status, 200, "{body}");
        sb.advance_minutes(1).await;
    }
    assert!(sb.order(id).await.unwrap().hasnewsms);
    let body = sb
        .raw(&[("method", "sms"), ("apikey", KEY), ("id", &id.to_string())])
        .await;
    let inbox = decode::sms(&body).unwrap();
    assert_eq!(inbox.messages.len(), 2);
    assert_eq!(
        inbox.messages[0].text, "<img src=x onerror=alert(1)>",
        "newest first, stored as given"
    );
    assert_eq!(inbox.messages[1].sender, "FACEBOOK");
    assert!(inbox.messages[0].date > inbox.messages[1].date);
    assert!(
        !sb.order(id).await.unwrap().hasnewsms,
        "reading clears the flag"
    );

    sb.new_key("other", "1").await;
    let foreign = sb
        .call(&[
            ("method", "sms"),
            ("apikey", "other"),
            ("id", &id.to_string()),
        ])
        .await;
    assert_eq!(foreign["msg"], "Order not found");
    let (status, body) = sb
        .admin("sms", json!({ "id": 999999, "sender": "a", "text": "b" }))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("Order not found"))
    );
}

#[tokio::test]
async fn prolongation_opens_below_seven_days_and_charges_the_period() {
    let sb = Sandbox::new().await;
    let rental = sb.rent("RU", "opt16", "week", "2", "always").await;
    let id = id_of(&rental);
    let ids = id.to_string();
    sb.advance_days(6).await; // 8 days left
    let early = sb
        .keyed(
            "prolong",
            &[("id", &ids), ("dtype", "week"), ("dcount", "1")],
        )
        .await;
    assert_eq!(early["status"], 0);
    // Eight days less the instant since renting: 8, or 7 if a second ticked over.
    let msg = early["msg"].as_str().unwrap();
    assert!(
        msg.starts_with("Prolongation is possible only when fewer than 7 days are left ("),
        "{msg}"
    );
    assert!(!sb.order(id).await.unwrap().canprolong);

    sb.advance_days(2).await; // 6 days left
    let order = sb.order(id).await.unwrap();
    assert!(order.canprolong);
    let before = sb.balance().await;
    let price = day_price(&sb, "RU", "opt16", "week", "1", "always").await;
    let done = sb
        .keyed(
            "prolong",
            &[("id", &ids), ("dtype", "week"), ("dcount", "1")],
        )
        .await;
    assert_eq!(
        done,
        json!({ "status": 1 }),
        "prolong answers the status only"
    );
    let after = sb.order(id).await.unwrap();
    assert_eq!(after.until, order.until + 7 * DAY);
    assert_eq!(sb.balance().await, before - price.times(7).unwrap());
}

#[tokio::test]
async fn prolongation_is_capped_by_the_ninety_day_guarantee() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("UK", "opt1", "month", "2", "always").await);
    let ids = id.to_string();
    sb.advance_days(55).await; // 5 days left, 30 days of guarantee left
    let order = sb.order(id).await.unwrap();
    assert_eq!(order.canprolongmax, 30);
    assert!(order
        .prolong_limits()
        .fits(Period::new(PeriodUnit::Month, 1).unwrap()));
    let too_much = sb
        .keyed(
            "prolong",
            &[("id", &ids), ("dtype", "week"), ("dcount", "5")],
        )
        .await;
    assert_eq!(
        too_much["msg"],
        "The 90-day guarantee allows at most 30 more days"
    );
    let month = sb
        .keyed(
            "prolong",
            &[("id", &ids), ("dtype", "month"), ("dcount", "1")],
        )
        .await;
    assert_eq!(month["status"], 1, "{month}");
    sb.advance_days(30).await;
    let order = sb.order(id).await.unwrap();
    assert_eq!(order.canprolongmax, 0);
    assert!(!order.canprolong);
    let none = sb
        .keyed(
            "prolong",
            &[("id", &ids), ("dtype", "week"), ("dcount", "1")],
        )
        .await;
    assert_eq!(
        none["msg"],
        "The rental has reached the 90-day guarantee and cannot be prolonged"
    );
}

#[tokio::test]
async fn expired_rentals_leave_orders_and_enter_the_archive() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("RU", "opt16", "week", "1", "always").await);
    sb.advance_minutes(7 * 24 * 60 - 1).await;
    assert!(
        sb.order(id).await.is_some(),
        "still there a minute before expiry"
    );
    sb.advance_minutes(2).await;
    assert!(sb.order(id).await.is_none());
    let history = decode::history(
        &sb.raw(&[("method", "get_rent_history"), ("apikey", KEY)])
            .await,
    )
    .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].order_id, id);
    assert_eq!(history[0].days, 7);
    assert_eq!(history[0].closed, history[0].end);
    assert_eq!(history[0].resource_code, "opt16");
    assert!(history[0].number.starts_with('7'));
    let gone = sb
        .keyed(
            "prolong",
            &[("id", &id.to_string()), ("dtype", "week"), ("dcount", "1")],
        )
        .await;
    assert_eq!(gone["msg"], "The rental has expired or was deleted");
}

#[tokio::test]
async fn delete_archives_at_once_without_refund() {
    let sb = Sandbox::new().await;
    let id = id_of(&sb.rent("RU", "opt16", "week", "1", "always").await);
    let before = sb.balance().await;
    let answer = sb.keyed("delete", &[("id", &id.to_string())]).await;
    assert_eq!(answer, json!({ "status": 1, "data": { "id": id } }));
    assert!(sb.order(id).await.is_none());
    assert_eq!(sb.balance().await, before);
    let history = decode::history(
        &sb.raw(&[("method", "get_rent_history"), ("apikey", KEY)])
            .await,
    )
    .unwrap();
    assert_eq!(history[0].order_id, id);
    assert!(history[0].closed < history[0].end);
    let twice = sb.keyed("delete", &[("id", &id.to_string())]).await;
    assert_eq!(twice["msg"], "The rental has expired or was deleted");
    let unknown = sb.keyed("delete", &[("id", "1")]).await;
    assert_eq!(unknown["msg"], "Order not found");
}

#[tokio::test]
async fn cached_orders_expire_at_the_next_timed_change() {
    let sb = Sandbox::new().await;
    let store = sb.running.store.clone().unwrap();
    let id = id_of(&sb.rent("RU", "opt20", "week", "2", "on_request").await);
    let orders = || rent_api::Request::Orders { apikey: KEY.into() };
    let until = sb.order(id).await.unwrap().until;
    let idle = store.handle(orders());
    assert_eq!(
        idle.fresh_until,
        Some(until - 7 * DAY + 1),
        "next change: prolongation opens"
    );

    sb.keyed("activate", &[("id", &id.to_string())]).await;
    let queued = store.handle(orders());
    assert_eq!(
        queued.fresh_until,
        Some(store.now() + QUEUE),
        "next change: the queue ends"
    );
    assert!(
        queued.generation > idle.generation,
        "a write makes older answers stale"
    );

    sb.advance_minutes(QUEUE / 60).await;
    let active = store.handle(orders());
    let now = store.now();
    assert_eq!(
        active.fresh_until,
        Some(now - now % 60 + 60),
        "lastonline moves each minute"
    );
}
