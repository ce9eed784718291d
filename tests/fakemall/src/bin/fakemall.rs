//! `fakemall [--orders N] [--seed S] [--port-base P] [--record FILE] [--latency-ms N]
//! [--fault SPEC]...`: serves the demo fake malls on 127.0.0.1 until killed, after printing
//! one line per setting:
//!
//! ```text
//! JUCHU_API_BASE_BASE=http://127.0.0.1:P
//! FAKEMALL_CREDENTIALS_BASE={"client_id":"...","client_secret":"..."}
//! ```
//!
//! Ports: `--port-base` + 0 BASE, +1 QOO10, +2 BCART, +3 MAKESHOP, +4 SHOPSERVE (random ports
//! without `--port-base`). API base URLs the app's clients use (`JUCHU_API_BASE_<MALL>`):
//! BASE `http://127.0.0.1:P` (client appends `/1/orders`), QOO10
//! `http://127.0.0.1:P/GMKT.INC.Front.QAPIService/ebayjapan.qapi`, BCART
//! `http://127.0.0.1:P/api/v1`, MAKESHOP `http://127.0.0.1:P/v1/graphql`, SHOPSERVE
//! `http://127.0.0.1:P`. The credential JSON is what `juchu-cli shop add --mall <id>` reads on
//! stdin: base `{"client_id","client_secret"}`, qoo10 `{"user_id","password","api_key"}`,
//! bcart `{"access_token"}`, makeshop `{"access_token","api_key"}`, shopserve
//! `{"shop_id","open_key","manager_key"}`.
//!
//! Observing and disturbing the fakes from outside:
//! * `--record FILE`: every request any mall receives, one JSON line each, written and
//!   flushed as soon as it is answered, so a test or a benchmark can read the file while the
//!   fakes run (the line format: [`fakemall::record_file`]).
//! * `--latency-ms N`: every answer of every mall waits N ms.
//! * `--fault SPEC` (repeatable): `[MALL:]FAULT[:VALUE][@PATH]`, e.g. `5xx:0.1`,
//!   `base:timeout:0.05`, `base:5xx:0.2@/1/orders`, `bcart:ratelimit` (the grammar:
//!   [`fakemall::faults::spec`]; how specs combine: [`fakemall::faults::FaultPlan`]).
//!
//! `fakemall --help` says all this with examples.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser};
use fakemall::demo::{start_demo_mall_with, DemoControls, DemoOptions};
use fakemall::faults::{FaultPlan, FaultSpec};
use fakemall::{MallKind, RecordSink};

/// The end of `--help`: the fault grammar, the record lines, examples.
const LONG_HELP: &str = "\
FAULT SPECS (--fault, repeatable):
  [MALL:]FAULT[:VALUE][@PATH]
  MALL   base, qoo10, bcart, makeshop or shopserve; absent: every mall
  FAULT  5xx          answer 500, 502 or 503 instead of the mall   VALUE: share 0..1 (default 1)
         timeout      hang without answering (120 s)              VALUE: share 0..1 (default 1)
         malformed    answer 200 with broken JSON                 VALUE: share 0..1 (default 1)
         truncated    cut the mall's answer off halfway           VALUE: share 0..1 (default 1)
         html         answer an HTML 503 page                     VALUE: share 0..1 (default 1)
         latency      delay every answer                          VALUE: milliseconds
         ratelimit    the mall's rate-limit answer to every limited call
         maintenance  the mall's maintenance answer to every request
         expired      every credential counts as expired
  PATH   only requests whose path starts with it (not for ratelimit and expired).
  Specs apply in order; a later one for the same fault and mall wins. A mall has one
  path prefix for all its faults, so its specs with a path must share it (and then
  --latency-ms, which is for every path, cannot be combined with them). The shares of
  one mall's random faults add up to 1 at most. Random draws are seeded by --seed.

RECORD FILE (--record FILE):
  One JSON line per request, flushed as soon as it is answered:
  {\"mall\":\"base\",\"seq\":0,\"time\":\"2024-06-30T03:00:00Z\",\"method\":\"POST\",
   \"path\":\"/1/oauth/token\",\"query\":null,\"headers\":{...},
   \"body\":{\"grant_type\":\"authorization_code\",...},\"status\":200,\"fault\":null}
  body: null if empty, a form's fields as an object, JSON parsed, else the text.
  status: null when no answer was given (a hang). fault: e.g. \"status:502\", \"hang\".
  time: arrival on the mall's clock. seq: arrival number on that mall.

EXAMPLES:
  fakemall --port-base 18080 --record /tmp/calls.jsonl
  fakemall --fault 5xx:0.1 --fault timeout:0.02          10 % errors, 2 % hangs, every mall
  fakemall --fault base:5xx:1@/1/orders                  BASE's order calls all fail
  fakemall --latency-ms 300 --fault bcart:ratelimit      slow malls, Bカート over its limit
  fakemall --fault shopserve:maintenance --fault qoo10:expired
";

/// Fake mall servers (BASE, Qoo10, Bカート, MakeShop, ショップサーブ) for Juchu's demo, tests
/// and benchmarks. Prints JUCHU_API_BASE_<MALL>=URL and FAKEMALL_CREDENTIALS_<MALL>=JSON
/// lines, then serves until killed.
#[derive(Debug, Parser)]
#[command(name = "fakemall", version, after_long_help = LONG_HELP)]
struct Args {
    /// Generated orders per mall, spread over the last 30 days.
    #[arg(long, default_value_t = 50)]
    orders: usize,
    /// Seed of the generated data and of the random faults.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// First port: BASE on it, QOO10 +1, BCART +2, MAKESHOP +3, SHOPSERVE +4. Random ports
    /// when absent.
    #[arg(long)]
    port_base: Option<u16>,
    /// Write every request any mall receives to FILE (created or emptied), one JSON line
    /// each, flushed as soon as it is answered.
    #[arg(long, value_name = "FILE")]
    record: Option<PathBuf>,
    /// Delay every answer of every mall by N milliseconds.
    #[arg(long, value_name = "N", default_value_t = 0)]
    latency_ms: u64,
    /// Inject faults; repeatable. SPEC is [MALL:]FAULT[:VALUE][@PATH], e.g. 5xx:0.1,
    /// base:timeout:0.05, base:5xx:0.2@/1/orders, bcart:ratelimit, shopserve:maintenance,
    /// qoo10:expired (see --help for all).
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<FaultSpec>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let faults = match FaultPlan::new(Duration::from_millis(args.latency_ms), &args.faults) {
        Ok(plan) => plan,
        Err(e) => Args::command()
            .error(clap::error::ErrorKind::ArgumentConflict, e)
            .exit(),
    };
    let record = match args.record.as_deref().map(RecordSink::create).transpose() {
        Ok(sink) => sink,
        Err(e) => {
            eprintln!("fakemall: cannot create the record file: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fakemall: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = DemoOptions {
        orders: args.orders,
        seed: args.seed,
        port_base: args.port_base,
    };
    runtime.block_on(run(options, DemoControls { record, faults }))
}

async fn run(options: DemoOptions, controls: DemoControls) -> ExitCode {
    let mut running = Vec::new();
    for kind in MallKind::ALL {
        match start_demo_mall_with(kind, &options, &controls).await {
            Ok(Some(mall)) => running.push(mall),
            Ok(None) => {}
            Err(e) => {
                eprintln!("fakemall: {}: {e}", kind.id());
                return ExitCode::FAILURE;
            }
        }
    }
    {
        let mut out = std::io::stdout().lock();
        for mall in &running {
            for line in mall.env_lines() {
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
        }
        if out.flush().is_err() {
            return ExitCode::FAILURE;
        }
    }
    wait_for_signal().await;
    drop(running);
    ExitCode::SUCCESS
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
