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

/// Mentions and `member_of`/`concerns` edges for the members a group enumeration lists
/// (`“六链”即氢能、…、机器人6条重点产业链;`). Items are matched against the `list_name` of the
/// group's members; an unknown item or a count that does not match is an issue.
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
    for g in ctx.mentions.iter().filter(|m| m.is_top()) {
        let group_id = entities[g.entity].id();
        let Some(members) = groups.get(group_id) else {
            continue;
        };
        let rest = &text[g.range.end..];
        let skipped = rest.len() - rest.trim_start_matches(['”', '"', ' ', '’']).len();
        let Some(after_ji) = rest[skipped..].strip_prefix('即') else {
            continue;
        };
        let list_start = g.range.end + skipped + '即'.len_utf8();
        let list_len = after_ji
            .find([';', '。', ')', '\n', ','])
            .unwrap_or(after_ji.len());
        let list = &text[list_start..list_start + list_len];
        let mut items: Vec<(usize, &str)> = Vec::new();
        let mut offset = 0;
        for piece in list.split(SEPARATOR) {
            items.push((list_start + offset, piece));
            offset += piece.len() + SEPARATOR.len();
        }
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
        let mut resolved = 0;
        for (start, item) in items {
            let trimmed = item.trim_matches(|c: char| c.is_whitespace() || "“”\"".contains(c));
            let lead = item.find(trimmed).unwrap_or(0);
            let range = start + lead..start + lead + trimmed.len();
            match members
                .iter()
                .find(|&&m| entities[m].record.list_name.as_deref() == Some(trimmed))
            {
                Some(&m) => {
                    resolved += 1;
                    mentions.push(RawMention {
                        entity: m,
                        range,
                        sentence: g.sentence,
                        via: Via::Enumeration,
                    });
                    let edge = |target: usize, relation| RuleEdge {
                        source: m,
                        target,
                        relation,
                        rule: "group-enumeration",
                        sentence: g.sentence,
                        quote_from: g.sentence,
                        date: None,
                        role: None,
                    };
                    edges.push(edge(g.entity, Relation::MemberOf));
                    if let Some(field) = entities[m].record.field.as_deref() {
                        if let Some(f) = entities.iter().position(|e| e.id() == field) {
                            edges.push(edge(f, Relation::Concerns));
                        }
                    }
                }
                None => issues.push(EnumerationIssue {
                    sentence: g.sentence,
                    message: format!(
                        "item '{trimmed}' of {group_id} names no member (no list_name matches)"
                    ),
                }),
            }
        }
        if let Some(n) = count {
            if n != resolved {
                issues.push(EnumerationIssue {
                    sentence: g.sentence,
                    message: format!("{group_id}: the text counts {n} items, {resolved} resolved"),
                });
            }
        }
    }
    (mentions, edges, issues)
}
