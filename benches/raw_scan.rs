//! The practical upper bound for extraction in `benches/compare.sh`: one leftmost-longest
//! aho-corasick pass of the catalogue's names over a corpus already in memory, on one core,
//! with nothing else done. Run: `cargo bench --bench raw_scan -- CORPUS_DIR NAMES_FILE`;
//! prints one JSON object.

use aho_corasick::{AhoCorasick, MatchKind};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [corpus, names] = args.as_slice() else {
        return Err("usage: raw_scan CORPUS_DIR NAMES_FILE".into());
    };
    let names: Vec<String> = std::fs::read_to_string(names)?
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)?;
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(corpus)? {
        texts.push(std::fs::read_to_string(entry?.path())?);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = Instant::now();
    let matches: usize = texts.iter().map(|t| ac.find_iter(t).count()).sum();
    let seconds = start.elapsed().as_secs_f64();
    let out = serde_json::json!({
        "tool": "aho-corasick scan",
        "bytes": bytes,
        "seconds": seconds,
        "mb_per_s": bytes as f64 / 1e6 / seconds,
        "matches": matches,
    });
    println!("{out}");
    Ok(())
}
