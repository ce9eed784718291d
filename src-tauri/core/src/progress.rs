//! What a running fetch or export has done so far, for the window's
//! progress: per shop, the pages and orders read and the calls made, or the
//! shipments sent out of those to send.

use std::sync::Arc;

use serde::Serialize;
use specta::Type;

use crate::app::Juchu;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    Sync,
    Export,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Progress {
    pub shop_id: i64,
    pub shop_name: String,
    pub task: Task,
    /// 受注取得: pages read, orders in them, API calls made.
    pub pages: u32,
    pub orders: u32,
    pub calls: u32,
    /// 発送情報の更新: shipments sent (or failed) out of `total`.
    pub sent: u32,
    pub total: u32,
    pub finished: bool,
}

impl Progress {
    pub fn new(shop_id: i64, shop_name: &str, task: Task) -> Progress {
        Progress {
            shop_id,
            shop_name: shop_name.to_string(),
            task,
            pages: 0,
            orders: 0,
            calls: 0,
            sent: 0,
            total: 0,
            finished: false,
        }
    }
}

/// Where progress goes (the shell forwards it to the window).
pub type ProgressSink = Arc<dyn Fn(&Progress) + Send + Sync>;

impl Juchu {
    /// Sends every fetch's and export's progress to `sink` from now on.
    pub fn on_progress(&self, sink: ProgressSink) {
        *self.progress_sink() = Some(sink);
    }

    pub(crate) fn report_progress(&self, p: &Progress) {
        let sink = self.progress_sink().clone();
        if let Some(sink) = sink {
            sink(p);
        }
    }
}
