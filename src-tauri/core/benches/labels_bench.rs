//! Labels benchmark: 10,000 shipments exported as a B2クラウド file, the
//! issued data (the same rows with a tracking number each) previewed and
//! applied. `cargo bench -p juchu-core --bench labels_bench`
//! (JUCHU_BENCH_SHIPMENTS to change the size). Figures, not pass/fail.

use std::time::Instant;

use juchu_core::domain::{Mall, TabQuery};
use juchu_core::labels::settings::Sender;
use juchu_core::labels::{ApplyOptions, LabelFormat, LabelSelection, LabelSettings, WriteOptions};
use juchu_core::{Juchu, Profile};

fn main() {
    let total: usize = std::env::var("JUCHU_BENCH_SHIPMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let j = Juchu::open_at(dir.path(), Profile::Real).expect("open");
    j.seed_samples(total / Mall::ALL.len(), 7).expect("seed");
    let settings = LabelSettings {
        sender: Sender {
            name: "サンプル商店".into(),
            phone: "06-1234-5678".into(),
            zip: "5300001".into(),
            address: "大阪府大阪市北区梅田1-1-1".into(),
            ..Sender::default()
        },
        b2_billing_code: "012345678901".into(),
        ..LabelSettings::default()
    };
    for shop in j.shops().expect("shops") {
        j.set_label_settings(shop.id, &settings).expect("settings");
    }
    let all = LabelSelection::Tab(TabQuery::default());
    let opts = WriteOptions {
        accept_normalisations: true,
        skip_blocked: true,
    };

    let t = Instant::now();
    let mut plan = j.label_plan(LabelFormat::B2, &all).expect("plan");
    let planned = t.elapsed();
    // The sample data has cells the merchant would fix first (variant
    // kanji, long addresses): the bench leaves those shipments out.
    let mut kinds = std::collections::BTreeMap::new();
    for i in &plan.issues {
        *kinds
            .entry(format!(
                "{} {:?}",
                i.column,
                std::mem::discriminant(&i.problem)
            ))
            .or_insert(0) += 1;
    }
    println!("labels_bench: issues by column {kinds:?}");
    let to_fix: std::collections::HashSet<String> = plan
        .issues
        .iter()
        .filter(|i| i.problem.blocks())
        .map(|i| i.key.clone())
        .collect();
    plan.rows.retain(|r| !to_fix.contains(&r.key));
    plan.issues.retain(|i| !to_fix.contains(&i.key));
    let t2 = Instant::now();
    let files = juchu_core::labels::export::render(&plan, opts).expect("export");
    let export = planned + t2.elapsed();
    let bytes = &files[0].bytes;
    println!(
        "labels_bench: export B2 {} rows ({} blocked, {} issues) in {:.2?}, {} KB",
        plan.rows.len(),
        plan.blocked.len(),
        plan.issues.len(),
        export,
        bytes.len() / 1024
    );

    // The issued data: every row with a valid 7DR number in column 4.
    let text = juchu_core::labels::cp932::decode(bytes).expect("cp932");
    let mut issued = String::with_capacity(text.len());
    for (i, line) in text
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let rec = rdr.records().next().expect("row").expect("csv");
        let mut cells: Vec<String> = rec.iter().map(String::from).collect();
        let body = 38_971_107_401u64 + i as u64 * 13;
        cells[3] = format!("{body}{}", body % 7);
        issued.push('"');
        issued.push_str(&cells.join("\",\""));
        issued.push_str("\"\r\n");
    }
    let issued = juchu_core::labels::cp932::encode(&issued).expect("encode");

    let t = Instant::now();
    let preview = j
        .label_import_preview("issued.csv", &issued)
        .expect("preview");
    let preview_time = t.elapsed();
    let t = Instant::now();
    let report = j
        .label_import_apply("issued.csv", &issued, &ApplyOptions::default())
        .expect("apply");
    let apply_time = t.elapsed();
    let t = Instant::now();
    let again = j
        .label_import_apply("issued.csv", &issued, &ApplyOptions::default())
        .expect("again");
    println!(
        "labels_bench: import preview {} matched in {:.2?}; apply {} in {:.2?} (incl. a fresh parse and preview); second import {} in {:.2?}",
        preview.matched.len(),
        preview_time,
        report.updated,
        apply_time,
        if again.already_imported { "skipped" } else { "APPLIED AGAIN" },
        t.elapsed()
    );
}
