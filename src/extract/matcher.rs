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
    /// Build from the entities' names and `local` (name → entity index).
    pub fn new(entities: &[Entity], local: &BTreeMap<String, usize>) -> NameMatcher {
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
                .expect("catalogue names always build an automaton")
        };
        NameMatcher {
            top: build(MatchKind::LeftmostLongest),
            all: build(MatchKind::Standard),
            targets,
        }
    }

    /// Every top-level match and, for each, the maximal matches nested inside it, in text
    /// order. O(n + matches).
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for m in self.top.find_iter(text) {
            let (entity, local) = self.targets[m.pattern().as_usize()];
            out.push(Found {
                entity,
                range: m.range(),
                local,
                nested: false,
            });
            let inner: Vec<Found> = self
                .all
                .find_overlapping_iter(&text[m.range()])
                .map(|x| {
                    let (entity, local) = self.targets[x.pattern().as_usize()];
                    Found {
                        entity,
                        range: m.start() + x.start()..m.start() + x.end(),
                        local,
                        nested: true,
                    }
                })
                .filter(|x| {
                    x.range != m.range()
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
                let is_repeat = out
                    .iter()
                    .any(|y: &Found| y.nested && y.range == x.range && y.entity == x.entity);
                if is_maximal && !is_repeat {
                    out.push(x.clone());
                }
            }
        }
        out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end), f.nested));
        out
    }
}
