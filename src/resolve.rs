//! Finding entities by name: id, simplified or traditional Chinese name, alias, English name
//! or substring, ranked; unknown names get the closest names as suggestions.

use crate::catalogue::Kind;
use crate::error::{Error, Result};
use crate::graph::{KnowledgeGraph, Node};
use crate::saved::index::IndexedNames;
use petgraph::graph::NodeIndex;
use rayon::iter::{ParallelBridge, ParallelIterator};
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

/// What name search reads of a node: a graph's [`Node`] or a saved graph's index entry.
pub trait Names {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn en(&self) -> Option<&str>;
    fn aliases(&self) -> impl Iterator<Item = &str>;
    fn traditional(&self) -> impl Iterator<Item = &str>;
    fn kind(&self) -> Kind;
    /// The texts it is mentioned by, each with its document (only those that are not its
    /// own names need be given: they are for "did you mean").
    fn local_names(&self) -> impl Iterator<Item = (&str, &str)>;
}

impl Names for Node {
    fn id(&self) -> &str {
        &self.record.id
    }
    fn name(&self) -> &str {
        &self.record.name
    }
    fn en(&self) -> Option<&str> {
        self.record.en.as_deref()
    }
    fn aliases(&self) -> impl Iterator<Item = &str> {
        self.record.aliases.iter().map(String::as_str)
    }
    fn traditional(&self) -> impl Iterator<Item = &str> {
        self.traditional.iter().map(String::as_str)
    }
    fn kind(&self) -> Kind {
        self.record.kind
    }
    fn local_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.mentions
            .iter()
            .map(|m| (m.text.as_str(), m.document.as_str()))
    }
}

impl<T: Names> Names for &T {
    fn id(&self) -> &str {
        (*self).id()
    }
    fn name(&self) -> &str {
        (*self).name()
    }
    fn en(&self) -> Option<&str> {
        (*self).en()
    }
    fn aliases(&self) -> impl Iterator<Item = &str> {
        (*self).aliases()
    }
    fn traditional(&self) -> impl Iterator<Item = &str> {
        (*self).traditional()
    }
    fn kind(&self) -> Kind {
        (*self).kind()
    }
    fn local_names(&self) -> impl Iterator<Item = (&str, &str)> {
        (*self).local_names()
    }
}

impl Names for IndexedNames<'_, '_> {
    fn id(&self) -> &str {
        IndexedNames::id(self)
    }
    fn name(&self) -> &str {
        IndexedNames::name(self)
    }
    fn en(&self) -> Option<&str> {
        IndexedNames::en(self)
    }
    fn aliases(&self) -> impl Iterator<Item = &str> {
        IndexedNames::aliases(self)
    }
    fn traditional(&self) -> impl Iterator<Item = &str> {
        IndexedNames::traditional(self)
    }
    fn kind(&self) -> Kind {
        IndexedNames::kind(self)
    }
    fn local_names(&self) -> impl Iterator<Item = (&str, &str)> {
        IndexedNames::local_names(self)
    }
}

/// `text` lowercased, without allocating when it has nothing to lower.
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    let changes = |c: char| {
        if c.is_ascii() {
            return c.is_ascii_uppercase();
        }
        // CJK symbols, kana and ideographs have no case.
        if ('\u{3000}'..='\u{9fff}').contains(&c) {
            return false;
        }
        let mut lower = c.to_lowercase();
        (lower.next(), lower.next()) != (Some(c), None)
    };
    if text.chars().any(changes) {
        text.to_lowercase().into()
    } else {
        text.into()
    }
}

/// Compare ASCII `text`, lowercased on the fly, with `lower`.
fn ascii_folded_eq(text: &[u8], lower: &[u8]) -> bool {
    text.len() == lower.len()
        && text
            .iter()
            .zip(lower)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// Whether `text` lowercased equals `lower` (already lowercase).
fn folded_eq(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        ascii_folded_eq(text.as_bytes(), lower.as_bytes())
    } else {
        lowercase(text) == lower
    }
}

/// Whether `text` lowercased starts with `lower` (already lowercase).
fn folded_starts_with(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        text.len() >= lower.len()
            && ascii_folded_eq(&text.as_bytes()[..lower.len()], lower.as_bytes())
    } else {
        lowercase(text).starts_with(lower)
    }
}

/// Whether `text` lowercased contains `lower` (already lowercase, not empty).
fn folded_contains(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        lower.is_ascii()
            && text
                .as_bytes()
                .windows(lower.len())
                .any(|w| ascii_folded_eq(w, lower.as_bytes()))
    } else {
        lowercase(text).contains(lower)
    }
}

/// How `node` matches the query (`raw`, its lowercase and its simplified form), or `None`;
/// with `exact_only`, only an id, name, alias or English-name match counts.
fn quality(node: &impl Names, query: &Query, exact_only: bool) -> Option<(MatchQuality, String)> {
    let Query {
        raw,
        lower,
        simplified,
    } = query;
    let (id, name) = (node.id(), node.name());
    if id == raw {
        return Some((MatchQuality::Id, id.to_owned()));
    }
    if name == simplified || name == raw {
        return Some((MatchQuality::Name, name.to_owned()));
    }
    if let Some(a) = node
        .aliases()
        .chain(node.traditional())
        .find(|a| a == simplified || a == raw)
    {
        return Some((MatchQuality::Alias, a.to_owned()));
    }
    if let Some(en) = node.en().filter(|en| folded_eq(en, lower)) {
        return Some((MatchQuality::English, en.to_owned()));
    }
    if exact_only {
        return None;
    }
    let names = || {
        std::iter::once(name)
            .chain(node.aliases())
            .chain(node.en())
            .chain(node.traditional())
    };
    if let Some(n) =
        names().find(|n| n.starts_with(simplified.as_str()) || folded_starts_with(n, lower))
    {
        return Some((MatchQuality::Prefix, n.to_owned()));
    }
    if let Some(n) = names().find(|n| n.contains(simplified.as_str()) || folded_contains(n, lower))
    {
        return Some((MatchQuality::Substring, n.to_owned()));
    }
    (id.contains(lower.as_str()) && lower.len() >= 3)
        .then(|| (MatchQuality::Substring, id.to_owned()))
}

/// A query as matching reads it.
struct Query {
    raw: String,
    lower: String,
    simplified: String,
}

impl Query {
    /// `None` for a blank query.
    fn new(query: &str) -> Option<Query> {
        let raw = query.trim();
        (!raw.is_empty()).then(|| Query {
            raw: raw.to_owned(),
            lower: raw.to_lowercase(),
            simplified: t2s(raw),
        })
    }
}

/// Every node matching `query`, best match first, then by the length of the name that
/// matched, then by id. O(V · names).
pub fn search(graph: &KnowledgeGraph, query: &str) -> Vec<(NodeIndex, Hit)> {
    search_in(
        graph.graph.node_indices().map(|i| (i, &graph.graph[i])),
        query,
    )
}

/// [`search`] over any nodes' names.
pub fn search_in<N: Names>(
    nodes: impl Iterator<Item = (NodeIndex, N)>,
    query: &str,
) -> Vec<(NodeIndex, Hit)> {
    Query::new(query).map_or_else(Vec::new, |q| hits(nodes, &q, false))
}

fn hits<N: Names>(
    nodes: impl Iterator<Item = (NodeIndex, N)>,
    query: &Query,
    exact_only: bool,
) -> Vec<(NodeIndex, Hit)> {
    let mut hits: Vec<(NodeIndex, Hit)> = nodes
        .filter_map(|(i, node)| {
            let (quality, matched) = quality(&node, query, exact_only)?;
            Some((
                i,
                Hit {
                    id: node.id().to_owned(),
                    name: node.name().to_owned(),
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
    suggestions_in(|| graph.nodes(), query, n)
}

/// [`suggestions`] over any nodes' names (`nodes` lists them, and is called twice).
/// O(V · names · the query's length), spread over all cores.
pub fn suggestions_in<N: Names + Send, I: Iterator<Item = N> + Send>(
    nodes: impl Fn() -> I,
    query: &str,
    n: usize,
) -> Vec<String> {
    let simplified = t2s(query.trim());
    let lower = simplified.to_lowercase();
    let count = simplified.chars().count().max(1) as f64;
    let mut out: Vec<String> = nodes()
        .filter_map(|node| {
            let mut documents: Vec<&str> = Vec::new();
            for (_, document) in node.local_names().filter(|(text, _)| *text == simplified) {
                if !documents.contains(&document) {
                    documents.push(document);
                }
            }
            (!documents.is_empty()).then(|| {
                format!(
                    "{} [{}] (as '{simplified}' in {})",
                    node.name(),
                    node.id(),
                    documents.join(", ")
                )
            })
        })
        .collect();
    // Every name is scored, on all cores (a saved graph may have millions).
    let mut scored: Vec<(f64, String)> = nodes()
        .par_bridge()
        .filter_map(|node| {
            let best = std::iter::once(node.name())
                .chain(node.aliases())
                .chain(node.en())
                .map(|name| {
                    let a = strsim::normalized_levenshtein(&simplified, name);
                    let folded = lowercase(name);
                    // Lowercasing changes nothing: the same distance.
                    let b = if folded == name && lower == simplified {
                        a
                    } else {
                        strsim::normalized_levenshtein(&lower, &folded)
                    };
                    let shared = simplified
                        .chars()
                        .filter(|c| !c.is_ascii() && name.contains(*c))
                        .count() as f64
                        / count;
                    a.max(b).max(shared * 0.8)
                })
                .fold(0.0, f64::max);
            (best >= 0.4).then(|| (best, format!("{} [{}]", node.name(), node.id())))
        })
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
    resolve_in(
        || graph.graph.node_indices().map(|i| (i, &graph.graph[i])),
        query,
    )
    .map_err(|e| match e {
        Error::UnknownName { name, .. } => Error::UnknownName {
            suggestions: suggestions(graph, query, 5),
            name,
        },
        other => other,
    })
}

/// [`resolve`] over any nodes' names (`nodes` lists them, and is called once or twice), but
/// an unknown name gets no suggestions (they read the mentions). Exact matches are looked
/// for first: only when there is none are prefixes and substrings compared.
pub fn resolve_in<N: Names, I: Iterator<Item = (NodeIndex, N)>>(
    nodes: impl Fn() -> I,
    query: &str,
) -> Result<NodeIndex> {
    let found = Query::new(query).map_or_else(Vec::new, |q| {
        let exact = hits(nodes(), &q, true);
        if exact.is_empty() {
            hits(nodes(), &q, false)
        } else {
            exact
        }
    });
    let Some(best) = found.first().map(|h| h.1.quality) else {
        return Err(Error::UnknownName {
            name: query.to_owned(),
            suggestions: Vec::new(),
        });
    };
    let exact = best <= MatchQuality::English;
    let top: Vec<&(NodeIndex, Hit)> = found
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
