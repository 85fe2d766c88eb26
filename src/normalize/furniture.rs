//! Line-level stages: page furniture (print/share/comment/page-number lines, link notices),
//! line trimming, and rejoining a paragraph broken mid-sentence.

use super::config::FurnitureConfig;
use crate::dates::PartialDate;
use crate::mapped::Edit;

/// Edits dropping furniture lines (with their line break), and the first ISO date
/// (`YYYY-MM-DD`) found in a dropped line.
pub fn furniture_edits(config: &FurnitureConfig, text: &str) -> (Vec<Edit>, Option<PartialDate>) {
    let mut edits = Vec::new();
    let mut date = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let url_date = config.url_date_line
            && (trimmed.contains("http://") || trimmed.contains("https://"))
            && find_iso_date(trimmed).is_some();
        let is_furniture = !trimmed.is_empty()
            && (config.contains.iter().any(|p| trimmed.contains(p.as_str()))
                || config.exact.iter().any(|p| trimmed == p)
                || url_date);
        if is_furniture {
            if date.is_none() {
                date = find_iso_date(trimmed);
            }
            edits.push(Edit::delete(start..start + line.len()));
        }
        start += line.len();
    }
    (edits, date)
}

fn find_iso_date(s: &str) -> Option<PartialDate> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let shape = w.iter().enumerate().all(|(k, &c)| match k {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
        if !shape {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s[i + r.start..i + r.end].parse::<u32>().ok();
        PartialDate::new(num(0..4)? as i32, Some(num(5..7)?), Some(num(8..10)?))
    })
}

/// Edits deleting leading and trailing white space of every line.
pub fn trim_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let lead = body.len() - body.trim_start().len();
        let trail = body.len() - body.trim_end().len();
        if lead == body.len() {
            if lead > 0 {
                edits.push(Edit::delete(start..start + lead));
            }
        } else {
            if lead > 0 {
                edits.push(Edit::delete(start..start + lead));
            }
            if trail > 0 {
                edits.push(Edit::delete(start + body.len() - trail..start + body.len()));
            }
        }
        // A CR before the LF goes too.
        if line.ends_with("\r\n") {
            edits.push(Edit::delete(start + line.len() - 2..start + line.len() - 1));
        }
        start += line.len();
    }
    edits
}

/// Edits joining a line that ends mid-sentence (with `,` or `、`) to the next non-empty line,
/// deleting the line breaks between (seed 002: `坚持医养一体化发展,` then a blank line).
pub fn broken_paragraph_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('\n') {
        let before = text[..i].chars().next_back();
        if !matches!(before, Some(',' | '、')) {
            continue;
        }
        let mut end = i;
        while end < bytes.len() && (bytes[end] == b'\n' || bytes[end] == b' ') {
            end += 1;
        }
        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
        let is_one_line_before = !text[line_start..i].is_empty();
        if end < bytes.len()
            && is_one_line_before
            && edits.last().is_none_or(|e: &Edit| e.range.end <= i)
        {
            edits.push(Edit::delete(i..end));
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapped::MappedText;

    #[test]
    fn joins_broken_paragraph_only_after_comma() {
        let t = "坚持医养一体化发展,\n\n加快培育。\n标题\n\n正文。";
        let m = MappedText::new(t).apply(&broken_paragraph_edits(t));
        assert_eq!(m.as_str(), "坚持医养一体化发展,加快培育。\n标题\n\n正文。");
    }

    #[test]
    fn furniture_line_date_is_kept() {
        let config = FurnitureConfig {
            contains: vec!["打 印".into()],
            exact: vec![],
            url_date_line: true,
        };
        let t = "】 【打 印】\n标题\nhttp://www.CRNTT.com   2024-02-23 07:23:21\n正文";
        let (edits, date) = furniture_edits(&config, t);
        assert_eq!(edits.len(), 2);
        assert_eq!(date.map(|d| d.to_string()), Some("2024-02-23".to_string()));
    }
}
