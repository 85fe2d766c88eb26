//! Normalization of a raw document into clean simplified Chinese, keeping a byte map back to
//! the original (see [`MappedText`]). Stages, in order: known damaged spans, unknown damaged
//! annotations, HTML entities, pinyin annotations, traditional → simplified, full-width
//! ASCII and odd spaces, page furniture, line trimming, paragraphs broken mid-sentence, and
//! (only where the document shows the markers) Taiwan vocabulary.

mod chinese;
mod config;
mod furniture;
mod pinyin;
pub mod t2s;

pub use chinese::is_han;
pub use config::{FurnitureConfig, NormalizeConfig, Repair, TaiwanConfig, TaiwanPhrase};

use crate::dates::PartialDate;
use crate::error::{Error, Result};
use crate::mapped::{Edit, MappedText};
use aho_corasick::{AhoCorasick, MatchKind};

/// What normalization did to one document, for `build`'s summary and `check`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NormalizeReport {
    pub repaired_spans: usize,
    /// Damaged annotations with no entry in the repair table: (line, column) in the original.
    pub unrepaired_damage: Vec<(usize, usize)>,
    pub html_entities: usize,
    pub pinyin_annotations: usize,
    pub traditional: bool,
    pub converted_chars: usize,
    pub furniture_lines: usize,
    pub joined_paragraphs: usize,
    pub taiwan_phrases: usize,
}

/// Rounds of character repairs, or of line stages, at most. Each round that changes
/// something shortens the text (or trades a `＆` for a `&`), so the rounds end; the bound
/// only keeps adversarial input, in which every round exposes one more repair, from taking
/// quadratic time.
const MAX_REPAIR_ROUNDS: usize = 32;

/// The result of normalizing one document.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: MappedText,
    /// A date found in a dropped furniture line (e.g. `http://… 2024-02-23 07:23:21`).
    pub furniture_date: Option<PartialDate>,
    pub report: NormalizeReport,
}

/// A configured normalizer; build it once and use it for every document.
pub struct Normalizer {
    repairs: Option<(AhoCorasick, Vec<String>)>,
    taiwan: Option<(AhoCorasick, Vec<String>)>,
    taiwan_markers: Option<AhoCorasick>,
    taiwan_min_markers: usize,
    furniture: FurnitureConfig,
    t2s: t2s::T2s,
}

impl Normalizer {
    pub fn new(config: &NormalizeConfig) -> Result<Self> {
        let build = |patterns: Vec<&str>| -> Result<Option<AhoCorasick>> {
            if patterns.is_empty() {
                return Ok(None);
            }
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .map(Some)
                .map_err(|e| Error::InvalidValue {
                    what: "normalization table",
                    value: "normalize.toml".into(),
                    message: e.to_string(),
                })
        };
        let repairs =
            build(config.repair.iter().map(|r| r.damaged.as_str()).collect())?.map(|ac| {
                (
                    ac,
                    config.repair.iter().map(|r| r.repaired.clone()).collect(),
                )
            });
        let taiwan = build(
            config
                .taiwan
                .phrase
                .iter()
                .map(|p| p.from.as_str())
                .collect(),
        )?
        .map(|ac| {
            (
                ac,
                config.taiwan.phrase.iter().map(|p| p.to.clone()).collect(),
            )
        });
        let taiwan_markers = build(config.taiwan.markers.iter().map(String::as_str).collect())?;
        Ok(Normalizer {
            repairs,
            taiwan,
            taiwan_markers,
            taiwan_min_markers: config.taiwan.min_markers,
            furniture: config.furniture.clone(),
            t2s: t2s::T2s::new(),
        })
    }

    /// Normalize `original`. Pure: the same input always gives the same output, and a
    /// fixed point: normalizing the result again changes nothing.
    pub fn normalize(&self, original: &str) -> Normalized {
        let mut report = NormalizeReport::default();
        let mut text = self.repair_characters(original, MappedText::new(original), &mut report);

        let conversion = self.t2s.edits(text.as_str());
        report.converted_chars = conversion.converted_chars;
        report.traditional = conversion.han > 0 && conversion.converted_chars * 20 > conversion.han;
        text.replace_aligned(&conversion.aligned);
        text = text.apply(&conversion.edits);

        // Line stages, repeated while joins or stray `and`s change a line: a joined line can
        // be page furniture, and deleting it can leave a broken line to join. (Nothing here
        // can expose a character repair or a t2s phrase: a join follows `,` or `、`, and
        // furniture goes as whole lines.)
        let mut furniture_date = None;
        for _ in 0..MAX_REPAIR_ROUNDS {
            let (furniture, date) = furniture::furniture_edits(&self.furniture, text.as_str());
            report.furniture_lines += furniture.len();
            furniture_date = furniture_date.or(date);
            text = text.apply(&furniture);

            let trims = furniture::trim_edits(text.as_str());
            text = text.apply(&trims);
            let joins = furniture::broken_paragraph_edits(text.as_str());
            report.joined_paragraphs += joins.len();
            text = text.apply(&joins);
            let strays = chinese::stray_and_edits(text.as_str());
            text = text.apply(&strays);
            if joins.len() + strays.len() == 0 {
                break;
            }
        }

        if let (Some((ac, with)), Some(markers)) = (&self.taiwan, &self.taiwan_markers) {
            let mut seen: Vec<usize> = markers
                .find_iter(text.as_str())
                .map(|m| m.pattern().as_usize())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            if self.taiwan_min_markers > 0 && seen.len() >= self.taiwan_min_markers {
                let edits = replace_all(ac, with, text.as_str());
                report.taiwan_phrases = edits.len();
                text = text.apply(&edits);
            }
        }
        Normalized {
            text,
            furniture_date,
            report,
        }
    }

    /// Character repairs (the repair table, damaged and real pinyin annotations, HTML
    /// entities, full-width folding), repeated until a round changes nothing: one repair
    /// can expose another (a deleted damaged annotation joins `?` to the next one, a
    /// full-width `（xié）` folds into an annotation).
    fn repair_characters(
        &self,
        original: &str,
        mut text: MappedText,
        report: &mut NormalizeReport,
    ) -> MappedText {
        for _ in 0..MAX_REPAIR_ROUNDS {
            let mut edits = 0;
            if let Some((ac, with)) = &self.repairs {
                let repairs = replace_all(ac, with, text.as_str());
                report.repaired_spans += repairs.len();
                edits += repairs.len();
                text = text.apply(&repairs);
            }
            let damage = pinyin::damaged_annotation_edits(text.as_str());
            for edit in &damage {
                let span = text.original_span(edit.range.clone());
                report
                    .unrepaired_damage
                    .push(crate::error::line_column(original, span.start));
            }
            edits += damage.len();
            text = text.apply(&damage);
            let entities = html_entity_edits(text.as_str());
            report.html_entities += entities.len();
            edits += entities.len();
            text = text.apply(&entities);
            let widths = chinese::width_edits(text.as_str());
            edits += widths.len();
            text = text.apply(&widths);
            let annotations = pinyin::annotation_edits(text.as_str());
            report.pinyin_annotations += annotations.len();
            edits += annotations.len();
            text = text.apply(&annotations);
            if edits == 0 {
                break;
            }
        }
        text
    }
}

/// Edits replacing every leftmost-longest match of `ac` with the matching entry of `with`.
fn replace_all(ac: &AhoCorasick, with: &[String], text: &str) -> Vec<Edit> {
    ac.find_iter(text)
        .filter(|m| text[m.range()] != *with[m.pattern().as_usize()])
        .map(|m| Edit::new(m.range(), with[m.pattern().as_usize()].clone()))
        .collect()
}

/// Edits decoding HTML entities (`&rdquo;`, `&amp;`, `&#8220;`, `&#x201C;`).
fn html_entity_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut i = 0;
    while let Some(pos) = text[i..].find('&') {
        let start = i + pos;
        let Some(len) = entity_tail(&text.as_bytes()[start + 1..]) else {
            i = start + 1;
            continue;
        };
        let mut end = start + 1 + len;
        let mut decoded = html_escape::decode_html_entities(&text[start..end]).into_owned();
        // `&amp;rdquo;` is an entity escaped once more: decode the entity a decoded `&`
        // starts as well, so that the result has no entity left to decode.
        while decoded.ends_with('&') {
            let Some(more) = entity_tail(&text.as_bytes()[end..]) else {
                break;
            };
            let entity = format!("&{}", &text[end..end + more]);
            let next = html_escape::decode_html_entities(&entity);
            if next == entity {
                break;
            }
            decoded.pop();
            decoded.push_str(&next);
            end += more;
        }
        if decoded != text[start..end] {
            edits.push(Edit::new(start..end, decoded));
        }
        i = end;
    }
    edits
}

/// The length of `name;` at the start of `rest` (the bytes after a `&`): a name of 1–11
/// ASCII letters, digits or `#`.
fn entity_tail(rest: &[u8]) -> Option<usize> {
    let n = rest
        .iter()
        .take(12)
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'#'))?;
    (n > 0 && rest[n] == b';').then_some(n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode() {
        let m = MappedText::new("a&rdquo;b&amp;&bogus c");
        let edits = html_entity_edits(m.as_str());
        let out = m.apply(&edits);
        assert_eq!(out.as_str(), "a\u{201D}b&&bogus c");
    }
}
