//! Extraction over one normalized document: mentions (names, local names, nested names,
//! enumeration items, 《titles》), then relation rules, name-containment relations and
//! sentence co-occurrence. Each produces [`Found`] mentions or [`RuleEdge`]s that the
//! pipeline turns into graph nodes and edges with evidence.

pub mod discover;
pub mod enumerate;
pub mod matcher;
pub mod meetings;
pub mod rules;
pub mod titles;

use crate::dates::{DateMention, PartialDate};
use crate::graph::{Relation, Via};
use crate::sentence::Sentence;
use std::ops::Range;

/// A mention of an entity in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMention {
    pub entity: usize,
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    pub sentence: usize,
    pub via: Via,
}

impl RawMention {
    /// Top-level: not found inside a longer name.
    pub fn is_top(&self) -> bool {
        self.via != Via::Nested
    }
}

/// A relation found in a sentence by a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleEdge {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    pub rule: &'static str,
    pub sentence: usize,
    /// The sentence its evidence quotes from: `sentence` itself, or an earlier sentence of
    /// the paragraph that names the subject the rule carried over (Chinese drops a subject
    /// that the sentences before named).
    pub quote_from: usize,
    pub date: Option<PartialDate>,
    pub role: Option<String>,
}

impl RuleEdge {
    /// The same edge, its evidence quoting from sentence `first` on.
    pub fn quoting_from(self, first: usize) -> Self {
        RuleEdge {
            quote_from: first,
            ..self
        }
    }
}

/// A group enumeration problem (an item naming no member, a count that does not add up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumerationIssue {
    pub sentence: usize,
    pub message: String,
}

/// Everything extraction needs to know about one document.
pub struct DocContext<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub dates: &'a [DateMention],
    /// Sorted by (start, longer first); see [`DocContext::index`].
    pub mentions: Vec<RawMention>,
    /// For each sentence, the range of `mentions` that lies in it.
    pub slices: Vec<Range<usize>>,
    /// The catalogue document this file is the text of (the subject of 支持… in a decision).
    pub is_document: Option<usize>,
}

impl DocContext<'_> {
    /// The sentence containing byte `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.start <= at);
        let s = self.sentences.get(i.checked_sub(1)?)?;
        (at < s.range.end).then_some(s.index)
    }

    /// Sort and de-duplicate the mentions and index them by sentence. Call after adding
    /// mentions. O(m log m).
    pub fn index(&mut self) {
        self.mentions.sort_by_key(|m| {
            (
                m.range.start,
                std::cmp::Reverse(m.range.end),
                m.via,
                m.entity,
            )
        });
        self.mentions
            .dedup_by(|a, b| a.range == b.range && a.entity == b.entity);
        self.slices = by_sentence(&self.mentions, self.sentences.len());
    }

    /// The mentions of a sentence, in text order.
    pub fn in_sentence(&self, sentence: usize) -> &[RawMention] {
        self.slices
            .get(sentence)
            .map_or(&[], |r| &self.mentions[r.clone()])
    }

    /// Top-level mentions of a sentence, in text order.
    pub fn top_mentions(&self, sentence: usize) -> impl Iterator<Item = &RawMention> {
        self.in_sentence(sentence).iter().filter(|m| m.is_top())
    }

    /// Whether byte `at` lies inside some mention (a trigger word there is part of a name).
    pub fn inside_mention(&self, at: usize) -> bool {
        self.sentence_at(at).is_some_and(|s| {
            self.in_sentence(s)
                .iter()
                .any(|m| m.range.start <= at && at < m.range.end)
        })
    }

    /// The date of something said at `at_end` in `sentence`.
    pub fn date_at(&self, sentence: usize, at_end: usize) -> Option<PartialDate> {
        crate::dates::date_before(self.dates, &self.sentences[sentence].range, at_end)
            .map(|d| d.date)
    }
}

/// For each of `sentences` sentences, the index range of its mentions in `mentions`
/// (sorted by position, so each sentence's mentions are contiguous). O(m + s).
pub fn by_sentence(mentions: &[RawMention], sentences: usize) -> Vec<Range<usize>> {
    let mut out = vec![0..0; sentences];
    let mut i = 0;
    while i < mentions.len() {
        let s = mentions[i].sentence;
        let start = i;
        while i < mentions.len() && mentions[i].sentence == s {
            i += 1;
        }
        if let Some(slot) = out.get_mut(s) {
            *slot = start..i;
        }
    }
    out
}
