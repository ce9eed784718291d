//! Desktop notifications after 自動取得 / 自動書き出し (and the tray's
//! 今すぐ取得): new orders, a 自動書き出し that failed, a shop whose mall
//! wants its credentials again. Routine success stays quiet.
//!
//! Which reports become which text is one pure function, [`notices`]; the
//! rest only shows what it returns.

use std::collections::BTreeSet;
use std::sync::Mutex;

use juchu_core::auto_run::AutoExport;
use juchu_core::sync::SyncReport;
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::{NotificationExt, PermissionState};

/// The error codes after which nothing works until the merchant authorizes
/// the shop again (`MallError::needs_reauthorization` in juchu-core, as
/// `MallError::code` writes them).
pub use juchu_core::shop_admin::AUTH_ERROR_CODES as REAUTH_CODES;

/// At most this many shops are named in one notification.
const MAX_LINES: usize = 5;

/// One desktop notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// What a round of reports becomes, and which shops have been told to
/// authorize again (so that a shop stuck in 認証エラー is not announced at
/// every interval: once, then again only after it worked in between).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub notices: Vec<Notice>,
    pub reauth_told: BTreeSet<i64>,
}

pub fn needs_reauthorization(report: &SyncReport) -> bool {
    report
        .error_code
        .as_deref()
        .is_some_and(|c| REAUTH_CODES.contains(&c))
}

/// The rule: new orders (one line per shop), shops to authorize again (not
/// already told), 自動書き出し with failures. Nothing else is notified:
/// a fetch that found nothing new, one that failed for a passing reason
/// (the next round retries it, the tray and the shop list show it), a
/// 自動書き出し put off because another was running.
pub fn notices(
    syncs: &[SyncReport],
    exports: &[AutoExport],
    reauth_told: &BTreeSet<i64>,
) -> Outcome {
    let mut told = reauth_told.clone();
    let mut notices = Vec::new();

    let new: Vec<String> = syncs
        .iter()
        .filter(|r| r.new > 0)
        .map(|r| format!("{}: 新規受注 {}件", r.shop_name, r.new))
        .collect();
    if !new.is_empty() {
        let total: u32 = syncs.iter().map(|r| r.new).sum();
        notices.push(Notice {
            title: format!("新しい受注が {total}件 あります"),
            body: lines(new),
        });
    }

    let mut reauth = Vec::new();
    for r in syncs {
        if needs_reauthorization(r) {
            if told.insert(r.shop_id) {
                reauth.push(match r.error.as_deref() {
                    Some(message) if !message.is_empty() => format!("{}: {message}", r.shop_name),
                    _ => format!(
                        "{}: 認証が切れています。モール詳細設定で「編集」を開き、認証をやり直してください。",
                        r.shop_name
                    ),
                });
            }
        } else if r.error_code.is_none() {
            // It worked again: a later 認証エラー is news again.
            told.remove(&r.shop_id);
        }
    }
    if !reauth.is_empty() {
        notices.push(Notice {
            title: "ショップの認証をやり直してください".into(),
            body: lines(reauth),
        });
    }

    let failed: Vec<String> = exports
        .iter()
        .filter(|e| e.failed > 0)
        .map(|e| {
            format!(
                "{}: 自動書き出しで {}件 送れませんでした",
                e.shop_name, e.failed
            )
        })
        .collect();
    if !failed.is_empty() {
        let mut body = lines(failed);
        body.push_str("\n受注一覧の「発送情報の更新」で理由を確かめてください。");
        notices.push(Notice {
            title: "発送情報の更新に失敗しました".into(),
            body,
        });
    }

    Outcome {
        notices,
        reauth_told: told,
    }
}

/// One line per shop, the rest counted.
fn lines(mut items: Vec<String>) -> String {
    if items.len() > MAX_LINES {
        let rest = items.len() - (MAX_LINES - 1);
        items.truncate(MAX_LINES - 1);
        items.push(format!("ほか {rest}店"));
    }
    items.join("\n")
}

/// The shops already told to authorize again, while the app runs.
#[derive(Default)]
struct Told(Mutex<BTreeSet<i64>>);

/// Sets up notifications: asks for the permission (desktop systems grant
/// it without asking; a refusal or a failure is logged and the app goes on
/// without notifications), and a click on one opens the window.
pub fn init(app: &AppHandle) {
    app.manage(Told::default());
    let notification = app.notification();
    match notification.permission_state() {
        Ok(PermissionState::Granted) => {}
        Ok(_) => match notification.request_permission() {
            Ok(PermissionState::Granted) => {}
            Ok(state) => eprintln!("通知は許可されていません（{state:?}）: 通知なしで続けます"),
            Err(e) => eprintln!("通知の許可を求められませんでした: {e}"),
        },
        Err(e) => eprintln!("通知の許可を確かめられませんでした: {e}"),
    }
    let handle = app.clone();
    if let Err(e) = notification.on_action(move |_| crate::tray::show_window(&handle)) {
        eprintln!("通知のクリックを受け取れません: {e}");
    }
}

/// Shows what a round of reports is worth telling (see [`notices`]).
pub fn after_run(app: &AppHandle, syncs: &[SyncReport], exports: &[AutoExport]) {
    let Some(told) = app.try_state::<Told>() else {
        return;
    };
    let mut told = told.0.lock().unwrap_or_else(|p| p.into_inner());
    let outcome = notices(syncs, exports, &told);
    *told = outcome.reauth_told;
    drop(told);
    for n in outcome.notices {
        show(app, &n.title, &n.body);
    }
}

/// Shows one notification; a failure (no notification service...) is logged.
pub fn show(app: &AppHandle, title: &str, body: &str) {
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        eprintln!("通知を表示できませんでした: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: i64, name: &str, new: u32) -> SyncReport {
        SyncReport {
            shop_id: id,
            shop_name: name.into(),
            new,
            ..SyncReport::default()
        }
    }

    fn failed(id: i64, name: &str, code: &str, message: &str) -> SyncReport {
        SyncReport {
            error_code: Some(code.into()),
            error: Some(message.into()),
            ..report(id, name, 0)
        }
    }

    fn export(id: i64, name: &str, sent: u32, failed: u32) -> AutoExport {
        AutoExport {
            shop_id: id,
            shop_name: name.into(),
            sent,
            failed,
            already_running: false,
        }
    }

    fn run(syncs: &[SyncReport], exports: &[AutoExport]) -> Vec<Notice> {
        notices(syncs, exports, &BTreeSet::new()).notices
    }

    #[test]
    fn routine_success_is_quiet() {
        let syncs = [report(1, "BASE 1号店", 0), report(2, "Qoo10 本店", 0)];
        let exports = [
            export(1, "BASE 1号店", 3, 0),
            AutoExport {
                already_running: true,
                ..export(2, "Qoo10 本店", 0, 0)
            },
        ];
        assert_eq!(run(&syncs, &exports), vec![]);
        assert_eq!(run(&[], &[]), vec![]);
    }

    #[test]
    fn new_orders_are_counted_per_shop_in_one_notification() {
        let syncs = [
            report(1, "BASE 1号店", 12),
            report(2, "Qoo10 本店", 0),
            report(3, "Bカート", 1),
        ];
        assert_eq!(
            run(&syncs, &[]),
            vec![Notice {
                title: "新しい受注が 13件 あります".into(),
                body: "BASE 1号店: 新規受注 12件\nBカート: 新規受注 1件".into(),
            }]
        );
    }

    #[test]
    fn a_fetch_that_stopped_halfway_still_announces_what_it_merged() {
        let mut r = failed(1, "BASE 1号店", "MALL_RATE_LIMITED", "上限に達しました");
        r.new = 4;
        assert_eq!(run(&[r], &[])[0].body, "BASE 1号店: 新規受注 4件");
    }

    #[test]
    fn every_reauthorization_code_asks_to_authorize_again() {
        for code in [
            "MALL_UNAUTHORIZED",
            "MALL_REFRESH_EXPIRED",
            "MALL_NOT_AUTHORIZED",
            "MALL_BAD_CLIENT",
        ] {
            let n = run(
                &[failed(
                    1,
                    "BASE 1号店",
                    code,
                    "アクセスキーの期限が切れました。",
                )],
                &[],
            );
            assert_eq!(
                n,
                vec![Notice {
                    title: "ショップの認証をやり直してください".into(),
                    body: "BASE 1号店: アクセスキーの期限が切れました。".into(),
                }],
                "{code}"
            );
        }
    }

    #[test]
    fn a_passing_failure_is_not_notified() {
        for code in [
            "MALL_TIMEOUT",
            "MALL_NETWORK",
            "MALL_MAINTENANCE",
            "MALL_SERVER_ERROR",
            "MALL_RATE_LIMITED",
        ] {
            assert_eq!(
                run(&[failed(1, "BASE 1号店", code, "x")], &[]),
                vec![],
                "{code}"
            );
        }
    }

    #[test]
    fn a_reauthorization_without_a_message_still_says_what_to_do() {
        let mut r = failed(2, "Qoo10 本店", "MALL_UNAUTHORIZED", "");
        r.error = None;
        assert!(run(&[r], &[])[0]
            .body
            .starts_with("Qoo10 本店: 認証が切れています。"));
    }

    #[test]
    fn a_shop_is_told_to_authorize_again_once_until_it_works_again() {
        let stuck = [failed(1, "BASE 1号店", "MALL_REFRESH_EXPIRED", "期限切れ")];
        let first = notices(&stuck, &[], &BTreeSet::new());
        assert_eq!(first.notices.len(), 1);
        assert_eq!(first.reauth_told, BTreeSet::from([1]));

        let again = notices(&stuck, &[], &first.reauth_told);
        assert_eq!(again.notices, vec![]);
        assert_eq!(again.reauth_told, BTreeSet::from([1]));

        // A passing failure does not clear it; a fetch that went through does.
        let passing = notices(
            &[failed(1, "BASE 1号店", "MALL_TIMEOUT", "x")],
            &[],
            &again.reauth_told,
        );
        assert_eq!(passing.reauth_told, BTreeSet::from([1]));
        let worked = notices(&[report(1, "BASE 1号店", 0)], &[], &passing.reauth_told);
        assert_eq!(worked.reauth_told, BTreeSet::new());
        assert_eq!(notices(&stuck, &[], &worked.reauth_told).notices.len(), 1);
    }

    #[test]
    fn a_failed_auto_export_is_notified_with_what_to_do() {
        let exports = [export(1, "Bカート", 5, 2), export(2, "BASE 1号店", 1, 0)];
        assert_eq!(
            run(&[], &exports),
            vec![Notice {
                title: "発送情報の更新に失敗しました".into(),
                body: "Bカート: 自動書き出しで 2件 送れませんでした\n受注一覧の「発送情報の更新」で理由を確かめてください。".into(),
            }]
        );
    }

    #[test]
    fn all_three_kinds_come_in_a_fixed_order() {
        let n = run(
            &[
                report(1, "BASE 1号店", 2),
                failed(2, "Qoo10 本店", "MALL_BAD_CLIENT", "API キーが無効です。"),
            ],
            &[export(1, "BASE 1号店", 0, 1)],
        );
        let titles: Vec<&str> = n.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "新しい受注が 2件 あります",
                "ショップの認証をやり直してください",
                "発送情報の更新に失敗しました"
            ]
        );
    }

    #[test]
    fn many_shops_are_cut_short() {
        let syncs: Vec<SyncReport> = (1..=8).map(|i| report(i, &format!("店{i}"), 1)).collect();
        let n = run(&syncs, &[]);
        assert_eq!(n[0].title, "新しい受注が 8件 あります");
        assert_eq!(
            n[0].body,
            "店1: 新規受注 1件\n店2: 新規受注 1件\n店3: 新規受注 1件\n店4: 新規受注 1件\nほか 4店"
        );
    }
}
