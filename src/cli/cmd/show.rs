//! `jjj show NAME`: one entity's card — names, attributes, relations grouped by type, and
//! the evidence sentences with the document each comes from.

use crate::cli::evidence::{arrow, edge_note, evidence_line};
use crate::cli::{output, table, Inputs};
use jjj_graph::graph::{Edge, KnowledgeGraph, Node, Relation};
use jjj_graph::resolve::resolve;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Show one entity's card with its relations and evidence.
///
/// Kind, names (zh/en/aliases/traditional), attributes, every relation grouped by type with
/// its evidence, and the sentences that mention it.
///
/// NAME may be an id (region/xiongan), a simplified or traditional Chinese name or alias
/// (雄安新区, 雄安新區, 雄安), an English name, or a unique part of one. An ambiguous name
/// lists the candidates and an unknown one suggests the closest; both exit 2.
///
/// Examples:
///   jjj show 雄安新区
///   jjj show "Xiong'an New Area" --json
///   jjj show 河北省工信厅 --all-evidence
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The entity.
    pub name: String,
    /// Print the card as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print every evidence sentence (default: one per relation).
    #[arg(long)]
    pub all_evidence: bool,
    /// Include co-occurrence edges in the relation list (default: a one-line summary).
    #[arg(long)]
    pub cooccurrence: bool,
}

/// One relation on the card.
#[derive(Debug, Serialize)]
struct CardRelation<'a> {
    relation: Relation,
    /// `out` (this → other) or `in` (other → this).
    direction: &'static str,
    other: &'a str,
    other_name: &'a str,
    #[serde(flatten)]
    edge: &'a Edge,
}

#[derive(Debug, Serialize)]
struct Card<'a> {
    node: &'a Node,
    relations: Vec<CardRelation<'a>>,
}

fn relations<'a>(
    graph: &'a KnowledgeGraph,
    node: petgraph::graph::NodeIndex,
) -> Vec<CardRelation<'a>> {
    graph
        .incident_edges(node)
        .into_iter()
        .map(|(e, other, outgoing)| {
            let edge = &graph.graph[e];
            let other = &graph.graph[other];
            CardRelation {
                relation: edge.relation,
                direction: if outgoing || edge.relation.is_symmetric() {
                    "out"
                } else {
                    "in"
                },
                other: other.id(),
                other_name: other.name(),
                edge,
            }
        })
        .collect()
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    // With a saved graph the documents are not at hand: mentions show the matched words
    // instead of their sentence.
    let (graph, documents) = if inputs.graph.is_some() {
        (inputs.graph()?, Vec::new())
    } else {
        let (_, build) = inputs.build()?;
        (build.graph, build.documents)
    };
    let graph = &graph;
    let index = resolve(graph, &args.name)?;
    let node = &graph.graph[index];
    let card = Card {
        node,
        relations: relations(graph, index),
    };
    if args.json {
        output::write_stdout(&output::json(&card)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::write_stdout(render(&documents, &card, &args).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn render(
    documents: &[jjj_graph::pipeline::ProcessedDocument],
    card: &Card,
    args: &Args,
) -> String {
    let node = card.node;
    let r = &node.record;
    let mut out = String::new();
    let _ = writeln!(out, "{}  [{}]", node.label(), r.id);
    let mut rows: Vec<Vec<String>> = vec![vec!["kind".into(), r.kind.to_string()]];
    let mut attr = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            rows.push(vec![k.to_owned(), v]);
        }
    };
    attr("name", Some(r.name.clone()));
    attr("english", r.en.clone());
    attr("aliases", Some(r.aliases.join(", ")));
    attr("traditional", Some(node.traditional.join(", ")));
    attr("category", r.category.clone());
    attr("level", r.level.clone());
    attr("code", r.code.clone());
    attr(
        "coords",
        r.coords
            .map(|[lon, lat]| format!("{lon}, {lat} (lon, lat)")),
    );
    attr("role", r.role.clone());
    attr("date", node.date().map(|d| d.to_string()));
    attr("issuer", r.issuer.clone());
    attr("reference", r.reference.clone());
    if node.discovered {
        attr(
            "discovered",
            Some("from a 《title》; not in the catalogue".into()),
        );
    }
    let mut per_doc: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &node.mentions {
        *per_doc.entry(&m.document).or_insert(0) += 1;
    }
    attr(
        "mentions",
        Some(format!(
            "{} ({})",
            node.mention_count(),
            per_doc
                .iter()
                .map(|(d, n)| format!("{d} ×{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    );
    out.push_str(
        &table::render(&rows)
            .lines()
            .map(|l| format!("  {l}\n"))
            .collect::<String>(),
    );

    let mut grouped: BTreeMap<(Relation, &str), Vec<&CardRelation>> = BTreeMap::new();
    let mut cooccurring: Vec<&CardRelation> = Vec::new();
    for rel in &card.relations {
        if rel.relation == Relation::CoOccurs && !args.cooccurrence {
            cooccurring.push(rel);
        } else {
            grouped
                .entry((rel.relation, rel.direction))
                .or_default()
                .push(rel);
        }
    }
    let _ = writeln!(out, "\nRelations");
    if grouped.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for ((relation, direction), rels) in &grouped {
        let arrow = arrow(rels[0].edge, *direction == "out");
        let _ = writeln!(out, "  {relation} {arrow}");
        for rel in rels {
            let e = rel.edge;
            let _ = writeln!(
                out,
                "    {} [{}]  ({})",
                rel.other_name,
                rel.other,
                edge_note(e)
            );
            let shown = if args.all_evidence {
                e.evidence.len()
            } else {
                1
            };
            // Centre the quote on the other end's name, or its first two characters for an
            // enumerated item (保定 of 保定中关村合作园区).
            let short: String = rel.other_name.chars().take(2).collect();
            for ev in e.evidence.iter().take(shown) {
                let quote = ev.quote.as_deref().unwrap_or("");
                let focus = if quote.contains(rel.other_name) {
                    rel.other_name
                } else {
                    short.as_str()
                };
                let _ = writeln!(out, "      {}", evidence_line(ev, focus));
            }
            if e.evidence.len() > shown {
                let _ = writeln!(
                    out,
                    "      (+{} more; --all-evidence)",
                    e.evidence.len() - shown
                );
            }
        }
    }
    if !cooccurring.is_empty() {
        cooccurring.sort_by(|a, b| b.edge.weight.cmp(&a.edge.weight).then(a.other.cmp(b.other)));
        let list: Vec<String> = cooccurring
            .iter()
            .map(|r| format!("{}×{}", r.other_name, r.edge.weight))
            .collect();
        let _ = writeln!(
            out,
            "  co_occurs ({}; --cooccurrence for evidence): {}",
            list.len(),
            table::truncate(&list.join(", "), 300)
        );
    }

    let _ = writeln!(out, "\nMentioned in");
    let mut seen = std::collections::BTreeSet::new();
    for m in &node.mentions {
        if !seen.insert((&m.document, m.sentence)) {
            continue;
        }
        let ev = match documents.iter().find(|d| d.source.id == m.document) {
            Some(doc) => doc.evidence(m.sentence),
            None => jjj_graph::graph::Evidence {
                document: Some(m.document.clone()),
                sentence: Some(m.sentence),
                quote: Some(m.text.clone()),
                span: Some(m.span),
                reference: None,
            },
        };
        let _ = writeln!(out, "  {}", evidence_line(&ev, &m.text));
        if !args.all_evidence && seen.len() >= 8 {
            let _ = writeln!(
                out,
                "  … (--all-evidence for all {} mentions)",
                node.mention_count()
            );
            break;
        }
    }
    out
}
