use super::*;
use crate::PeriodUnit;

const NOW: i64 = 1_796_378_400;

fn rental(until: i64, max_until: i64) -> Rental {
    serde_json::from_value(serde_json::json!({
        "id": 7, "scode": "opt1", "sname": "Telegram", "state": 1, "pnumber": "9091234567",
        "ccode": "+7", "cname": "RU", "hasnewsms": false, "until": until,
        "canprolong": true, "canprolongmax": (max_until - until) / DAY, "canprolonguntil": max_until
    }))
    .unwrap()
}

fn week_rule(days_left: u32) -> AutoRule {
    AutoRule {
        on: true,
        period: Period::one_week(),
        days_left,
        changed: 1,
    }
}

fn entry(at: i64, outcome: Outcome, cents: i64) -> LogEntry {
    LogEntry {
        at,
        rental: 7,
        number: "79091234567".into(),
        until: NOW,
        period: Period::one_week(),
        price: Some(Money::from_cents(cents)),
        outcome,
    }
}

#[test]
fn a_rental_is_due_once_few_enough_days_are_left() {
    let rule = week_rule(2);
    assert!(due(&rule, &rental(NOW + DAY, NOW + 80 * DAY), NOW));
    assert!(due(&rule, &rental(NOW + 2 * DAY, NOW + 80 * DAY), NOW));
    assert!(!due(&rule, &rental(NOW + 3 * DAY, NOW + 80 * DAY), NOW));
    assert!(
        !due(&rule, &rental(NOW - 1, NOW + 80 * DAY), NOW),
        "expired"
    );
    let off = AutoRule { on: false, ..rule };
    assert!(!due(&off, &rental(NOW + DAY, NOW + 80 * DAY), NOW));
}

#[test]
fn the_window_and_the_guarantee_stop_a_prolong() {
    let week = Period::one_week();
    assert_eq!(
        window_check(&rental(NOW + DAY, NOW + 80 * DAY), week, NOW),
        Ok(())
    );
    assert_eq!(
        window_check(&rental(NOW + 8 * DAY, NOW + 80 * DAY), week, NOW),
        Err(Refusal::Window)
    );
    assert_eq!(
        window_check(&rental(NOW + DAY, NOW + 5 * DAY), week, NOW),
        Err(Refusal::Guarantee)
    );
    let month = Period::new(PeriodUnit::Month, 1).unwrap();
    assert_eq!(
        window_check(&rental(NOW + DAY, NOW + 20 * DAY), month, NOW),
        Err(Refusal::Guarantee)
    );
    let days = Period::days_of(3).unwrap();
    assert_eq!(
        window_check(&rental(NOW + DAY, NOW + 5 * DAY), days, NOW),
        Ok(())
    );
}

#[test]
fn the_limit_and_the_balance_stop_a_prolong() {
    let c = Money::from_cents;
    assert_eq!(money_check(c(240), c(1000), c(0), c(500)), Ok(()));
    assert_eq!(money_check(c(240), c(1000), c(760), c(500)), Ok(()));
    assert_eq!(
        money_check(c(240), c(1000), c(761), c(500)),
        Err(Refusal::Limit {
            spent: c(761),
            limit: c(1000)
        })
    );
    assert_eq!(
        money_check(c(240), c(1000), c(0), c(239)),
        Err(Refusal::Balance { balance: c(239) })
    );
}

#[test]
fn the_month_counts_what_was_or_may_have_been_spent() {
    let log = vec![
        entry(300, Outcome::Prolonged, 240),
        entry(250, Outcome::Unknown, 100),
        entry(200, Outcome::Refused(Refusal::Window), 999),
        entry(150, Outcome::ProlongedAnswerLost, 10),
        entry(50, Outcome::Prolonged, 5000),
    ];
    assert_eq!(spent_since(&log, 100), Money::from_cents(350));
}

#[test]
fn the_switch_and_the_limit_gate_every_rule() {
    let mut plan = AutoPlan::default();
    plan.rules.insert("79091234567".into(), week_rule(2));
    assert_eq!(plan.rule("+7 909 123-45-67"), Some(week_rule(2)));
    assert_eq!(plan.active_rule("+7 909 123-45-67"), None, "no limit yet");
    assert!(!plan.runs());
    plan.limit = Some(Money::from_cents(1000));
    assert!(plan.runs());
    assert!(plan.active_rule("79091234567").is_some());
    plan.stopped = true;
    assert!(!plan.runs());
    assert_eq!(plan.active_rule("79091234567"), None);
}

#[test]
fn a_backup_merges_by_the_later_change_and_the_log_once() {
    let mut ours = AutoPlan {
        limit: Some(Money::from_cents(500)),
        changed: 10,
        ..AutoPlan::default()
    };
    ours.rules.insert(
        "111111".into(),
        AutoRule {
            changed: 20,
            ..week_rule(2)
        },
    );
    let mut theirs = AutoPlan {
        limit: Some(Money::from_cents(900)),
        changed: 5,
        ..AutoPlan::default()
    };
    theirs.rules.insert(
        "111111".into(),
        AutoRule {
            on: false,
            changed: 15,
            ..week_rule(2)
        },
    );
    theirs.rules.insert("222222".into(), week_rule(3));
    assert_eq!(merge_plan(&mut ours, theirs), 1);
    assert_eq!(
        ours.limit,
        Some(Money::from_cents(500)),
        "ours changed later"
    );
    assert!(ours.rules["111111"].on, "ours changed later");
    assert_eq!(ours.rules["222222"], week_rule(3));

    let mut log = vec![
        entry(3, Outcome::Prolonged, 1),
        entry(1, Outcome::Prolonged, 1),
    ];
    merge_log(
        &mut log,
        vec![
            entry(2, Outcome::Unknown, 1),
            entry(1, Outcome::Prolonged, 1),
        ],
    );
    assert_eq!(log.iter().map(|e| e.at).collect::<Vec<_>>(), [3, 2, 1]);
}

#[test]
fn a_plan_from_a_file_is_checked() {
    let mut plan = AutoPlan::default();
    plan.rules.insert("79091234567".into(), week_rule(2));
    assert!(valid_plan(&plan));
    plan.rules.insert("79091234568".into(), week_rule(7));
    assert!(!valid_plan(&plan), "7 days left is outside the window");
    plan.rules.remove("79091234568");
    plan.rules.insert("<b>".into(), week_rule(2));
    assert!(!valid_plan(&plan));
}

#[test]
fn the_log_keeps_its_newest_lines_and_reads_back() {
    let mut log = Vec::new();
    for at in 0..(LOG_MAX as i64 + 5) {
        log_push(&mut log, entry(at, Outcome::Prolonged, 1));
    }
    assert_eq!(log.len(), LOG_MAX);
    assert_eq!(log[0].at, LOG_MAX as i64 + 4);
    let refused = entry(
        1,
        Outcome::Refused(Refusal::Balance {
            balance: Money::from_cents(3),
        }),
        240,
    );
    let text = serde_json::to_string(&refused).unwrap();
    assert_eq!(serde_json::from_str::<LogEntry>(&text).unwrap(), refused);
}
