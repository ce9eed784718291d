//! juchu-core: everything in Juchu that is not UI. No Tauri dependency: the
//! same functions serve the window, `juchu-cli`, the tests and the benchmarks.

pub mod app;
pub mod auto_run;
pub mod connect;
mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod export_hold;
pub mod labels;
pub mod malls;
pub mod paths;
pub mod platform;
pub mod progress;
pub mod sample;
pub mod secrets;
pub mod ship_plan;
pub mod shop_admin;
pub mod shop_form;
pub mod store;
pub mod sync;
pub mod text;
pub mod time;

pub use app::{AppInfo, Juchu};
pub use error::{CoreError, Result, UiError};
pub use paths::Profile;
