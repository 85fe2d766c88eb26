//! Finding entities by name: id, simplified or traditional Chinese name, alias, English name
//! or substring, ranked; unknown names get the closest names as suggestions.

use crate::error::{Error, Result};
use crate::graph::{KnowledgeGraph, Node};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::sync::OnceLock;

/// How a search hit matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchQuality {
    Id,
    Name,
    Alias,
    English,
    Prefix,
    Substring,
}

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(rename = "match")]
    pub quality: MatchQuality,
    /// The name that matched.
    pub matched: String,
}

fn t2s(query: &str) -> String {
    if !crate::normalize::t2s::T2s::may_change(query) {
        return query.to_owned();
    }
    static CONVERTER: OnceLock<crate::normalize::t2s::T2s> = OnceLock::new();
    CONVERTER.get_or_init(Default::default).convert(query)
}

fn quality(node: &Node, raw: &str, simplified: &str) -> Option<(MatchQuality, String)> {
    let r = &node.record;
    let lower = raw.to_lowercase();
    if r.id == raw {
        return Some((MatchQuality::Id, r.id.clone()));
    }
    if r.name == simplified || r.name == raw {
        return Some((MatchQuality::Name, r.name.clone()));
    }
    if let Some(a) = r
        .aliases
        .iter()
        .chain(&node.traditional)
        .find(|a| *a == simplified || *a == raw)
    {
        return Some((MatchQuality::Alias, a.clone()));
    }
    if r.en.as_ref().is_some_and(|en| en.to_lowercase() == lower) {
        return Some((MatchQuality::English, r.en.clone().unwrap_or_default()));
    }
    let names = || {
        std::iter::once(&r.name)
            .chain(&r.aliases)
            .chain(r.en.iter())
            .chain(&node.traditional)
    };
    if let Some(n) =
        names().find(|n| n.starts_with(simplified) || n.to_lowercase().starts_with(&lower))
    {
        return Some((MatchQuality::Prefix, n.clone()));
    }
    let in_id = r.id.contains(&lower) && lower.len() >= 3;
    if let Some(n) = names().find(|n| n.contains(simplified) || n.to_lowercase().contains(&lower)) {
        return Some((MatchQuality::Substring, n.clone()));
    }
    in_id.then(|| (MatchQuality::Substring, r.id.clone()))
}

/// Every node matching `query`, best match first, then by the length of the name that
/// matched, then by id. O(V · names).
pub fn search(graph: &KnowledgeGraph, query: &str) -> Vec<(NodeIndex, Hit)> {
    let raw = query.trim();
    if raw.is_empty() {
        return Vec::new();
    }
    let simplified = t2s(raw);
    let mut hits: Vec<(NodeIndex, Hit)> = graph
        .graph
        .node_indices()
        .filter_map(|i| {
            let node = &graph.graph[i];
            let (quality, matched) = quality(node, raw, &simplified)?;
            Some((
                i,
                Hit {
                    id: node.record.id.clone(),
                    name: node.record.name.clone(),
                    kind: node.kind().to_string(),
                    quality,
                    matched,
                },
            ))
        })
        .collect();
    // Best match first; among equal matches the shortest matched name (the closest fit).
    hits.sort_by_cached_key(|h| (h.1.quality, h.1.matched.chars().count(), h.1.id.clone()));
    hits
}

/// The closest names to `query` (for "did you mean"), at most `n`. Entities the query
/// names inside some document first (a local name such as 本市), then by string similarity.
pub fn suggestions(graph: &KnowledgeGraph, query: &str, n: usize) -> Vec<String> {
    let simplified = t2s(query.trim());
    let mut out: Vec<String> = graph
        .nodes()
        .filter_map(|node| {
            let mut documents: Vec<&str> = node
                .mentions
                .iter()
                .filter(|m| m.text == simplified)
                .map(|m| m.document.as_str())
                .collect();
            documents.dedup();
            (!documents.is_empty()).then(|| {
                format!(
                    "{} [{}] (as '{simplified}' in {})",
                    node.record.name,
                    node.record.id,
                    documents.join(", ")
                )
            })
        })
        .collect();
    let mut scored: Vec<(f64, String)> = graph
        .nodes()
        .map(|node| {
            let r = &node.record;
            let best = std::iter::once(&r.name)
                .chain(&r.aliases)
                .chain(r.en.iter())
                .map(|name| {
                    let a = strsim::normalized_levenshtein(&simplified, name);
                    let b = strsim::normalized_levenshtein(
                        &simplified.to_lowercase(),
                        &name.to_lowercase(),
                    );
                    let shared = simplified
                        .chars()
                        .filter(|c| !c.is_ascii() && name.contains(*c))
                        .count() as f64
                        / simplified.chars().count().max(1) as f64;
                    a.max(b).max(shared * 0.8)
                })
                .fold(0.0, f64::max);
            (best, format!("{} [{}]", r.name, r.id))
        })
        .filter(|(score, _)| *score >= 0.4)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.extend(scored.into_iter().map(|(_, s)| s));
    out.truncate(n);
    out
}

/// The one node `query` names. An exact id, name, alias or English name wins; otherwise a
/// unique prefix or substring match. Several equally good matches: `AmbiguousName`; none:
/// `UnknownName` with suggestions.
pub fn resolve(graph: &KnowledgeGraph, query: &str) -> Result<NodeIndex> {
    let hits = search(graph, query);
    let Some(best) = hits.first().map(|h| h.1.quality) else {
        return Err(Error::UnknownName {
            name: query.to_owned(),
            suggestions: suggestions(graph, query, 5),
        });
    };
    let exact = best <= MatchQuality::English;
    let top: Vec<&(NodeIndex, Hit)> = hits
        .iter()
        .filter(|h| {
            if exact {
                h.1.quality == best
            } else {
                h.1.quality >= MatchQuality::Prefix
            }
        })
        .collect();
    match top.as_slice() {
        [one] => Ok(one.0),
        many => Err(Error::AmbiguousName {
            name: query.to_owned(),
            candidates: many
                .iter()
                .map(|h| format!("{} [{}] ({})", h.1.name, h.1.id, h.1.kind))
                .collect(),
        }),
    }
}
