//! The `wenming` server: configuration, the HTTP router and its middleware, the accept loop,
//! and the CLI commands. `main.rs` only parses the command line and dispatches.

pub mod accounts;
pub mod admin;
pub mod check;
pub mod cli;
pub mod client;
pub mod config;
pub mod contribute;
pub mod cookies;
pub mod editorial;
pub mod generate;
pub mod page_cache;
pub mod qr;
pub mod router;
pub mod script_choice;
pub mod security;
pub mod serve;
pub mod state;
pub mod views;
