//! Qoo10's answer envelope (qoo10.md A1): HTTP 200 even on errors, so the
//! `ResultCode` decides; some failures come as `{"ErrorCode","ErrorMsg"}`;
//! an empty result is `ResultObject` null or `[]`. Keys are matched
//! case-insensitively.

use serde_json::Value;

use super::row::field;
use crate::malls::MallError;

pub const MALL: &str = "Qoo10";

/// What Qoo10 said no with.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub code: i64,
    pub message: String,
}

/// The `ResultObject` of a successful answer (`Null` when empty), or the refusal.
pub fn read(answer: &Value) -> Result<Result<Value, Refusal>, MallError> {
    let code = field(answer, "ResultCode").or_else(|| field(answer, "ErrorCode"));
    let Some(code) = code.and_then(number) else {
        return Err(MallError::Malformed {
            mall: MALL,
            detail: "ResultCode のない応答です".into(),
        });
    };
    if code == 0 {
        return Ok(Ok(field(answer, "ResultObject")
            .cloned()
            .unwrap_or(Value::Null)));
    }
    let message = field(answer, "ResultMsg")
        .or_else(|| field(answer, "ErrorMsg"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    Ok(Err(Refusal { code, message }))
}

fn number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A refusal in the merchant's words, naming the cause and what to do.
pub fn to_error(r: Refusal) -> MallError {
    let detail = format!("{} {}", r.code, r.message);
    match r.code {
        -10000 => MallError::BadClient {
            mall: MALL,
            detail,
            fix: "APIキーが正しくありません。QSM で発行された APIキー を「編集」で入力し直してください。",
        },
        -10001 => MallError::Unauthorized {
            mall: MALL,
            detail,
            fix: "販売者アカウントIDかパスワードが違います。QSM にログインするときの ID とパスワードを「編集」で入力し直してください。",
        },
        -90003..=-90001 => MallError::AccessDenied {
            mall: MALL,
            fix: "この APIキー では使えない機能です。QSM の［お問い合わせ］→［API・FTP・QSM権限］で API の利用権限を申請してください。",
        },
        super::uncertain::RATE_LIMIT_CODE => MallError::RateLimited {
            mall: MALL,
            limit: "短い時間の呼び出し回数".into(),
            resume: "少し時間をおいてから、もう一度お試しください。".into(),
            retry_at: None,
        },
        c if super::uncertain::EXPIRED_CODES.contains(&c) => MallError::RefreshExpired {
            mall: MALL,
            fix: "販売認証キーの有効期限が切れ、新しいキーも発行できませんでした。「接続テスト」を押すか、「編集」で販売者アカウントID・パスワード・APIキーを確かめてください。",
        },
        _ => MallError::Refused {
            mall: MALL,
            code: r.code.to_string(),
            message: if r.message.is_empty() {
                "理由は示されませんでした。".into()
            } else {
                r.message
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn result_code_decides_whatever_the_casing_and_shape() {
        let ok = json!({"ResultCode": 0, "ResultMsg": "SUCCESS", "ResultObject": [1]});
        assert_eq!(read(&ok).unwrap(), Ok(json!([1])));
        let empty = json!({"resultcode": "0", "ResultObject": null});
        assert_eq!(read(&empty).unwrap(), Ok(Value::Null));
        let expired =
            json!({"ResultCode": -90004, "ResultMsg": "Seller authorization key is expired."});
        assert_eq!(read(&expired).unwrap().unwrap_err().code, -90004);
        let gateway = json!({"ErrorCode": -1, "ErrorMsg": "method parameter is required."});
        assert_eq!(read(&gateway).unwrap().unwrap_err().code, -1);
        assert!(read(&json!({"foo": 1})).is_err());
    }

    #[test]
    fn each_cause_has_its_own_words() {
        let e = |code| {
            to_error(Refusal {
                code,
                message: "x".into(),
            })
            .to_string()
        };
        assert!(e(-10000).contains("APIキーが正しくありません"));
        assert!(e(-10001).contains("パスワードが違います"));
        assert!(e(-90002).contains("API・FTP・QSM権限"));
        assert!(e(-90005).contains("有効期限が切れ"));
        assert!(e(-10014).contains("Qoo10"));
    }
}
