//! Tauri commands: each is a few lines over `juchu_core::Juchu`.

pub mod app_settings;
pub mod labels;
pub mod orders;
pub mod shops;
pub mod sync;
pub mod update;

pub use crate::state::AppState;
