//! `MappedText`: a string that remembers, for every byte, which byte span of the original
//! document it came from, and the edit mechanism every normalization stage uses.

use std::ops::Range;

/// A byte span in the original document.
pub type Span = Range<usize>;

/// Text derived from an original document, with a map back to the original bytes.
///
/// Invariant: `origin.len() == text.len()`; `origin[i]` is the original span of the character
/// that contains byte `i`. Spans are non-decreasing and lie on the original's char boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    origin: Vec<(u32, u32)>,
}

/// One replacement: the byte `range` of the current text becomes `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub with: String,
}

impl Edit {
    pub fn new(range: Range<usize>, with: impl Into<String>) -> Self {
        Edit {
            range,
            with: with.into(),
        }
    }
    /// Delete `range`.
    pub fn delete(range: Range<usize>) -> Self {
        Edit::new(range, String::new())
    }
}

impl MappedText {
    /// The identity map of `original`.
    pub fn new(original: &str) -> Self {
        let mut origin = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            let span = (i as u32, (i + c.len_utf8()) as u32);
            origin.extend(std::iter::repeat_n(span, c.len_utf8()));
        }
        MappedText {
            text: original.to_owned(),
            origin,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte span of the normalized byte range `range` (which must be non-empty
    /// and on char boundaries; an empty range maps to the empty span where it starts).
    pub fn original_span(&self, range: Range<usize>) -> Span {
        if range.start >= range.end || range.start >= self.origin.len() {
            let at = self
                .origin
                .get(range.start)
                .map_or_else(|| self.origin.last().map_or(0, |s| s.1), |s| s.0);
            return at as usize..at as usize;
        }
        let end = range.end.min(self.origin.len());
        self.origin[range.start].0 as usize..self.origin[end - 1].1 as usize
    }

    /// Apply `edits` (sorted by start, non-overlapping, on char boundaries). A replacement with
    /// as many characters as it replaces maps character to character; any other replacement
    /// maps each of its characters to the whole replaced span.
    pub fn apply(&self, edits: &[Edit]) -> MappedText {
        if edits.is_empty() {
            return self.clone();
        }
        let mut text = String::with_capacity(self.text.len());
        let mut origin = Vec::with_capacity(self.origin.len());
        let mut at = 0;
        for edit in edits {
            debug_assert!(edit.range.start >= at, "edits overlap or are unsorted");
            text.push_str(&self.text[at..edit.range.start]);
            origin.extend_from_slice(&self.origin[at..edit.range.start]);
            let old = &self.text[edit.range.clone()];
            let old_chars: Vec<(usize, char)> = old.char_indices().collect();
            let new_count = edit.with.chars().count();
            if new_count == old_chars.len() {
                for ((i, _), c) in old_chars.iter().zip(edit.with.chars()) {
                    let span = self.origin[edit.range.start + i];
                    text.push(c);
                    origin.extend(std::iter::repeat_n(span, c.len_utf8()));
                }
            } else if !edit.with.is_empty() {
                let whole = self.original_span(edit.range.clone());
                let span = (whole.start as u32, whole.end as u32);
                text.push_str(&edit.with);
                origin.extend(std::iter::repeat_n(span, edit.with.len()));
            }
            at = edit.range.end;
        }
        text.push_str(&self.text[at..]);
        origin.extend_from_slice(&self.origin[at..]);
        MappedText { text, origin }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_length_replacement_maps_char_to_char() {
        let m = MappedText::new("協同發展");
        let out = m.apply(&[Edit::new(0..12, "协同发展")]);
        assert_eq!(out.as_str(), "协同发展");
        assert_eq!(out.original_span(3..6), 3..6);
    }

    #[test]
    fn deletion_and_longer_replacement_keep_spans_inside_the_original() {
        let m = MappedText::new("a(b)c");
        let out = m.apply(&[Edit::delete(1..4), Edit::new(4..5, "xyz")]);
        assert_eq!(out.as_str(), "axyz");
        assert_eq!(out.original_span(1..4), 4..5);
        assert_eq!(out.original_span(0..4), 0..5);
    }
}
