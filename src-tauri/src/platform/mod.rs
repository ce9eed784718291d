//! What differs between Windows, macOS and Linux in the shell, one module per
//! concern, the three platforms side by side in each. Every branch says how
//! it was verified: Linux by the tests on this machine (`scripts/test.sh`,
//! the end-to-end suite under Xvfb); Windows and macOS by the `ci.yml` jobs
//! on GitHub's hosted runners, which compile every branch and run
//! `cargo test -p juchu-core` there (nothing of them runs on the Linux
//! development machine).
//!
//! The two platform concerns of juchu-core (which keyring holds the secrets,
//! where the data folder is) are in `juchu_core::platform`.

pub mod autostart;
pub mod deep_link;
pub mod single_instance;
pub mod tray_host;
