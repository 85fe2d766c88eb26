//! `timeline` queries: the dated documents and events in date order, each with its actors
//! (who issued, passed, signed, drafted or led it; who took part) and where it took place.

use super::NodeRef;
use crate::catalogue::Kind;
use crate::dates::PartialDate;
use crate::graph::{KnowledgeGraph, Relation};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

/// An actor of a timeline entry and how it acted.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub relation: Relation,
    pub node: NodeRef,
}

/// One dated document or event.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub date: PartialDate,
    /// `text` when extraction found the date in the documents, else `catalogue`.
    pub date_source: &'static str,
    pub node: NodeRef,
    /// issued/passed/signed/drafted/leads → this, and this → involves.
    pub actors: Vec<Actor>,
    /// held_in targets.
    pub places: Vec<NodeRef>,
}

/// The timeline and what could not be placed on it.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub entries: Vec<Entry>,
    /// Documents and events with no date (shown only when asked for).
    pub undated: Vec<NodeRef>,
}

/// Whether `date` is on or after `bound`, comparing at the bound's precision
/// (2023 is not on or after 2023-05; 2023-05-11 is).
fn on_or_after(date: PartialDate, bound: PartialDate) -> bool {
    truncate(date, bound) >= bound
}

/// Whether `date` is on or before `bound`, at the bound's precision (2023-05-11 is on or
/// before 2023-05).
fn on_or_before(date: PartialDate, bound: PartialDate) -> bool {
    truncate(date, bound) <= bound
}

fn truncate(date: PartialDate, like: PartialDate) -> PartialDate {
    PartialDate {
        year: date.year,
        month: like.month.and(date.month),
        day: like.day.and(date.day),
    }
}

/// Documents and events dated within [`from`, `to`] (either open), by date then id.
/// O(V + E).
pub fn timeline(
    kg: &KnowledgeGraph,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Timeline {
    let mut entries = Vec::new();
    let mut undated = Vec::new();
    for n in kg.graph.node_indices() {
        let node = &kg.graph[n];
        if !matches!(node.kind(), Kind::Document | Kind::Event) {
            continue;
        }
        let Some(date) = node.date() else {
            undated.push(NodeRef::of(node));
            continue;
        };
        if from.is_some_and(|f| !on_or_after(date, f)) || to.is_some_and(|t| !on_or_before(date, t))
        {
            continue;
        }
        let (actors, places) = actors(kg, n);
        entries.push(Entry {
            date,
            date_source: if node.resolved_date.is_some() {
                "text"
            } else {
                "catalogue"
            },
            node: NodeRef::of(node),
            actors,
            places,
        });
    }
    entries.sort_by(|a, b| (a.date, &a.node.id).cmp(&(b.date, &b.node.id)));
    Timeline { entries, undated }
}

fn actors(kg: &KnowledgeGraph, n: NodeIndex) -> (Vec<Actor>, Vec<NodeRef>) {
    let mut actors: Vec<(Relation, NodeIndex)> = kg
        .graph
        .edges_directed(n, Direction::Incoming)
        .filter(|e| {
            matches!(
                e.weight().relation,
                Relation::Issued
                    | Relation::Passed
                    | Relation::Signed
                    | Relation::Drafted
                    | Relation::Leads
            )
        })
        .map(|e| (e.weight().relation, e.source()))
        .chain(
            kg.graph
                .edges_directed(n, Direction::Outgoing)
                .filter(|e| e.weight().relation == Relation::Involves)
                .map(|e| (Relation::Involves, e.target())),
        )
        .collect();
    actors.sort();
    actors.dedup();
    let mut places: Vec<NodeIndex> = kg
        .graph
        .edges_directed(n, Direction::Outgoing)
        .filter(|e| e.weight().relation == Relation::HeldIn)
        .map(|e| e.target())
        .collect();
    places.sort();
    places.dedup();
    (
        actors
            .into_iter()
            .map(|(relation, a)| Actor {
                relation,
                node: NodeRef::at(kg, a),
            })
            .collect(),
        places.into_iter().map(|p| NodeRef::at(kg, p)).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_compare_at_their_precision() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert!(on_or_after(d("2023-05-11"), d("2023-05")));
        assert!(!on_or_after(d("2023"), d("2023-05")));
        assert!(on_or_before(d("2023-05-11"), d("2023-05")));
        assert!(on_or_before(d("2023"), d("2023-05")));
        assert!(!on_or_before(d("2023-06"), d("2023-05-31")));
        assert!(on_or_after(d("2024-01"), d("2023")));
    }
}
