//! Events the window listens to.

use serde::{Deserialize, Serialize};

/// Orders were added or changed: counts and rows should be read again.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct OrdersChanged {
    pub reason: String,
}
