//! juchu-cli: Juchu without the window, over the same data folder
//! (`JUCHU_DATA_DIR`) and the same core functions. See the README for the contract.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use juchu_core::domain::*;
use juchu_core::labels::{
    ApplyOptions, LabelError, LabelFormat, LabelSelection, LabelSettings, ShipDateChoice,
    WriteOptions,
};
use juchu_core::{CoreError, Juchu, Profile};

#[derive(Parser)]
#[command(
    name = "juchu-cli",
    version,
    about = "Juchu 受注管理のコマンドライン版"
)]
struct Cli {
    /// Use the demo's data folder instead of the real one.
    #[arg(long, global = true)]
    demo: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 受注一覧
    Orders {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        shop: Option<i64>,
        #[arg(long)]
        search: Option<String>,
        /// At most this many orders (default: all).
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Moves an order (local id or mall order number) to a status (Japanese label).
    Move { order: String, status: String },
    /// Sets 伝票番号 / 出荷日 / 配送会社 of an order.
    Ship {
        order: String,
        #[arg(long)]
        tracking: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        carrier: String,
    },
    /// 出店中のモール一覧
    Shops {
        #[arg(long)]
        json: bool,
    },
    /// Adds or removes a shop.
    Shop {
        #[command(subcommand)]
        command: ShopCommand,
    },
    /// 受注取得: fetch orders of the last N days from the malls.
    Sync {
        #[arg(long)]
        shop: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// 発送情報の更新: send tracking numbers to the malls (preview with --dry-run).
    Export {
        #[arg(long)]
        shop: Option<i64>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// 自動処理ログ
    Log {
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Merges orders given as a JSON array on standard input, in Juchu's own
    /// shape (what a mall's client builds: `IncomingOrder`), into a shop, as
    /// a fetch would (test fixtures, and orders carried over by hand).
    Import {
        #[arg(long)]
        shop: i64,
    },
    /// 送り状データ出力 / 発行済データ取込 / 送り状の設定.
    Labels {
        #[command(subcommand)]
        command: LabelsCommand,
    },
    /// Adds one sample shop per mall with generated orders (demo and tests).
    Seed {
        #[arg(long, default_value_t = 100)]
        orders: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum LabelsCommand {
    /// Writes the label CSV (CP932, CRLF) of the orders of a tab, or of the given orders.
    Export {
        /// b2 | ehiden3 | yupri | clickpost
        #[arg(long)]
        format: String,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        shop: Option<i64>,
        /// Local order ids, comma-separated (instead of a tab).
        #[arg(long, value_delimiter = ',')]
        orders: Vec<i64>,
        #[arg(long)]
        out: std::path::PathBuf,
        /// Apply the offered character replacements (〜 → ～ …).
        #[arg(long)]
        accept_normalisations: bool,
        /// Leave out the shipments that cannot be written or have a cell to fix.
        #[arg(long)]
        skip_blocked: bool,
        #[arg(long)]
        json: bool,
    },
    /// Reads the issued data the label software wrote and sets the tracking numbers.
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
        /// Move the orders to this status (only forward).
        #[arg(long)]
        status: Option<String>,
        /// 出荷日 from the file instead of today.
        #[arg(long)]
        file_date: bool,
        /// Replace a number a shipment already has.
        #[arg(long)]
        replace: bool,
    },
    /// Prints a shop's label settings as JSON; with --set, reads them as JSON from stdin.
    Settings {
        #[arg(long)]
        shop: i64,
        #[arg(long)]
        set: bool,
    },
}

#[derive(Subcommand)]
enum ShopCommand {
    /// Credentials are read as a JSON object from standard input, never from arguments.
    Add {
        #[arg(long)]
        mall: String,
        #[arg(long)]
        name: String,
        /// key=value (days, auto, interval, initial_status, and BASE's export_scope, oauth_redirect); full-width digits are read as half-width
        #[arg(long = "set", value_name = "KEY=VALUE")]
        settings: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    Remove {
        id: i64,
        #[arg(long)]
        keep_orders: bool,
    },
    /// BASE: prints the authorize URL, waits for BASE's redirect to the
    /// loopback address, and stores the tokens in the keyring.
    Authorize {
        id: i64,
        /// The loopback port registered at BASE (0: any free port).
        #[arg(long, default_value_t = juchu_core::malls::loopback::REGISTERED_PORT)]
        port: u16,
        /// How long to wait for the merchant, in seconds.
        #[arg(long, default_value_t = 600)]
        timeout: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let profile = if cli.demo {
        Profile::Demo
    } else {
        Profile::Real
    };
    if let Command::Labels { command } = cli.command {
        let done = Juchu::open(profile)
            .map_err(|e| (e.code(), e.to_string()))
            .and_then(|j| labels(&j, command).map_err(|e| (e.code(), e.to_string())));
        return match done {
            Ok(()) => ExitCode::SUCCESS,
            Err((code, message)) => {
                eprintln!("エラー [{code}]: {message}");
                ExitCode::FAILURE
            }
        };
    }
    match Juchu::open(profile).and_then(|j| run(&j, cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("エラー [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(v).map_err(|e| CoreError::Io {
        path: "stdout".into(),
        detail: e.to_string(),
    })?;
    println!("{text}");
    Ok(())
}

fn run(j: &Juchu, command: Command) -> Result<(), CoreError> {
    match command {
        Command::Orders {
            status,
            shop,
            search,
            limit,
            json: as_json,
        } => {
            let status = status
                .map(|s| Status::parse(&s).ok_or(DomainError::UnknownStatus(s)))
                .transpose()?;
            let rows = all_orders(j, status, shop, search, limit)?;
            if as_json {
                return json(&rows);
            }
            for r in &rows {
                println!(
                    "{:>7}  {}  {:<18} {:<8} {:<14} {:>9}円  {}  {}",
                    r.id,
                    &r.ordered_at[..16].replace('T', " "),
                    r.mall_order_id,
                    r.status.label(),
                    r.buyer_name,
                    r.total,
                    r.shop_name,
                    r.tracking_number.as_deref().unwrap_or("")
                );
            }
            eprintln!("{}件", rows.len());
            Ok(())
        }
        Command::Move { order, status } => {
            let status = Status::parse(&status).ok_or(DomainError::UnknownStatus(status))?;
            let row = j.find_order(&order)?;
            j.move_orders(&[row.id], status)?;
            println!(
                "注文 {} を「{}」へ移動しました",
                row.mall_order_id,
                status.label()
            );
            Ok(())
        }
        Command::Ship {
            order,
            tracking,
            date,
            carrier,
        } => {
            let carrier = Carrier::parse(&carrier).ok_or(DomainError::UnknownCarrier(carrier))?;
            let row = j.find_order(&order)?;
            if let Some(w) = carrier.tracking_warning(&tracking) {
                eprintln!("注意: {w}");
            }
            let saved = j.save_shipment(
                row.id,
                &ShipmentInput {
                    shipment_ref: None,
                    tracking_number: Some(tracking),
                    ship_date: Some(date),
                    carrier: Some(carrier),
                },
            )?;
            println!(
                "注文 {} の発送情報を保存しました（伝票番号 {}、出荷日 {}、{}）",
                saved.mall_order_id,
                saved.tracking_number.unwrap_or_default(),
                saved.ship_date.unwrap_or_default(),
                carrier.label()
            );
            Ok(())
        }
        Command::Shops { json: as_json } => {
            let shops = j.shops()?;
            if as_json {
                return json(&shops);
            }
            for s in &shops {
                println!("{:>4}  {:<10} {}", s.id, s.mall.label(), s.name);
            }
            Ok(())
        }
        Command::Shop {
            command:
                ShopCommand::Add {
                    mall,
                    name,
                    settings,
                    json: as_json,
                },
        } => {
            let mall = Mall::parse(&mall).ok_or(DomainError::UnknownMall(mall))?;
            let settings = settings
                .iter()
                .map(|kv| {
                    kv.split_once('=')
                        .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                        .ok_or_else(|| CoreError::setting(kv, "key=value の形で指定してください"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut creds = String::new();
            std::io::stdin()
                .read_to_string(&mut creds)
                .map_err(|e| CoreError::Io {
                    path: "stdin".into(),
                    detail: e.to_string(),
                })?;
            let shop = j.add_shop_from_text(mall, &name, &settings, &creds)?;
            if as_json {
                return json(&serde_json::json!({ "id": shop.id }));
            }
            println!(
                "ショップ「{}」（{}）を追加しました。ID: {}",
                shop.name,
                mall.label(),
                shop.id
            );
            Ok(())
        }
        Command::Shop {
            command: ShopCommand::Remove { id, keep_orders },
        } => {
            j.remove_shop(id, keep_orders)?;
            println!("ショップ（ID {id}）を削除しました");
            Ok(())
        }
        Command::Shop {
            command: ShopCommand::Authorize { id, port, timeout },
        } => runtime()?.block_on(async {
            let mall = j.shop(id)?.mall;
            let receiver = juchu_core::malls::loopback::listen_on(mall, port)?;
            let auth = j.begin_authorization(id, &receiver.redirect_uri)?;
            println!("{}", auth.url);
            eprintln!(
                "ブラウザで上の URL を開き、{}の画面で Juchu との連携を許可してください。",
                mall.label()
            );
            let redirected = receiver
                .wait(std::time::Duration::from_secs(timeout))
                .await?;
            j.finish_authorization(id, &auth, &redirected).await?;
            eprintln!("アクセスキーを取得しました。");
            Ok(())
        }),
        Command::Sync {
            shop,
            json: as_json,
        } => {
            let reports = runtime()?.block_on(j.sync(shop))?;
            if as_json {
                let out: Vec<_> = reports
                    .iter()
                    .map(|r| serde_json::json!({
                        "shop_id": r.shop_id, "new": r.new, "updated": r.updated, "calls": r.calls,
                        "unchanged": r.unchanged, "error_code": r.error_code, "error": r.error,
                    }))
                    .collect();
                json(&out)?;
            } else {
                for r in &reports {
                    match &r.error {
                        None => println!(
                            "{}: 新規 {}件・更新 {}件（API {}回）",
                            r.shop_name, r.new, r.updated, r.calls
                        ),
                        Some(e) => println!("{}: {e}", r.shop_name),
                    }
                }
            }
            match reports.iter().filter(|r| r.error.is_some()).count() {
                0 => Ok(()),
                count => Err(CoreError::PartlyFailed {
                    what: "受注取得",
                    count,
                }),
            }
        }
        Command::Export {
            shop,
            dry_run,
            json: as_json,
        } => {
            let lines = runtime()?.block_on(j.export(shop, dry_run))?;
            if as_json {
                json(&lines)?;
            } else {
                for l in &lines {
                    let what = match l.outcome {
                        juchu_core::export::ExportOutcome::WillSend => "送信予定",
                        juchu_core::export::ExportOutcome::Sent => "送信済み",
                        juchu_core::export::ExportOutcome::Skipped => "対象外",
                        juchu_core::export::ExportOutcome::Failed => "失敗",
                    };
                    println!(
                        "{} {} {} {}",
                        l.mall_order_id,
                        what,
                        l.tracking_number.as_deref().unwrap_or(""),
                        l.message.as_deref().unwrap_or("")
                    );
                }
            }
            match lines
                .iter()
                .filter(|l| l.outcome == juchu_core::export::ExportOutcome::Failed)
                .count()
            {
                0 => Ok(()),
                count => Err(CoreError::PartlyFailed {
                    what: "発送情報の更新",
                    count,
                }),
            }
        }
        Command::Log {
            limit,
            json: as_json,
        } => {
            let log = j.recent_log(limit)?;
            if as_json {
                return json(&log);
            }
            for e in log.iter().rev() {
                println!("{}  {}", &e.at[..19].replace('T', " "), e.message);
            }
            Ok(())
        }
        Command::Import { shop } => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
                CoreError::Io {
                    path: "<stdin>".into(),
                    detail: e.to_string(),
                }
            })?;
            let stats = j.import_orders(shop, &text)?;
            println!(
                "受注を取り込みました（新規 {}件、更新 {}件）",
                stats.new, stats.updated
            );
            Ok(())
        }
        Command::Labels { .. } => unreachable!("handled in main"),
        Command::Seed { orders, seed } => {
            j.seed_samples(orders, seed)?;
            println!(
                "サンプルの受注を {} 件追加しました",
                orders * Mall::ALL.len()
            );
            Ok(())
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CoreError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CoreError::Io {
            path: "tokio".into(),
            detail: e.to_string(),
        })
}

/// Pages through the store so that even a million orders stream in bounded memory per page.
fn all_orders(
    j: &Juchu,
    status: Option<Status>,
    shop: Option<i64>,
    search: Option<String>,
    limit: Option<u32>,
) -> Result<Vec<OrderRow>, CoreError> {
    let mut out = Vec::new();
    let want = limit.unwrap_or(u32::MAX);
    loop {
        let page = j.list_orders(&OrderQuery {
            status,
            shop_id: shop,
            search: search.clone(),
            sort_by: SortKey::OrderedAt,
            sort: SortDir::Desc,
            offset: out.len() as u32,
            limit: (want - out.len() as u32).min(1000),
        })?;
        let n = page.rows.len();
        out.extend(page.rows);
        if n < 1000 || out.len() as u32 >= want {
            return Ok(out);
        }
    }
}

fn labels(j: &Juchu, command: LabelsCommand) -> Result<(), LabelError> {
    let io = |path: &std::path::Path, e: std::io::Error| LabelError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    match command {
        LabelsCommand::Export {
            format,
            status,
            shop,
            orders,
            out,
            accept_normalisations,
            skip_blocked,
            json: as_json,
        } => {
            let format = LabelFormat::parse(&format).ok_or_else(|| {
                LabelError::BadSettings(format!(
                    "形式「{format}」はありません。b2・ehiden3・yupri・clickpost のどれかを指定してください。"
                ))
            })?;
            let selection = if orders.is_empty() {
                let status = status
                    .map(|s| {
                        Status::parse(&s).ok_or_else(|| {
                            LabelError::BadSettings(DomainError::UnknownStatus(s).to_string())
                        })
                    })
                    .transpose()?;
                LabelSelection::Tab(TabQuery {
                    status,
                    shop_id: shop,
                    search: None,
                })
            } else {
                LabelSelection::Orders(orders)
            };
            let plan = j.label_plan(format, &selection)?;
            let written = juchu_core::labels::export::render(
                &plan,
                WriteOptions {
                    accept_normalisations,
                    skip_blocked,
                },
            );
            let mut paths = Vec::new();
            if let Ok(files) = &written {
                for (i, f) in files.iter().enumerate() {
                    let path = if files.len() == 1 {
                        out.clone()
                    } else {
                        let stem = out.file_stem().unwrap_or_default().to_string_lossy();
                        let ext = out
                            .extension()
                            .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
                        out.with_file_name(format!("{stem}-{:02}{ext}", i + 1))
                    };
                    std::fs::write(&path, &f.bytes).map_err(|e| io(&path, e))?;
                    paths.push(path.display().to_string());
                }
            }
            if as_json {
                let v = serde_json::json!({ "plan": plan, "files": paths });
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                for b in &plan.blocked {
                    println!("出力不可 {} ({}) {}", b.key, b.mall_order_id, b.reason);
                }
                for i in &plan.issues {
                    println!(
                        "要確認 {} ({}) {}列目 {}",
                        i.key, i.mall_order_id, i.column_no, i.message
                    );
                }
                for w in &plan.warnings {
                    println!("注意 {} ({}) {}", w.key, w.mall_order_id, w.reason);
                }
                for p in &paths {
                    println!("{p} に書き出しました");
                }
                eprintln!("{}: {}件", format.label(), plan.rows.len());
            }
            written.map(|_| ())
        }
        LabelsCommand::Import {
            file,
            dry_run,
            json: as_json,
            status,
            file_date,
            replace,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| io(&file, e))?;
            let name = file
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            let preview = j.label_import_preview(&name, &bytes)?;
            let report = if dry_run {
                None
            } else {
                let move_to = status
                    .map(|s| {
                        Status::parse(&s).ok_or_else(|| {
                            LabelError::BadSettings(DomainError::UnknownStatus(s).to_string())
                        })
                    })
                    .transpose()?;
                Some(j.label_import_apply(
                    &name,
                    &bytes,
                    &ApplyOptions {
                        ship_date: if file_date {
                            ShipDateChoice::FromFile
                        } else {
                            ShipDateChoice::Today
                        },
                        move_to,
                        replace_other_numbers: replace,
                    },
                )?)
            };
            if as_json {
                let v = serde_json::json!({ "preview": preview, "applied": report });
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                return Ok(());
            }
            println!("{}（{}）", preview.format_label, preview.carrier.label());
            for m in &preview.matched {
                println!(
                    "{} {} {}{}",
                    m.key,
                    m.mall_order_id,
                    m.numbers.join(" "),
                    if m.has_other_number {
                        " （別の伝票番号あり）"
                    } else {
                        ""
                    }
                );
            }
            for k in &preview.unknown_keys {
                println!("不明な管理番号 {k}");
            }
            for w in &preview.warnings {
                println!("注意 {}行目 {} {}", w.line, w.key, w.message);
            }
            match report {
                None => eprintln!("確認のみ: {}件が一致しました", preview.matched.len()),
                Some(r) if r.already_imported => {
                    eprintln!("このファイルは取り込み済みです。何も変更していません。")
                }
                Some(r) => eprintln!(
                    "{}件に伝票番号を入れました（ステータス移動 {}件、既存の番号を残した発送 {}件）",
                    r.updated, r.moved, r.kept
                ),
            }
            Ok(())
        }
        LabelsCommand::Settings { shop, set } => {
            if set {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| io(std::path::Path::new("<stdin>"), e))?;
                let s: LabelSettings = serde_json::from_str(&text)
                    .map_err(|e| LabelError::BadSettings(e.to_string()))?;
                j.set_label_settings(shop, &s)?;
                eprintln!("送り状の設定を保存しました");
            } else {
                let s = j.label_settings(shop)?;
                println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
            }
            Ok(())
        }
    }
}
