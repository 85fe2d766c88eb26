//! The graph of the embedded catalogue and seeds, kept between runs: a query without
//! `--graph`, `--data` or `--seeds` loads the saved graph a previous run left in the user's
//! cache directory instead of extracting the seeds again (32 ms → a few). The file is named
//! by the hash of the embedded inputs and of this executable (its size and modification
//! time), so a rebuilt `jjj` or changed inputs never read an old graph. `JJJ_CACHE=off`
//! turns it off; a cache that cannot be read or written is skipped, never an error.

use jjj_graph::graph::KnowledgeGraph;
use jjj_graph::saved::{self, Origin};
use std::path::PathBuf;

/// How many graphs the cache directory keeps (the newest; older executables' go).
const KEEP: usize = 4;

/// The directory: `$JJJ_CACHE_DIR`, else `$XDG_CACHE_HOME/jjj-graph`, else
/// `~/.cache/jjj-graph`; `None` when `JJJ_CACHE=off` or no home is known.
fn dir() -> Option<PathBuf> {
    if std::env::var_os("JJJ_CACHE").is_some_and(|v| v == "off") {
        return None;
    }
    let non_empty = |v: &str| {
        std::env::var_os(v)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    };
    non_empty("JJJ_CACHE_DIR")
        .or_else(|| non_empty("XDG_CACHE_HOME").map(|d| d.join("jjj-graph")))
        .or_else(|| non_empty("HOME").map(|d| d.join(".cache").join("jjj-graph")))
}

/// The cache file for inputs hashed as `inputs`, for this executable.
fn file_for(inputs: &str) -> Option<PathBuf> {
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut h = blake3::Hasher::new();
    h.update(inputs.as_bytes());
    h.update(&exe.len().to_le_bytes());
    h.update(&modified.as_nanos().to_le_bytes());
    let key = h.finalize().to_hex();
    Some(dir()?.join(format!("embedded-{}.jjjg", &key[..32])))
}

/// The cached graph of the embedded inputs hashed as `inputs`, if a previous run left it
/// and it reads back whole.
pub fn load(inputs: &str) -> Option<KnowledgeGraph> {
    let file = file_for(inputs)?;
    let bytes = std::fs::read(&file).ok()?;
    let shown = file.display().to_string();
    let (header, body) = saved::read_header(&shown, &bytes).ok()?;
    let expected = Origin::Built {
        data: None,
        seeds: None,
        hash: inputs.to_owned(),
    };
    if header.origin != expected {
        return None;
    }
    saved::read_body(&shown, &header, body).ok()
}

/// Keep `graph` for the next run (written whole or not at all), and drop all but the
/// newest [`KEEP`] graphs.
pub fn store(inputs: &str, graph: &KnowledgeGraph) {
    let Some(file) = file_for(inputs) else {
        return;
    };
    let origin = Origin::Built {
        data: None,
        seeds: None,
        hash: inputs.to_owned(),
    };
    let Some(dir) = file.parent() else {
        return;
    };
    let written = std::fs::create_dir_all(dir).is_ok()
        && saved::to_bytes(graph, origin)
            .is_ok_and(|bytes| super::output::write_file(&file, &bytes).is_ok());
    if !written {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut graphs: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name();
            let name = name.to_str()?;
            (name.starts_with("embedded-") && name.ends_with(".jjjg"))
                .then(|| Some((e.metadata().ok()?.modified().ok()?, e.path())))?
        })
        .collect();
    graphs.sort_by(|a, b| b.cmp(a));
    for (_, old) in graphs.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
}
