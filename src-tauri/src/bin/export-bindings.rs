//! Regenerates ui/src/bindings.ts from the Rust command and event types.

fn main() {
    let path = std::path::Path::new(juchu_app::ipc::BINDINGS_PATH);
    if let Err(e) = juchu_app::ipc::export_bindings(path) {
        eprintln!("バインディングを書き出せませんでした: {e}");
        std::process::exit(1);
    }
    println!("{}", path.display());
}
