//! The review list of discovered entities (the nodes open-world extraction added beyond the
//! catalogue), and the catalogue entry that accepts one: a `[[entity]]` table to append to
//! the kind's file in `data/entities/`, keeping the id so edges and links stay the same.

use crate::catalogue::{EntityRecord, Kind};
use crate::graph::KnowledgeGraph;
use crate::pipeline::Build;
use serde::Serialize;

/// A discovered entity for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub id: String,
    pub kind: Kind,
    /// How it was recognised (company, government body, park, person …).
    pub category: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Mentions in all documents.
    pub count: usize,
    pub confidence: f64,
    /// The first document and sentence that name it.
    pub document: String,
    pub sentence: String,
}

/// The discovered nodes of a build, most mentioned first, then by confidence and name. O(n log n).
pub fn candidates(build: &Build) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = build
        .graph
        .nodes()
        .filter(|n| n.discovered)
        .map(|n| {
            let first = n.mentions.first();
            let sentence = first
                .and_then(|m| {
                    let d = build.documents.iter().find(|d| d.source.id == m.document)?;
                    Some(d.sentence_text(m.sentence).to_owned())
                })
                .unwrap_or_default();
            Candidate {
                id: n.id().to_owned(),
                kind: n.kind(),
                category: category(&n.record),
                name: n.name().to_owned(),
                aliases: n.record.aliases.clone(),
                count: n.mention_count(),
                confidence: n.record.confidence.unwrap_or(0.0),
                document: first.map(|m| m.document.clone()).unwrap_or_default(),
                sentence,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.confidence.total_cmp(&a.confidence))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// The category without discovery's `discovered ` prefix.
fn category(record: &EntityRecord) -> String {
    let c = record.category.as_deref().unwrap_or_default();
    c.strip_prefix("discovered ").unwrap_or(c).to_owned()
}

/// The catalogue file, relative to the catalogue directory, that holds entities of `kind`.
pub fn catalogue_file(kind: Kind) -> &'static str {
    match kind {
        Kind::Region => "entities/regions.toml",
        Kind::Organization => "entities/organizations.toml",
        Kind::Person => "entities/people.toml",
        Kind::Park => "entities/parks.toml",
        Kind::Chain | Kind::Cluster | Kind::Field => "entities/industry.toml",
        Kind::Document => "entities/documents.toml",
        Kind::Event => "entities/events.toml",
        Kind::Platform => "entities/platforms.toml",
        Kind::Concept => "entities/concepts.toml",
    }
}

/// The `[[entity]]` table that makes discovered node `id` of `graph` a catalogue entity, with
/// a comment naming the sentence it was accepted from. None when `graph` has no discovered
/// node `id`.
pub fn catalogue_entry(graph: &KnowledgeGraph, candidate: &Candidate) -> Option<String> {
    let node = graph.node(&candidate.id).filter(|n| n.discovered)?;
    #[derive(Serialize)]
    struct Table<'a> {
        entity: [&'a EntityRecord; 1],
    }
    let mut record = node.record.clone();
    record.category = Some(candidate.category.clone()).filter(|c| !c.is_empty());
    record.confidence = None;
    let table = toml::to_string(&Table { entity: [&record] }).ok()?;
    let mut quote: String = candidate
        .sentence
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(80)
        .collect();
    if candidate.sentence.chars().count() > 80 {
        quote.push('…');
    }
    Some(format!(
        "\n# Accepted from {} (jjj candidates --accept): {quote}\n{table}",
        candidate.document
    ))
}
