//! What public pages need from the editors' desk: the contribution form's token and a
//! contributor's receipt. Nothing here reveals a contribution's content.

use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset};
use desk::{Contributions, FormClock};
use leptos::prelude::use_context;

use super::{PageReads, blocking, not_found};
use crate::api::ContributionReceipt;
use crate::error::AppError;

/// A token recording when this form was handed out. The page showing it must not be
/// cached, or every reader would share one old token.
pub fn form_token() -> Result<String, AppError> {
    if let Some(reads) = use_context::<Arc<PageReads>>() {
        reads.mark_uncacheable();
    }
    let clock = use_context::<Arc<FormClock>>().ok_or_else(|| {
        tracing::error!("no form clock in the request context");
        AppError::Internal
    })?;
    Ok(clock.issue(SystemTime::now()))
}

/// The receipt of an accepted contribution: its reference and when it arrived.
pub async fn contribution_receipt(reference: String) -> Result<ContributionReceipt, AppError> {
    if let Some(reads) = use_context::<Arc<PageReads>>() {
        reads.mark_uncacheable();
    }
    let contributions = use_context::<Arc<Contributions>>().ok_or_else(|| {
        tracing::error!("no contributions folder in the request context");
        AppError::Internal
    })?;
    let found = blocking(move || contributions.get(&reference)).await?;
    match found {
        Ok(Some(contribution)) => Ok(ContributionReceipt {
            received_at: beijing_minute(&contribution.received_at),
            reference: contribution.reference,
        }),
        Ok(None) => Err(not_found()),
        Err(error) => {
            tracing::error!(%error, "reading a contribution for its receipt");
            Err(AppError::Internal)
        }
    }
}

/// China's time zone (UTC+8), the site's readers' and editors'.
pub fn china_time() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// An RFC 3339 instant as `YYYY-MM-DD HH:MM` in China's time zone.
pub fn beijing_minute(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|instant| {
            instant
                .with_timezone(&china_time())
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}
