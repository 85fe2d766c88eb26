//! Discovery: spans of the normalized text that look like entities — parks, zones, bases,
//! bodies (局/厅/委/部/办/组), 《titles》 — but are in no catalogue name, with counts and one
//! sentence each, so a user can extend the catalogue from a new document.

use crate::normalize::is_han;
use crate::pipeline::Build;
use serde::Serialize;
use std::collections::BTreeMap;

/// Name endings that mark an entity, and the kind they suggest.
const SUFFIXES: [(&str, &str); 32] = [
    ("合作园区", "park"),
    ("科技园区", "park"),
    ("科技园", "park"),
    ("科创园", "park"),
    ("产业园", "park"),
    ("园区", "park"),
    ("科技城", "park"),
    ("新城", "park"),
    ("产业基地", "park"),
    ("基地", "park"),
    ("开发区", "park"),
    ("示范区", "park"),
    ("试验区", "park"),
    ("片区", "park"),
    ("新区", "region"),
    ("中心", "platform"),
    ("平台", "platform"),
    ("委员会", "organization"),
    ("工作组", "organization"),
    ("领导小组", "organization"),
    ("办公室", "organization"),
    ("联合办", "organization"),
    ("管委会", "organization"),
    ("集团", "organization"),
    ("大学", "organization"),
    ("局", "organization"),
    ("厅", "organization"),
    ("委", "organization"),
    ("部", "organization"),
    ("办", "organization"),
    ("组", "organization"),
    ("院", "organization"),
];

/// Characters that end a name when reading backwards from its suffix.
const STOP: &str = "的在与及向对把将从为是了等并或以被让使要对就也都而且还又更再已着过系日";

/// Verbs and adverbs that open a clause, not a name; cut off the front of a candidate.
const LEADING_VERBS: [&str; 36] = [
    "加快建设",
    "全面建设",
    "高标准高质量建设",
    "牵头组建",
    "积极创建",
    "着力推进",
    "研究部署规划建设",
    "加快推动",
    "全面抓好",
    "力推进",
    "加快",
    "建设",
    "支持",
    "推动",
    "推进",
    "促进",
    "发挥",
    "依托",
    "共建",
    "搭建",
    "提升",
    "打造",
    "处理好",
    "实行",
    "组建",
    "创建",
    "完善",
    "健全",
    "构建",
    "实施",
    "设立",
    "引导",
    "积极",
    "全面",
    "联合",
    "建立",
];

/// Endings that make a word no name although it ends in a name suffix.
const NOT_NAMES: [&str; 8] = [
    "内部", "干部", "部门", "总部", "布局", "格局", "重组", "通办",
];

/// Characters that join a name to what stands before it (讲话精神和三地党委).
const CONNECTORS: &str = "和与及、的";

/// Generic words that name nothing on their own (a name needs more in front of them).
const GENERIC: [&str; 6] = ["平台", "中心", "园区", "片区", "基地", "新区"];

/// A candidate entity found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub text: String,
    pub suggested_kind: String,
    pub count: usize,
    /// The first document and sentence it occurs in.
    pub document: String,
    pub sentence: String,
}

/// Candidates in all documents, most frequent first, then by text. O(n · suffixes).
pub fn candidates(build: &Build) -> Vec<Candidate> {
    let known: std::collections::HashSet<&str> =
        build.entities.iter().flat_map(|e| e.names()).collect();
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    for d in &build.documents {
        let text = d.text();
        let slices = crate::extract::by_sentence(&d.mentions, d.sentences.len());
        for s in &d.sentences {
            let sentence = &text[s.range.clone()];
            let mentions: Vec<std::ops::Range<usize>> = d.mentions[slices[s.index].clone()]
                .iter()
                .filter(|m| m.is_top())
                .map(|m| m.range.start - s.range.start..m.range.end - s.range.start)
                .collect();
            let mut spans: Vec<(std::ops::Range<usize>, &str)> =
                crate::extract::titles::title_spans(sentence)
                    .into_iter()
                    .map(|r| {
                        (
                            r.start + '《'.len_utf8()..r.end - '》'.len_utf8(),
                            "document",
                        )
                    })
                    .collect();
            spans.extend(suffix_spans(sentence));
            for (mut span, kind) in spans {
                // A span ending inside a mention is part of a known name.
                if mentions
                    .iter()
                    .any(|m| m.start < span.end && span.end <= m.end && *m != span)
                {
                    continue;
                }
                // Start after the last connector (和与及、的) next to a mention inside the span:
                // 讲话精神和三地党委 → 三地党委; 河北省商务厅 stays whole.
                let connector = |c: char| CONNECTORS.contains(c);
                let cut = mentions
                    .iter()
                    .filter(|m| m.end > span.start && m.end < span.end)
                    .flat_map(|m| {
                        let before = sentence[..m.start]
                            .chars()
                            .next_back()
                            .filter(|&c| connector(c) && m.start > span.start)
                            .map(|_| m.start);
                        let after = sentence[m.end..]
                            .chars()
                            .next()
                            .filter(|&c| connector(c))
                            .map(|c| m.end + c.len_utf8());
                        before.into_iter().chain(after)
                    })
                    .max();
                if let Some(cut) = cut {
                    span.start = cut;
                }
                let name = sentence[span.clone()].trim_start_matches(|c| CONNECTORS.contains(c));
                let covered = known.contains(name) || mentions.contains(&span);
                let generic = GENERIC
                    .iter()
                    .any(|g| name.ends_with(g) && name.chars().count() <= g.chars().count() + 2);
                if covered
                    || generic
                    || name.chars().count() < 3
                    || NOT_NAMES.iter().any(|n| name.ends_with(n))
                {
                    continue;
                }
                let entry = found.entry(name.to_owned()).or_insert_with(|| Candidate {
                    text: name.to_owned(),
                    suggested_kind: kind.to_owned(),
                    count: 0,
                    document: d.source.id.clone(),
                    sentence: sentence.to_owned(),
                });
                entry.count += 1;
            }
        }
    }
    let mut out: Vec<Candidate> = found.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    out
}

/// `span` without leading verbs and without anything up to an unmatched `(`.
fn trim_front(mut span: &str) -> &str {
    if let Some(open) = span.rfind('(') {
        if !span[open..].contains(')') {
            span = &span[open + 1..];
        }
    }
    // Cut after the last verb inside the span (积极创建国家…示范区 → 国家…示范区).
    let cut = LEADING_VERBS
        .iter()
        .filter_map(|v| span.rfind(v).map(|i| i + v.len()))
        .filter(|&end| span[end..].chars().count() >= 3)
        .max();
    match cut {
        Some(end) => &span[end..],
        None => span,
    }
}

/// Spans ending in a suffix: the run of Han characters before it (at most 20 characters in all),
/// cut at stop characters.
fn suffix_spans(sentence: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest = &sentence[chars[i].0..];
        let Some(&(suffix, kind)) = SUFFIXES.iter().find(|(s, _)| rest.starts_with(s)) else {
            i += 1;
            continue;
        };
        let suffix_chars = suffix.chars().count();
        let end = i + suffix_chars;
        // The next character must not continue a word (局势, 部署, 委托).
        let next = chars.get(end).map(|c| c.1);
        let continues =
            next.is_some_and(|c| is_han(c) && !"在和与、等的".contains(c)) && suffix_chars == 1;
        if !continues {
            let mut start = i;
            while start > 0 && end - (start - 1) <= 20 {
                let c = chars[start - 1].1;
                if !(is_han(c) || c == '—' || c == '(' || c == ')') || STOP.contains(c) {
                    break;
                }
                start -= 1;
            }
            let from = chars[start].0;
            let to = chars.get(end).map_or(sentence.len(), |c| c.0);
            let name = trim_front(&sentence[from..to]);
            if name.chars().count() >= suffix_chars + 2 {
                out.push((to - name.len()..to, kind));
            }
        }
        i = end;
    }
    out
}
