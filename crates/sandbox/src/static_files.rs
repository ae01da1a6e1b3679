//! The built app: precompressed files by `Accept-Encoding`, cache headers that let a
//! browser keep hashed files for good and always revalidate the rest, and `index.html`
//! for app routes so deep links reload.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// Files the build names by their content (`rentdesk-0123456789abcdef_bg.wasm`): they never
/// change under their name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (`index.html`, `sw.js`, the manifest, `boot.js`): ask each time.
const REVALIDATE: &str = "no-cache";

/// The app in `dist`, served with `policy` (the sandbox's CSP) also in `index.html`'s meta.
pub fn service(dist: &Path, policy: &HeaderValue) -> Router {
    let index = Index {
        file: dist.join("index.html"),
        meta_policy: meta_policy(policy),
    };
    let fallback = {
        let index = index.clone();
        any(move |uri: Uri| app_route(uri, index.clone()))
    };
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(fallback);
    let serve_index = move || {
        let index = index.clone();
        async move { index.response().await }
    };
    Router::new()
        .route("/", get(serve_index.clone()))
        .route("/index.html", get(serve_index))
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

/// `Cache-Control` by name, and `Vary: Accept-Encoding` since the body depends on it.
async fn cache_headers(request: Request, next: Next) -> Response {
    let immutable = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        let policy = if immutable { IMMUTABLE } else { REVALIDATE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether the file name carries the build's content hash: `-`, then 12 to 16 hex digits
/// (trunk writes its 64-bit hash without leading zeros), then `_bg.` or `.`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.match_indices('-').any(|(i, _)| {
        let rest = name.get(i + 1..).unwrap_or_default();
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        let after = rest.get(digits..).unwrap_or_default();
        (12..=16).contains(&digits) && (after.starts_with('.') || after.starts_with("_bg."))
    })
}

/// `index.html`, with the CSP meta the build wrote replaced by this sandbox's policy (which
/// allows its `--connect-src` addresses).
#[derive(Clone)]
struct Index {
    file: PathBuf,
    meta_policy: String,
}

impl Index {
    async fn response(&self) -> Response {
        match tokio::fs::read_to_string(&self.file).await {
            Ok(html) => (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                with_policy(&html, &self.meta_policy),
            )
                .into_response(),
            Err(_) => (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "The rentdesk app is not built yet: run scripts/run.sh, which builds it and serves it here.\n",
            )
                .into_response(),
        }
    }
}

/// App routes (`/rentals`, `/faq`, …) get `index.html` so deep links survive a reload;
/// a missing file (a path with an extension) is a 404.
async fn app_route(uri: Uri, index: Index) -> Response {
    let last = uri.path().rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    index.response().await
}

/// The header policy as a meta can carry it (`frame-ancestors` works only as a header).
fn meta_policy(policy: &HeaderValue) -> String {
    policy
        .to_str()
        .unwrap_or_default()
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .collect::<Vec<_>>()
        .join("; ")
}

const META: &str = r#"<meta http-equiv="Content-Security-Policy" content=""#;

fn with_policy(html: &str, policy: &str) -> String {
    let Some(start) = html.find(META).map(|i| i + META.len()) else {
        return html.to_owned();
    };
    let Some(len) = html[start..].find('"') else {
        return html.to_owned();
    };
    format!("{}{policy}{}", &html[..start], &html[start + len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_the_builds_content_named_files() {
        assert!(is_hashed("/rentdesk-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("/rentdesk/main-0123456789abcdef.css"));
        assert!(is_hashed("/loader-fedcba9876543210.js"));
        assert!(is_hashed("/rentdesk-5080d77637f80a7_bg.wasm"));
        assert!(is_hashed("/texts-de-d5fb7c2e05097f1f.json"));
        assert!(!is_hashed("/rentdesk-0123456789abcdef0_bg.wasm"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/boot.js"));
        assert!(!is_hashed("/icon-192.png"));
        assert!(!is_hashed("/rentals"));
    }

    #[test]
    fn the_meta_gets_the_served_policy_without_frame_ancestors() {
        let policy = HeaderValue::from_static(
            "default-src 'self'; connect-src 'self' https://x.test; frame-ancestors 'none'",
        );
        let html = r#"<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'" /><title>t</title>"#;
        assert_eq!(
            with_policy(html, &meta_policy(&policy)),
            r#"<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' https://x.test" /><title>t</title>"#
        );
        assert_eq!(with_policy("<title>t</title>", "x"), "<title>t</title>");
    }
}
