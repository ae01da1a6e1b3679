use super::*;

fn note(label: &str, changed: i64) -> NumberNote {
    NumberNote {
        label: label.into(),
        changed,
        ..NumberNote::default()
    }
}

fn backup_text(numbers: serde_json::Value) -> String {
    serde_json::json!({"kind": BACKUP_KIND, "version": 1, "exported_at": 5, "numbers": numbers})
        .to_string()
}

#[test]
fn a_number_is_keyed_by_its_digits() {
    assert_eq!(number_key("+7 909 123-45-67"), "79091234567");
    assert_eq!(number_key("79091234567"), "79091234567");
}

#[test]
fn labels_are_one_clean_line() {
    assert_eq!(
        clean_label("  Insta\u{0}gram\n@shop \t"),
        "Insta gram @shop"
    );
    assert_eq!(clean_label(&"x".repeat(100)).chars().count(), LABEL_MAX);
    assert_eq!(
        clean_label("<img src=x onerror=alert(1)>"),
        "<img src=x onerror=alert(1)>"
    );
    assert_eq!(clean_note(" a\r\nb\u{7}c \n"), "a\nbc");
    assert_eq!(clean_note(&"ж".repeat(2000)).chars().count(), NOTE_MAX);
}

#[test]
fn a_good_backup_reads_back_cleaned() {
    let text = backup_text(serde_json::json!({
        "79091234567": {"label": " Shop\u{1} ", "note": "a\r\nb", "keep": true, "changed": 10}
    }));
    let b = read_backup(&text).unwrap();
    let n = &b.numbers["79091234567"];
    assert_eq!(
        (n.label.as_str(), n.note.as_str(), n.keep),
        ("Shop", "a\nb", true)
    );
    let written = serde_json::to_string(&b).unwrap();
    assert_eq!(
        read_backup(&written).unwrap(),
        b,
        "what is written reads back"
    );
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    assert_eq!(
        read_backup("{\"kind\": \"rentdesk-backup\", \"vers"),
        Err(BackupError::Broken)
    );
    assert_eq!(read_backup("[1,2]"), Err(BackupError::Broken));
    assert_eq!(
        read_backup("{\"numbers\": {}}"),
        Err(BackupError::NotBackup)
    );
    assert_eq!(
        read_backup("{\"kind\": \"rentdesk-backup\", \"version\": 2}"),
        Err(BackupError::FutureVersion(2))
    );
    assert_eq!(
        read_backup("{\"kind\": \"rentdesk-backup\", \"version\": 0}"),
        Err(BackupError::NotBackup)
    );
    let long = backup_text(serde_json::json!({"79091234567": {"label": "x".repeat(61)}}));
    assert_eq!(read_backup(&long), Err(BackupError::Invalid("label")));
    let huge = backup_text(serde_json::json!({"79091234567": {"label": "x".repeat(17_000_000)}}));
    assert_eq!(read_backup(&huge), Err(BackupError::TooLarge));
    let key = backup_text(serde_json::json!({"<b>": {"label": "x"}}));
    assert_eq!(read_backup(&key), Err(BackupError::Invalid("numbers")));
    let typed = backup_text(serde_json::json!({"79091234567": {"label": 5}}));
    assert_eq!(read_backup(&typed), Err(BackupError::Invalid("structure")));
    let fav =
        serde_json::json!({"kind": BACKUP_KIND, "version": 1, "favourites": ["ok", "no way"]});
    assert_eq!(
        read_backup(&fav.to_string()),
        Err(BackupError::Invalid("favourites"))
    );
    let choice =
        serde_json::json!({"kind": BACKUP_KIND, "version": 1, "choices": {"rentdesk.key": "k"}});
    assert_eq!(
        read_backup(&choice.to_string()),
        Err(BackupError::Invalid("choices"))
    );
}

#[test]
fn the_later_change_wins_a_merge() {
    let mut ours = Notes::new();
    ours.insert("111111".into(), note("ours newer", 20));
    ours.insert("222222".into(), note("ours older", 10));
    ours.insert("333333".into(), note("same", 10));
    ours.insert("444444".into(), note("", 50));
    let mut theirs = Notes::new();
    theirs.insert("111111".into(), note("theirs older", 10));
    theirs.insert("222222".into(), note("theirs newer", 20));
    theirs.insert("333333".into(), note("same", 30));
    theirs.insert("444444".into(), note("brought back?", 40));
    theirs.insert("555555".into(), note("new", 1));
    theirs.insert("666666".into(), note("", 1));
    let report = merge_notes(&mut ours, theirs);
    assert_eq!(
        report,
        MergeReport {
            added: 1,
            updated: 1,
            kept: 3
        }
    );
    assert_eq!(ours["111111"].label, "ours newer");
    assert_eq!(ours["222222"].label, "theirs newer");
    assert_eq!(
        ours["444444"].label, "",
        "cleared here later: stays cleared"
    );
    assert_eq!(ours["555555"].label, "new");
    assert!(!ours.contains_key("666666"), "a cleared entry adds nothing");
}

#[test]
fn lists_merge_without_repeats_within_their_cap() {
    let ours = vec!["a".to_owned(), "b".to_owned()];
    let theirs = vec!["b".to_owned(), "c".to_owned(), "d".to_owned()];
    assert_eq!(merge_list(&ours, &theirs, 3), ["a", "b", "c"]);
}

#[test]
fn tidy_drops_bad_keys_and_old_cleared_entries_first() {
    let mut notes = Notes::new();
    notes.insert("abc".into(), note("bad key", 1));
    for i in 0..NUMBERS_MAX {
        notes.insert(format!("1{i:09}"), note("x", 100 + i as i64));
    }
    notes.insert("9000000000".into(), note("", 5));
    let tidy = tidy(notes);
    assert_eq!(tidy.len(), NUMBERS_MAX);
    assert!(!tidy.contains_key("abc"));
    assert!(
        !tidy.contains_key("9000000000"),
        "the cleared entry went first"
    );
}

#[test]
fn automatic_prolonging_rides_in_the_backup_and_is_checked() {
    let rule = serde_json::json!({ "on": true, "period": { "unit": "week", "count": 1 }, "days_left": 2, "changed": 5 });
    let file = |rules: serde_json::Value| {
        serde_json::json!({
            "kind": BACKUP_KIND, "version": 1,
            "auto_prolong": { "limit": 10, "changed": 4, "rules": rules },
            "auto_log": [{ "at": 9, "rental": 7, "number": "79091234567", "until": 100,
                "period": { "unit": "week", "count": 1 }, "price": 2.4, "outcome": "prolonged" }]
        })
        .to_string()
    };
    let backup = read_backup(&file(serde_json::json!({ "79091234567": rule }))).unwrap();
    let plan = backup.auto_prolong.unwrap();
    assert_eq!(plan.limit, Some(crate::Money::from_cents(1000)));
    assert!(plan.rules["79091234567"].on);
    assert_eq!(backup.auto_log.len(), 1);
    assert_eq!(
        backup.auto_log[0].price,
        Some(crate::Money::from_cents(240))
    );
    let mut bad = rule.clone();
    bad["days_left"] = 9.into();
    assert_eq!(
        read_backup(&file(serde_json::json!({ "79091234567": bad }))),
        Err(BackupError::Invalid("auto_prolong"))
    );
}
