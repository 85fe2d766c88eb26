//! Aligned plain-text tables for human output; widths count CJK characters as two columns.

use unicode_width::UnicodeWidthStr;

/// Render `rows` (the first is the header) with columns padded to equal display width.
pub fn render(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `s` cut to at most `max` display columns, with … where it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.to_string().width() + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// At most `max` display columns of `s`, centred on the first occurrence of `focus` when
/// `s` is longer, with … marking what was cut.
pub fn excerpt(s: &str, focus: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let Some(at) = s.find(focus).filter(|_| !focus.is_empty()) else {
        return truncate(s, max);
    };
    let before = &s[..at];
    let budget = max.saturating_sub(focus.width()) / 2;
    let mut start = at;
    for (i, c) in before.char_indices().rev() {
        if before[i..].width() > budget {
            break;
        }
        start = i;
        let _ = c;
    }
    let head = if start > 0 { "…" } else { "" };
    format!(
        "{head}{}",
        truncate(&s[start..], max.saturating_sub(head.width()))
    )
}
