//! The editors' desk as the server holds it: opened once at start-up from the runtime data
//! folder, shared by the contribution endpoint and the admin pages.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk::{Accounts, AuditLog, Contributions, DeskError, FormClock, Sessions, Throttle};
use tokio::sync::Semaphore;

/// How long an editor may stay idle, and how long a session lasts however active.
pub const SESSION_IDLE: Duration = Duration::from_secs(30 * 60);
pub const SESSION_ABSOLUTE: Duration = Duration::from_secs(12 * 3600);

pub struct Editorial {
    pub accounts: Arc<Accounts>,
    pub sessions: Sessions,
    /// Login attempts per address and per account name (a success clears both).
    pub logins_by_address: Throttle,
    pub logins_by_account: Throttle,
    pub contributions: Arc<Contributions>,
    /// Contribution attempts per address.
    pub contributions_by_address: Throttle,
    pub form_clock: Arc<FormClock>,
    pub audit: AuditLog,
    /// Password checks (argon2: tens of milliseconds and ~19 MiB each) running at once. A
    /// permit moves into the blocking task, so it is held as long as the work runs, even
    /// when the request that started it has timed out.
    pub password_checks: Arc<Semaphore>,
    /// Images being decoded and re-encoded at once (a large one takes ~256 MiB).
    pub image_work: Arc<Semaphore>,
    /// Held while an editor decides a contribution: an approval takes an article id and
    /// writes its file as one step, and no rejection comes between its check and its record.
    pub decisions: Mutex<()>,
}

impl Editorial {
    /// `submissions` is how many contributions one address may send in 10 minutes.
    pub fn open(data: &Path, submissions: u32) -> Result<Editorial, DeskError> {
        Ok(Editorial {
            accounts: Arc::new(Accounts::open(data)),
            sessions: Sessions::new(SESSION_IDLE, SESSION_ABSOLUTE),
            // Generous for a person who mistypes, hopeless for guessing.
            logins_by_address: Throttle::new(20, Duration::from_secs(15 * 60)),
            logins_by_account: Throttle::new(5, Duration::from_secs(15 * 60)),
            contributions: Arc::new(Contributions::open(data)?),
            contributions_by_address: Throttle::new(submissions, Duration::from_secs(10 * 60)),
            form_clock: Arc::new(FormClock::open(data)?),
            audit: AuditLog::open(data)?,
            password_checks: Arc::new(Semaphore::new(2)),
            image_work: Arc::new(Semaphore::new(1)),
            decisions: Mutex::new(()),
        })
    }
}
