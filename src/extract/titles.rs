//! 《title》 extraction: every 《…》 span that no catalogue document or local name covers
//! becomes a discovered document node, named by its title.

use super::DocContext;
use crate::catalogue::{Entity, Kind};
use std::ops::Range;

/// The 《…》 spans of `text` (brackets included), on one line, not nested.
pub fn title_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '《' => open = Some(i),
            '》' => {
                if let Some(start) = open.take() {
                    if i > start + '《'.len_utf8() {
                        out.push(start..i + '》'.len_utf8());
                    }
                }
            }
            '\n' => open = None,
            _ => {}
        }
    }
    out
}

/// Titles no document mention covers: (bracketed range, inner title).
pub fn uncovered_titles<'t>(
    ctx: &DocContext<'t>,
    entities: &[Entity],
) -> Vec<(Range<usize>, &'t str)> {
    title_spans(ctx.text)
        .into_iter()
        .filter(|span| {
            let inner = span.start + '《'.len_utf8()..span.end - '》'.len_utf8();
            let here = ctx
                .sentence_at(span.start)
                .map_or(&[][..], |s| ctx.in_sentence(s));
            !here.iter().any(|m| {
                m.is_top()
                    && (m.range == inner || m.range == *span)
                    && (entities[m.entity].kind() == Kind::Document
                        || m.via == crate::graph::Via::LocalName)
            })
        })
        .map(|span| {
            let inner = &ctx.text[span.start + '《'.len_utf8()..span.end - '》'.len_utf8()];
            (span, inner)
        })
        .collect()
}

/// A stable ASCII id for a discovered title: `document/title-<FNV-1a hex>`.
pub fn title_id(title: &str) -> String {
    format!("document/title-{}", stable_hex(title))
}

/// The FNV-1a hash of `text`, as 12 hex digits: the stable part of discovered ids.
pub fn stable_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", hash & 0xffff_ffff_ffff)
}
