//! Contributions from readers awaiting an editor's review, one TOML record per contribution in
//! `<data>/contributions/<reference>.toml`, its images in `<data>/contributions/<reference>/`.
//!
//! A record is written only after its images are on disk, so a record never points at missing
//! files, and `accept` returns only once everything is synced: the reference shown to the
//! sender is a promise the disk keeps. Paths are only ever built from validated references and
//! from image names the record lists.

use std::cmp::Reverse;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::error::DeskError;
use crate::files;
use crate::stamp;

/// Most images a contribution carries.
pub const MAX_IMAGES: usize = 3;
/// The characters of a reference's random part: uppercase and digits without 0, O, 1 and I,
/// so a reference read over the phone cannot be misheard. 32 of them: a random byte maps onto
/// them without bias.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Characters in the random part of a reference.
const RANDOM_CHARS: usize = 6;
/// `TG` + `YYYYMMDD` + `-` + random part.
const REFERENCE_CHARS: usize = 2 + 8 + 1 + RANDOM_CHARS;
/// New references tried before giving up; a collision among 32⁶ per day is already unlikely.
const ATTEMPTS: usize = 16;

/// What the contributor wrote: who they are and their story.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The sender's name.
    pub name: String,
    /// The sender's organisation.
    pub organisation: String,
    /// How to reach the sender.
    pub contact: String,
    /// The category proposed.
    pub category: String,
    /// The proposed headline.
    pub title: String,
    /// The text, Markdown.
    pub body: String,
}

/// A contribution as the form delivers it, images already re-encoded by [`crate::reencode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContribution {
    pub story: Story,
    /// JPEG files, at most [`MAX_IMAGES`].
    pub images: Vec<Vec<u8>>,
}

/// A stored contribution.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// `TG20261128-K7XQ2M`.
    pub reference: String,
    /// RFC 3339, UTC, whole seconds.
    pub received_at: String,
    /// File names in the contribution's folder: `1.jpg`, `2.jpg`, `3.jpg`.
    pub images: Vec<String>,
    /// The sender's address, for dealing with abuse.
    pub ip: String,
    /// Where the review stands.
    pub status: Status,
    /// What was sent (a table of its own in the file).
    pub story: Story,
}

/// Where the review of a contribution stands.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "lowercase", deny_unknown_fields)]
pub enum Status {
    /// Waiting for an editor.
    Pending,
    /// Published as an article.
    Approved {
        /// The article's id.
        article: u64,
        /// The editor who approved it.
        by: String,
        /// When, RFC 3339.
        at: String,
    },
    /// Not published.
    Rejected {
        /// Why, for the record.
        reason: String,
        /// The editor who rejected it.
        by: String,
        /// When, RFC 3339.
        at: String,
    },
}

impl Status {
    /// An approval by `by` at `now`, published as `article`.
    pub fn approved(article: u64, by: &str, now: SystemTime) -> Status {
        Status::Approved {
            article,
            by: by.to_string(),
            at: stamp::seconds(now),
        }
    }

    /// A rejection by `by` at `now`, for `reason`.
    pub fn rejected(reason: &str, by: &str, now: SystemTime) -> Status {
        Status::Rejected {
            reason: reason.to_string(),
            by: by.to_string(),
            at: stamp::seconds(now),
        }
    }

    /// When the decision was made; `None` while pending or if the time is unreadable.
    pub fn decided_at(&self) -> Option<SystemTime> {
        match self {
            Status::Pending => None,
            Status::Approved { at, .. } | Status::Rejected { at, .. } => stamp::parse(at),
        }
    }
}

/// The contributions of one data folder.
#[derive(Debug)]
pub struct Contributions {
    dir: PathBuf,
    /// Held while deciding, so two editors cannot both decide one contribution.
    deciding: Mutex<()>,
}

impl Contributions {
    /// The contributions under `data_dir`; creates `<data>/contributions` (0700: it holds
    /// senders' contact details).
    pub fn open(data_dir: &Path) -> Result<Contributions, DeskError> {
        let dir = data_dir.join("contributions");
        files::ensure_private_folder(&dir)?;
        Ok(Contributions {
            dir,
            deciding: Mutex::new(()),
        })
    }

    /// Stores a new contribution from `ip` under a fresh reference and returns its record,
    /// once images and record are durably on disk.
    pub fn accept(
        &self,
        new: NewContribution,
        ip: &str,
        now: SystemTime,
    ) -> Result<Contribution, DeskError> {
        if new.images.len() > MAX_IMAGES {
            return Err(DeskError::TooManyImages { max: MAX_IMAGES });
        }
        if new
            .images
            .iter()
            .any(|jpeg| !jpeg.starts_with(&[0xFF, 0xD8, 0xFF]))
        {
            return Err(DeskError::Image(crate::ImageProblem::NotAnImage));
        }
        let reference = self.reserve(now)?;
        let folder = self.dir.join(&reference);
        let written = self.write_images(&folder, &new.images);
        if let Err(error) = written {
            // Best effort: a half-written folder without a record is invisible anyway.
            let _ = fs::remove_dir_all(&folder);
            return Err(error);
        }
        let contribution = Contribution {
            reference,
            received_at: stamp::seconds(now),
            images: (1..=new.images.len()).map(|n| format!("{n}.jpg")).collect(),
            ip: ip.to_string(),
            status: Status::Pending,
            story: new.story,
        };
        self.save(&contribution)?;
        Ok(contribution)
    }

    /// The contribution with this reference; `None` when there is none or the text is not a
    /// reference at all.
    pub fn get(&self, reference: &str) -> Result<Option<Contribution>, DeskError> {
        if !is_reference(reference) {
            return Ok(None);
        }
        self.load(&self.record_path(reference))
    }

    /// Contributions awaiting review, newest first. Unreadable records are logged and skipped.
    pub fn pending(&self) -> Result<Vec<Contribution>, DeskError> {
        Ok(self.queue(0)?.0)
    }

    /// The `limit` most recently decided contributions, newest decision first.
    pub fn decided(&self, limit: usize) -> Result<Vec<Contribution>, DeskError> {
        Ok(self.queue(limit)?.1)
    }

    /// What the review queue shows, from one reading of the records: every pending
    /// contribution, newest first, and the `decided_limit` most recently decided ones.
    pub fn queue(
        &self,
        decided_limit: usize,
    ) -> Result<(Vec<Contribution>, Vec<Contribution>), DeskError> {
        let (mut pending, mut decided): (Vec<_>, Vec<_>) = self
            .all()?
            .into_iter()
            .partition(|c| c.status == Status::Pending);
        pending.sort_by_key(|c| Reverse((stamp::parse(&c.received_at), c.reference.clone())));
        decided.sort_by_key(|c| Reverse((c.status.decided_at(), c.reference.clone())));
        decided.truncate(decided_limit);
        Ok((pending, decided))
    }

    /// Approves or rejects a pending contribution, durably, and returns the updated record.
    pub fn decide(&self, reference: &str, status: Status) -> Result<Contribution, DeskError> {
        if status == Status::Pending {
            return Err(DeskError::NotADecision(reference.to_string()));
        }
        let _deciding = self.deciding.lock().unwrap_or_else(PoisonError::into_inner);
        let mut contribution = self
            .get(reference)?
            .ok_or_else(|| DeskError::NotFound(reference.to_string()))?;
        if contribution.status != Status::Pending {
            return Err(DeskError::AlreadyDecided(reference.to_string()));
        }
        contribution.status = status;
        self.save(&contribution)?;
        Ok(contribution)
    }

    /// Where an image of a contribution is, when `reference` is valid and its record lists
    /// `name`; nothing else ever becomes a path.
    pub fn image_path(&self, reference: &str, name: &str) -> Option<PathBuf> {
        let contribution = match self.get(reference) {
            Ok(found) => found?,
            Err(error) => {
                tracing::warn!(%error, reference, "cannot read contribution for an image");
                return None;
            }
        };
        let listed = contribution.images.iter().any(|image| image == name);
        (listed && is_image_name(name)).then(|| self.dir.join(reference).join(name))
    }

    /// Picks a fresh reference and claims it by creating its image folder, which fails if
    /// another contribution got there first.
    fn reserve(&self, now: SystemTime) -> Result<String, DeskError> {
        for _ in 0..ATTEMPTS {
            let reference = new_reference(now)?;
            if self.record_path(&reference).exists() {
                continue;
            }
            let folder = self.dir.join(&reference);
            match fs::create_dir(&folder) {
                Ok(()) => {
                    // The folder's entry must be durable before a record can refer to it.
                    store::durable::sync_folder(&self.dir)
                        .map_err(|source| DeskError::io(&self.dir, source))?;
                    return Ok(reference);
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(DeskError::io(folder, source)),
            }
        }
        Err(DeskError::io(
            &self.dir,
            io::Error::other("no free contribution reference found"),
        ))
    }

    fn write_images(&self, folder: &Path, images: &[Vec<u8>]) -> Result<(), DeskError> {
        for (index, jpeg) in images.iter().enumerate() {
            files::write_durably(&folder.join(format!("{}.jpg", index + 1)), jpeg)?;
        }
        Ok(())
    }

    fn save(&self, contribution: &Contribution) -> Result<(), DeskError> {
        let path = self.record_path(&contribution.reference);
        let text =
            toml::to_string(contribution).map_err(|error| DeskError::corrupt(&path, error))?;
        files::write_durably(&path, text.as_bytes())
    }

    /// Every readable record; unreadable ones are logged and left out.
    fn all(&self) -> Result<Vec<Contribution>, DeskError> {
        let entries = fs::read_dir(&self.dir).map_err(|source| DeskError::io(&self.dir, source))?;
        let mut all = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| DeskError::io(&self.dir, source))?;
            let file_name = entry.file_name();
            let Some(reference) = file_name.to_str().and_then(|n| n.strip_suffix(".toml")) else {
                continue;
            };
            if !is_reference(reference) {
                continue;
            }
            match self.load(&entry.path()) {
                Ok(Some(contribution)) => all.push(contribution),
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "skipping an unreadable contribution"),
            }
        }
        Ok(all)
    }

    fn load(&self, path: &Path) -> Result<Option<Contribution>, DeskError> {
        let Some(bytes) = files::read_if_present(path)? else {
            return Ok(None);
        };
        parse_record(path, &bytes).map(Some)
    }

    fn record_path(&self, reference: &str) -> PathBuf {
        self.dir.join(format!("{reference}.toml"))
    }
}

/// Reads a record and checks what the rest of the code relies on: the reference matches the
/// file name, the time is readable, the image names are ours.
fn parse_record(path: &Path, bytes: &[u8]) -> Result<Contribution, DeskError> {
    let text = std::str::from_utf8(bytes).map_err(|_| DeskError::corrupt(path, "not UTF-8"))?;
    let contribution: Contribution =
        toml::from_str(text).map_err(|error| DeskError::corrupt(path, error))?;
    let expected = path.file_stem().and_then(|stem| stem.to_str());
    if expected != Some(contribution.reference.as_str()) {
        return Err(DeskError::corrupt(
            path,
            "the reference does not match the file name",
        ));
    }
    if stamp::parse(&contribution.received_at).is_none() {
        return Err(DeskError::corrupt(
            path,
            "received_at is not an RFC 3339 time",
        ));
    }
    if !contribution.images.iter().all(|name| is_image_name(name)) {
        return Err(DeskError::corrupt(
            path,
            "an image name is not 1.jpg, 2.jpg or 3.jpg",
        ));
    }
    Ok(contribution)
}

/// Whether `text` has the form of a reference: `TG`, eight digits, `-`, six characters of the
/// reference alphabet. Nothing else is ever joined onto a path.
pub fn is_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == REFERENCE_CHARS
        && bytes.starts_with(b"TG")
        && bytes[2..10].iter().all(u8::is_ascii_digit)
        && bytes[10] == b'-'
        && bytes[11..].iter().all(|b| ALPHABET.contains(b))
}

/// `1.jpg` … `3.jpg`.
fn is_image_name(name: &str) -> bool {
    (1..=MAX_IMAGES).any(|n| name == format!("{n}.jpg"))
}

fn new_reference(now: SystemTime) -> Result<String, DeskError> {
    let random = files::random_bytes::<RANDOM_CHARS>()?;
    let tail: String = random
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(byte % 32)]))
        .collect();
    Ok(format!("TG{}-{tail}", stamp::day(now)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_795_000_000 + seconds)
    }

    fn sample(title: &str, images: usize) -> NewContribution {
        NewContribution {
            story: Story {
                name: "Li Wei".into(),
                organisation: "Street committee".into(),
                contact: "li@example.org".into(),
                category: "community".into(),
                title: title.into(),
                body: "Line one\n\nSaid \"hi\" ''' \"\"\" \\ \t\r\n李伟 \u{1}".into(),
            },
            images: (0..images)
                .map(|n| vec![0xFF, 0xD8, 0xFF, 0xE0, n as u8])
                .collect(),
        }
    }

    fn open() -> (tempfile::TempDir, Contributions) {
        let data = tempfile::tempdir().expect("temporary folder");
        let contributions = Contributions::open(data.path()).expect("open");
        (data, contributions)
    }

    #[test]
    fn accept_writes_everything_and_reads_back_equal() {
        let (data, contributions) = open();
        let stored = contributions
            .accept(sample("A bridge", 2), "203.0.113.9", at(0))
            .expect("accept");
        assert!(is_reference(&stored.reference), "{}", stored.reference);
        assert!(stored.reference.starts_with("TG20261118-"));
        assert_eq!(stored.received_at, "2026-11-18T11:06:40Z");
        assert_eq!(stored.images, vec!["1.jpg", "2.jpg"]);
        assert_eq!(stored.status, Status::Pending);
        assert_eq!(
            contributions.get(&stored.reference).expect("get"),
            Some(stored.clone())
        );
        let folder = data.path().join("contributions").join(&stored.reference);
        assert_eq!(
            fs::read(folder.join("2.jpg")).expect("image"),
            vec![0xFF, 0xD8, 0xFF, 0xE0, 1]
        );
        assert!(!folder.join("3.jpg").exists());
    }

    #[test]
    fn bad_images_and_too_many_are_refused_before_anything_is_written() {
        let (data, contributions) = open();
        let mut new = sample("Too many", 4);
        assert!(matches!(
            contributions.accept(new.clone(), "ip", at(0)),
            Err(DeskError::TooManyImages { max: 3 })
        ));
        new.images = vec![b"<svg/>".to_vec()];
        assert!(matches!(
            contributions.accept(new, "ip", at(0)),
            Err(DeskError::Image(_))
        ));
        let left = fs::read_dir(data.path().join("contributions"))
            .expect("list")
            .count();
        assert_eq!(left, 0);
    }

    #[test]
    fn pending_lists_newest_first() {
        let (_data, contributions) = open();
        let first = contributions
            .accept(sample("first", 0), "ip", at(0))
            .expect("1");
        let third = contributions
            .accept(sample("third", 0), "ip", at(20))
            .expect("3");
        let second = contributions
            .accept(sample("second", 1), "ip", at(10))
            .expect("2");
        let titles: Vec<_> = contributions
            .pending()
            .expect("pending")
            .into_iter()
            .map(|c| c.story.title)
            .collect();
        assert_eq!(titles, vec!["third", "second", "first"]);
        contributions
            .decide(&second.reference, Status::approved(1001, "alice", at(30)))
            .expect("decide");
        contributions
            .decide(
                &first.reference,
                Status::rejected("off topic", "bob", at(40)),
            )
            .expect("decide");
        let pending = contributions.pending().expect("pending");
        assert_eq!(pending, vec![third]);
        let decided: Vec<_> = contributions
            .decided(10)
            .expect("decided")
            .into_iter()
            .map(|c| c.story.title)
            .collect();
        assert_eq!(decided, vec!["first", "second"]);
        assert_eq!(contributions.decided(1).expect("decided").len(), 1);
    }

    #[test]
    fn a_contribution_is_decided_once() {
        let (_data, contributions) = open();
        let stored = contributions
            .accept(sample("x", 0), "ip", at(0))
            .expect("accept");
        let approved = contributions
            .decide(&stored.reference, Status::approved(1001, "alice", at(5)))
            .expect("first decision");
        assert_eq!(
            approved.status,
            Status::Approved {
                article: 1001,
                by: "alice".into(),
                at: "2026-11-18T11:06:45Z".into()
            }
        );
        assert_eq!(
            contributions.get(&stored.reference).expect("get"),
            Some(approved)
        );
        assert!(matches!(
            contributions.decide(&stored.reference, Status::rejected("no", "bob", at(6))),
            Err(DeskError::AlreadyDecided(_))
        ));
        assert!(matches!(
            contributions.decide(&stored.reference, Status::Pending),
            Err(DeskError::NotADecision(_))
        ));
        assert!(matches!(
            contributions.decide("TG20261118-ZZZZZZ", Status::rejected("no", "bob", at(6))),
            Err(DeskError::NotFound(_))
        ));
        assert!(matches!(
            contributions.decide("../x", Status::rejected("no", "bob", at(6))),
            Err(DeskError::NotFound(_))
        ));
    }

    #[test]
    fn malformed_references_find_nothing() {
        let (data, contributions) = open();
        fs::write(data.path().join("secret.toml"), "x").expect("bait");
        for bad in [
            "",
            "../x",
            "../secret",
            "tg20261118-K7XQ2M",
            "TG20261118-k7xq2m",
            "TG20261118-K7XQ2O",
            "TG20261118-K7XQ2M/",
            "TG2026111a-K7XQ2M",
            "TG20261118-K7XQ2MM",
            "TG20261118-K7XQ2",
        ] {
            assert!(!is_reference(bad), "{bad:?}");
            assert_eq!(contributions.get(bad).expect("get"), None, "{bad:?}");
        }
        assert!(is_reference("TG20261128-K7XQ2M"));
    }

    #[test]
    fn image_path_only_for_listed_images() {
        let (data, contributions) = open();
        let stored = contributions
            .accept(sample("x", 1), "ip", at(0))
            .expect("accept");
        let folder = data.path().join("contributions").join(&stored.reference);
        assert_eq!(
            contributions.image_path(&stored.reference, "1.jpg"),
            Some(folder.join("1.jpg"))
        );
        for name in ["2.jpg", "../1.jpg", "1.JPG", "", ".", "1.jpg/"] {
            assert_eq!(
                contributions.image_path(&stored.reference, name),
                None,
                "{name:?}"
            );
        }
        assert_eq!(contributions.image_path("../x", "1.jpg"), None);
    }

    #[test]
    fn a_corrupt_record_is_skipped_by_the_lists() {
        let (data, contributions) = open();
        let good = contributions
            .accept(sample("good", 0), "ip", at(0))
            .expect("accept");
        let dir = data.path().join("contributions");
        fs::write(dir.join("TG20261118-AAAAAA.toml"), "reference = [").expect("corrupt");
        fs::write(dir.join("TG20261118-BBBBBB.toml"), vec![0xFF, 0xFE]).expect("not UTF-8");
        // A valid record under the wrong file name is refused too.
        let moved = fs::read(dir.join(format!("{}.toml", good.reference))).expect("read");
        fs::write(dir.join("TG20261118-CCCCCC.toml"), moved).expect("copy");
        fs::write(dir.join(".TG20261118-DDDDDD.toml.1.tmp"), "junk").expect("temporary");
        fs::write(dir.join("notes.txt"), "junk").expect("other");
        assert_eq!(contributions.pending().expect("pending"), vec![good]);
        assert!(matches!(
            contributions.get("TG20261118-AAAAAA"),
            Err(DeskError::Corrupt { .. })
        ));
    }
}
