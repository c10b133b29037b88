//! The append log: one line per (hour, article) per flush, each with its own checksum, so
//! that a line cut short by a crash, or damaged on disk, is recognised and skipped alone.
//!
//! ```text
//! 496000 1001 3 5d8a1f0c
//! ```
//! (hour since the epoch, article id, views, CRC-32 of the first three fields in hex)

use crate::{ArticleId, Hour};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LogEntry {
    pub hour: Hour,
    pub id: ArticleId,
    pub views: u64,
}

/// A line of a log that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogProblem {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// Appends the line for `entry` to `out`.
pub(crate) fn encode_entry(entry: LogEntry, out: &mut Vec<u8>) {
    let fields = format!("{} {} {}", entry.hour, entry.id, entry.views);
    let checksum = crc32fast::hash(fields.as_bytes());
    out.extend_from_slice(format!("{fields} {checksum:08x}\n").as_bytes());
}

/// Reads a whole log. Every good line is returned; every bad one is reported and skipped: a
/// last line without its newline is a write cut short (the normal trace of a crash), any
/// other bad line is damage.
pub(crate) fn decode_log(bytes: &[u8]) -> (Vec<LogEntry>, Vec<LogProblem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut lines = bytes.split(|&b| b == b'\n').enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        let is_last = lines.peek().is_none();
        if is_last {
            if !line.is_empty() {
                problems.push(LogProblem {
                    line: index + 1,
                    message: format!(
                        "the last line is incomplete ({} bytes without a line end): a write cut short, skipped",
                        line.len()
                    ),
                });
            }
            break;
        }
        match decode_line(line) {
            Ok(entry) => entries.push(entry),
            Err(message) => problems.push(LogProblem {
                line: index + 1,
                message,
            }),
        }
    }
    (entries, problems)
}

fn decode_line(line: &[u8]) -> Result<LogEntry, String> {
    let text = std::str::from_utf8(line).map_err(|_| "the line is not UTF-8".to_string())?;
    let (fields, checksum) = text
        .rsplit_once(' ')
        .ok_or_else(|| format!("the line {text:?} has no checksum"))?;
    let checksum = u32::from_str_radix(checksum, 16)
        .map_err(|_| format!("the checksum {checksum:?} is not hexadecimal"))?;
    if crc32fast::hash(fields.as_bytes()) != checksum {
        return Err(format!("the line {text:?} does not match its checksum"));
    }
    let mut parts = fields.split(' ');
    let mut next = |what: &str| {
        parts
            .next()
            .ok_or_else(|| format!("the line {text:?} has no {what}"))
    };
    let hour = next("hour")?;
    let id = next("article id")?;
    let views = next("count")?;
    let number = |field: &str, what: &str| {
        field
            .parse::<u64>()
            .map_err(|_| format!("the {what} {field:?} is not a number"))
    };
    Ok(LogEntry {
        hour: Hour::try_from(number(hour, "hour")?)
            .map_err(|_| format!("the hour {hour} is out of range"))?,
        id: number(id, "article id")?,
        views: number(views, "count")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(entries: &[LogEntry]) -> Vec<u8> {
        let mut out = Vec::new();
        for &entry in entries {
            encode_entry(entry, &mut out);
        }
        out
    }

    const A: LogEntry = LogEntry {
        hour: 496_000,
        id: 1001,
        views: 3,
    };
    const B: LogEntry = LogEntry {
        hour: 496_001,
        id: 2002,
        views: 1,
    };

    #[test]
    fn lines_round_trip() {
        let (entries, problems) = decode_log(&encoded(&[A, B]));
        assert_eq!(entries, vec![A, B]);
        assert_eq!(problems, vec![]);
        assert_eq!(decode_log(b""), (vec![], vec![]));
    }

    #[test]
    fn a_tail_cut_short_anywhere_is_reported_and_skipped() {
        let whole = encoded(&[A, B]);
        let first_line = whole.iter().position(|&b| b == b'\n').expect("a line") + 1;
        for cut in first_line + 1..whole.len() {
            let (entries, problems) = decode_log(&whole[..cut]);
            assert_eq!(entries, vec![A], "cut at {cut}");
            assert_eq!(problems.len(), 1, "cut at {cut}");
            assert_eq!(problems[0].line, 2);
            assert!(problems[0].message.contains("incomplete"), "{problems:?}");
        }
    }

    #[test]
    fn a_damaged_line_is_skipped_and_the_rest_is_kept() {
        let mut bytes = encoded(&[A, B, A]);
        // Flip a digit of the second line's count.
        let second = bytes.iter().position(|&b| b == b'\n').expect("a line") + 1;
        let count_at = second + "496001 2002 ".len();
        bytes[count_at] = b'7';
        let (entries, problems) = decode_log(&bytes);
        assert_eq!(entries, vec![A, A]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("checksum"), "{problems:?}");
    }

    #[test]
    fn garbage_is_reported_not_a_panic() {
        let (entries, problems) = decode_log(b"\xff\xfe\n1 2\nnot a line at all\n\n");
        assert!(entries.is_empty());
        assert_eq!(problems.len(), 4);
    }
}
