//! Traditional → simplified conversion with OpenCC's t2s dictionaries (vendored in
//! `assets/opencc/`) and OpenCC's rule — at each position the longest key wins, a phrase
//! before a character — but compiled for speed: characters in a table indexed by code
//! point, the few hundred phrases in one aho-corasick automaton.

use super::chinese::is_han;
use crate::mapped::Edit;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

const PHRASES: &str = include_str!("../../assets/opencc/TSPhrases.txt");
const CHARACTERS: &str = include_str!("../../assets/opencc/TSCharacters.txt");

/// The first code point of the table; below it (ASCII, Latin, punctuation) nothing converts.
const BASE: u32 = 0x2E80;
const TOP: u32 = 0x10000;

/// A compiled t2s converter.
pub struct T2s {
    /// `table[c - BASE]`: the simplified character, or `c` itself.
    table: Vec<char>,
    /// Characters outside the table, and characters whose value is not one character.
    other: HashMap<char, String>,
    phrases: AhoCorasick,
    phrase_values: Vec<String>,
}

/// `key<TAB>value value…` lines (first value wins); `#` comments.
fn entries(dictionary: &str) -> impl Iterator<Item = (&str, &str)> {
    dictionary.lines().filter_map(|line| {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') {
            return None;
        }
        let (key, values) = line.split_once('\t')?;
        let value = values.split(' ').next()?;
        (!key.is_empty() && !value.is_empty()).then_some((key, value))
    })
}

/// What one conversion pass found.
pub struct Conversion {
    /// Characters replaced by a character of the same UTF-8 length, (offset, new):
    /// [`MappedText::replace_aligned`](crate::mapped::MappedText::replace_aligned) writes
    /// them in place. Almost every conversion is one of these.
    pub aligned: Vec<(usize, char)>,
    /// The other replacements (apply after `aligned`).
    pub edits: Vec<Edit>,
    /// Han characters in the text (before conversion).
    pub han: usize,
    /// Characters the edits write.
    pub converted_chars: usize,
}

impl T2s {
    pub fn new() -> Self {
        let mut table: Vec<char> = (BASE..TOP)
            .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
            .collect();
        let mut other = HashMap::new();
        for (key, value) in entries(CHARACTERS) {
            let mut k = key.chars();
            let (Some(c), None) = (k.next(), k.next()) else {
                continue;
            };
            let mut v = value.chars();
            match (v.next(), v.next()) {
                (Some(s), None) if (BASE..TOP).contains(&(c as u32)) => {
                    table[(c as u32 - BASE) as usize] = s;
                }
                _ => {
                    other.insert(c, value.to_owned());
                }
            }
        }
        let (keys, phrase_values): (Vec<&str>, Vec<String>) = entries(PHRASES)
            .filter(|(k, _)| k.chars().nth(1).is_some())
            .map(|(k, v)| (k, v.to_owned()))
            .unzip();
        #[allow(clippy::expect_used, reason = "the phrase list is compiled in")]
        let phrases = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(keys)
            .expect("the vendored OpenCC phrase list compiles");
        T2s {
            table,
            other,
            phrases,
            phrase_values,
        }
    }

    /// Whether converting `text` may change it: some character of it starts a key of the
    /// dictionaries. Answers without compiling the converter (a set of a few thousand
    /// characters, built once), so a short text that is already simplified, such as a
    /// query, skips [`T2s::new`].
    pub fn may_change(text: &str) -> bool {
        static STARTS: std::sync::OnceLock<std::collections::HashSet<char>> =
            std::sync::OnceLock::new();
        let starts = STARTS.get_or_init(|| {
            entries(CHARACTERS)
                .chain(entries(PHRASES))
                .filter_map(|(key, _)| key.chars().next())
                .collect()
        });
        text.chars().any(|c| starts.contains(&c))
    }

    fn char_value(&self, c: char) -> Option<CharValue<'_>> {
        let cp = c as u32;
        if (BASE..TOP).contains(&cp) {
            let s = self.table[(cp - BASE) as usize];
            if s != c {
                return Some(CharValue::One(s));
            }
        }
        self.other.get(&c).map(|s| CharValue::Many(s))
    }

    /// Edits converting `text`, one per changed character (a phrase whose value has a
    /// different number of characters is one edit), counting Han characters on the way.
    /// O(n).
    pub fn edits(&self, text: &str) -> Conversion {
        let mut out = Conversion {
            aligned: Vec::new(),
            edits: Vec::new(),
            han: 0,
            converted_chars: 0,
        };
        let mut at = 0;
        for m in self.phrases.find_iter(text) {
            self.char_edits(text, at, m.start(), &mut out);
            let old = &text[m.range()];
            let new = &self.phrase_values[m.pattern().as_usize()];
            out.han += old.chars().filter(|&c| is_han(c)).count();
            if old.chars().count() == new.chars().count() {
                for ((i, a), b) in old.char_indices().zip(new.chars()) {
                    if a != b {
                        let s = m.start() + i;
                        out.edits
                            .push(Edit::new(s..s + a.len_utf8(), b.to_string()));
                        out.converted_chars += 1;
                    }
                }
            } else if old != new {
                out.converted_chars += new.chars().count();
                out.edits.push(Edit::new(m.range(), new.clone()));
            }
            at = m.end();
        }
        self.char_edits(text, at, text.len(), &mut out);
        out
    }

    fn char_edits(&self, text: &str, from: usize, to: usize, out: &mut Conversion) {
        let bytes = text.as_bytes();
        let mut i = from;
        while i < to {
            if bytes[i] < 0x80 {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            if is_han(c) {
                out.han += 1;
            }
            match self.char_value(c) {
                Some(CharValue::One(s)) => out.replace(i, c, s),
                Some(CharValue::Many(s)) => {
                    out.edits.push(Edit::new(i..i + len, s.to_owned()));
                    out.converted_chars += s.chars().count();
                }
                None => {}
            }
            i += len;
        }
    }

    /// `text` converted.
    pub fn convert(&self, text: &str) -> String {
        let conversion = self.edits(text);
        let mut mapped = crate::mapped::MappedText::new(text);
        mapped.replace_aligned(&conversion.aligned);
        mapped.apply(&conversion.edits).as_str().to_owned()
    }
}

impl Default for T2s {
    fn default() -> Self {
        T2s::new()
    }
}

impl Conversion {
    /// Replace the character `old` at `at` by `new`.
    fn replace(&mut self, at: usize, old: char, new: char) {
        if old.len_utf8() == new.len_utf8() {
            self.aligned.push((at, new));
        } else {
            self.edits
                .push(Edit::new(at..at + old.len_utf8(), new.to_string()));
        }
        self.converted_chars += 1;
    }
}

enum CharValue<'a> {
    One(char),
    Many(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opencc() -> ferrous_opencc::OpenCC {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .expect("ferrous-opencc t2s")
    }

    #[test]
    fn converts_every_dictionary_key_as_opencc_does() {
        let ours = T2s::new();
        let theirs = opencc();
        for (key, _) in entries(CHARACTERS).chain(entries(PHRASES)) {
            assert_eq!(ours.convert(key), theirs.convert(key), "key {key}");
        }
    }

    #[test]
    fn converts_the_seeds_as_opencc_does() {
        let ours = T2s::new();
        let theirs = opencc();
        for d in crate::corpus::embedded_documents() {
            for line in d.text.lines() {
                assert_eq!(
                    ours.convert(line),
                    theirs.convert(line),
                    "{}: {line}",
                    d.name
                );
            }
        }
        assert_eq!(
            ours.convert("京津冀協同發展,瞭解一目瞭然"),
            "京津冀协同发展,了解一目了然"
        );
    }

    #[test]
    fn may_change_is_false_only_for_text_the_converter_leaves_alone() {
        let ours = T2s::new();
        let lines = crate::corpus::embedded_documents()
            .into_iter()
            .flat_map(|d| d.text.lines().map(str::to_owned).collect::<Vec<_>>());
        let keys = entries(CHARACTERS)
            .chain(entries(PHRASES))
            .map(|(k, _)| k.to_owned());
        let (mut unchanged, mut skipped) = (0, 0);
        for text in lines.chain(keys) {
            // Every character alone and the whole line.
            for piece in text.chars().map(String::from).chain([text.clone()]) {
                if !T2s::may_change(&piece) {
                    assert_eq!(ours.convert(&piece), piece, "{piece}");
                    skipped += 1;
                }
                unchanged += usize::from(ours.convert(&piece) == piece);
            }
        }
        assert!(skipped > 0 && skipped <= unchanged);
        assert!(!T2s::may_change("雄安新区") && T2s::may_change("雄安新區"));
    }
}
