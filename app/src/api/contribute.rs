use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::contribution::TurnedBack;
use crate::error::AppError;

/// What the 投稿 form needs beyond the site's categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionForm {
    /// Proves when the form was handed out (the minimum fill time), signed by the server.
    pub token: String,
    /// When the server turned a submission back: what was typed and why.
    pub turned_back: Option<TurnedBack>,
}

/// The receipt a contributor sees after sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionReceipt {
    pub reference: String,
    /// `YYYY-MM-DD HH:MM`, Beijing time.
    pub received_at: String,
}

/// A fresh form token, and the submission the server is turning back, if any. The page is
/// never cached: each load gets its own token.
#[server(input = GetUrl)]
pub async fn get_contribution_form() -> Result<ContributionForm, AppError> {
    use crate::ssr::*;
    Ok(ContributionForm {
        token: form_token()?,
        turned_back: use_context::<TurnedBack>(),
    })
}

/// The receipt for a contribution the server accepted; 404 for any other reference.
#[server(input = GetUrl)]
pub async fn get_contribution_receipt(reference: String) -> Result<ContributionReceipt, AppError> {
    use crate::ssr::*;
    contribution_receipt(reference).await
}
