//! Pinyin annotations in seed 000: `協(xié)` is a Han character followed by one toned
//! syllable in ASCII parentheses. Requiring exactly one tone mark keeps real parentheses
//! such as `(草案)`, `(2015-2017年)` or `三省(市)`.

use super::chinese::is_han;
use crate::mapped::Edit;

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'ü' || TONED.contains(c)
}

/// Whether `s` is one pinyin syllable with exactly one tone mark (1–6 letters).
pub fn is_toned_syllable(s: &str) -> bool {
    let n = s.chars().count();
    (1..=6).contains(&n)
        && s.chars().all(is_pinyin_letter)
        && s.chars().filter(|&c| TONED.contains(c)).count() == 1
}

/// The toned syllable at the start of `s` followed by `)`: returns the byte length up to and
/// including the `)`.
fn syllable_then_close(s: &str) -> Option<usize> {
    let close = s.char_indices().take(8).find(|&(_, c)| c == ')')?.0;
    is_toned_syllable(&s[..close]).then_some(close + 1)
}

/// Edits deleting every `(syllable)` that directly follows a Han character.
pub fn annotation_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices();
    while let Some((i, c)) = iter.next() {
        if c == '(' && prev.is_some_and(is_han) {
            if let Some(len) = syllable_then_close(&text[i + 1..]) {
                edits.push(Edit::delete(i..i + 1 + len));
                // Skip the annotation; the character before the next one is still the Han.
                let end = i + 1 + len;
                while iter.clone().next().is_some_and(|(j, _)| j < end) {
                    iter.next();
                }
                continue;
            }
        }
        prev = Some(c);
    }
    edits
}

/// Edits deleting damaged annotations not covered by the repair table: a `?` standing where
/// `(` was lost, then a toned syllable and `)`. The lost character cannot be recovered;
/// normalization reports each one.
pub fn damaged_annotation_edits(text: &str) -> Vec<Edit> {
    text.match_indices('?')
        .filter_map(|(i, _)| {
            syllable_then_close(&text[i + 1..]).map(|len| Edit::delete(i..i + 1 + len))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapped::MappedText;

    fn strip(s: &str) -> String {
        let m = MappedText::new(s);
        m.apply(&annotation_edits(s)).as_str().to_owned()
    }

    #[test]
    fn strips_annotations_and_keeps_real_parentheses() {
        assert_eq!(strip("京津冀協(xié)同發(fā)展"), "京津冀協同發展");
        assert_eq!(strip("決定(草案)》"), "決定(草案)》");
        assert_eq!(strip("方案(2015-2017年)"), "方案(2015-2017年)");
        assert_eq!(strip("三省(市)發(fā)展"), "三省(市)發展");
        assert_eq!(strip("(經)信"), "(經)信");
        assert_eq!(strip("工(jing)信"), "工(jing)信");
        assert_eq!(strip("綠(lǜ)色"), "綠色");
    }

    #[test]
    fn damaged_annotation_is_found() {
        let edits = damaged_annotation_edits("擁有?shù)量");
        assert_eq!(edits.len(), 1);
        assert!(damaged_annotation_edits("是否继续?").is_empty());
    }
}
