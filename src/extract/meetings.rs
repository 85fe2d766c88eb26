//! Numbered meetings of a body: `京津冀产业协同专题工作组在京召开2024年第二次工作会议`,
//! `…工作组2024年第一次工作会议在津举行`. The meeting is named by its body, year and number
//! whatever the wording around them, so a known meeting is found in other words and a new
//! one becomes an event node.

use super::DocContext;
use crate::catalogue::{Entity, Kind};
use std::ops::Range;

/// A numbered meeting found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// `2024年第二次工作会议` as written.
    pub range: Range<usize>,
    pub sentence: usize,
    /// The body, year and number as one name: `京津冀产业协同专题工作组2024年第二次工作会议`.
    pub name: String,
    pub year: i32,
}

/// Chinese numerals a meeting's number is written in.
const NUMERALS: &str = "一二三四五六七八九十";

/// The longest a meeting's kind may be between 次 and 会议 (工作, 主任办公, 联席).
const KIND_CHARS: usize = 6;

/// What may stand between a body and its meeting: `在京召开`, `召开`, nothing.
const LINKS: [&str; 4] = ["召开", "举行", "举办", "组织召开"];

/// The numbered meetings of `ctx` whose body (an organization) is named just before them in
/// the clause — directly (`工作组2024年第一次工作会议`) or through `在X召开`, `召开`.
/// O(n) in the text.
pub fn meetings(ctx: &DocContext, entities: &[Entity]) -> Vec<Meeting> {
    let text = ctx.text;
    let mut out = Vec::new();
    for (at, _) in text.match_indices("会议") {
        let end = at + "会议".len();
        let Some((start, year)) = numbered(text, at) else {
            continue;
        };
        let Some(sentence) = ctx.sentence_at(start) else {
            continue;
        };
        let body = ctx.in_sentence(sentence).iter().rev().find(|m| {
            m.is_top()
                && m.range.end <= start
                && entities[m.entity].kind() == Kind::Organization
                && links(&text[m.range.end..start])
        });
        if let Some(body) = body {
            let number = &text[start..end];
            let number = number.replacen("年度", "年", 1);
            out.push(Meeting {
                range: start..end,
                sentence,
                name: format!("{}{}", entities[body.entity].name(), number),
                year,
            });
        }
    }
    out
}

/// The start and year of `YYYY年(度)第N次<kind>` before `会议` at `at`.
fn numbered(text: &str, at: usize) -> Option<(usize, i32)> {
    let head = &text[..at];
    let kind_start = head
        .char_indices()
        .rev()
        .take(KIND_CHARS + 1)
        .find(|&(_, c)| c == '次')
        .map(|(i, _)| i)?;
    let head = &head[..kind_start];
    let number = head.len() - head.trim_end_matches(|c| NUMERALS.contains(c)).len();
    let head = head[..head.len() - number].strip_suffix('第')?;
    let head = head.strip_suffix('度').unwrap_or(head);
    let head = head.strip_suffix('年')?;
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if number == 0 || digits != 4 {
        return None;
    }
    let year = head[head.len() - 4..].parse().ok()?;
    Some((head.len() - 4, year))
}

/// Whether `between` a body and its meeting is a link: nothing, `召开`, `在X召开` (X a
/// place of at most four characters).
fn links(between: &str) -> bool {
    if between.is_empty() || LINKS.contains(&between) {
        return true;
    }
    between.strip_prefix('在').is_some_and(|rest| {
        LINKS.iter().any(|l| {
            rest.strip_suffix(l)
                .is_some_and(|place| (1..=4).contains(&place.chars().count()))
        })
    })
}

/// The one-character names of the three provinces where a meeting is held (`在京召开`).
pub const PROVINCE_ABBREVIATIONS: [(&str, &str); 3] = [
    ("京", "region/beijing"),
    ("津", "region/tianjin"),
    ("冀", "region/hebei"),
];

#[cfg(test)]
mod tests {
    use super::{links, numbered};

    #[test]
    fn numbered_meetings_and_their_links() {
        let t = "工作组在京召开2024年第二次工作会议";
        let at = t.find("会议").unwrap();
        assert_eq!(numbered(t, at), Some((t.find("2024").unwrap(), 2024)));
        let t = "2024年度第十次主任办公会议";
        assert_eq!(numbered(t, t.find("会议").unwrap()), Some((0, 2024)));
        assert_eq!(numbered("第二次会议", "第二次".len()), None);
        assert_eq!(numbered("24年第二次会议", "24年第二次".len()), None);
        assert!(links("在京召开") && links("") && links("召开"));
        assert!(!links("在北京市人民政府大楼召开") && !links("和"));
    }
}
