//! rentdesk: the browser app. The Leptos client lands with the app issue; until then this
//! placeholder keeps the workspace whole.

fn main() {
    println!("rentdesk {}", env!("CARGO_PKG_VERSION"));
}
