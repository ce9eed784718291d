//! Tauri commands: each is a few lines over `juchu_core::Juchu`.

pub mod orders;
pub mod shops;
pub mod sync;

use juchu_core::{Juchu, UiError};

use crate::auth_flow::AuthFlow;

/// The opened data folder (or why it could not be opened, shown in the window
/// instead of crashing) and the authorizations waiting for their redirect.
pub struct AppState {
    pub juchu: Result<Juchu, UiError>,
    pub auth: AuthFlow,
}

impl AppState {
    pub fn juchu(&self) -> Result<&Juchu, UiError> {
        self.juchu.as_ref().map_err(Clone::clone)
    }
}
