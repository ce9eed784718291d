//! What the merchant types in a mall's setup wizard (or gives `juchu-cli shop
//! add`), checked field by field, with a Japanese sentence per field. The
//! wizard shows each sentence under its field; the CLI and the tests get the
//! same sentences from the same checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::app::Juchu;
use crate::domain::{Mall, Shop};
use crate::error::{CoreError, Result};
use crate::malls::field_rule::normalize;
use crate::malls::registry;
use crate::malls::wizard::Wizard;
use crate::shop_admin::ShopInput;

/// The longest shop name (it has to fit the order list's shop column).
pub const MAX_SHOP_NAME_CHARS: usize = 40;

/// A wizard's fields as typed, by key: credential keys, `name`, and the
/// `--set` keys of the settings (`days`, `auto`…). A key left out keeps the
/// shop's current value (or the mall's default); a blank credential keeps the
/// stored one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct ShopForm {
    pub mall: Mall,
    pub values: BTreeMap<String, String>,
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FieldError {
    pub key: String,
    pub message: String,
}

/// What a wizard opens with: its description, the values of its fields
/// (the shop's, or a new shop's defaults), which credentials are stored
/// (never their values) and whether the shop is connected.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct WizardStart {
    pub wizard: Wizard,
    pub values: BTreeMap<String, String>,
    pub stored: BTreeMap<String, bool>,
    pub connected: bool,
}

/// 「BASE 1号店」, or the first 「BASE N号店」 no shop uses yet.
pub fn next_shop_name(mall: Mall, taken: &[String]) -> String {
    (1..)
        .map(|n| format!("{} {n}号店", mall.label()))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| mall.label().to_string())
}

impl Juchu {
    /// The wizard of `mall`, for a new shop or the shop `shop_id`.
    pub fn wizard_start(&self, mall: Mall, shop_id: Option<i64>) -> Result<WizardStart> {
        let wizard = registry::wizard(mall)
            .ok_or_else(|| CoreError::setting("mall", registry::spec(mall).planned.to_string()))?;
        let shop = shop_id.map(|id| self.shop(id)).transpose()?;
        let mut values = BTreeMap::new();
        let (name, settings) = match &shop {
            Some(s) => (s.name.clone(), s.settings.clone()),
            None => {
                let taken: Vec<String> = self.shops()?.into_iter().map(|s| s.name).collect();
                (
                    next_shop_name(mall, &taken),
                    registry::new_shop_settings(mall),
                )
            }
        };
        values.insert("name".to_string(), name);
        for (k, v) in settings.values() {
            values.insert(k.to_string(), v);
        }
        let mut stored = BTreeMap::new();
        for k in registry::spec(mall).credential_keys() {
            values.insert(k.to_string(), String::new());
            let set = match &shop {
                Some(s) => self.secrets().is_set(s.id, k)?,
                None => false,
            };
            stored.insert(k.to_string(), set);
        }
        let connected = match &shop {
            Some(s) => self.is_connected(s)?,
            None => false,
        };
        Ok(WizardStart {
            wizard,
            values,
            stored,
            connected,
        })
    }

    /// Every field error of the form (none: it can be saved).
    pub fn check_shop_form(
        &self,
        form: &ShopForm,
        shop_id: Option<i64>,
    ) -> Result<Vec<FieldError>> {
        let (input, mut errors) = self.read_form(form, shop_id)?;
        errors.extend(self.input_errors(&input, shop_id)?);
        Ok(errors)
    }

    /// Adds the shop (`shop_id` `None`) or updates it, once every field is right.
    pub fn save_shop_form(&self, form: &ShopForm, shop_id: Option<i64>) -> Result<Shop> {
        let (input, errors) = self.read_form(form, shop_id)?;
        if !errors.is_empty() {
            return Err(CoreError::Fields(errors));
        }
        match shop_id {
            None => self.add_shop(&input),
            Some(id) => self.update_shop(id, &input),
        }
    }

    /// The form as a [`ShopInput`], with what could not be read of it.
    fn read_form(
        &self,
        form: &ShopForm,
        shop_id: Option<i64>,
    ) -> Result<(ShopInput, Vec<FieldError>)> {
        let mall = form.mall;
        let shop = shop_id.map(|id| self.shop(id)).transpose()?;
        if let Some(s) = &shop {
            if s.mall != mall {
                return Err(CoreError::setting(
                    "mall",
                    format!("このショップは{}のショップです", s.mall.label()),
                ));
            }
        }
        let mut settings = shop
            .as_ref()
            .map_or_else(|| registry::new_shop_settings(mall), |s| s.settings.clone());
        let spec = registry::spec(mall);
        let mut errors = Vec::new();
        let mut credentials = BTreeMap::new();
        let mut name = shop.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        for (key, value) in &form.values {
            if key == "name" {
                name = value.trim().to_string();
            } else if spec.credential_keys().any(|k| k == key) {
                credentials.insert(key.clone(), value.clone());
            } else if let Err(e) = settings.apply(key, value) {
                errors.push(FieldError {
                    key: key.clone(),
                    message: setting_message(&e),
                });
            }
        }
        let input = ShopInput {
            mall,
            name,
            settings,
            credentials,
        };
        Ok((input, errors))
    }

    /// The checks every way of adding or changing a shop goes through: its
    /// name, and each credential's presence, shape and uniqueness.
    pub(crate) fn input_errors(
        &self,
        input: &ShopInput,
        shop_id: Option<i64>,
    ) -> Result<Vec<FieldError>> {
        let others: Vec<Shop> = self
            .shops()?
            .into_iter()
            .filter(|s| Some(s.id) != shop_id)
            .collect();
        let mut errors = Vec::new();
        let mut fail = |key: &str, message: String| {
            errors.push(FieldError {
                key: key.to_string(),
                message,
            })
        };
        if let Some(m) = name_problem(&input.name, &others) {
            fail("name", m);
        }
        let spec = registry::spec(input.mall);
        for key in input.credentials.keys() {
            if !spec.credential_keys().any(|k| k == key) {
                fail(
                    key,
                    format!("{}の認証情報にない項目です", input.mall.label()),
                );
            }
        }
        for field in spec.credentials {
            let value = normalize(input.credentials.get(field.key).map_or("", String::as_str));
            if value.is_empty() {
                let stored = match shop_id {
                    Some(id) => self.secrets().is_set(id, field.key)?,
                    None => false,
                };
                if !stored {
                    fail(field.key, required_message(field.label, field.found_at));
                }
                continue;
            }
            if let Some(m) = field.rule.problem(field.label, &value) {
                fail(field.key, m);
                continue;
            }
            if field.identifies {
                for other in others.iter().filter(|s| s.mall == input.mall) {
                    let theirs = self.secrets().get(other.id, field.key)?;
                    if theirs.as_deref().map(normalize).as_deref() == Some(value.as_str()) {
                        fail(
                            field.key,
                            format!(
                                "この{}は「{}」で使われています。同じアカウントを2つのショップにつなぐと、注文が二重に取り込まれます。「{}」の設定を開いて使ってください。",
                                field.label, other.name, other.name
                            ),
                        );
                        break;
                    }
                }
            }
        }
        Ok(errors)
    }

    /// [`Self::input_errors`] as an error, for the ways in that are not a form.
    pub(crate) fn refuse_input_errors(
        &self,
        input: &ShopInput,
        shop_id: Option<i64>,
    ) -> Result<()> {
        let errors = self.input_errors(input, shop_id)?;
        if errors.is_empty() {
            Ok(())
        } else {
            Err(CoreError::Fields(errors))
        }
    }
}

fn name_problem(name: &str, others: &[Shop]) -> Option<String> {
    if name.is_empty() {
        return Some("ショップ名を入力してください（例: BASE 1号店）。".into());
    }
    if name.chars().count() > MAX_SHOP_NAME_CHARS {
        return Some(format!(
            "ショップ名は{MAX_SHOP_NAME_CHARS}文字以内にしてください。"
        ));
    }
    if others.iter().any(|s| s.name == name) {
        return Some("同じ名前のショップがあります。別の名前にしてください。".into());
    }
    None
}

fn required_message(label: &str, found_at: &str) -> String {
    if found_at.is_empty() {
        format!("{label}を入力してください。")
    } else {
        format!("{label}を入力してください。{found_at}に表示されています。")
    }
}

/// A setting's refusal, as a sentence under its field.
fn setting_message(e: &crate::domain::DomainError) -> String {
    match e {
        crate::domain::DomainError::InvalidSetting { reason, .. } => format!("{reason}。"),
        other => other.to_string(),
    }
}
