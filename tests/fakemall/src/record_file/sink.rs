//! The writer of the record file, shared by every mall that records into it.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use super::line::RecordLine;
use crate::mall::MallKind;
use crate::recorder::RecordedRequest;

/// A clonable handle on one record file (or any writer); clones write to the same file.
///
/// Each line is written whole and flushed at once. Writing never fails the mall: on the first
/// I/O error the sink says so once on stderr and stops writing (so that the file holds no
/// half line followed by more), and the malls keep serving.
#[derive(Clone)]
pub struct RecordSink {
    inner: Arc<Mutex<Inner>>,
}

struct Inner {
    /// What the file is, for the error message (its path).
    target: String,
    /// `None` once a write has failed.
    out: Option<Box<dyn Write + Send>>,
}

impl std::fmt::Debug for RecordSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.lock();
        f.debug_struct("RecordSink")
            .field("target", &inner.target)
            .field("writing", &inner.out.is_some())
            .finish()
    }
}

impl RecordSink {
    /// Creates (or empties) the file at `path`.
    pub fn create(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let file = File::create(path)?;
        Ok(Self::from_writer(path.display().to_string(), file))
    }

    /// Writes the lines to `out`; `target` names it in the error message.
    pub fn from_writer(target: impl Into<String>, out: impl Write + Send + 'static) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                target: target.into(),
                out: Some(Box::new(out)),
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether lines are still written (no write has failed).
    pub fn is_writing(&self) -> bool {
        self.lock().out.is_some()
    }

    /// Writes the line of `request`, received by `mall`.
    pub fn write(&self, mall: MallKind, request: &RecordedRequest) {
        self.write_line(&RecordLine::new(mall, request));
    }

    /// Writes one line and flushes it.
    pub fn write_line(&self, line: &RecordLine) {
        let mut text = match serde_json::to_string(line) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("fakemall: a record line could not be encoded: {e}");
                return;
            }
        };
        text.push('\n');
        let mut inner = self.lock();
        let Some(out) = inner.out.as_mut() else {
            return;
        };
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            eprintln!(
                "fakemall: cannot write the record file {}: {e}; recording stops, the malls keep serving",
                inner.target
            );
            inner.out = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer into shared memory, failing once `fail_after` bytes are written.
    #[derive(Clone, Default)]
    struct Memory {
        bytes: Arc<Mutex<Vec<u8>>>,
        fail_after: Option<usize>,
    }

    impl Write for Memory {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
            if self.fail_after.is_some_and(|n| bytes.len() + buf.len() > n) {
                return Err(std::io::Error::other("disk full"));
            }
            bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn line(seq: u64) -> RecordLine {
        RecordLine {
            mall: "base".into(),
            seq,
            time: "2024-06-30T03:00:00Z".into(),
            method: "GET".into(),
            path: "/1/orders".into(),
            query: None,
            headers: Default::default(),
            body: serde_json::Value::Null,
            status: Some(200),
            fault: None,
        }
    }

    #[test]
    fn clones_write_whole_lines_to_one_writer() {
        let memory = Memory::default();
        let sink = RecordSink::from_writer("memory", memory.clone());
        sink.write_line(&line(0));
        sink.clone().write_line(&line(1));
        let text = String::from_utf8(memory.bytes.lock().expect("lock").clone()).expect("utf8");
        let lines: Vec<RecordLine> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("line"))
            .collect();
        assert_eq!(lines, vec![line(0), line(1)]);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn a_failed_write_stops_the_sink_without_panicking() {
        let memory = Memory {
            fail_after: Some(10),
            ..Default::default()
        };
        let sink = RecordSink::from_writer("memory", memory.clone());
        sink.write_line(&line(0));
        assert!(!sink.is_writing());
        sink.write_line(&line(1));
        assert!(memory.bytes.lock().expect("lock").is_empty());
    }
}
