//! Embeds the default catalogue (`data/**/*.toml`) and documents (`seeds/*.txt`) into the
//! binary, so `jjj` works from any directory after `cargo install --path .`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Every file under `dir` ending in `ext`; cargo reruns this script when any of the
/// directories visited changes (a file added or removed).
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    for (name, dir, ext) in [("DATA", "data", "toml"), ("SEEDS", "seeds", "txt")] {
        let base = root.join(dir);
        let mut found = Vec::new();
        files(&base, ext, &mut found);
        found.sort();
        writeln!(code, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for path in &found {
            println!("cargo:rerun-if-changed={}", path.display());
            let rel = path
                .strip_prefix(&base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                code,
                "    ({rel:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
}
