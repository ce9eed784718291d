//! Reading a record file back (while the fakes may still be writing it).

use std::path::Path;

use super::line::RecordLine;

/// Every complete line of the record file at `path`, in file order. A last line without its
/// newline (being written) is left out, as is a line that is not a [`RecordLine`].
pub fn read(path: impl AsRef<Path>) -> std::io::Result<Vec<RecordLine>> {
    let text = std::fs::read_to_string(path)?;
    let complete = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    Ok(complete
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}
