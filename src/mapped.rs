//! `MappedText`: a string that remembers, for every byte, which byte span of the original
//! document it came from, and the edit mechanism every normalization stage uses.

use std::ops::Range;

/// A byte span in the original document.
pub type Span = Range<usize>;

/// Text derived from an original document, with a map back to the original bytes.
///
/// The map is a sorted list of pieces, one per stretch of text that either lines up byte for
/// byte with a stretch of the original (unchanged text, or characters replaced by characters
/// of the same UTF-8 length, as most traditional → simplified conversions are) or was put in
/// place of a whole original span (every byte of it maps to that span). A document with few
/// length-changing edits has few pieces, so the map costs far less than the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    pieces: Vec<Piece>,
}

/// `text[self.text..next piece's text]` came from `original[orig..orig_end]`; when
/// `aligned`, byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text: u32,
    orig: u32,
    orig_end: u32,
    aligned: bool,
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

/// A `MappedText` under construction.
struct Builder {
    text: String,
    pieces: Vec<Piece>,
}

impl Builder {
    /// Append `s`, mapped to `orig..orig_end` (byte for byte when `aligned`).
    fn push(&mut self, s: &str, orig: u32, orig_end: u32, aligned: bool) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len() as u32;
        self.text.push_str(s);
        if let Some(last) = self.pieces.last_mut() {
            let contiguous = if aligned {
                last.aligned
                    && last.orig_end == orig
                    && last.text + (last.orig_end - last.orig) == at
            } else {
                !last.aligned && last.orig == orig && last.orig_end == orig_end
            };
            if contiguous {
                last.orig_end = orig_end;
                return;
            }
        }
        self.pieces.push(Piece {
            text: at,
            orig,
            orig_end,
            aligned,
        });
    }
}

impl MappedText {
    /// The identity map of `original`.
    pub fn new(original: &str) -> Self {
        let pieces = if original.is_empty() {
            Vec::new()
        } else {
            vec![Piece {
                text: 0,
                orig: 0,
                orig_end: original.len() as u32,
                aligned: true,
            }]
        };
        MappedText {
            text: original.to_owned(),
            pieces,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The index of the piece holding byte `b` (`b < text.len()`).
    fn piece_at(&self, b: usize) -> usize {
        self.pieces
            .partition_point(|p| p.text as usize <= b)
            .saturating_sub(1)
    }

    /// The piece `i`'s end in the text.
    fn piece_end(&self, i: usize) -> usize {
        self.pieces
            .get(i + 1)
            .map_or(self.text.len(), |p| p.text as usize)
    }

    /// Where the character starting at byte `b` starts in the original.
    fn start_of(&self, b: usize) -> usize {
        let p = self.pieces[self.piece_at(b)];
        if p.aligned {
            (p.orig as usize) + b - p.text as usize
        } else {
            p.orig as usize
        }
    }

    /// Where the character ending at byte `e` (> 0) ends in the original.
    fn end_of(&self, e: usize) -> usize {
        let p = self.pieces[self.piece_at(e - 1)];
        if p.aligned {
            (p.orig as usize) + e - p.text as usize
        } else {
            p.orig_end as usize
        }
    }

    /// The original byte span of the normalized byte range `range` (which must be non-empty
    /// and on char boundaries; an empty range maps to the empty span where it starts).
    /// O(log pieces).
    pub fn original_span(&self, range: Range<usize>) -> Span {
        if self.pieces.is_empty() {
            return 0..0;
        }
        if range.start >= range.end || range.start >= self.text.len() {
            let at = if range.start < self.text.len() {
                self.start_of(range.start)
            } else {
                self.end_of(self.text.len())
            };
            return at..at;
        }
        self.start_of(range.start)..self.end_of(range.end.min(self.text.len()))
    }

    /// Replace characters by characters of the same UTF-8 length, in place: `(offset,
    /// new)`, each offset the start of a character as long as `new`; others are skipped.
    /// The map does not change. O(n).
    pub fn replace_aligned(&mut self, replacements: &[(usize, char)]) {
        if replacements.is_empty() {
            return;
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        for &(at, c) in replacements {
            let fits = std::str::from_utf8(bytes.get(at..at + c.len_utf8()).unwrap_or(&[]))
                .is_ok_and(|old| old.chars().count() == 1);
            if fits {
                c.encode_utf8(&mut bytes[at..at + c.len_utf8()]);
            }
        }
        // Every write replaced one whole character by another: still UTF-8.
        self.text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }

    /// Append `self.text[a..b]` to `out` with its map, writing `with` (of the same length,
    /// char for char) in its place when given. `cursor` is the piece to start looking from.
    fn copy(&self, out: &mut Builder, a: usize, b: usize, with: Option<&str>, cursor: &mut usize) {
        while *cursor < self.pieces.len() && self.piece_end(*cursor) <= a {
            *cursor += 1;
        }
        let mut i = *cursor;
        while i < self.pieces.len() && (self.pieces[i].text as usize) < b {
            let p = self.pieces[i];
            let s = a.max(p.text as usize);
            let e = b.min(self.piece_end(i));
            let chunk = with.map_or(&self.text[s..e], |w| &w[s - a..e - a]);
            if p.aligned {
                let off = |x: usize| p.orig + (x - p.text as usize) as u32;
                out.push(chunk, off(s), off(e), true);
            } else {
                out.push(chunk, p.orig, p.orig_end, false);
            }
            i += 1;
        }
    }

    /// Apply `edits` (sorted by start, non-overlapping, on char boundaries). A replacement
    /// with as many characters as it replaces maps character to character; any other
    /// replacement maps each of its characters to the whole replaced span. O(n + edits ×
    /// log pieces); no edits, no work.
    pub fn apply(self, edits: &[Edit]) -> MappedText {
        if edits.is_empty() {
            return self;
        }
        let mut out = Builder {
            text: String::with_capacity(self.text.len()),
            pieces: Vec::with_capacity(self.pieces.len() + edits.len()),
        };
        let mut cursor = 0;
        let mut at = 0;
        for edit in edits {
            debug_assert!(edit.range.start >= at, "edits overlap or are unsorted");
            let (s, e) = (edit.range.start, edit.range.end);
            self.copy(&mut out, at, s, None, &mut cursor);
            let old = &self.text[s..e];
            let same_lengths = old.len() == edit.with.len()
                && old
                    .chars()
                    .map(char::len_utf8)
                    .eq(edit.with.chars().map(char::len_utf8));
            if same_lengths {
                self.copy(&mut out, s, e, Some(&edit.with), &mut cursor);
            } else if old.chars().count() == edit.with.chars().count() {
                for ((i, a), c) in old.char_indices().zip(edit.with.chars()) {
                    let span = self.original_span(s + i..s + i + a.len_utf8());
                    let mut buf = [0u8; 4];
                    out.push(
                        c.encode_utf8(&mut buf),
                        span.start as u32,
                        span.end as u32,
                        false,
                    );
                }
            } else if !edit.with.is_empty() {
                let span = self.original_span(s..e);
                out.push(&edit.with, span.start as u32, span.end as u32, false);
            }
            at = e;
        }
        self.copy(&mut out, at, self.text.len(), None, &mut cursor);
        MappedText {
            text: out.text,
            pieces: out.pieces,
        }
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
    fn width_change_maps_each_char_and_unchanged_text_stays_aligned() {
        let m = MappedText::new("ａ協b");
        let out = m.apply(&[Edit::new(0..3, "a"), Edit::new(3..6, "协")]);
        assert_eq!(out.as_str(), "a协b");
        assert_eq!(out.original_span(0..1), 0..3);
        assert_eq!(out.original_span(1..4), 3..6);
        assert_eq!(out.original_span(4..5), 6..7);
        assert_eq!(out.original_span(5..5), 7..7);
        assert_eq!(out.pieces.len(), 2, "{:?}", out.pieces);
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
