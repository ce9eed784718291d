//! Whether the tray icon can be seen, so that closing the window may hide
//! Juchu there (where it cannot, closing quits, or Juchu would be lost).
//!
//! - **Linux**: only where a StatusNotifier host (KDE, GNOME with its
//!   AppIndicator extension, Xfce, Cinnamon…) owns
//!   `org.kde.StatusNotifierWatcher` on the session bus. *Verified here*: the
//!   end-to-end suite runs without a host (closing quits) and the tray notes.
//! - **Windows**: the notification area is always there. *Compiled on the
//!   hosted runner (ci.yml, windows-latest), not run there or here.*
//! - **macOS**: the menu bar is always there (a click on the Dock icon brings
//!   the window back: `RunEvent::Reopen` in lib.rs). *Compiled on the hosted
//!   runner (ci.yml, macos-latest), not run there or here.*

#[cfg(target_os = "linux")]
pub fn tray_host() -> bool {
    let found = || -> zbus::Result<bool> {
        let bus = zbus::blocking::Connection::session()?;
        let dbus = zbus::blocking::fdo::DBusProxy::new(&bus)?;
        Ok(dbus.name_has_owner("org.kde.StatusNotifierWatcher".try_into()?)?)
    };
    found().unwrap_or(false)
}

#[cfg(target_os = "windows")]
pub fn tray_host() -> bool {
    true
}

#[cfg(target_os = "macos")]
pub fn tray_host() -> bool {
    true
}
