//! What the shell keeps while it runs: the opened data folder, or why it
//! could not be opened (shown in the window instead of crashing).

use juchu_core::{Juchu, UiError};

pub struct AppState {
    pub juchu: Result<Juchu, UiError>,
}

impl AppState {
    pub fn juchu(&self) -> Result<&Juchu, UiError> {
        self.juchu.as_ref().map_err(Clone::clone)
    }
}
