use super::*;

fn rental(id: i64, scode: &str) -> Rental {
    serde_json::from_value(serde_json::json!({
        "id": id, "scode": scode, "sname": "Telegram", "state": 1, "pnumber": format!("15{id:08}"),
        "ccode": "+49", "cname": "DE", "hasnewsms": false, "until": 1_800_000_000,
        "canprolong": false, "canprolongmax": 0, "canprolonguntil": 1_800_000_000
    }))
    .unwrap()
}

fn batch(count: u32) -> Batch {
    Batch {
        id: "b1".into(),
        started: 1,
        count,
        country: "DE".into(),
        country_name: "Germany".into(),
        services: vec!["opt29".into()],
        service_names: vec!["Telegram".into()],
        period: Period::one_week(),
        rent_type: NumberType::Always,
        provider: None,
        price: "2.40".parse().unwrap(),
        pattern: "Shop {n}".into(),
        first: 21,
        note: String::new(),
        before: None,
        steps: Vec::new(),
        state: BatchState::Running,
        closed: false,
    }
}

fn rented(id: i64) -> StepOutcome {
    StepOutcome::Rented {
        id,
        number: format!("4915{id:08}"),
        until: 1_800_000_000,
        found: false,
    }
}

#[test]
fn a_batch_reads_the_baseline_then_rents_each_position_once_and_finishes_at_its_count() {
    let mut b = batch(2);
    assert_eq!(b.next(), Next::Baseline);
    b.before = Some(vec![]);
    assert_eq!(b.next(), Next::Rent(0));
    b.mark_sent(0, 5);
    assert_eq!(
        b.next(),
        Next::Settle(0),
        "a sent step is settled before anything else"
    );
    b.set(0, rented(10));
    assert_eq!(b.next(), Next::Rent(1));
    b.set(1, rented(11));
    assert_eq!(b.next(), Next::End(End::Finished));
    assert_eq!(b.charged(), "4.80".parse().unwrap());
    assert_eq!(b.total(), "4.80".parse().unwrap());
    b.state = BatchState::Ended { end: End::Finished };
    assert_eq!(b.next(), Next::Nothing);
}

#[test]
fn a_step_not_done_is_sent_again_with_the_same_request_id() {
    let mut b = batch(3);
    b.before = Some(vec![]);
    b.set(0, rented(10));
    let id = b.request_id(1);
    b.mark_sent(1, 5);
    b.not_done(1);
    assert_eq!(b.next(), Next::Rent(1));
    assert_eq!(b.request_id(1), id);
    assert_ne!(b.request_id(2), id);
}

#[test]
fn a_stop_settles_the_call_on_its_way_first_and_a_refusal_ends_the_batch() {
    let mut b = batch(5);
    b.before = Some(vec![]);
    b.set(0, rented(10));
    b.mark_sent(1, 5);
    b.state = BatchState::Stopping;
    assert_eq!(b.next(), Next::Settle(1));
    b.set(1, rented(11));
    assert_eq!(b.next(), Next::End(End::Stopped));

    let mut b = batch(5);
    b.before = Some(vec![]);
    b.set(0, rented(10));
    b.set(
        1,
        StepOutcome::Refused {
            msg: "No numbers".into(),
        },
    );
    assert_eq!(
        b.next(),
        Next::End(End::Refused {
            msg: "No numbers".into()
        })
    );
    assert_eq!(b.rented_count(), 1);
    assert_eq!(b.charged(), "2.40".parse().unwrap());
}

#[test]
fn a_lost_answer_is_the_new_rental_of_the_service_no_step_and_no_earlier_rental_has() {
    let mut b = batch(3);
    assert_eq!(
        b.find_lost(&[rental(9, "opt29")]),
        None,
        "no baseline: never guessed"
    );
    let open = [rental(1, "opt29"), rental(2, "opt1")];
    b.before = Some(b.baseline(&open));
    assert_eq!(b.before, Some(vec![1]));
    b.set(0, rented(10));
    let after = [
        rental(1, "opt29"),
        rental(2, "opt1"),
        rental(10, "opt29"),
        rental(12, "opt1"),
    ];
    assert_eq!(
        b.find_lost(&after),
        None,
        "another service's rental is not ours"
    );
    let after = [rental(10, "opt29"), rental(13, "opt29,opt1")];
    assert_eq!(b.find_lost(&after).map(|r| r.id), Some(13));
}

#[test]
fn labels_follow_the_pattern_and_numbering_goes_on_where_it_left_off() {
    let b = batch(3);
    assert_eq!(b.label(0).as_deref(), Some("Shop 21"));
    assert_eq!(label_of("Shop", 2).as_deref(), Some("Shop 2"));
    assert_eq!(label_of("  ", 2), None);
    let labels = [
        "Shop 3", "Shop 20", "Shop x", "Shop 7b", "Other 40", "Shop ",
    ];
    assert_eq!(next_first("Shop {n}", labels), 21);
    assert_eq!(
        next_first("Shop", labels),
        21,
        "a pattern without {{n}} numbers after a space"
    );
    assert_eq!(next_first("Box {n} DE", ["Box 4 DE", "Box 9"]), 5);
    assert_eq!(next_first("New {n}", labels), 1);
}

#[test]
fn the_batch_survives_storage_and_its_csv_lists_the_numbers_rented() {
    let mut b = batch(2);
    b.before = Some(vec![]);
    b.set(0, rented(10));
    b.mark_sent(1, 7);
    let text = serde_json::to_string(&b).unwrap();
    assert_eq!(serde_json::from_str::<Batch>(&text).unwrap(), b);
    let csv = b.csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "n,number,label,services,country,id,expires_utc");
    assert!(
        lines[1].starts_with("1,491500000010,Shop 21,opt29,DE,10,"),
        "{csv}"
    );
    assert_eq!(lines.len(), 3, "the sent step is not listed: {csv}");
}

#[test]
fn a_backup_brings_other_batches_as_closed_records_never_to_be_continued() {
    let mut ours = vec![batch(2)];
    let mut theirs = batch(3);
    theirs.id = "b2".into();
    theirs.started = 9;
    assert!(theirs.valid());
    let added = merge(&mut ours, vec![batch(2), theirs]);
    assert_eq!(added, 1, "the same id is not taken twice");
    assert_eq!(ours[1].id, "b2");
    assert!(ours[1].ended() && ours[1].closed);
    assert_eq!(ours[1].next(), Next::Nothing);
    let mut junk = batch(2);
    junk.count = 1_000;
    assert!(!junk.valid());
}
