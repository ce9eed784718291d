//! The GraphQL operations Juchu sends to MakeShop (makeshop.md 1b; the
//! field list of the public reference, introspection being forbidden) and
//! how an answer's `errors[]` (often inside HTTP 200) reads to the merchant.

use serde_json::Value;

use super::{uncertain, MALL};
use crate::malls::json::text;
use crate::malls::MallError;

/// `searchOrder` with every field the mapping reads, and nothing more: an
/// unknown field fails the whole query.
pub const SEARCH_ORDER: &str = "query searchOrder($input: SearchOrderRequest!) {
  searchOrder(input: $input) {
    searchedCount
    page
    orders {
      systemOrderNumber displayOrderNumber orderDate memberId senderName senderPrefecture
      payMethod paymentStatusCode sumPrice message
      deliveryInfos {
        deliveryId deliveryStatus desiredDeliveryDate desiredDeliveryTimezone
        receiverName receiverPost receiverPrefecture receiverAddress receiverAddress2 receiverTel
        shippingCharge deliverySumPrice deliveryMessage slipNumber deliveryDate estimatedShipmentDate
        basketInfos {
          productCode productCustomCode variationCustomCode productName variationName amount price janCode
        }
      }
    }
  }
}";

/// The 送り状番号 and the carrier of one destination.
pub const UPDATE_ORDER_ATTRIBUTE: &str =
    "mutation updateOrderAttribute($input: UpdateOrderAttributeRequest!) {
  updateOrderAttribute(input: $input) {
    updateOrderAttributeResults { displayOrderNumber message }
  }
}";

/// A destination's 配送状況.
pub const UPDATE_ORDER_DELIVERY_STATUS: &str =
    "mutation updateOrderDeliveryStatus($input: UpdateOrderDeliveryStatusRequest!) {
  updateOrderDeliveryStatus(input: $input) {
    updateOrderDeliveryStatusResults { displayOrderNumber deliveryId message }
  }
}";

/// `data.<operation>` of an answer, or its first error in the merchant's words.
pub fn data_of(answer: &Value, operation: &str) -> Result<Value, MallError> {
    if let Some(first) = answer
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return Err(error_of(first, operation));
    }
    answer
        .get("data")
        .and_then(|d| d.get(operation))
        .filter(|d| !d.is_null())
        .cloned()
        .ok_or_else(|| MallError::Malformed {
            mall: MALL,
            detail: format!("{operation} の結果がない応答です"),
        })
}

/// One GraphQL error: an auth failure (which credential, when MakeShop says),
/// a denied operation (which one), a rate limit, or a refusal with its message.
pub fn error_of(error: &Value, operation: &str) -> MallError {
    let message = text(error, "message").unwrap_or_default();
    let code = error
        .get("extensions")
        .and_then(|e| text(e, "code"))
        .unwrap_or_default();
    match code.as_str() {
        uncertain::CODE_UNAUTHENTICATED => MallError::Unauthorized {
            mall: MALL,
            detail: message.clone(),
            fix: unauthenticated_fix(&message),
        },
        uncertain::CODE_FORBIDDEN => MallError::MissingScope {
            mall: MALL,
            scope: operation.to_string(),
            fix: "MakeShop の管理画面（アプリ管理 / API利用設定）で、この操作を許可してください。許可はメイン管理者だけが変えられます。",
        },
        uncertain::CODE_TOO_MANY => MallError::RateLimited {
            mall: MALL,
            limit: "1秒あたり1回".into(),
            resume: "少し待ってから続きを取得します。".into(),
            retry_at: Some(crate::time::now_unix() + 1),
        },
        _ => MallError::Refused {
            mall: MALL,
            code: if code.is_empty() { operation.to_string() } else { code },
            message: if message.is_empty() {
                "理由は示されませんでした。".into()
            } else {
                message
            },
        },
    }
}

/// Which credential an auth failure is about, from MakeShop's words (their
/// texts are not documented: we look for the name of the credential).
fn unauthenticated_fix(message: &str) -> &'static str {
    if message.contains("APIキー") || message.to_ascii_lowercase().contains("api key") {
        "APIキーが正しくありません。MakeShop の管理画面（アプリ管理 / API利用設定）で確かめ、「編集」で入力し直してください。"
    } else if message.contains("タイムスタンプ")
        || message.to_ascii_lowercase().contains("timestamp")
    {
        "このパソコンの時計がずれている可能性があります。Windows / macOS の日付と時刻の設定で「自動で合わせる」をオンにしてください。"
    } else {
        "永続トークンが正しくないか、無効になっています（アプリを削除すると無効になります）。MakeShop の管理画面で確かめ、「編集」で入力し直してください。"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(message: &str, code: &str) -> Value {
        json!({"data": null, "errors": [{"message": message, "extensions": {"code": code}}]})
    }

    #[test]
    fn errors_inside_a_200_are_named() {
        let e = data_of(
            &error("認証に失敗しました。APIキーが不正です。", "UNAUTHENTICATED"),
            "searchOrder",
        )
        .unwrap_err();
        assert!(e.needs_reauthorization());
        assert!(e.to_string().contains("APIキーが正しくありません"), "{e}");
        let e = data_of(
            &error(
                "タイムスタンプが不正、または有効期限切れです。",
                "UNAUTHENTICATED",
            ),
            "searchOrder",
        )
        .unwrap_err();
        assert!(e.to_string().contains("時計"), "{e}");
        let e = data_of(
            &error("この操作を実行する権限がありません。", "FORBIDDEN"),
            "updateOrderAttribute",
        )
        .unwrap_err();
        assert!(e.to_string().contains("「updateOrderAttribute」"), "{e}");
        let e = data_of(
            &error("上限を超えました", "TOO_MANY_REQUESTS"),
            "searchOrder",
        )
        .unwrap_err();
        assert_eq!(e.code(), "MALL_RATE_LIMITED");
        let e = data_of(
            &error("Cannot query field \"x\"", "GRAPHQL_VALIDATION_FAILED"),
            "searchOrder",
        )
        .unwrap_err();
        assert!(e.to_string().contains("Cannot query field"), "{e}");
    }

    #[test]
    fn an_answer_without_its_data_is_malformed() {
        let e = data_of(&json!({"data": {"searchOrder": null}}), "searchOrder").unwrap_err();
        assert_eq!(e.code(), "MALL_MALFORMED");
        let ok = data_of(
            &json!({"data": {"searchOrder": {"searchedCount": 0}}}),
            "searchOrder",
        )
        .unwrap();
        assert_eq!(ok["searchedCount"], 0);
    }
}
