//! How edges and their evidence are printed in human output: one line per evidence
//! (document, sentence, span, quote centred on a name) and a short note on an edge's origin.

use crate::cli::table;
use jjj_graph::graph::{Edge, Evidence, Provenance};

/// One evidence line: document, sentence, span, and the quote centred on `focus`.
pub fn evidence_line(ev: &Evidence, focus: &str) -> String {
    match (&ev.document, &ev.quote, &ev.reference) {
        (Some(doc), Some(quote), _) => {
            let at = match (ev.sentence, ev.span) {
                (Some(s), Some([a, b])) => format!(" #{s} @{a}-{b}"),
                (Some(s), None) => format!(" #{s}"),
                _ => String::new(),
            };
            format!("{doc}{at}: “{}”", table::excerpt(quote, focus, 160))
        }
        (_, _, Some(reference)) => format!("background reference: {reference}"),
        _ => "(no evidence)".to_owned(),
    }
}

/// Where an edge comes from: provenance, rule, date, role (`rule; signed; 2018-11`), and
/// the weight of a co-occurrence.
pub fn edge_note(e: &Edge) -> String {
    let mut how = vec![format!("{:?}", e.provenance).to_lowercase()];
    how.extend(e.rule.clone());
    how.extend(e.date.map(|d| d.to_string()));
    how.extend(e.role.clone());
    if e.provenance == Provenance::Cooccurrence {
        how.push(format!("{} sentences", e.weight));
    }
    how.join("; ")
}

/// The arrow for an edge seen from `from`: → when it runs from there, ← when it runs
/// towards it, ↔ for a relation without direction.
pub fn arrow(e: &Edge, runs_from_here: bool) -> &'static str {
    if e.relation.is_symmetric() {
        "↔"
    } else if runs_from_here {
        "→"
    } else {
        "←"
    }
}

/// The first of `names` that the evidence quotes (to centre the quote on), else the first.
pub fn focus<'a>(ev: &Evidence, names: &[&'a str]) -> &'a str {
    let quote = ev.quote.as_deref().unwrap_or("");
    names
        .iter()
        .copied()
        .find(|n| quote.contains(n))
        .or_else(|| names.first().copied())
        .unwrap_or("")
}
