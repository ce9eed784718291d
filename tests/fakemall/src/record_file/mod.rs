//! The record file: every request any mall receives, as one JSON line, written and flushed as
//! soon as its answer is known (`fakemall --record FILE`).
//!
//! A [`RecordSink`] is given to each mall through
//! [`StartOptions::record_sink`](crate::server::StartOptions::record_sink); clones share one
//! file, so every mall of the `fakemall` binary writes to the same one. A line is in the file
//! before the client reads the answer's body, so a test or a benchmark can read the file while
//! the fakes still run ([`read`]).
//!
//! # One line
//! ```json
//! {"mall":"base","seq":3,"time":"2024-06-30T03:00:00Z","method":"POST","path":"/1/oauth/token",
//!  "query":null,"headers":{"content-type":"application/x-www-form-urlencoded"},
//!  "body":{"grant_type":"authorization_code","code":"…"},"status":200,"fault":null}
//! ```
//! (on one line in the file). The fields, as [`RecordLine`]:
//! * `mall`: the mall's id (`base`, `qoo10`, `bcart`, `makeshop`, `shopserve`);
//! * `seq`: the request's arrival number on that mall, from 0;
//! * `time`: its arrival on the mall's clock (the test clock), RFC 3339 in UTC;
//! * `method`, `path` (without the query), `query` (the raw query string, or `null`);
//! * `headers`: the recorded request headers (lower-case names,
//!   [`StartOptions::recorded_headers`](crate::server::StartOptions::recorded_headers));
//! * `body`: `null` when empty; for a form (`application/x-www-form-urlencoded`) an object of
//!   its fields (a repeated field gives an array of its values); for JSON (`application/json`,
//!   `…+json`) the parsed JSON; otherwise, or when it does not parse, the text (lossy UTF-8);
//! * `status`: the status answered, or `null` when the fake gave no answer (an injected hang,
//!   written when the hang starts; a client that went away first);
//! * `fault`: the transport fault injected, or `null`: `status:502`, `hang`,
//!   `malformed_json`, `truncated_body`, `html_error_page:503`.
//!
//! Lines are in the order the answers were known, which across malls (and with latency) need
//! not be the order of arrival.

mod body;
mod line;
mod read;
mod sink;

pub use body::body_value;
pub use line::RecordLine;
pub use read::read;
pub use sink::RecordSink;
