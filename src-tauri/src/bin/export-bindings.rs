//! Regenerates ui/src/bindings.ts from the Rust command and event types,
//! ui/src/preview/malls.json from the mall registry and
//! ui/src/preview/labels.json from the 送り状 catalog and defaults.

fn main() {
    let path = std::path::Path::new(juchu_app::ipc::BINDINGS_PATH);
    if let Err(e) = juchu_app::ipc::export_bindings(path) {
        eprintln!("バインディングを書き出せませんでした: {e}");
        std::process::exit(1);
    }
    println!("{}", path.display());
    let malls = std::path::Path::new(juchu_app::ipc::MALLS_PATH);
    if let Err(e) = juchu_app::ipc::malls_json()
        .and_then(|j| std::fs::write(malls, j).map_err(|e| e.to_string()))
    {
        eprintln!("モールの一覧を書き出せませんでした: {e}");
        std::process::exit(1);
    }
    println!("{}", malls.display());
    let labels = std::path::Path::new(juchu_app::ipc::LABELS_PATH);
    if let Err(e) = juchu_app::ipc::labels_json()
        .and_then(|j| std::fs::write(labels, j).map_err(|e| e.to_string()))
    {
        eprintln!("送り状の選択肢を書き出せませんでした: {e}");
        std::process::exit(1);
    }
    println!("{}", labels.display());
}
