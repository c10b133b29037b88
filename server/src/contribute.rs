//! `POST /submit`: a contribution (投稿) arriving from the form, with or without JavaScript.
//!
//! Accepted: written durably to the data folder, then a 303 to its receipt page. Turned back:
//! the form page again, with everything typed still in it and the reason, under the status
//! that says why (400 refused as automated, 413 too large, 422 fields to fix, 429 too many,
//! 500 not saved). Nothing from a contribution reaches a public page until an editor
//! approves it.

use std::time::{Duration, SystemTime};

use app::contribution::{
    ContributionFields, Field, MAX_IMAGE_BYTES, MAX_IMAGES, Notice, Problem, TurnedBack, check_all,
};
use app::script::Script;
use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field as Part, MultipartError};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::{CACHE_CONTROL, LOCATION};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use desk::{ImageProblem, NewContribution, SpamProblem, Story, honeypot_filled, reencode};

use crate::client::client_address;
use crate::router::render_page_with;
use crate::state::AppState;

/// The largest request the form may send: the images and the text with room to spare.
pub const MAX_SUBMISSION_BYTES: usize = MAX_IMAGES * MAX_IMAGE_BYTES + 512 * 1024;

/// How long a submission may take to arrive and be answered: a slow connection sending
/// 15 MiB of images needs more than the 30 s other requests get.
pub const SUBMISSION_TIMEOUT: Duration = Duration::from_secs(180);

// The form and the desk must agree, or an accepted form would fail to be stored.
const _: () = assert!(MAX_IMAGES == desk::contributions::MAX_IMAGES);

/// What the form sent, read within the limits.
#[derive(Debug, Default)]
struct Submission {
    fields: ContributionFields,
    token: String,
    honeypot: String,
    images: Vec<Bytes>,
    image_problem: Option<Problem>,
}

/// Why the form's body could not be read at all.
enum Unreadable {
    TooLarge,
    Malformed(String),
}

pub async fn receive_contribution(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let address = client_address(&parts, state.behind_proxy).to_string();
    let now = SystemTime::now();
    let desk = &state.editorial;
    let key = format!("submit {address}");
    // Known before the body is read: an address over its limit has its text read back into
    // the form (nothing typed is lost) but its images are not even kept in memory.
    let over_limit = desk.contributions_by_address.check(&key, now).is_err();
    let multipart =
        match Multipart::from_request(Request::from_parts(parts.clone(), body), &state).await {
            Ok(multipart) => multipart,
            Err(rejection) => return rejection.into_response(),
        };
    let submission = match read_submission(multipart, !over_limit).await {
        Ok(submission) => submission,
        Err(Unreadable::TooLarge) => {
            return (StatusCode::PAYLOAD_TOO_LARGE, "投稿内容过大。\n").into_response();
        }
        Err(Unreadable::Malformed(cause)) => {
            tracing::info!(%cause, "unreadable contribution form");
            return (StatusCode::BAD_REQUEST, "无法读取提交的表单。\n").into_response();
        }
    };
    // Every submission read counts, robots' included.
    if !over_limit {
        desk.contributions_by_address.hit(&key, now);
    }
    let site = state.store.site();
    let categories: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
    let judged = judge(
        &submission,
        over_limit,
        desk.form_clock.judge(&submission.token, now),
        &categories,
    );
    let verdict = match judged {
        Ok(()) => accept(&state, &submission, &address, now).await,
        Err(turned) => Err(turned),
    };
    let script = Script::of_path(parts.uri.path());
    match verdict {
        Ok(reference) => {
            tracing::info!(%reference, %address, "contribution received");
            let receipt = script.href(&format!("/submit/thanks/{reference}"));
            let mut response = StatusCode::SEE_OTHER.into_response();
            if let Ok(location) = HeaderValue::from_str(&receipt) {
                response.headers_mut().insert(LOCATION, location);
            }
            response
        }
        Err((status, problems, notice)) => {
            let turned = TurnedBack {
                fields: submission.fields,
                problems,
                notice,
            };
            tracing::info!(%status, %address, problems = turned.problems.len(), notice = ?turned.notice, "contribution turned back");
            let mut get = parts;
            get.method = Method::GET;
            let mut response =
                render_page_with(&state, Request::from_parts(get, Body::empty()), turned).await;
            *response.status_mut() = status;
            response
                .headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
    }
}

/// What is wrong with a submission, if anything: the status to answer with, the fields to
/// fix and the notice to show. Fields are checked whatever else is wrong, so the person
/// can fix everything at once.
type TurnBack = (StatusCode, Vec<(Field, Problem)>, Option<Notice>);

fn judge(
    submission: &Submission,
    over_limit: bool,
    timing: Result<(), SpamProblem>,
    categories: &[&str],
) -> Result<(), TurnBack> {
    let mut problems = check_all(&submission.fields, categories);
    problems.extend(submission.image_problem.clone().map(|p| (Field::Images, p)));
    let (status, notice) = if honeypot_filled(&submission.honeypot) {
        (StatusCode::BAD_REQUEST, Some(Notice::Refused))
    } else if over_limit {
        (StatusCode::TOO_MANY_REQUESTS, Some(Notice::TooMany))
    } else {
        match timing {
            Err(SpamProblem::TooFast) => (StatusCode::UNPROCESSABLE_ENTITY, Some(Notice::TooFast)),
            Err(SpamProblem::Expired) => (StatusCode::UNPROCESSABLE_ENTITY, Some(Notice::Expired)),
            Err(SpamProblem::Forged) => (StatusCode::BAD_REQUEST, Some(Notice::Refused)),
            Ok(()) if problems.is_empty() => return Ok(()),
            Ok(()) => (StatusCode::UNPROCESSABLE_ENTITY, None),
        }
    };
    Err((status, problems, notice))
}

/// Re-encodes the images and writes the contribution; returns its reference.
async fn accept(
    state: &AppState,
    submission: &Submission,
    address: &str,
    now: SystemTime,
) -> Result<String, TurnBack> {
    // One image job at a time: a large image takes hundreds of MiB while it is decoded.
    // The permit goes into the job, held until the work ends.
    let permit = if submission.images.is_empty() {
        None
    } else {
        match state.editorial.image_work.clone().acquire_owned().await {
            Ok(permit) => Some(permit),
            Err(_) => {
                return Err((
                    StatusCode::SERVICE_UNAVAILABLE,
                    vec![],
                    Some(Notice::NotSaved),
                ));
            }
        }
    };
    let images = submission.images.clone();
    let fields = submission.fields.clone().trimmed();
    let contributions = state.editorial.contributions.clone();
    let address = address.to_string();
    let written = tokio::task::spawn_blocking(move || {
        let _held_while_working = permit;
        let images = images
            .iter()
            .map(|bytes| reencode(bytes))
            .collect::<Result<Vec<_>, ImageProblem>>();
        let images = match images {
            Ok(images) => images,
            Err(problem) => return Ok(Err(problem)),
        };
        let new = NewContribution {
            story: Story {
                name: fields.name,
                organisation: fields.organisation,
                contact: fields.contact,
                category: fields.category,
                title: fields.title,
                body: fields.body,
            },
            images,
        };
        contributions.accept(new, &address, now).map(Ok)
    })
    .await;
    match written {
        Ok(Ok(Ok(contribution))) => Ok(contribution.reference),
        Ok(Ok(Err(problem))) => {
            let problem = match problem {
                ImageProblem::TooLarge => Problem::ImageTooLarge,
                _ => Problem::NotAnImage,
            };
            Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![(Field::Images, problem)],
                None,
            ))
        }
        Ok(Err(error)) => {
            tracing::error!(%error, "saving a contribution failed");
            Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                vec![],
                Some(Notice::NotSaved),
            ))
        }
        Err(error) => {
            tracing::error!(%error, "the contribution task failed");
            Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                vec![],
                Some(Notice::NotSaved),
            ))
        }
    }
}

/// Reads every part of the form, refusing any part beyond its limit before reading it all.
/// Images are kept only when `keep_images`.
async fn read_submission(
    mut multipart: Multipart,
    keep_images: bool,
) -> Result<Submission, Unreadable> {
    let mut submission = Submission::default();
    while let Some(part) = multipart.next_field().await.map_err(unreadable)? {
        let name = part.name().unwrap_or_default().to_string();
        match name.as_str() {
            "token" => submission.token = read_text(part, 256).await?,
            "website" => submission.honeypot = read_text(part, 256).await?,
            "consent" => submission.fields.consent = !read_text(part, 16).await?.is_empty(),
            "images" => {
                let chosen = part.file_name().is_some_and(|name| !name.is_empty());
                let limit = if keep_images { MAX_IMAGE_BYTES } else { 0 };
                let (bytes, cut) = read_bytes(part, limit).await?;
                if !keep_images || (!chosen && bytes.is_empty()) {
                    continue; // the browser sends an empty part when no file was chosen
                }
                if cut {
                    submission.image_problem = Some(Problem::ImageTooLarge);
                } else if submission.images.len() == MAX_IMAGES {
                    submission.image_problem = Some(Problem::TooManyImages);
                } else {
                    submission.images.push(bytes);
                }
            }
            other => match Field::from_key(other).filter(|f| Field::TEXT.contains(f)) {
                Some(field) => {
                    let text = read_text(part, field.max_bytes()).await?;
                    if let Some(slot) = submission.fields.text_mut(field) {
                        *slot = text;
                    }
                }
                None => return Err(Unreadable::Malformed(format!("unknown field {other:?}"))),
            },
        }
    }
    Ok(submission)
}

/// A text part as UTF-8, refused when it is not. A part longer than `limit` bytes is cut
/// (the field's own rule then reports it too long), and only there may the cut split a
/// character.
async fn read_text(part: Part<'_>, limit: usize) -> Result<String, Unreadable> {
    let (bytes, cut) = read_bytes(part, limit).await?;
    match String::from_utf8(bytes.to_vec()) {
        // Browsers send a textarea's line breaks as CRLF; the page counts them as one
        // character, and article files use LF.
        Ok(text) => Ok(text.replace("\r\n", "\n")),
        Err(_) if cut => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(_) => Err(Unreadable::Malformed("a text field is not UTF-8".into())),
    }
}

/// At most `limit` bytes of a part, and whether there was more (which is not read).
async fn read_bytes(mut part: Part<'_>, limit: usize) -> Result<(Bytes, bool), Unreadable> {
    let mut collected = Vec::new();
    while let Some(chunk) = part.chunk().await.map_err(unreadable)? {
        if collected.len() + chunk.len() > limit {
            collected.extend_from_slice(&chunk[..limit - collected.len()]);
            return Ok((collected.into(), true));
        }
        collected.extend_from_slice(&chunk);
    }
    Ok((collected.into(), false))
}

fn unreadable(error: MultipartError) -> Unreadable {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Unreadable::TooLarge
    } else {
        Unreadable::Malformed(error.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submission(title: &str, honeypot: &str) -> Submission {
        Submission {
            fields: ContributionFields {
                name: "李明".into(),
                organisation: String::new(),
                contact: "0000-1234567".into(),
                category: "news".into(),
                title: title.into(),
                body: "周六上午，东湖区三十余名志愿者沿河道清理垃圾。".into(),
                consent: true,
            },
            honeypot: honeypot.into(),
            ..Submission::default()
        }
    }

    /// The status, notice and number of field problems `judge` answers with.
    fn verdict(
        title: &str,
        honeypot: &str,
        over_limit: bool,
        timing: Result<(), SpamProblem>,
    ) -> Option<(StatusCode, Option<Notice>, usize)> {
        judge(&submission(title, honeypot), over_limit, timing, &["news"])
            .err()
            .map(|(status, problems, notice)| (status, notice, problems.len()))
    }

    #[test]
    fn robots_limits_and_timing_come_first_and_fields_are_always_checked() {
        use SpamProblem::{Expired, Forged, TooFast};
        let (good, bad) = ("河道清理纪实", "短");
        let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
        assert_eq!(verdict(good, "", false, Ok(())), None);
        assert_eq!(
            verdict(good, "http://x", false, Ok(())),
            Some((StatusCode::BAD_REQUEST, Some(Notice::Refused), 0))
        );
        assert_eq!(
            verdict(bad, "", true, Ok(())),
            Some((StatusCode::TOO_MANY_REQUESTS, Some(Notice::TooMany), 1))
        );
        assert_eq!(
            verdict(bad, "", false, Err(TooFast)),
            Some((unprocessable, Some(Notice::TooFast), 1))
        );
        assert_eq!(
            verdict(good, " ", false, Err(Expired)),
            Some((unprocessable, Some(Notice::Expired), 0)),
            "white space is not a filled honeypot"
        );
        assert_eq!(
            verdict(good, "", false, Err(Forged)),
            Some((StatusCode::BAD_REQUEST, Some(Notice::Refused), 0))
        );
        assert_eq!(
            verdict(bad, "", false, Ok(())),
            Some((unprocessable, None, 1))
        );
    }
}
