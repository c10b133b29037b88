//! The snapshot: the whole tally as of the end of one log, written atomically, so that the
//! logs up to that one can be removed.
//!
//! ```text
//! wenming-views 1
//! covers 12
//! old 1001 40
//! hour 496000 1001 3
//! end 5d8a1f0c
//! ```
//! `covers` is the last log generation included; `old` lines hold views in hours no longer
//! kept; `end` carries the CRC-32 of everything before it, so a damaged snapshot is never
//! read as a smaller count.

use crate::{ArticleId, Hour, LogEntry, Tally};

const HEADER: &str = "wenming-views 1";
const FORMAT_NAME: &str = "wenming-views ";

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SnapshotError {
    /// Written by a later version of this format: not to be touched.
    NewerFormat(String),
    Damaged(String),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Snapshot {
    /// The last log generation whose views are included.
    pub covers: u64,
    pub old: Vec<(ArticleId, u64)>,
    pub hours: Vec<LogEntry>,
}

impl Snapshot {
    pub(crate) fn of(tally: &Tally, covers: u64) -> Snapshot {
        Snapshot {
            covers,
            old: tally.old_views().collect(),
            hours: tally
                .kept_hours()
                .map(|(hour, id, views)| LogEntry { hour, id, views })
                .collect(),
        }
    }

    /// Adds the snapshot's views to `tally`.
    pub(crate) fn replay_into(&self, tally: &mut Tally) {
        for &(id, views) in &self.old {
            // Hour 0 is older than any kept hour: the views count for all time only.
            tally.add(0, id, views);
        }
        for entry in &self.hours {
            tally.add(entry.hour, entry.id, entry.views);
        }
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut text = format!("{HEADER}\ncovers {}\n", self.covers);
        for (id, views) in &self.old {
            text.push_str(&format!("old {id} {views}\n"));
        }
        for entry in &self.hours {
            text.push_str(&format!(
                "hour {} {} {}\n",
                entry.hour, entry.id, entry.views
            ));
        }
        let checksum = crc32fast::hash(text.as_bytes());
        text.push_str(&format!("end {checksum:08x}\n"));
        text.into_bytes()
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        if let Ok(first_line) = std::str::from_utf8(first_line)
            && first_line.starts_with(FORMAT_NAME)
            && first_line != HEADER
            && bytes.ends_with(b"\n")
        {
            return Err(SnapshotError::NewerFormat(first_line.to_string()));
        }
        Self::decode_current(bytes).map_err(SnapshotError::Damaged)
    }

    fn decode_current(bytes: &[u8]) -> Result<Snapshot, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
        let body_end = text
            .trim_end_matches('\n')
            .rfind('\n')
            .map(|at| at + 1)
            .ok_or("too short")?;
        let (body, end) = text.split_at(body_end);
        let checksum = end
            .trim_end()
            .strip_prefix("end ")
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .ok_or("the end line is missing (the file is cut short)")?;
        if crc32fast::hash(body.as_bytes()) != checksum {
            return Err("the contents do not match the checksum".into());
        }
        let mut lines = body.lines().enumerate();
        if lines.next().map(|(_, line)| line) != Some(HEADER) {
            return Err(format!("the first line is not {HEADER:?}"));
        }
        let mut snapshot = Snapshot::default();
        for (index, line) in lines {
            let bad = || format!("line {}: cannot read {line:?}", index + 1);
            let fields: Vec<&str> = line.split(' ').collect();
            let number = |at: usize| -> Result<u64, String> {
                fields.get(at).and_then(|f| f.parse().ok()).ok_or_else(bad)
            };
            match fields.first().copied() {
                Some("covers") if fields.len() == 2 => snapshot.covers = number(1)?,
                Some("old") if fields.len() == 3 => snapshot.old.push((number(1)?, number(2)?)),
                Some("hour") if fields.len() == 4 => snapshot.hours.push(LogEntry {
                    hour: Hour::try_from(number(1)?).map_err(|_| bad())?,
                    id: number(2)?,
                    views: number(3)?,
                }),
                _ => return Err(bad()),
            }
        }
        Ok(snapshot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Window;

    const NOW: Hour = 496_000;

    fn sample() -> Tally {
        let mut tally = Tally::new(NOW);
        tally.add(NOW, 1, 3);
        tally.add(NOW - 30, 1, 2);
        tally.add(NOW - 2000, 2, 40);
        tally
    }

    #[test]
    fn a_snapshot_restores_every_window() {
        let snapshot = Snapshot::of(&sample(), 7);
        let decoded = Snapshot::decode(&snapshot.encode()).expect("decodes");
        assert_eq!(decoded.covers, 7);
        let mut restored = Tally::new(NOW);
        decoded.replay_into(&mut restored);
        for window in Window::EVERY {
            for id in [1, 2] {
                assert_eq!(
                    restored.views(id, window),
                    sample().views(id, window),
                    "{id} {window:?}"
                );
            }
        }
    }

    #[test]
    fn a_damaged_or_cut_snapshot_is_refused() {
        let bytes = Snapshot::of(&sample(), 7).encode();
        for cut in 0..bytes.len() - 1 {
            assert!(Snapshot::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut damaged = bytes.clone();
        let at = damaged.iter().position(|&b| b == b'3').expect("a digit");
        damaged[at] = b'9';
        assert!(matches!(
            Snapshot::decode(&damaged),
            Err(SnapshotError::Damaged(_))
        ));
    }

    #[test]
    fn a_later_format_is_recognised_as_such() {
        let later = b"wenming-views 2\ncovers 3\nsomething new\nend 00000000\n";
        assert_eq!(
            Snapshot::decode(later),
            Err(SnapshotError::NewerFormat("wenming-views 2".into()))
        );
    }
}
