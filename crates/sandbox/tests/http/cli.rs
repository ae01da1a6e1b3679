//! The binary itself: what it prints at start, its admin subcommands, the demo simulator.

use crate::harness::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Binary(Child);

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sandbox_binary(args: &[&str]) -> (Binary, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rentdesk-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--db", ":memory:"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let base = first
        .strip_prefix("rentdesk sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    (Binary(child), base, second)
}

fn admin_command(base: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rentdesk-sandbox"))
        .args(args)
        .args(["--server", base])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_binary_prints_its_address_and_demo_key_and_takes_admin_commands() {
    let (_child, base, key_line) = sandbox_binary(&["--admin", "--demo-key", "cli-key"]);
    assert_eq!(
        key_line,
        "demo API key: cli-key (balance 100.00 USD at first start)"
    );

    let (ok, out) = admin_command(&base, &["top-up", "--key", "cli-key", "--amount", "2.5"]);
    assert!(ok, "{out}");
    assert!(out.contains("\"balance\":102.5"), "{out}");
    let (ok, out) = admin_command(&base, &["new-key", "--key", "second", "--balance", "3"]);
    assert!(ok && out.contains("\"apikey\":\"second\""), "{out}");
    let (ok, out) = admin_command(&base, &["clock", "--days", "1"]);
    assert!(ok && out.contains("\"now\""), "{out}");
    let (ok, out) = admin_command(&base, &["sms", "--id", "1", "--text", "hi"]);
    assert!(!ok, "an unknown rental is refused: {out}");
    assert!(out.contains("Order not found"), "{out}");
}

#[tokio::test]
async fn demo_sms_arrive_at_active_numbers() {
    let mut config = config(":memory:");
    config.demo_sms_every = 1;
    let sb = Sandbox::with(config).await;
    let id = id_of(&sb.rent("RU", "opt16", "week", "1", "always").await);
    let waited = std::time::Instant::now();
    while !sb.order(id).await.unwrap().hasnewsms {
        assert!(waited.elapsed().as_secs() < 20, "no demo SMS within 20 s");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let sms = sb.keyed("sms", &[("id", &id.to_string())]).await;
    let text = sms["data"]["SmsList"][0]["text"].as_str().unwrap();
    assert!(
        text.chars().filter(|c| c.is_ascii_digit()).count() >= 6,
        "{text}"
    );
}
