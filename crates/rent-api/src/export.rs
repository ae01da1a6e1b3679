//! The rentals as files to keep: a CSV table, and their expiry dates as an iCalendar file
//! with one event per rental and a reminder two days before, so reminders work with the
//! app closed. Pure text generation; times are UTC.

use crate::auto_prolong::AutoPlan;
use crate::desk::{number_key, Notes};
use crate::Rental;

/// The label written for a rental, if any.
fn label_of<'a>(notes: &'a Notes, r: &Rental) -> &'a str {
    notes
        .get(&number_key(&r.full_number()))
        .map_or("", |n| n.label.as_str())
}

/// Days before expiry the calendar's reminder fires.
pub const REMINDER_DAYS: u32 = 2;

/// `YYYY-MM-DD HH:MM:SS` parts of a UNIX time (UTC).
fn civil(ts: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

/// A UNIX time as ISO 8601 UTC: `2026-12-04T10:00:00Z`.
pub fn iso_utc(ts: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(ts);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

fn ics_time(ts: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(ts);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// One CSV field: quoted when needed, and a leading `=`, `+`, `-` or `@` defused so a
/// spreadsheet never runs text from the API as a formula.
pub fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The rentals as CSV (RFC 4180, CRLF): id, number with dialling code (digits), the
/// person's label, services, state code, country, expiry (ISO 8601 UTC).
pub fn rentals_csv(rentals: &[Rental], notes: &Notes) -> String {
    let mut out = String::from("id,number,label,services,state,country,expires_utc\r\n");
    for r in rentals {
        let fields = [
            r.id.to_string(),
            r.full_number(),
            label_of(notes, r).to_owned(),
            r.sname.clone(),
            r.state.code().to_string(),
            r.cname.clone(),
            iso_utc(r.until),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// iCalendar TEXT escaping.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (RFC 5545 §3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// The rentals' expiry dates as an iCalendar file: one event per rental at its expiry,
/// with a display alarm [`REMINDER_DAYS`] before. `summary` words the event, e.g.
/// `"Rental expires"`, and the person's label names the number; `now` stamps it.
/// A rental with automatic prolonging on gets `auto_text` in its title and description: it
/// may well not expire then, and the reminder stays in case the desk is not open.
pub fn expiry_ics(
    rentals: &[Rental],
    notes: &Notes,
    auto: &AutoPlan,
    (summary, auto_text): (&str, &str),
    now: i64,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//rentdesk//rental expiry//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        out.push_str(&fold(line));
    }
    for r in rentals {
        let number = match label_of(notes, r) {
            "" => format!("+{}", r.full_number()),
            label => format!("{label} · +{}", r.full_number()),
        };
        let mark = match auto.active_rule(&r.full_number()) {
            Some(_) => format!(" · ↻ {auto_text}"),
            None => String::new(),
        };
        let title = ics_text(&format!("{summary}: {number} ({}){mark}", r.sname));
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:rental-{}-{}@rentdesk", r.id, r.until),
            format!("DTSTAMP:{}", ics_time(now)),
            format!("DTSTART:{}", ics_time(r.until)),
            format!("DTEND:{}", ics_time(r.until + 1800)),
            format!("SUMMARY:{title}"),
            format!(
                "DESCRIPTION:{}",
                ics_text(&format!("{number} · {} · {}{mark}", r.sname, r.cname))
            ),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{title}"),
            format!("TRIGGER:-P{REMINDER_DAYS}D"),
            "END:VALARM".to_owned(),
            "END:VEVENT".to_owned(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RentalState;

    fn rental(id: i64, sname: &str, until: i64) -> Rental {
        serde_json::from_value(serde_json::json!({
            "id": id, "scode": "opt1", "sname": sname, "state": 1, "pnumber": "9091234567",
            "ccode": "+7", "cname": "RU", "hasnewsms": false, "until": until,
            "canprolong": true, "canprolongmax": 30, "canprolonguntil": until
        }))
        .unwrap()
    }

    #[test]
    fn utc_dates_are_civil() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_796_378_400), "2026-12-04T10:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn csv_quotes_and_defuses_text() {
        let rows = [
            rental(1, "Instagram", 1_796_378_400),
            rental(2, "=HYPERLINK(\"x\"), \"quoted\"", 0),
        ];
        let csv = rentals_csv(&rows, &Notes::new());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "id,number,label,services,state,country,expires_utc"
        );
        assert_eq!(
            lines[1],
            "1,79091234567,,Instagram,1,RU,2026-12-04T10:00:00Z"
        );
        assert_eq!(
            lines[2],
            "2,79091234567,,\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\",1,RU,1970-01-01T00:00:00Z"
        );
        assert_eq!(lines.len(), 4, "CRLF after every row");
        assert_eq!(rows[0].state, RentalState::Active);
    }

    #[test]
    fn ics_has_one_event_per_rental_with_a_reminder_two_days_before() {
        let ics = expiry_ics(
            &[
                rental(7, "Google; Mail, \\x", 1_796_378_400),
                rental(8, "Avito", 1_796_400_000),
            ],
            &Notes::new(),
            &AutoPlan::default(),
            ("Rental expires", "prolongs automatically"),
            1_796_000_000,
        );
        assert!(!ics.contains("automatically"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("TRIGGER:-P2D").count(), 2);
        assert!(ics.contains("DTSTART:20261204T100000Z\r\n"));
        assert!(ics.contains("SUMMARY:Rental expires: +79091234567 (Google\\; Mail\\, \\\\x)"));
        assert!(ics.contains("UID:rental-7-1796378400@rentdesk"));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75), "folded");
    }

    #[test]
    fn the_label_names_the_number_in_both_files() {
        let mut notes = Notes::new();
        notes.insert(
            "79091234567".into(),
            crate::desk::NumberNote {
                label: "=cmd|' /C calc'!A0, shop".into(),
                ..Default::default()
            },
        );
        let rows = [rental(1, "Instagram", 1_796_378_400)];
        let csv = rentals_csv(&rows, &notes);
        assert_eq!(
            csv.split("\r\n").nth(1).unwrap(),
            "1,79091234567,\"'=cmd|' /C calc'!A0, shop\",Instagram,1,RU,2026-12-04T10:00:00Z",
            "its own column, the formula defused"
        );
        let ics = expiry_ics(
            &rows,
            &notes,
            &AutoPlan::default(),
            ("Rental expires", "auto"),
            0,
        );
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "SUMMARY:Rental expires: =cmd|' /C calc'!A0\\, shop · +79091234567 (Instagram)"
        ));
    }

    #[test]
    fn ics_marks_rentals_that_prolong_themselves_and_keeps_their_reminder() {
        let mut plan = AutoPlan {
            limit: Some(crate::Money::from_cents(1000)),
            ..AutoPlan::default()
        };
        let rule = crate::auto_prolong::AutoRule {
            on: true,
            period: crate::Period::one_week(),
            days_left: 2,
            changed: 1,
        };
        plan.rules.insert("79091234567".into(), rule);
        let mut other = rental(8, "Avito", 1_796_400_000);
        other.pnumber = "9000000000".into();
        let rows = [rental(7, "Telegram", 1_796_378_400), other];
        let ics = expiry_ics(
            &rows,
            &Notes::new(),
            &plan,
            ("Rental expires", "prolongs automatically"),
            0,
        );
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "SUMMARY:Rental expires: +79091234567 (Telegram) · ↻ prolongs automatically\r\n"
        ));
        assert!(unfolded.contains("SUMMARY:Rental expires: +79000000000 (Avito)\r\n"));
        assert_eq!(ics.matches("TRIGGER:-P2D").count(), 2);
        plan.stopped = true;
        let ics = expiry_ics(
            &rows,
            &Notes::new(),
            &plan,
            ("Rental expires", "prolongs automatically"),
            0,
        );
        assert!(!ics.contains("automatically"), "the switch is off");
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let long = format!("SUMMARY:{}", "ж".repeat(100));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
