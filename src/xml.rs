//! XML text escaping, shared by the writers of SVG, GraphML, GEXF and HTML.

/// `text` escaped for XML (and HTML) text and attribute values: `& < > " '` as entities,
/// tab, line feed and carriage return as character references (so attribute values keep
/// them instead of reading them as spaces), and what XML 1.0 forbids (other control
/// characters, U+FFFE, U+FFFF) replaced by U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_forbidden_controls() {
        assert_eq!(
            super::escape("<a href=\"x\">&'\u{1}\n\u{FFFF}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}&#10;\u{FFFD}"
        );
    }
}
