//! The normalization tables of `data/normalize.toml`: repairs, Taiwan vocabulary, furniture.

use serde::Deserialize;

/// The whole of `normalize.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizeConfig {
    #[serde(default)]
    pub repair: Vec<Repair>,
    #[serde(default)]
    pub taiwan: TaiwanConfig,
    #[serde(default)]
    pub furniture: FurnitureConfig,
}

/// A damaged span of an original file and the text it stood for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repair {
    pub damaged: String,
    pub repaired: String,
    #[serde(default)]
    pub note: String,
}

/// Taiwan vocabulary, applied only to documents showing at least `min_markers` markers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaiwanConfig {
    #[serde(default)]
    pub min_markers: usize,
    #[serde(default)]
    pub markers: Vec<String>,
    #[serde(default)]
    pub phrase: Vec<TaiwanPhrase>,
}

/// One Taiwan phrase and its mainland equivalent (both in simplified characters).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaiwanPhrase {
    pub from: String,
    pub to: String,
}

/// Which lines are page furniture.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FurnitureConfig {
    /// A line containing any of these is dropped.
    #[serde(default)]
    pub contains: Vec<String>,
    /// A line equal to one of these (after trimming) is dropped.
    #[serde(default)]
    pub exact: Vec<String>,
    /// Drop a line holding a URL and an ISO date, and keep the date.
    #[serde(default)]
    pub url_date_line: bool,
}
