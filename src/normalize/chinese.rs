//! Character-level stages: full-width ASCII folding and the stray English `and` between Han characters.

use crate::mapped::Edit;

/// Whether `c` is a Han (CJK ideograph) character.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x30000..=0x3134F)
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
