//! `fakemall --orders N --seed S [--port-base P]`: serves the demo fake malls on 127.0.0.1
//! until killed, after printing one line per setting:
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
//! `{"shop_id","open_key","manager_key"}`. Malls without a fake yet print nothing.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use fakemall::demo::{start_demo_mall, DemoOptions};
use fakemall::MallKind;

/// Fake mall servers for Juchu's demo and tests.
#[derive(Debug, Parser)]
#[command(name = "fakemall", version)]
struct Args {
    /// Generated orders per mall, spread over the last 30 days.
    #[arg(long, default_value_t = 50)]
    orders: usize,
    /// Seed of the generated data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// First port: BASE on it, QOO10 +1, BCART +2, MAKESHOP +3, SHOPSERVE +4. Random ports
    /// when absent.
    #[arg(long)]
    port_base: Option<u16>,
}

fn main() -> ExitCode {
    let args = Args::parse();
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
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let options = DemoOptions {
        orders: args.orders,
        seed: args.seed,
        port_base: args.port_base,
    };
    let mut running = Vec::new();
    for kind in MallKind::ALL {
        match start_demo_mall(kind, &options).await {
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
