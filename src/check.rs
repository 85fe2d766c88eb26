//! `check`: where the catalogue and the documents disagree. On top of what the build
//! reports (unmentioned entities, date mismatches, quotes not found, enumeration counts), it
//! verifies each source's `date_quote`, each document's `issuer`, and that every chain and
//! cluster was put in its group by an enumeration in the text.

use crate::catalogue::Catalogue;
use crate::graph::{Problem, Relation, Severity};
use crate::pipeline::Build;

/// Every problem, errors first, in a stable order.
pub fn check(catalogue: &Catalogue, build: &Build) -> Vec<Problem> {
    let graph = &build.graph;
    let mut problems = graph.problems.clone();
    let mut error = |code: &str, message: String| {
        problems.push(Problem {
            severity: Severity::Error,
            code: code.to_owned(),
            message,
        })
    };
    for d in &build.documents {
        if let Some(quote) = &d.source.date_quote {
            if !d.text().contains(quote.as_str()) {
                error(
                    "date-quote-not-found",
                    format!("sources.toml: the date_quote '{quote}' of {} is not in its normalized text", d.source.id),
                );
            }
        }
    }
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
        .sort_by(|a, b| (a.severity, &a.code, &a.message).cmp(&(b.severity, &b.code, &b.message)));
    problems.dedup();
    problems
}
