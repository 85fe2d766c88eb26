//! Sentence splitting of normalized text: ends at 。！？!? and at semicolons (the clauses of
//! a legal text are statements of their own), and at every line end; never
//! inside 《》, “”, 「」 or (); a terminator just before a closing quote ends the sentence
//! after the quote. Bullets (●) and white space are trimmed off sentence edges.

use serde::Serialize;
use std::ops::Range;

/// One sentence: its index in the document, paragraph (line) index and byte range in the
/// normalized text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub index: usize,
    pub paragraph: usize,
    pub range: Range<usize>,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | ';' | '；')
}

fn opens(c: char) -> bool {
    matches!(c, '《' | '“' | '「' | '(' | '（')
}

fn closes(c: char) -> bool {
    matches!(c, '》' | '”' | '」' | ')' | '）')
}

/// Split `text` into sentences. O(n).
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let body_len = line.trim_end_matches('\n').len();
        let body = &line[..body_len];
        if !body.trim().is_empty() {
            let mut depth = 0usize;
            let mut start = 0usize;
            let mut after_terminator = false;
            for (i, c) in body.char_indices() {
                // A sentence ends at a terminator outside brackets, or at the bracket that
                // closes right after one (“…示范区。”).
                let ends_here = if opens(c) {
                    depth += 1;
                    false
                } else if closes(c) {
                    depth = depth.saturating_sub(1);
                    depth == 0 && after_terminator
                } else {
                    is_terminator(c) && depth == 0
                };
                after_terminator = is_terminator(c) && depth > 0;
                if ends_here {
                    let end = i + c.len_utf8();
                    push(
                        &mut out,
                        text,
                        line_start + start..line_start + end,
                        paragraph,
                    );
                    start = end;
                }
            }
            push(
                &mut out,
                text,
                line_start + start..line_start + body_len,
                paragraph,
            );
            paragraph += 1;
        }
        line_start += line.len();
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, range: Range<usize>, paragraph: usize) {
    let s = &text[range.clone()];
    let is_edge = |c: char| c.is_whitespace() || c == '●' || c == '■' || c == '◆';
    let lead = s.len() - s.trim_start_matches(is_edge).len();
    let trimmed = s.trim_matches(is_edge);
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + lead;
    out.push(Sentence {
        index: out.len(),
        paragraph,
        range: start..start + trimmed.len(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t)
            .into_iter()
            .map(|s| &t[s.range])
            .collect()
    }

    #[test]
    fn does_not_cut_inside_quotes_or_titles() {
        assert_eq!(
            split("他强调“要这样。要那样。”随后离开。●标题\n《决定。草案》通过了。"),
            vec![
                "他强调“要这样。要那样。”",
                "随后离开。",
                "标题",
                "《决定。草案》通过了。"
            ]
        );
    }

    #[test]
    fn unbalanced_quote_ends_at_line_end() {
        assert_eq!(
            split("他说“没有结束。\n下一行。"),
            vec!["他说“没有结束。", "下一行。"]
        );
    }
}
