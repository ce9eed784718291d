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

impl AppState {
    pub fn new(juchu: Result<Juchu, UiError>) -> AppState {
        AppState {
            juchu: RwLock::new(juchu.map(Arc::new)),
            progress: RwLock::new(None),
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
