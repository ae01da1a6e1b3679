//! The archive's paging, and restoring with its cost and every error code.

use crate::harness::*;
use rent_api::rules::{self, DAY};
use rent_api::{decode, Money, RestoreErrorCode};
use serde_json::json;

async fn page(sb: &Sandbox, skip: u32, take: u32) -> Vec<rent_api::ArchivedRental> {
    let body = sb
        .raw(&[
            ("method", "get_rent_history"),
            ("apikey", KEY),
            ("skip", &skip.to_string()),
            ("take", &take.to_string()),
        ])
        .await;
    decode::history(&body).unwrap()
}

#[tokio::test]
async fn the_archive_pages_newest_first() {
    let sb = Sandbox::new().await;
    assert!(
        page(&sb, 0, 20).await.is_empty(),
        "a new key has an empty archive"
    );
    let (status, body) = sb
        .admin(
            "rentals",
            json!({ "apikey": KEY, "count": 45, "expired": true }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let first = page(&sb, 0, 20).await;
    let second = page(&sb, 20, 20).await;
    let third = page(&sb, 40, 20).await;
    assert_eq!((first.len(), second.len(), third.len()), (20, 20, 5));
    let all: Vec<_> = first.iter().chain(&second).chain(&third).collect();
    assert!(
        all.windows(2).all(|w| w[0].closed >= w[1].closed),
        "newest first"
    );
    let mut ids: Vec<i64> = all.iter().map(|r| r.order_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 45, "no row twice across pages");
    assert!(page(&sb, 45, 20).await.is_empty());
}

async fn expired_rental(sb: &Sandbox, days_overdue: i64) -> i64 {
    let id = id_of(&sb.rent("RU", "opt59", "week", "1", "always").await);
    sb.advance_minutes((7 + days_overdue) * 24 * 60 - 30).await;
    id
}

#[tokio::test]
async fn restore_charges_the_quoted_cost_and_reopens_for_thirty_days() {
    let sb = Sandbox::new().await;
    let id = expired_rental(&sb, 3).await;
    let ids = id.to_string();
    let quote = decode::restore_quote(
        &sb.raw(&[
            ("method", "restore_user_precalc"),
            ("apikey", KEY),
            ("id", &ids),
        ])
        .await,
    )
    .unwrap();
    assert_eq!(quote.outdays, 3);
    assert_eq!(quote.prolong_to, 30);
    assert_eq!(quote.orderid, id);
    assert_eq!(quote.scode, "opt59");
    assert_eq!(quote.sname, "Avito");
    let cost = rules::RestoreCost {
        overdue_days: 3,
        overdue_day_price: day_price(&sb, "RU", "opt59", "week", "1", "always").await,
        prepaid_days: 30,
        prepaid_day_price: day_price(&sb, "RU", "opt59", "month", "1", "always").await,
    };
    assert_eq!(
        quote.price,
        cost.total(),
        "the seed's formula with getdata's prices"
    );

    let before = sb.balance().await;
    let done = sb.keyed("restore_user", &[("id", &ids)]).await;
    assert_eq!(done, json!({ "status": 1, "data": { "id": id } }));
    assert_eq!(sb.balance().await, before - quote.price);
    let order = sb.order(id).await.expect("back in orders");
    let now = order.until - 30 * DAY;
    assert!(order.until - now == 30 * DAY);
    assert!(
        page(&sb, 0, 20).await.iter().all(|r| r.order_id != id),
        "no longer archived"
    );
    let twice = sb.keyed("restore_user", &[("id", &ids)]).await;
    assert_eq!(
        twice["msg"], "DATEDIFFINVERT",
        "an open rental cannot be restored"
    );
    assert_eq!(sb.balance().await, before - quote.price, "charged once");
}

#[tokio::test]
async fn every_restore_error_code_in_its_situation() {
    let sb = Sandbox::new().await;
    let code =
        |v: serde_json::Value| RestoreErrorCode::from_msg(v["msg"].as_str().unwrap_or_default());
    let precalc = |id: i64| {
        let sb = &sb;
        async move {
            sb.keyed("restore_user_precalc", &[("id", &id.to_string())])
                .await
        }
    };

    assert_eq!(
        code(precalc(999_999).await),
        Some(RestoreErrorCode::NoRemoteData)
    );
    let open = id_of(&sb.rent("RU", "opt16", "month", "3", "always").await);
    assert_eq!(
        code(precalc(open).await),
        Some(RestoreErrorCode::DateDiffInvert)
    );
    let deleted = id_of(&sb.rent("RU", "opt16", "week", "1", "always").await);
    sb.keyed("delete", &[("id", &deleted.to_string())]).await;
    assert_eq!(
        code(precalc(deleted).await),
        Some(RestoreErrorCode::DateDiffInvert)
    );

    let expired = expired_rental(&sb, 1).await;
    sb.new_key("other", "50").await;
    let foreign = sb
        .call(&[
            ("method", "restore_user_precalc"),
            ("apikey", "other"),
            ("id", &expired.to_string()),
        ])
        .await;
    assert_eq!(code(foreign), Some(RestoreErrorCode::NotOwner));

    sb.admin("catalogue", json!({ "service": "opt59", "enabled": false }))
        .await;
    assert_eq!(
        code(precalc(expired).await),
        Some(RestoreErrorCode::NoServiceData)
    );
    sb.admin("catalogue", json!({ "service": "opt59", "enabled": true }))
        .await;
    sb.admin("catalogue", json!({ "country": "RU", "enabled": false }))
        .await;
    assert_eq!(
        code(precalc(expired).await),
        Some(RestoreErrorCode::NoOrderCountry)
    );
    sb.admin("catalogue", json!({ "country": "RU", "enabled": true }))
        .await;
    assert!(precalc(expired).await["status"] == 1);

    sb.new_key("broke", "0").await;
    let broke_rental = {
        sb.admin("balance", json!({ "apikey": "broke", "amount": "0.70" }))
            .await;
        let created = sb
            .call(&[
                ("method", "create"),
                ("apikey", "broke"),
                ("dtype", "week"),
                ("dcount", "1"),
                ("country", "PL"),
                ("service", "opt65"),
            ])
            .await;
        id_of(&created["data"])
    };
    sb.advance_days(8).await;
    let balance = sb.balance_of("broke").await;
    let quote = sb
        .call(&[
            ("method", "restore_user_precalc"),
            ("apikey", "broke"),
            ("id", &broke_rental.to_string()),
        ])
        .await;
    assert_eq!(quote["status"], 1, "the cost is shown whatever the balance");
    let broke = sb
        .call(&[
            ("method", "restore_user"),
            ("apikey", "broke"),
            ("id", &broke_rental.to_string()),
        ])
        .await;
    let price: Money = serde_json::from_value(quote["data"]["price"].clone()).unwrap();
    assert!(price > balance, "{price} vs {balance}");
    assert_eq!(code(broke), Some(RestoreErrorCode::NoBalance));
    assert_eq!(sb.balance_of("broke").await, balance, "nothing charged");

    sb.admin("retire", json!({ "id": expired })).await;
    assert_eq!(
        code(precalc(expired).await),
        Some(RestoreErrorCode::NoAvailDays)
    );
}
