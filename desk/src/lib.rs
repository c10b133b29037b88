//! The editors' desk: everything the newsroom's back office keeps while the site runs.
//!
//! Editor accounts ([`Accounts`]), login sessions ([`Sessions`]), rate limits ([`Throttle`]),
//! the anti-spam timing of the contribution form ([`FormClock`]), readers' contributions
//! awaiting review ([`Contributions`], with images cleaned by [`reencode`]) and the audit log
//! ([`AuditLog`]).
//!
//! This is runtime state, kept in the data folder apart from editorial content
//! (shared/SECURITY.md): `<data>/desk/` (accounts, form key, audit log; private to the server's
//! user) and `<data>/contributions/`. Sessions and throttles live in memory only. Every file is
//! written durably before a function returns, and every function that depends on the clock
//! takes `now`, so tests run on a fake clock. Nothing here knows about HTTP.

pub mod accounts;
pub mod audit;
pub mod contributions;
mod error;
mod files;
pub mod form_clock;
pub mod images;
pub mod password;
pub mod sessions;
mod stamp;
pub mod throttle;

pub use accounts::{Account, Accounts};
pub use audit::{AuditEntry, AuditLog};
pub use contributions::{
    Contribution, Contributions, NewContribution, Status, Story, is_reference,
};
pub use error::DeskError;
pub use form_clock::{FormClock, SpamProblem, honeypot_filled};
pub use images::{ImageProblem, reencode};
pub use password::{PasswordProblem, check_password, check_user_name};
pub use sessions::{Session, Sessions};
pub use throttle::Throttle;
