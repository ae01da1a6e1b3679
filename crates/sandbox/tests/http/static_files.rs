//! The built app over HTTP: precompressed files by Accept-Encoding, cache headers, the
//! CSP meta in index.html.

use crate::harness::{config, Sandbox};

const WASM: &str = "rentdesk-0123456789abcdef_bg.wasm";

/// A small built app of its own for each test (tests run at the same time).
fn dist(test: &str) -> std::path::PathBuf {
    let dist = std::env::temp_dir().join(format!("rentdesk-static-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    let index = r#"<!doctype html><meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self'" /><title>rentdesk</title>"#;
    std::fs::write(dist.join("index.html"), index).unwrap();
    std::fs::write(dist.join(WASM), b"\0asm plain").unwrap();
    std::fs::write(dist.join(format!("{WASM}.br")), b"brotli bytes").unwrap();
    std::fs::write(dist.join(format!("{WASM}.gz")), b"gzip bytes").unwrap();
    std::fs::write(dist.join("sw.js"), "self.x = 1;").unwrap();
    dist
}

async fn get(url: &str, encoding: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(url)
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn files_come_precompressed_as_the_browser_accepts_with_their_type() {
    let dist = dist("encoding");
    let mut config = config(":memory:");
    config.dist = dist.clone();
    let sb = Sandbox::with(config).await;
    let url = format!("{}/{WASM}", sb.base);
    for (accept, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "\0asm plain"),
    ] {
        let response = get(&url, accept).await;
        assert_eq!(response.status(), 200, "{accept}");
        let headers = response.headers();
        assert_eq!(headers["content-type"], "application/wasm", "{accept}");
        assert_eq!(headers["vary"], "accept-encoding", "{accept}");
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(response.text().await.unwrap(), body, "{accept}");
    }
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_and_the_rest_is_revalidated() {
    let dist = dist("cache");
    let mut config = config(":memory:");
    config.dist = dist.clone();
    let sb = Sandbox::with(config).await;
    let immutable = get(&format!("{}/{WASM}", sb.base), "br").await;
    assert_eq!(
        immutable.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    for path in ["/", "/index.html", "/rentals", "/archive?page=2", "/sw.js"] {
        let response = get(&format!("{}{path}", sb.base), "br").await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
    }
    let missing = get(&format!("{}/missing-0123456789abcdef.js", sb.base), "br").await;
    assert_eq!(missing.status(), 404);
    assert!(missing.headers().get("cache-control").is_none());
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test]
async fn index_html_carries_the_served_policy_as_a_meta() {
    let dist = dist("meta");
    let mut config = config(":memory:");
    config.dist = dist.clone();
    config.connect_src = vec!["https://api.example.test".into()];
    let sb = Sandbox::with(config).await;
    for path in ["/", "/rentals"] {
        let response = get(&format!("{}{path}", sb.base), "identity").await;
        let header = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(header.contains("connect-src 'self' https://api.example.test;"));
        let html = response.text().await.unwrap();
        let meta = header.replace("; frame-ancestors 'none'", "");
        assert!(
            html.contains(&format!(
                r#"<meta http-equiv="Content-Security-Policy" content="{meta}" />"#
            )),
            "{html}"
        );
    }
    let _ = std::fs::remove_dir_all(dist);
}
