//! Where Juchu keeps its data.

use std::path::PathBuf;

/// No data folder can be found for the profile.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PathsError {
    #[error("データベースファイルを開けません（{path}）。フォルダが存在し、書き込みできるか確認してください。詳細: {detail}")]
    NoDataDir { path: PathBuf, detail: String },
}

impl PathsError {
    pub fn code(&self) -> &'static str {
        "DB_CANNOT_OPEN"
    }
}

/// Real merchant data, or the demo's sample data. The two never share a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Real,
    Demo,
}

impl Profile {
    pub fn code(self) -> &'static str {
        match self {
            Profile::Real => "real",
            Profile::Demo => "demo",
        }
    }
    pub fn from_code(code: &str) -> Option<Profile> {
        match code {
            "real" => Some(Profile::Real),
            "demo" => Some(Profile::Demo),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Profile::Real => "本番",
            Profile::Demo => "デモ",
        }
    }
}

/// The data folder: `JUCHU_DATA_DIR` (real) or `JUCHU_DEMO_DIR` (demo) when
/// set, else the platform's app-data folder (`platform::data_dir`:
/// `%APPDATA%\Juchu\Juchu\data`, `~/Library/Application Support/jp.Juchu.Juchu`,
/// `~/.local/share/juchu`), with the demo in a sibling folder of its own.
pub fn data_dir(profile: Profile) -> Result<PathBuf, PathsError> {
    let var = match profile {
        Profile::Real => "JUCHU_DATA_DIR",
        Profile::Demo => "JUCHU_DEMO_DIR",
    };
    if let Some(dir) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let app = match profile {
        Profile::Real => "Juchu",
        Profile::Demo => "Juchu Demo",
    };
    crate::platform::data_dir::app_data_dir(app).ok_or_else(|| PathsError::NoDataDir {
        path: PathBuf::from("~"),
        detail: "ホームフォルダが見つかりません".into(),
    })
}
