//! Dates: `PartialDate` (year, year-month or full date), and the date expressions of a
//! normalized document — absolute (`2023年5月11日至12日`), year-less (`11月29、30日`, year
//! from the preceding date), relative (`去年5月`, `近日`, against the document's date) and
//! targets (`到2025年`, kept apart from event dates). Dates inside 《》 belong to titles and
//! are skipped.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Range;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// A checked date: month 1–12, day 1–31 (and only with a month).
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Option<Self> {
        let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = match (month, day) {
            (_, None) => true,
            (Some(_), Some(d)) => (1..=31).contains(&d),
            (None, Some(_)) => false,
        };
        ((1000..=2999).contains(&year) && month_ok && day_ok).then_some(PartialDate {
            year,
            month,
            day,
        })
    }

    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ASCII digits only: not `2024-+1`).
    pub fn parse(s: &str) -> Option<Self> {
        let digits = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
        let mut parts = s.split('-');
        let year = parts.next()?;
        if !digits(year, 4) {
            return None;
        }
        let year = year.parse().ok()?;
        let mut num = |len: usize| -> Option<Option<u32>> {
            match parts.next() {
                None => Some(None),
                Some(p) if digits(p, len) => p.parse().ok().map(Some),
                Some(_) => None,
            }
        };
        let month = num(2)?;
        let day = num(2)?;
        if parts.next().is_some() {
            return None;
        }
        PartialDate::new(year, month, day)
    }

    /// Whether the two agree as far as both are known (2023 agrees with 2023-05-11).
    pub fn agrees_with(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date '{s}': expected YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        })
    }
}

/// How a date expression was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// Written out in full (`2015年4月30日`).
    Absolute,
    /// Year taken from the preceding date (`11月29、30日`).
    YearFromContext,
    /// Resolved against the document's date (`去年5月`, `近日`).
    Relative,
    /// A deadline or goal (`到2025年`), not the date of an event.
    Target,
}

/// One date expression in a normalized text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    pub text: String,
    pub date: PartialDate,
    /// The last day of a range (`至12日`, `29、30日`).
    pub end: Option<PartialDate>,
    pub kind: DateKind,
}

/// Find the date expressions of `text`, resolving year-less and relative ones.
/// `document_date` anchors 去年/今年/近日. O(n) in the length of `text`.
pub fn find_dates(text: &str, document_date: Option<PartialDate>) -> Vec<DateMention> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut context_year: Option<i32> = None;
    let mut title_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            '\n' => title_depth = 0,
            _ => {}
        }
        if title_depth > 0 {
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        let parsed = if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit()) {
            parse_numeric(&chars, i, context_year)
        } else {
            parse_relative(&chars, i, document_date, context_year)
        };
        match parsed {
            Some((end_index, mut mention)) => {
                let start = chars[i].0;
                let end = chars.get(end_index).map_or(text.len(), |x| x.0);
                mention.range = start..end;
                mention.text = text[start..end].to_owned();
                if prev == Some('到') && mention.kind == DateKind::Absolute {
                    mention.kind = DateKind::Target;
                }
                if matches!(mention.kind, DateKind::Absolute) {
                    context_year = Some(mention.date.year);
                }
                out.push(mention);
                i = end_index;
            }
            None => i += 1,
        }
    }
    out
}

/// Read up to `max` ASCII digits at `i`: (value, next index).
fn digits(chars: &[(usize, char)], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut value = 0u32;
    while j < chars.len() && j - i < max && chars[j].1.is_ascii_digit() {
        value = value * 10 + chars[j].1.to_digit(10)?;
        j += 1;
    }
    (j > i && !chars.get(j).is_some_and(|c| c.1.is_ascii_digit())).then_some((value, j))
}

fn at(chars: &[(usize, char)], i: usize, c: char) -> bool {
    chars.get(i).is_some_and(|x| x.1 == c)
}

/// A mention of `date` (to `end`, which is dropped if it comes before `date`: a garbled
/// `5月31日至12日` is the 31st, not a range that runs backwards).
fn mention(date: PartialDate, end: Option<PartialDate>, kind: DateKind) -> DateMention {
    DateMention {
        range: 0..0,
        text: String::new(),
        date,
        end: end.filter(|&end| end >= date),
        kind,
    }
}

/// `YYYY年[M月[D日]]` (with `至D日`, `至M月D日`, `、D日` ranges, `年度`, `年伊始`),
/// `YYYY-MM-DD`, or a year-less `M月[D日]`.
fn parse_numeric(
    chars: &[(usize, char)],
    i: usize,
    context_year: Option<i32>,
) -> Option<(usize, DateMention)> {
    // ISO date.
    if let Some((y, j)) = digits(chars, i, 4) {
        if j - i == 4 && at(chars, j, '-') {
            let (m, k) = digits(chars, j + 1, 2)?;
            if at(chars, k, '-') {
                let (d, l) = digits(chars, k + 1, 2)?;
                let date = PartialDate::new(y as i32, Some(m), Some(d))?;
                return Some((l, mention(date, None, DateKind::Absolute)));
            }
            return None;
        }
    }
    let (first, j) = digits(chars, i, 4)?;
    let (year, kind, j) = if j - i == 4 && at(chars, j, '年') {
        (first as i32, DateKind::Absolute, j + 1)
    } else if j - i <= 2 && at(chars, j, '月') {
        (context_year?, DateKind::YearFromContext, i)
    } else {
        return None;
    };
    if kind == DateKind::Absolute && !(1949..=2100).contains(&year) {
        return None;
    }
    // Year only, 年度 or 伊始.
    let Some((month, k)) = digits(chars, j, 2).filter(|&(_, k)| at(chars, k, '月')) else {
        let mut end = j;
        let mut month = None;
        if at(chars, j, '度') {
            end += 1;
        } else if at(chars, j, '伊') && at(chars, j + 1, '始') {
            end += 2;
            month = Some(1);
        }
        return Some((
            end,
            mention(PartialDate::new(year, month, None)?, None, kind),
        ));
    };
    let mut end = k + 1;
    let Some((day, l)) =
        digits(chars, end, 2).filter(|&(_, l)| at(chars, l, '日') || at(chars, l, '、'))
    else {
        return Some((
            end,
            mention(PartialDate::new(year, Some(month), None)?, None, kind),
        ));
    };
    let start = PartialDate::new(year, Some(month), Some(day))?;
    let mut last = None;
    if at(chars, l, '、') {
        // 29、30日
        let (d2, m2) = digits(chars, l + 1, 2).filter(|&(_, m)| at(chars, m, '日'))?;
        last = PartialDate::new(year, Some(month), Some(d2));
        end = m2 + 1;
    } else {
        end = l + 1;
        if at(chars, end, '至') {
            if let Some((n, m)) = digits(chars, end + 1, 2) {
                if at(chars, m, '日') {
                    last = PartialDate::new(year, Some(month), Some(n));
                    end = m + 1;
                } else if at(chars, m, '月') {
                    if let Some((d2, o)) =
                        digits(chars, m + 1, 2).filter(|&(_, o)| at(chars, o, '日'))
                    {
                        last = PartialDate::new(year, Some(n), Some(d2));
                        end = o + 1;
                    }
                }
            }
        }
    }
    Some((end, mention(start, last, kind)))
}

/// `去年[M月]`, `今年[M月]`, `前年`, `明年`, `当年`, `近日`, `日前`.
fn parse_relative(
    chars: &[(usize, char)],
    i: usize,
    document_date: Option<PartialDate>,
    context_year: Option<i32>,
) -> Option<(usize, DateMention)> {
    let pair = (chars.get(i)?.1, chars.get(i + 1)?.1);
    let doc = document_date;
    let (year, whole) = match pair {
        ('去', '年') => (doc?.year - 1, false),
        ('今', '年') => (doc?.year, false),
        ('前', '年') => (doc?.year - 2, false),
        ('明', '年') => (doc?.year + 1, false),
        ('当', '年') => (context_year.or(doc.map(|d| d.year))?, false),
        ('近', '日') | ('日', '前') => (doc?.year, true),
        _ => return None,
    };
    if whole {
        return Some((i + 2, mention(doc?, None, DateKind::Relative)));
    }
    let j = i + 2;
    if let Some((month, k)) = digits(chars, j, 2).filter(|&(_, k)| at(chars, k, '月')) {
        return Some((
            k + 1,
            mention(
                PartialDate::new(year, Some(month), None)?,
                None,
                DateKind::Relative,
            ),
        ));
    }
    Some((
        j,
        mention(
            PartialDate::new(year, None, None)?,
            None,
            DateKind::Relative,
        ),
    ))
}

/// The date a mention at byte `at` in `sentence` refers to: the last non-target date that
/// starts before `at_end` inside the sentence.
pub fn date_before<'a>(
    dates: &'a [DateMention],
    sentence: &Range<usize>,
    at_end: usize,
) -> Option<&'a DateMention> {
    dates.iter().rfind(|d| {
        d.kind != DateKind::Target && d.range.start >= sentence.start && d.range.start < at_end
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(t: &str, doc: Option<&str>) -> Vec<(String, Option<String>, DateKind)> {
        find_dates(t, doc.and_then(PartialDate::parse))
            .into_iter()
            .map(|m| (m.date.to_string(), m.end.map(|e| e.to_string()), m.kind))
            .collect()
    }

    #[test]
    fn absolute_and_ranges() {
        assert_eq!(
            dates("2023年5月11日至12日,座谈会", None),
            vec![(
                "2023-05-11".into(),
                Some("2023-05-12".into()),
                DateKind::Absolute
            )]
        );
        assert_eq!(
            dates("2023年11月24日,通过;11月29、30日,相继通过", None),
            vec![
                ("2023-11-24".into(), None, DateKind::Absolute),
                (
                    "2023-11-29".into(),
                    Some("2023-11-30".into()),
                    DateKind::YearFromContext
                )
            ]
        );
        assert_eq!(dates("2019年伊始", None)[0].0, "2019-01");
        assert_eq!(dates("2024年度第二次", None)[0].0, "2024");
    }

    #[test]
    fn relative_targets_and_titles() {
        assert_eq!(
            dates("去年5月,习近平", Some("2024")),
            vec![("2023-05".into(), None, DateKind::Relative)]
        );
        assert_eq!(dates("近日,从", Some("2024-02-23"))[0].0, "2024-02-23");
        assert!(dates("去年5月", None).is_empty());
        assert_eq!(dates("明确到2025年,", None)[0].2, DateKind::Target);
        assert!(dates("《协议(2018-2022年)》", None).is_empty());
        assert!(dates("10年来,15项", None).is_empty());
    }

    #[test]
    fn partial_date_parse_and_agree() {
        let d = PartialDate::parse("2023-05").unwrap();
        assert!(d.agrees_with(&PartialDate::parse("2023-05-11").unwrap()));
        assert!(!d.agrees_with(&PartialDate::parse("2023-06").unwrap()));
        assert!(PartialDate::parse("2023-13").is_none());
        assert!(PartialDate::parse("23-01-01").is_none());
    }
}
