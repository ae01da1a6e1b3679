//! The sandbox over real HTTP: every rent.php method, its errors, the life of a rental on
//! the sandbox clock, restore, money, concurrency, persistence, variants and the proxy.

mod archive;
mod catalogue;
mod cli;
mod current;
mod faults;
mod harness;
mod life;
mod rent;
mod replay;
mod robustness;
mod static_files;
