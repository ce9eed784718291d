//! What the shell keeps while it runs: the opened data folder, or why it
//! could not be opened (shown in the window instead of crashing). The folder
//! can be swapped once, for the demo's (「デモで試す」 on first start).

use std::sync::{Arc, RwLock};

use juchu_core::progress::ProgressSink;
use juchu_core::{Juchu, UiError};

pub struct AppState {
    juchu: RwLock<Result<Arc<Juchu>, UiError>>,
    /// Where fetch and export progress goes (kept for a swapped folder).
    progress: RwLock<Option<ProgressSink>>,
}

/// The error code of every command while the data folder is still being
/// opened (the window asks again until it is ready).
pub const OPENING: &str = "DATA_OPENING";

impl AppState {
    pub fn new(juchu: Result<Juchu, UiError>) -> AppState {
        AppState {
            juchu: RwLock::new(juchu.map(Arc::new)),
            progress: RwLock::new(None),
        }
    }

    /// The data folder is being opened on another thread: a schema update
    /// that rewrites every order (a new search index) takes minutes at a
    /// million orders, and the window must show that it is working
    /// instead of not appearing at all. `opened` ends it.
    pub fn opening() -> AppState {
        AppState::new(Err(UiError {
            code: OPENING.into(),
            message: "データを準備しています（新しいバージョンに合わせてデータを更新している間は、数分かかることがあります）。このままお待ちください。".into(),
            detail: None,
        }))
    }

    /// The data folder opened, or why it could not be.
    pub fn opened(&self, juchu: Result<Juchu, UiError>) {
        match juchu {
            Ok(j) => self.replace(j),
            Err(e) => {
                let mut slot = match self.juchu.write() {
                    Ok(g) => g,
                    Err(poisoned) => poisoned.into_inner(),
                };
                *slot = Err(e);
            }
        }
    }

    /// Sends the progress of every fetch and export to `sink`.
    pub fn on_progress(&self, sink: ProgressSink) {
        if let Ok(j) = self.juchu() {
            j.on_progress(sink.clone());
        }
        if let Ok(mut slot) = self.progress.write() {
            *slot = Some(sink);
        }
    }

    pub fn juchu(&self) -> Result<Arc<Juchu>, UiError> {
        match self.juchu.read() {
            Ok(j) => j.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Serves another data folder from now on (the demo's).
    pub fn replace(&self, juchu: Juchu) {
        let mut slot = match self.juchu.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(sink) = self.progress.read().ok().and_then(|s| s.clone()) {
            juchu.on_progress(sink);
        }
        *slot = Ok(Arc::new(juchu));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use juchu_core::Profile;

    #[test]
    fn commands_hear_opening_until_the_folder_is_open() {
        let state = AppState::opening();
        assert_eq!(
            state.juchu().err().map(|e| e.code),
            Some(OPENING.to_string())
        );
        let dir = std::env::temp_dir().join(format!("juchu-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        state.opened(Juchu::open_at(&dir, Profile::Real).map_err(UiError::from));
        assert!(state.juchu().is_ok());
        drop(state);
        let _ = std::fs::remove_dir_all(&dir);

        let failed = AppState::opening();
        failed.opened(Err(UiError {
            code: "DATA_DIR".into(),
            message: "開けません".into(),
            detail: None,
        }));
        assert_eq!(
            failed.juchu().err().map(|e| e.code),
            Some("DATA_DIR".to_string())
        );
    }
}
