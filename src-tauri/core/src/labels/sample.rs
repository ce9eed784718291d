//! 送り状設定's check, the way 接続テスト checks a shop: what is wrong with
//! each field, and the row the settings would write for the shop's newest
//! shipment still without a tracking number (or for a 見本 order when it has
//! none), with every cell the export would stop at.

use std::collections::HashMap;

use serde::Serialize;
use specta::Type;

use super::export::{self, CellIssue, LabelShipment};
use super::layouts;
use super::rules::{LabelFormat, Service, TimeSlot};
use super::settings::{services_of, LabelSettings};
use super::{db, LabelError};
use crate::domain::Party;
use crate::shop_form::FieldError;
use crate::store::orders;
use crate::Juchu;

/// How many of the shop's newest orders are looked through for a shipment
/// to show.
const LOOK_BACK: u32 = 20;

/// One cell of the sample row.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SampleCell {
    /// 1-based, as the layout numbers it.
    pub no: u32,
    pub column: String,
    pub value: String,
}

/// The row the settings would write.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LabelSample {
    pub format: LabelFormat,
    /// The order shown; `None` for the 見本 order.
    pub mall_order_id: Option<String>,
    pub service: Option<String>,
    /// The filled cells (most of a layout's columns stay empty).
    pub cells: Vec<SampleCell>,
    pub issues: Vec<CellIssue>,
    /// Why this shipment could not be written at all (COD on a post-box service…).
    pub blocked: Option<String>,
}

/// 送り状設定's check.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LabelSettingsCheck {
    pub problems: Vec<FieldError>,
    pub sample: LabelSample,
}

/// A service the settings screen offers.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ServiceChoice {
    pub service: Service,
    pub label: String,
}

/// A format and the services it prints.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FormatChoice {
    pub format: LabelFormat,
    pub label: String,
    pub services: Vec<ServiceChoice>,
}

/// What the settings screen offers: formats, their services, time slots.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LabelCatalog {
    pub formats: Vec<FormatChoice>,
    pub slots: Vec<TimeSlot>,
}

pub fn catalog() -> LabelCatalog {
    LabelCatalog {
        formats: LabelFormat::ALL
            .into_iter()
            .map(|format| FormatChoice {
                format,
                label: format.label().to_string(),
                services: services_of(format)
                    .into_iter()
                    .map(|service| ServiceChoice {
                        service,
                        label: service.label().to_string(),
                    })
                    .collect(),
            })
            .collect(),
        slots: TimeSlot::ALL.to_vec(),
    }
}

/// The 見本 order shown while the shop has no shipment to label.
fn example(shop_id: i64) -> LabelShipment {
    LabelShipment {
        key: "J1".into(),
        order_id: 1,
        shop_id,
        mall_order_id: String::new(),
        shipment_ref: String::new(),
        ship_to: Party {
            name: "見本 花子".into(),
            kana: None,
            zip: Some("150-0001".into()),
            address: "東京都渋谷区神宮前1-2-3 見本マンション101".into(),
            phone: Some("090-1234-5678".into()),
            email: None,
        },
        item_names: vec!["見本の商品".into()],
        payment_method: "クレジットカード".into(),
        total: 3300,
        order_shipments: 1,
        shipping_method: None,
        wish_date: None,
        wish_time: None,
    }
}

/// The sample row of `shipment` under `settings`.
pub fn sample(
    format: LabelFormat,
    shipment: LabelShipment,
    is_example: bool,
    settings: &LabelSettings,
) -> LabelSample {
    let map = HashMap::from([(shipment.shop_id, settings.clone())]);
    let plan = export::plan(
        format,
        std::slice::from_ref(&shipment),
        &map,
        crate::time::today_jst(),
    );
    let cols = layouts::columns(format);
    let row = plan.rows.first();
    LabelSample {
        format,
        mall_order_id: (!is_example).then(|| shipment.mall_order_id.clone()),
        service: row.map(|r| r.service.clone()),
        cells: row
            .map(|r| {
                r.cells
                    .iter()
                    .zip(cols)
                    .enumerate()
                    .filter(|(_, (v, _))| !v.is_empty())
                    .map(|(i, (v, c))| SampleCell {
                        no: i as u32 + 1,
                        column: c.name.to_string(),
                        value: v.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        issues: plan.issues,
        blocked: plan.blocked.into_iter().next().map(|b| b.reason),
    }
}

impl Juchu {
    /// 送り状設定's check of settings not saved yet: the problems of each
    /// field and the row they would write in `format`.
    pub fn check_label_settings(
        &self,
        shop_id: i64,
        format: LabelFormat,
        settings: &LabelSettings,
    ) -> Result<LabelSettingsCheck, LabelError> {
        self.store().shop(shop_id)?;
        let newest = self.store().run(|c| {
            let ids = orders::ids(c, None, Some(shop_id), None, LOOK_BACK).map_err(db::sql)?;
            Ok(db::collect(c, &ids)?.0.into_iter().next())
        })?;
        let (shipment, is_example) = match newest {
            Some(s) => (s, false),
            None => (example(shop_id), true),
        };
        Ok(LabelSettingsCheck {
            problems: settings.problems(),
            sample: sample(format, shipment, is_example, settings),
        })
    }
}
