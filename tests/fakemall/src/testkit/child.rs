//! The `fakemall` binary as a child process.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::mall::MallKind;

/// A running `fakemall` and the settings it printed; killed when dropped.
///
/// ```no_run
/// use fakemall::testkit::FakemallChild;
/// use fakemall::MallKind;
/// // In fakemall's own tests the program is env!("CARGO_BIN_EXE_fakemall").
/// let fakes = FakemallChild::spawn("target/debug/fakemall", ["--orders", "5"]);
/// let base_url = fakes.api_base(MallKind::Base);
/// ```
#[derive(Debug)]
pub struct FakemallChild {
    child: Child,
    api_bases: BTreeMap<MallKind, String>,
    credentials: BTreeMap<MallKind, Value>,
}

impl FakemallChild {
    /// Starts `program` with `args` and reads its two lines per mall
    /// (`JUCHU_API_BASE_<MALL>=…`, `FAKEMALL_CREDENTIALS_<MALL>=…`).
    ///
    /// # Panics
    /// When it cannot start, or ends before printing every mall's lines (it is killed).
    pub fn spawn<I, S>(program: impl AsRef<Path>, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let program = program.as_ref();
        let mut child = Command::new(program)
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", program.display()));
        let stdout = child.stdout.take();
        // From here on, a panic drops (kills) the child.
        let mut fakes = Self {
            child,
            api_bases: BTreeMap::new(),
            credentials: BTreeMap::new(),
        };
        let Some(stdout) = stdout else {
            panic!("no stdout from {}", program.display());
        };
        let lines: Vec<String> = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .take(2 * MallKind::ALL.len())
            .collect();
        for line in &lines {
            fakes.read_setting(line);
        }
        if fakes.api_bases.len() < MallKind::ALL.len() {
            panic!("fakemall printed {lines:#?}, not two lines per mall");
        }
        fakes
    }

    fn read_setting(&mut self, line: &str) {
        let Some((name, value)) = line.split_once('=') else {
            panic!("fakemall printed {line:?}");
        };
        if let Some(mall) = name.strip_prefix("JUCHU_API_BASE_") {
            self.api_bases.insert(mall_of(mall), value.to_string());
        } else if let Some(mall) = name.strip_prefix("FAKEMALL_CREDENTIALS_") {
            let json = serde_json::from_str(value)
                .unwrap_or_else(|e| panic!("the credentials of {mall} are not JSON: {e}"));
            self.credentials.insert(mall_of(mall), json);
        }
    }

    /// The `JUCHU_API_BASE_<MALL>` it printed.
    ///
    /// # Panics
    /// For a mall it printed no line for.
    pub fn api_base(&self, mall: MallKind) -> &str {
        self.api_bases
            .get(&mall)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no JUCHU_API_BASE_{} line", mall.env_suffix()))
    }

    /// `http://127.0.0.1:PORT` of a mall (its API base without the path).
    pub fn base_url(&self, mall: MallKind) -> String {
        let api = self.api_base(mall);
        api.strip_suffix(mall.api_base_path())
            .unwrap_or(api)
            .to_string()
    }

    /// The `FAKEMALL_CREDENTIALS_<MALL>` JSON it printed.
    ///
    /// # Panics
    /// For a mall it printed no line for.
    pub fn credentials(&self, mall: MallKind) -> &Value {
        self.credentials
            .get(&mall)
            .unwrap_or_else(|| panic!("no FAKEMALL_CREDENTIALS_{} line", mall.env_suffix()))
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

fn mall_of(suffix: &str) -> MallKind {
    suffix
        .parse()
        .unwrap_or_else(|e| panic!("fakemall printed a line for {suffix}: {e}"))
}

impl Drop for FakemallChild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
