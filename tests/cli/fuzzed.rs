//! The fuzz targets' regression seeds: every file under `fuzz/regressions/<target>/` (the
//! inputs that once broke a check, and the minimized corpus of each target's long runs)
//! replayed through that target's check from `fuzz/checks.rs` (which the property tests
//! use too).

#[path = "../../fuzz/checks.rs"]
pub mod checks;

use super::root;

/// Run `check` on every seed of `target`; there must be some.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = root().join("fuzz/regressions").join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    for seed in seeds {
        let data = std::fs::read(&seed).unwrap();
        if let Err(panic) = std::panic::catch_unwind(|| check(&data)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{}: {message}", seed.display());
        }
    }
}

#[test]
fn normalization_seeds() {
    replay("normalization", checks::normalization);
}

#[test]
fn sentence_seeds() {
    replay("sentences", checks::sentences);
}

#[test]
fn date_seeds() {
    replay("dates", checks::dates);
}

#[test]
fn catalogue_seeds() {
    replay("catalogue", checks::catalogue);
}

#[test]
fn escaping_seeds() {
    replay("escaping", checks::escaping);
}
