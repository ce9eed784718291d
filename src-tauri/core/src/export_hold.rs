//! Whether a 発送情報の更新 is under way, and a hold that keeps any from
//! starting: the app's update installs only under it, so an update never
//! replaces Juchu in the middle of sending shipping info to a mall.

use tokio::sync::OwnedMutexGuard;

use crate::app::Juchu;
use crate::error::{CoreError, Result};

/// Every shop's export lock, held: while it lives no 発送情報の更新 (the
/// merchant's or 自動書き出し) can start. The merchant's waits for it to end;
/// 自動書き出し is put off to its next round.
#[must_use = "exports are held only while this lives"]
pub struct ExportsHeld {
    _locks: Vec<OwnedMutexGuard<()>>,
}

impl Juchu {
    /// Whether a 発送情報の更新 (the merchant's or 自動書き出し) is sending now.
    pub fn export_running(&self) -> bool {
        self.export_locks()
            .iter()
            .any(|(_, lock)| lock.try_lock().is_err())
    }

    /// Holds every shop's export lock, or refuses with
    /// [`CoreError::ExportRunning`] when one is sending (nothing is held then).
    pub fn hold_exports(&self) -> Result<ExportsHeld> {
        let mut ids: Vec<i64> = self.shops()?.iter().map(|s| s.id).collect();
        ids.extend(self.export_locks().into_iter().map(|(id, _)| id));
        ids.sort_unstable();
        ids.dedup();
        let mut held = Vec::with_capacity(ids.len());
        for id in ids {
            match self.export_lock(id).try_lock_owned() {
                Ok(guard) => held.push(guard),
                Err(_) => return Err(CoreError::ExportRunning),
            }
        }
        Ok(ExportsHeld { _locks: held })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mall, ShopSettings};
    use crate::paths::Profile;

    fn juchu_with_two_shops() -> (tempfile::TempDir, Juchu, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
        let add = |name: &str| {
            juchu
                .store()
                .add_shop(Mall::Bcart, name, &ShopSettings::for_mall(Mall::Bcart))
                .unwrap()
                .id
        };
        let (a, b) = (add("Bカート 1号店"), add("Bカート 2号店"));
        (dir, juchu, a, b)
    }

    #[tokio::test]
    async fn an_export_under_way_is_seen_and_refuses_the_hold() {
        let (_dir, juchu, _a, b) = juchu_with_two_shops();
        assert!(!juchu.export_running(), "nothing sends yet");
        // Shop b's 発送情報の更新 holds its lock while it sends.
        let lock = juchu.export_lock(b);
        let sending = lock.lock().await;
        assert!(juchu.export_running());
        let refused = juchu.hold_exports().err().expect("refused while sending");
        assert_eq!(refused.code(), "EXPORT_RUNNING");
        assert!(refused.to_string().contains("発送情報の更新を実行中"));
        // Refusing held nothing: the sending shop finishes and the others are free.
        drop(sending);
        assert!(!juchu.export_running());
        assert!(juchu.hold_exports().is_ok());
    }

    #[tokio::test]
    async fn while_held_no_export_starts_and_after_it_they_do() {
        let (_dir, juchu, a, b) = juchu_with_two_shops();
        let held = juchu.hold_exports().unwrap();
        // Every shop's lock is taken, including shops that never exported.
        for id in [a, b] {
            assert!(
                juchu.export_lock(id).try_lock().is_err(),
                "shop {id} could start an export during the hold"
            );
        }
        // 自動書き出し finds the shop busy and puts itself off.
        let shop = juchu.shop(a).unwrap();
        let put_off = juchu.auto_export(&shop).await.unwrap();
        assert!(put_off.already_running);
        drop(held);
        for id in [a, b] {
            assert!(juchu.export_lock(id).try_lock().is_ok());
        }
        assert!(!juchu.export_running());
    }
}
