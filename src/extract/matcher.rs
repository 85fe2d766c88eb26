//! Mention detection: a leftmost-longest Aho–Corasick matcher over every name and alias of
//! the catalogue (plus a document's local names), and the names nested inside each match
//! (雄安新区 inside 雄安新区中关村科技园).

use crate::catalogue::Entity;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::BTreeMap;
use std::ops::Range;

/// A name found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entity: usize,
    pub range: Range<usize>,
    pub local: bool,
    /// Inside a longer match.
    pub nested: bool,
}

/// The matcher for one set of names (the catalogue's, or the catalogue's plus a document's
/// local names, which win over a global name spelled the same).
pub struct NameMatcher {
    top: AhoCorasick,
    all: AhoCorasick,
    targets: Vec<(usize, bool)>,
}

impl NameMatcher {
    /// Build from the entities' names and `local` (name → entity index). Fails only if the
    /// names are too many for an automaton.
    pub fn new(
        entities: &[Entity],
        local: &BTreeMap<String, usize>,
    ) -> crate::error::Result<NameMatcher> {
        let mut names: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
        for (i, e) in entities.iter().enumerate() {
            for n in e.names() {
                names.entry(n).or_insert((i, false));
            }
        }
        for (n, &i) in local {
            names.insert(n.as_str(), (i, true));
        }
        let patterns: Vec<&str> = names.keys().copied().collect();
        let targets: Vec<(usize, bool)> = names.values().copied().collect();
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .build(&patterns)
                .map_err(|e| crate::error::Error::InvalidValue {
                    what: "catalogue names",
                    value: format!("{} names", patterns.len()),
                    message: e.to_string(),
                })
        };
        Ok(NameMatcher {
            top: build(MatchKind::LeftmostLongest)?,
            all: build(MatchKind::Standard)?,
            targets,
        })
    }

    /// Every top-level match and, for each, the maximal matches nested inside it, in text
    /// order. A match whose last character runs on into a longer word (科技部 in 科技部门,
    /// 河北区 in 河北区域) is dropped in favour of the names inside it. O(n + matches).
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        self.find_in(text, 0..text.len(), &mut out);
        out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end), f.nested));
        out
    }

    fn find_in(&self, text: &str, range: Range<usize>, out: &mut Vec<Found>) {
        for m in self.top.find_iter(&text[range.clone()]) {
            let m_range = range.start + m.start()..range.start + m.end();
            if runs_on(text, &m_range) {
                let last = text[m_range.clone()]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                if m_range.len() > last {
                    self.find_in(text, m_range.start..m_range.end - last, out);
                }
                continue;
            }
            let (entity, local) = self.targets[m.pattern().as_usize()];
            out.push(Found {
                entity,
                range: m_range.clone(),
                local,
                nested: false,
            });
            let inner: Vec<Found> = self
                .all
                .find_overlapping_iter(&text[m_range.clone()])
                .map(|x| {
                    let (entity, local) = self.targets[x.pattern().as_usize()];
                    Found {
                        entity,
                        range: m_range.start + x.start()..m_range.start + x.end(),
                        local,
                        nested: true,
                    }
                })
                .filter(|x| {
                    x.range != m_range
                        && x.entity != entity
                        && text[x.range.clone()].chars().count() > 1
                })
                .collect();
            for x in &inner {
                let is_maximal = !inner.iter().any(|y| {
                    y.range != x.range
                        && y.range.start <= x.range.start
                        && x.range.end <= y.range.end
                });
                if is_maximal {
                    out.push(x.clone());
                }
            }
        }
    }
}

/// Character pairs that join into one word: a name ending in the first character does not
/// end where the second follows (部门, 区域, 市场…).
const WORD_CONTINUATIONS: [(char, char); 8] = [
    ('部', '门'),
    ('区', '域'),
    ('市', '场'),
    ('省', '份'),
    ('局', '面'),
    ('局', '势'),
    ('委', '托'),
    ('厅', '堂'),
];

/// Whether the match at `range` runs on into a longer word.
fn runs_on(text: &str, range: &Range<usize>) -> bool {
    let last = text[range.clone()].chars().next_back();
    let next = text[range.end..].chars().next();
    matches!((last, next), (Some(a), Some(b)) if WORD_CONTINUATIONS.contains(&(a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Catalogue, Entity};

    fn entities(names: &[(&str, &str)]) -> Vec<Entity> {
        let mut toml = String::new();
        for (id, name) in names {
            toml.push_str(&format!(
                "[[entity]]\nid = \"{id}\"\nkind = \"{}\"\nname = \"{name}\"\n",
                id.split('/').next().unwrap().replace("org", "organization")
            ));
        }
        let file = crate::corpus::TextFile {
            path: "entities/t.toml".into(),
            display: "t.toml".into(),
            text: toml,
        };
        Catalogue::load(&[file]).unwrap().entities
    }

    #[test]
    fn names_running_on_into_a_word_are_dropped_for_the_names_inside() {
        let e = entities(&[
            ("org/most", "科技部"),
            ("region/hebei", "河北"),
            ("region/hebei-district", "河北区"),
        ]);
        let m = NameMatcher::new(&e, &BTreeMap::new()).expect("matcher");
        let found = |t: &str| {
            m.find(t)
                .into_iter()
                .filter(|f| !f.nested)
                .map(|f| e[f.entity].id().to_owned())
                .collect::<Vec<_>>()
        };
        assert!(found("三地政府科技部门签署").is_empty());
        assert_eq!(found("科技部等有关部门"), vec!["org/most"]);
        assert_eq!(found("河北区域内"), vec!["region/hebei"]);
        assert_eq!(found("天津河北区"), vec!["region/hebei-district"]);
    }
}
