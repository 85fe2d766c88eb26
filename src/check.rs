//! `check`: where the catalogue and the documents disagree — unmentioned entities, date
//! mismatches, quotes and date quotes not found, enumeration counts, and (on the catalogue's
//! own sources) each document's `issuer` and each chain's and cluster's group. The build
//! finds them all, so `build` and `check` count the same problems.

use crate::catalogue::Catalogue;
use crate::graph::{KnowledgeGraph, Problem, Relation, Severity};
use crate::pipeline::Build;

/// Every problem of the build, errors first, in a stable order: the build found them all
/// (the same list `jjj build` counts), this gives them for `jjj check` and the report.
pub fn check(build: &Build) -> Vec<Problem> {
    build.graph.problems.clone()
}

/// What the catalogue says that the graph built from its sources must show: each
/// document's `issuer` issued, passed, drafted or signed it, and each chain and cluster is a
/// member of its `group` by an enumeration in the text. O(E_catalogue · degree).
pub fn catalogue_problems(catalogue: &Catalogue, graph: &KnowledgeGraph) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut error = |code: &str, message: String| {
        problems.push(Problem {
            severity: Severity::Error,
            code: code.to_owned(),
            message,
        })
    };
    let has_edge = |from: &str, to: &str, relations: &[Relation]| -> bool {
        let (Some(a), Some(b)) = (graph.node_index(from), graph.node_index(to)) else {
            return false;
        };
        graph
            .graph
            .edges_connecting(a, b)
            .any(|e| relations.contains(&e.weight().relation))
    };
    for e in &catalogue.entities {
        if graph.node(e.id()).is_none() {
            continue;
        }
        if let Some(issuer) = &e.record.issuer {
            let acts = [
                Relation::Issued,
                Relation::Passed,
                Relation::Drafted,
                Relation::Signed,
            ];
            if !has_edge(issuer, e.id(), &acts) {
                error(
                    "issuer-not-found",
                    format!(
                        "{}:{}: '{}' names issuer '{issuer}', but no sentence says so",
                        e.file,
                        e.line,
                        e.id()
                    ),
                );
            }
        }
        if let Some(group) = &e.record.group {
            if !has_edge(e.id(), group, &[Relation::MemberOf]) {
                error(
                    "group-not-found",
                    format!(
                        "{}:{}: '{}' is in group '{group}', but no enumeration in the text says so",
                        e.file,
                        e.line,
                        e.id()
                    ),
                );
            }
        }
    }
    problems
}
