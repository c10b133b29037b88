//! Counting article views durably, without a database server.
//!
//! A view is [`ViewCounter::record`]ed in memory (after the bot filter and the per-visitor
//! dedupe); once a second the views of that second are appended to a log in the runtime data
//! folder and only then applied to the [`Tally`] that answers counts and rankings. So what the
//! site shows is always what is on disk, and a crash loses at most the last second. From time
//! to time the tally is written whole as a snapshot and the logs it covers are removed.
//!
//! Nothing here knows about HTTP: the server decides what a visitor and an article are.

mod bots;
mod clock;
mod counter;
mod dedupe;
mod error;
mod log;
mod ranking;
mod snapshot;
mod tally;
mod window;

pub use bots::is_bot;
pub use clock::{Clock, ManualClock, SystemClock};
pub use counter::{Catalog, CounterConfig, Recorded, ViewCounter, Visit};
pub use error::{StoredProblem, ViewsError};
pub use window::Window;

use dedupe::Dedupe;
use log::{LogEntry, decode_log, encode_entry};
use tally::Tally;
use window::{Hour, KEPT_HOURS, hour_of};

pub use store::ArticleId;
