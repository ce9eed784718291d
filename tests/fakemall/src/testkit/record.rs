//! Reading the record file back while the fakes write it.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::record_file::{self, RecordLine};

/// Polls the record file at `path` (every 20 ms, for at most `within`) until it holds at
/// least `count` complete lines, and returns them all.
///
/// # Panics
/// When the lines are not there in time (the message shows what was).
pub async fn wait_for_record_lines(
    path: impl AsRef<Path>,
    count: usize,
    within: Duration,
) -> Vec<RecordLine> {
    let path = path.as_ref();
    let deadline = Instant::now() + within;
    loop {
        let lines = record_file::read(path).unwrap_or_default();
        if lines.len() >= count {
            return lines;
        }
        if Instant::now() >= deadline {
            panic!(
                "{} holds {} record lines after {within:?}, not {count}: {lines:#?}",
                path.display(),
                lines.len()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
