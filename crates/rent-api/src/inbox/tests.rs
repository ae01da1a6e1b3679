use super::*;

fn rental(id: i64) -> Rental {
    serde_json::from_value(serde_json::json!({
        "id": id, "scode": "opt1", "sname": "Telegram", "state": 1, "pnumber": "9091234567",
        "ccode": "+7", "cname": "RU", "hasnewsms": false, "until": 1,
        "canprolong": true, "canprolongmax": 30, "canprolonguntil": 1
    }))
    .unwrap()
}

fn sms(text: &str, date: i64) -> Sms {
    Sms {
        text: text.into(),
        sender: "Telegram".into(),
        date,
    }
}

#[test]
fn the_same_sms_has_one_key_and_another_has_another() {
    let r = rental(7);
    let a = StoredSms::new(&r, &sms("Code 12345", 100), false);
    assert_eq!(a, StoredSms::new(&r, &sms("Code 12345", 100), false));
    assert_ne!(
        a.key,
        StoredSms::new(&r, &sms("Code 12346", 100), false).key
    );
    assert_ne!(
        a.key,
        StoredSms::new(&rental(8), &sms("Code 12345", 100), false).key
    );
    assert_eq!(a.number, "79091234567");
    assert_eq!(a.national(), "9091234567");
    assert!(a.valid());
}

#[test]
fn search_finds_text_sender_number_service_and_label() {
    let m = StoredSms::new(&rental(7), &sms("Your PayPal code is 443211", 100), false);
    let lower = |s: &str| s.to_lowercase();
    let find = |needle: &str, label: &str| {
        InboxFilter {
            needle: needle.into(),
            ..InboxFilter::default()
        }
        .shows(&m, label, lower)
    };
    assert!(find("443211", ""));
    assert!(find("paypal", ""));
    assert!(find("telegram", ""));
    assert!(find("909 123", ""));
    assert!(find("shop", "Shop Berlin"));
    assert!(!find("amazon", "Shop Berlin"));
    let unread = InboxFilter {
        unread_only: true,
        ..InboxFilter::default()
    };
    assert!(unread.shows(&m, "", lower));
    assert!(!unread.shows(
        &StoredSms {
            read: true,
            ..m.clone()
        },
        "",
        lower
    ));
    let other_number = InboxFilter {
        number: "123456".into(),
        ..InboxFilter::default()
    };
    assert!(!other_number.shows(&m, "", lower));
}

#[test]
fn newest_first_and_the_oldest_go_past_the_cap() {
    let r = rental(1);
    let mut list: Vec<StoredSms> = (0..5)
        .map(|i| StoredSms::new(&r, &sms(&format!("m{i}"), 100 + i), false))
        .collect();
    let over = over_cap(&list, 3);
    assert_eq!(over, vec![list[0].key.clone(), list[1].key.clone()]);
    assert!(over_cap(&list, 5).is_empty());
    newest_first(&mut list);
    assert_eq!(
        list.iter().map(|m| m.date).collect::<Vec<_>>(),
        [104, 103, 102, 101, 100]
    );
}

#[test]
fn hostile_input_is_cut_and_checked() {
    let long = "x".repeat(TEXT_MAX + 50);
    let m = StoredSms::new(&rental(7), &sms(&long, 1), false);
    assert_eq!(m.text.chars().count(), TEXT_MAX);
    let bad = StoredSms {
        number: "<script>".into(),
        ..m
    };
    assert!(!bad.valid());
}
