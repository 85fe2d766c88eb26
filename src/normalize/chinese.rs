//! Character-level stages: traditional → simplified (OpenCC t2s), full-width ASCII folding,
//! and the stray English `and` between Han characters.

use crate::mapped::Edit;

/// Whether `c` is a Han (CJK ideograph) character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x30000..=0x3134F)
}

/// Edits converting traditional characters to simplified, line by line. OpenCC converts
/// phrases, so a line is converted whole; where the result has as many characters as the
/// line (every seed line does), each changed character becomes a one-character edit, which
/// keeps the offset map exact. Otherwise the line is converted character by character.
pub fn t2s_edits(converter: &ferrous_opencc::OpenCC, text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line.chars().any(is_han) {
            let converted = converter.convert(line);
            if converted.chars().count() == line.chars().count() {
                push_char_diffs(&mut edits, line_start, line, converted.chars());
            } else {
                let per_char = line.chars().map(|c| {
                    let mut buf = [0u8; 4];
                    let s = converter.convert(c.encode_utf8(&mut buf));
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(one), None) => one,
                        _ => c,
                    }
                });
                push_char_diffs(&mut edits, line_start, line, per_char);
            }
        }
        line_start += line.len();
    }
    edits
}

fn push_char_diffs(edits: &mut Vec<Edit>, base: usize, old: &str, new: impl Iterator<Item = char>) {
    for ((i, a), b) in old.char_indices().zip(new) {
        if a != b {
            edits.push(Edit::new(base + i..base + i + a.len_utf8(), b.to_string()));
        }
    }
}

/// Edits folding full-width ASCII (`！`…`～`) to ASCII and ideographic, no-break and other
/// odd spaces to a plain space. 。、“”《》【】—… are left as they are.
pub fn width_edits(text: &str) -> Vec<Edit> {
    text.char_indices()
        .filter_map(|(i, c)| {
            let folded = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
                '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => Some(' '),
                _ => None,
            }?;
            Some(Edit::new(i..i + c.len_utf8(), folded.to_string()))
        })
        .collect()
}

/// Edits turning ` and ` between two Han characters into 和 (seed 002: `重点科研机构 and 高端人才`).
pub fn stray_and_edits(text: &str) -> Vec<Edit> {
    const STRAY: &str = " and ";
    let mut edits = Vec::new();
    for (i, _) in text.match_indices(STRAY) {
        let before = text[..i].chars().next_back();
        let after = text[i + STRAY.len()..].chars().next();
        if before.is_some_and(is_han) && after.is_some_and(is_han) {
            edits.push(Edit::new(i..i + STRAY.len(), "和"));
        }
    }
    edits
}
