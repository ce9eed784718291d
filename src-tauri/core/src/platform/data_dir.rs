//! The platform's folder for an app's data (`paths::data_dir` uses it when
//! `JUCHU_DATA_DIR` / `JUCHU_DEMO_DIR` are not set). `app` is "Juchu" or
//! "Juchu Demo"; the `directories` crate names the folders.
//!
//! | platform | Juchu | Juchu Demo |
//! |---|---|---|
//! | Linux | `$XDG_DATA_HOME/juchu` (`~/.local/share/juchu`) | `…/juchudemo` |
//! | Windows | `%APPDATA%\Juchu\Juchu\data` | `%APPDATA%\Juchu\Juchu Demo\data` |
//! | macOS | `~/Library/Application Support/jp.Juchu.Juchu` | `…/jp.Juchu.Juchu-Demo` |

use std::path::PathBuf;

/// Linux: XDG data home. *Verified here*: this module's test, and every
/// test and demo run that opens the default folder.
#[cfg(target_os = "linux")]
pub fn app_data_dir(app: &str) -> Option<PathBuf> {
    project(app)
}

/// Windows: the roaming AppData folder (Known Folder API), per user, no
/// admin rights. *Run only on the hosted runner* (ci.yml, windows-latest:
/// this module's test), not verified here.
#[cfg(target_os = "windows")]
pub fn app_data_dir(app: &str) -> Option<PathBuf> {
    project(app)
}

/// macOS: Application Support under the bundle-style name. *Run only on the
/// hosted runner* (ci.yml, macos-latest: this module's test), not verified
/// here.
#[cfg(target_os = "macos")]
pub fn app_data_dir(app: &str) -> Option<PathBuf> {
    project(app)
}

fn project(app: &str) -> Option<PathBuf> {
    directories::ProjectDirs::from("jp", "Juchu", app).map(|d| d.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::app_data_dir;
    use std::path::Path;

    fn tail(p: &Path, n: usize) -> Vec<String> {
        let parts: Vec<String> = p
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts[parts.len() - n..].to_vec()
    }

    #[test]
    fn real_and_demo_data_live_apart_in_the_platform_folder() {
        let real = app_data_dir("Juchu").expect("a home folder");
        let demo = app_data_dir("Juchu Demo").expect("a home folder");
        assert_ne!(real, demo);
        assert!(real.is_absolute() && demo.is_absolute());
        #[cfg(target_os = "linux")]
        {
            assert_eq!(tail(&real, 1), ["juchu"]);
            assert_eq!(tail(&demo, 1), ["juchudemo"]);
        }
        #[cfg(target_os = "windows")]
        {
            assert_eq!(tail(&real, 3), ["Juchu", "Juchu", "data"]);
            assert_eq!(tail(&demo, 3), ["Juchu", "Juchu Demo", "data"]);
            assert!(real.to_string_lossy().contains("AppData"));
        }
        #[cfg(target_os = "macos")]
        {
            assert_eq!(
                tail(&real, 3),
                ["Library", "Application Support", "jp.Juchu.Juchu"]
            );
            assert_eq!(tail(&demo, 1), ["jp.Juchu.Juchu-Demo"]);
        }
    }
}
