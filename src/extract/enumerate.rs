//! Enumerations. Distributive lists share a prefix or suffix among 、-separated items:
//! `唐山、保定、衡水、邯郸中关村合作园区` names four parks, `天津市、河北省人大常委会` two
//! congresses, `京津冀国家技术创新中心河北中心、雄安中心` two centres. Group enumerations
//! list the members of a group: `“六链”即氢能、生物医药…6条重点产业链`.

use super::{DocContext, EnumerationIssue, RawMention, RuleEdge};
use crate::catalogue::{Entity, Kind};
use crate::graph::{Relation, Via};
use std::collections::HashMap;

const SEPARATOR: &str = "、";

/// Mentions for the items of distributive lists, and `located_in` edges for a park, platform
/// or body whose item is a region (唐山中关村合作园区 → 唐山).
pub fn distributive(
    ctx: &DocContext,
    entities: &[Entity],
    names: &HashMap<&str, usize>,
) -> (Vec<RawMention>, Vec<RuleEdge>) {
    let mut mentions = Vec::new();
    let mut edges = Vec::new();
    let text = ctx.text;
    let mut emit = |entity: usize,
                    item: &RawMention,
                    range: std::ops::Range<usize>,
                    mentions: &mut Vec<RawMention>| {
        mentions.push(RawMention {
            entity,
            range,
            sentence: item.sentence,
            via: Via::Enumeration,
        });
        let found_kind = entities[entity].kind();
        if entities[item.entity].kind() == Kind::Region && found_kind != Kind::Region {
            edges.push(RuleEdge {
                source: entity,
                target: item.entity,
                relation: Relation::LocatedIn,
                rule: "enumeration",
                sentence: item.sentence,
                quote_from: item.sentence,
                date: None,
                role: None,
            });
        }
    };
    for whole in ctx.mentions.iter().filter(|m| m.is_top()) {
        let here = ctx.in_sentence(whole.sentence);
        let inner = here.iter().filter(|n| {
            n.via == Via::Nested
                && whole.range.start <= n.range.start
                && n.range.end <= whole.range.end
        });
        for part in inner {
            let kind = entities[part.entity].kind();
            let prefix = &text[whole.range.start..part.range.start];
            let suffix = &text[part.range.end..whole.range.end];
            // Items before: X、Y、<part><suffix>
            let mut pos = whole.range.start;
            if prefix.is_empty() {
                while text[..pos].ends_with(SEPARATOR) {
                    let end = pos - SEPARATOR.len();
                    let Some(item) = here
                        .iter()
                        .find(|i| i.range.end == end && entities[i.entity].kind() == kind)
                    else {
                        break;
                    };
                    let name = format!("{}{suffix}", &text[item.range.clone()]);
                    let Some(&found) = names.get(name.as_str()) else {
                        break;
                    };
                    emit(found, item, item.range.clone(), &mut mentions);
                    pos = item.range.start;
                }
            }
            // Items after: <prefix><part><suffix>、Y<suffix>
            let mut pos = whole.range.end;
            while text[pos..].starts_with(SEPARATOR) {
                let start = pos + SEPARATOR.len();
                let Some(item) = here
                    .iter()
                    .find(|i| i.range.start == start && entities[i.entity].kind() == kind)
                else {
                    break;
                };
                if !text[item.range.end..].starts_with(suffix) {
                    break;
                }
                let name = format!("{prefix}{}{suffix}", &text[item.range.clone()]);
                let Some(&found) = names.get(name.as_str()) else {
                    break;
                };
                let end = item.range.end + suffix.len();
                emit(found, item, item.range.start..end, &mut mentions);
                pos = end;
            }
        }
    }
    (mentions, edges)
}

/// The words after a count that say a list is a group's members: `6条重点产业链`,
/// `5个产业集群`.
const GROUP_NOUNS: [&str; 4] = ["产业集群", "产业链", "集群", "链"];

/// Words between a count and its group noun: `6条区域重点产业链`.
const GROUP_ADJECTIVES: [&str; 5] = ["区域", "重点", "先进制造业", "世界级", "优势"];

/// A list of a group's members found in the text: its items (start, text), the count the
/// text gives, the sentence, and the group when the text names it (`“六链”即…`).
struct GroupList<'t> {
    group: Option<usize>,
    /// Where a counted list's count and noun stand for the group (`5个产业集群`).
    counted: Option<std::ops::Range<usize>>,
    sentence: usize,
    items: Vec<(usize, &'t str)>,
    count: Option<usize>,
}

/// The `、`-separated pieces of `text[start..end]`, with their starts.
fn pieces(text: &str, start: usize, end: usize) -> Vec<(usize, &str)> {
    let mut items = Vec::new();
    let mut offset = start;
    for piece in text[start..end].split(SEPARATOR) {
        items.push((offset, piece));
        offset += piece.len() + SEPARATOR.len();
    }
    items
}

/// The number a count starts with, in digits or Chinese numerals up to 十.
fn count_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let head = &text[..end];
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        return Some((end - digits, head[end - digits..].parse().ok()?));
    }
    let c = head.chars().next_back()?;
    let n = "一二三四五六七八九十".chars().position(|d| d == c)? + 1;
    Some((end - c.len_utf8(), n))
}

/// Lists that end in a count and a group noun (`氢能、…、机器人6条重点产业链`,
/// `生命健康、…、安全应急装备5个产业集群`): the items run back to the clause's start.
fn counted_lists<'t>(ctx: &DocContext<'t>) -> Vec<GroupList<'t>> {
    let text = ctx.text;
    let mut lists = Vec::new();
    for (at, _) in text.match_indices(['条', '个']) {
        let mut rest = &text[at + '条'.len_utf8()..];
        while let Some(r) = GROUP_ADJECTIVES.iter().find_map(|a| rest.strip_prefix(a)) {
            rest = r;
        }
        let Some(noun) = GROUP_NOUNS.iter().find(|n| rest.starts_with(*n)) else {
            continue;
        };
        let phrase_end = text.len() - rest.len() + noun.len();
        let Some((list_end, count)) = count_before(text, at) else {
            continue;
        };
        let list_start = text[..list_end]
            .rfind(['，', ',', '。', '；', ';', '：', ':', '\n', '“', '”'])
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let Some(sentence) = ctx.sentence_at(list_end.saturating_sub(1)) else {
            continue;
        };
        let items = pieces(text, list_start, list_end);
        if items.len() >= 2 {
            lists.push(GroupList {
                group: None,
                counted: Some(list_end..phrase_end),
                sentence,
                items,
                count: Some(count),
            });
        }
    }
    lists
}

/// The member of `members` an enumeration item names: by its list name, or by a name or
/// alias without the group noun (生命健康 for 生命健康集群). With `lead`, the item may
/// start with other words (会议听取氢能): the longest name it ends with.
fn member_named<'t>(
    item: &'t str,
    members: &[usize],
    entities: &[Entity],
    lead: bool,
) -> Option<(usize, &'t str)> {
    let item = item.trim_matches(|c: char| c.is_whitespace() || "“”\"".contains(c));
    let item = ["以及", "和", "及", "与"]
        .iter()
        .find_map(|w| item.strip_prefix(w))
        .unwrap_or(item);
    // 新一代信息技术应用创新(网络安全): the name before a bracketed gloss.
    let item = match item.find(['(', '（']) {
        Some(open) if open > 0 && item.ends_with([')', '）']) => &item[..open],
        _ => item,
    };
    let mut best: Option<(usize, &str)> = None;
    for &m in members {
        let e = &entities[m];
        let short = e.names().filter_map(|n| {
            GROUP_NOUNS
                .iter()
                .find_map(|g| n.strip_suffix(g))
                .filter(|s| s.chars().count() >= 2)
        });
        for name in e.record.list_name.as_deref().into_iter().chain(short) {
            let hit = if lead {
                item.ends_with(name)
            } else {
                item == name
            };
            if hit && best.is_none_or(|(_, b)| name.len() > b.len()) {
                best = Some((m, &item[item.len() - name.len()..]));
            }
        }
    }
    best
}

/// Mentions and `member_of`/`concerns` edges for the members a group enumeration lists:
/// after the group's name (`“六链”即氢能、…、机器人6条重点产业链;`) or before a count and a
/// group noun in any wording (`会议听取氢能、…、机器人6条重点产业链`, `…5个产业集群`; there the
/// group is the one most items belong to, and at least two must). Items are matched by the
/// members' list names or their names without the group noun; an unknown item or a count
/// that does not match is an issue.
pub fn groups(
    ctx: &DocContext,
    entities: &[Entity],
) -> (Vec<RawMention>, Vec<RuleEdge>, Vec<EnumerationIssue>) {
    let mut mentions = Vec::new();
    let mut edges = Vec::new();
    let mut issues = Vec::new();
    let text = ctx.text;
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if let Some(group) = e.record.group.as_deref() {
            groups.entry(group).or_default().push(i);
        }
    }
    let mut lists: Vec<GroupList> = Vec::new();
    let mut named_spans: Vec<std::ops::Range<usize>> = Vec::new();
    for g in ctx.mentions.iter().filter(|m| m.is_top()) {
        if !groups.contains_key(entities[g.entity].id()) {
            continue;
        }
        let rest = &text[g.range.end..];
        let skipped = rest.len() - rest.trim_start_matches(['”', '"', ' ', '’']).len();
        let Some(after_ji) = rest[skipped..].strip_prefix('即') else {
            continue;
        };
        let list_start = g.range.end + skipped + '即'.len_utf8();
        let list_len = after_ji
            .find([';', '。', ')', '\n', ','])
            .unwrap_or(after_ji.len());
        let mut items = pieces(text, list_start, list_start + list_len);
        let mut count = None;
        if let Some(last) = items.last_mut() {
            if let Some(d) = last.1.find(|c: char| c.is_ascii_digit()) {
                let digits: String = last.1[d..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                count = digits.parse::<usize>().ok();
                last.1 = &last.1[..d];
            }
        }
        named_spans.push(list_start..list_start + list_len);
        lists.push(GroupList {
            group: Some(g.entity),
            counted: None,
            sentence: g.sentence,
            items,
            count,
        });
    }
    // A counted list that is the tail of a named one is not listed twice.
    lists.extend(counted_lists(ctx).into_iter().filter(|l| {
        let start = l.items[0].0;
        !named_spans
            .iter()
            .any(|s| s.start <= start && start < s.end)
    }));
    for list in lists {
        let group = match list.group {
            Some(g) => g,
            None => {
                // The group most items name a member of.
                let best = groups
                    .iter()
                    .map(|(id, members)| {
                        let named = list
                            .items
                            .iter()
                            .enumerate()
                            .filter(|(i, (_, item))| {
                                member_named(item, members, entities, *i == 0).is_some()
                            })
                            .count();
                        (named, std::cmp::Reverse(*id))
                    })
                    .max();
                match best {
                    Some((named, std::cmp::Reverse(id))) if named >= 2 => {
                        match entities.iter().position(|e| e.id() == id) {
                            Some(g) => g,
                            None => continue,
                        }
                    }
                    _ => continue,
                }
            }
        };
        let group_id = entities[group].id();
        let members = &groups[group_id];
        // The count and noun name the group (`5个产业集群`), unless a name of it stands there.
        if let Some(phrase) = list.counted.clone() {
            let named = ctx.mentions.iter().any(|m| {
                m.entity == group && m.range.start < phrase.end && phrase.start < m.range.end
            });
            if !named {
                mentions.push(RawMention {
                    entity: group,
                    range: phrase,
                    sentence: list.sentence,
                    via: Via::Enumeration,
                });
            }
        }
        let mut resolved = 0;
        for (i, &(start, item)) in list.items.iter().enumerate() {
            let lead = list.group.is_none() && i == 0;
            let Some((m, name)) = member_named(item, members, entities, lead) else {
                let shown = item.trim();
                issues.push(EnumerationIssue {
                    sentence: list.sentence,
                    message: format!(
                        "item '{shown}' of {group_id} names no member (no list_name matches)"
                    ),
                });
                continue;
            };
            resolved += 1;
            let at = start + item.rfind(name).unwrap_or(0);
            mentions.push(RawMention {
                entity: m,
                range: at..at + name.len(),
                sentence: list.sentence,
                via: Via::Enumeration,
            });
            let edge = |target: usize, relation| RuleEdge {
                source: m,
                target,
                relation,
                rule: "group-enumeration",
                sentence: list.sentence,
                quote_from: list.sentence,
                date: None,
                role: None,
            };
            edges.push(edge(group, Relation::MemberOf));
            if let Some(field) = entities[m].record.field.as_deref() {
                if let Some(f) = entities.iter().position(|e| e.id() == field) {
                    edges.push(edge(f, Relation::Concerns));
                }
            }
        }
        if let Some(n) = list.count {
            if n != resolved {
                issues.push(EnumerationIssue {
                    sentence: list.sentence,
                    message: format!("{group_id}: the text counts {n} items, {resolved} resolved"),
                });
            }
        }
    }
    (mentions, edges, issues)
}
