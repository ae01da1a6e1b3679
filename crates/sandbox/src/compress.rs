//! The API's answers gzip-compressed for clients that accept it, as a production web server
//! sends them: `getdata` is ~19 KB of JSON and ~3 KB compressed, which on a slow link is
//! most of the wait after the app has started.

use axum::http::Response;
use tower_http::compression::predicate::Predicate;
use tower_http::compression::CompressionLayer;

/// Whole answers of 1 KB or more. A streamed one goes out as it is: the proxy's, and the
/// fault that breaks the connection after its first byte (compressing would hold that byte
/// back, and a browser silently resends a request that got no byte at all).
#[derive(Clone, Copy)]
pub struct WholeAnswers;

impl Predicate for WholeAnswers {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &Response<B>) -> bool {
        response
            .body()
            .size_hint()
            .exact()
            .is_some_and(|size| size >= 1024)
    }
}

/// The layer for the API routes.
pub fn answers() -> CompressionLayer<WholeAnswers> {
    CompressionLayer::new()
        .gzip(true)
        .compress_when(WholeAnswers)
}
