//! Time in Japan: malls and merchants think in JST (+09:00, no DST).

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(o) => o,
    None => panic!("+09:00 is a valid offset"),
};

pub fn jst(unix: i64) -> DateTime<FixedOffset> {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&JST)
}

pub fn now_unix() -> i64 {
    Utc::now().timestamp()
}

pub fn today_jst() -> chrono::NaiveDate {
    Utc::now().with_timezone(&JST).date_naive()
}

/// A mall's local time written as `fmt` (no offset), read as JST, in UNIX seconds.
pub fn parse_jst(s: &str, fmt: &str) -> Option<i64> {
    let naive = chrono::NaiveDateTime::parse_from_str(s.trim(), fmt).ok()?;
    JST.from_local_datetime(&naive)
        .single()
        .map(|t| t.timestamp())
}

/// Start of a JST calendar day as UNIX seconds.
pub fn jst_day_start(date: chrono::NaiveDate) -> i64 {
    JST.from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .single()
        .map_or(0, |t| t.timestamp())
}
