//! The one table of malls. Per mall: how a shop connects, the credentials
//! the merchant types, the secrets Juchu obtains, the rate limits, the
//! export policy, and how to build its client (`None`: not yet, with a
//! sentence of what is planned). Everything that depends on which mall a
//! shop is on outside its own folder reads this table.
//!
//! Adding a mall: its folder under `malls/` exports a `SPEC`, and the
//! mall's line in [`SPECS`] points at it.

use serde::Serialize;
use specta::Type;

use super::wizard::{common_fields, FieldGroup, FieldInput, FieldSpec, Wizard};
use super::{base, bcart, makeshop, qoo10, shopserve, ClientContext, MallClient, MallError};
use crate::domain::{Mall, ShopSettings};

pub use super::spec::{
    BrowserConnector, BuildClient, Callback, Connect, ConnectKind, CredentialField, ExpiringKey,
    KeyExpiry, MallSpec,
};

/// Every mall, in the order of `Mall::ALL`.
static SPECS: [&MallSpec; 5] = [
    &base::SPEC,
    &qoo10::SPEC,
    &bcart::SPEC,
    &makeshop::SPEC,
    &shopserve::SPEC,
];

/// The table's line of `mall`.
pub fn spec(mall: Mall) -> &'static MallSpec {
    SPECS
        .iter()
        .copied()
        .find(|s| s.mall == mall)
        .unwrap_or(&base::SPEC)
}

/// The settings a new shop of `mall` starts with.
pub fn new_shop_settings(mall: Mall) -> ShopSettings {
    let mut settings = ShopSettings::for_mall(mall);
    (spec(mall).new_shop)(&mut settings);
    settings
}

/// The client of a shop's mall, drawing on the shop's limiter.
pub fn client_for(ctx: &ClientContext) -> Result<Box<dyn MallClient>, MallError> {
    let spec = spec(ctx.shop.mall);
    match spec.build {
        Some(build) => Ok(build(ctx)),
        None => Err(MallError::Refused {
            mall: ctx.shop.mall.label(),
            code: "not_supported_yet".into(),
            message: spec.planned.to_string(),
        }),
    }
}

/// The whole wizard of `mall`: its own steps and settings, with the fields
/// of its credentials and the settings every mall has. `None` for a mall
/// without a client.
pub fn wizard(mall: Mall) -> Option<Wizard> {
    let spec = spec(mall);
    let mut w = (spec.wizard?)();
    let mut fields: Vec<FieldSpec> = spec.credentials.iter().map(credential_field).collect();
    fields.extend(common_fields());
    fields.append(&mut w.fields);
    w.fields = fields;
    Some(w)
}

fn credential_field(c: &CredentialField) -> FieldSpec {
    FieldSpec {
        key: c.key.into(),
        group: FieldGroup::Credential,
        label: c.label.into(),
        input: if c.secret {
            FieldInput::Secret
        } else {
            FieldInput::Text
        },
        hint: c
            .secret
            .then(|| "パソコンの資格情報（鍵の保管場所）に保存し、画面には表示しません。".into()),
        placeholder: None,
        unit: None,
        follows: false,
    }
}

/// A mall as the window sees it: the shop list's tiles and the wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MallView {
    pub mall: Mall,
    pub label: String,
    /// Juchu can fetch and send for this mall (its wizard is offered).
    pub ready: bool,
    pub connect: ConnectKind,
    pub credentials: Vec<CredentialField>,
    /// For a mall that is not ready: what is planned, what to do meanwhile.
    pub planned: Option<String>,
    /// The settings a new shop of the mall starts with.
    pub defaults: ShopSettings,
    /// The same, as the text values of its wizard's fields.
    pub default_values: std::collections::BTreeMap<String, String>,
    /// Its setup wizard (`None` while it is not ready).
    pub wizard: Option<Wizard>,
    /// What 発送情報の更新 warns of before sending to it.
    pub send_warning: Option<String>,
    /// The words of its 発送予定日 dialog, if it takes one.
    pub ship_plan: Option<ShipPlanView>,
}

/// [`super::spec::ShipPlan`] as the window receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ShipPlanView {
    pub action: String,
    pub explanation: String,
    pub warning: String,
    pub reasons: Vec<super::wizard::Choice>,
}

impl MallView {
    pub fn of(mall: Mall) -> MallView {
        let s = spec(mall);
        let defaults = new_shop_settings(mall);
        MallView {
            mall,
            label: mall.label().to_string(),
            ready: s.has_client(),
            connect: s.connect_kind(),
            credentials: s.credentials.to_vec(),
            planned: (!s.has_client()).then(|| s.planned.to_string()),
            default_values: defaults
                .values()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            defaults,
            wizard: wizard(mall),
            send_warning: (!s.send_warning.is_empty()).then(|| s.send_warning.to_string()),
            ship_plan: s.ship_plan.map(|p| ShipPlanView {
                action: p.action.into(),
                explanation: p.explanation.into(),
                warning: p.warning.into(),
                reasons: p
                    .reasons
                    .iter()
                    .map(|(n, label)| super::wizard::Choice::new(&n.to_string(), label))
                    .collect(),
            }),
        }
    }

    /// Every mall, in the order of `Mall::ALL`.
    pub fn all() -> Vec<MallView> {
        Mall::ALL.into_iter().map(MallView::of).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Shop;
    use crate::secrets::Secrets;
    use std::sync::Arc;

    #[test]
    fn every_mall_has_one_line_and_has_client_agrees_with_client_for() {
        let secrets = Secrets::new("test-install");
        for mall in Mall::ALL {
            let s = spec(mall);
            assert_eq!(s.mall, mall);
            assert!(!s.credentials.is_empty(), "{mall:?}");
            let ctx = ClientContext {
                shop: Shop {
                    id: 1,
                    mall,
                    name: "x".into(),
                    settings: ShopSettings::for_mall(mall),
                },
                secrets: secrets.clone(),
                limiter: Arc::new(super::super::limit::Limiter::unlimited(mall.label())),
            };
            assert_eq!(s.has_client(), client_for(&ctx).is_ok(), "{mall:?}");
            assert_eq!(s.has_client(), wizard(mall).is_some(), "{mall:?}");
            if let Some(w) = wizard(mall) {
                assert!(
                    w.unknown_field_keys().is_empty(),
                    "{mall:?}: {:?}",
                    w.unknown_field_keys()
                );
                let connects = w.steps.iter().flat_map(|s| &s.blocks);
                let connects =
                    connects.filter(|b| matches!(b, super::super::wizard::Block::Connect));
                assert_eq!(connects.count(), 1, "{mall:?}");
                // Every setting the mall understands is offered, once.
                let mut keys: Vec<&str> = w
                    .fields
                    .iter()
                    .filter(|f| f.group == FieldGroup::Setting)
                    .map(|f| f.key.as_str())
                    .collect();
                keys.sort();
                let mut wanted = ShopSettings::keys_for(mall);
                wanted.sort();
                assert_eq!(keys, wanted, "{mall:?}");
            }
            if !s.has_client() {
                assert!(s.planned.contains(mall.label()), "{mall:?}");
                let e = client_for(&ctx).err().unwrap();
                assert!(e.to_string().contains("準備中"), "{e}");
            }
        }
    }
}
