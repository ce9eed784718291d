//! What differs between Windows, macOS and Linux in juchu-core, one module
//! per concern with the three platforms side by side. Every branch says how
//! it was verified: Linux by the tests on this machine; Windows and macOS by
//! `cargo test -p juchu-core` in the `ci.yml` jobs on GitHub's hosted runners
//! (`windows-latest`, `macos-latest`), which run these modules' own tests
//! there; nothing of those branches runs on the Linux development machine.
//!
//! The shell's platform concerns (deep links, single instance, start at
//! login, the tray) are in the desktop crate's `platform` module.

pub mod data_dir;
pub mod keyring;
