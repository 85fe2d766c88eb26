//! `jjj timeline`: documents and events in date order, with their actors.

use crate::cli::{output, table, Inputs};
use anyhow::Context as _;
use jjj_graph::dates::PartialDate;
use jjj_graph::graph::Relation;
use jjj_graph::query::timeline::timeline;
use std::collections::BTreeMap;
use std::process::ExitCode;

/// List the dated documents and events in date order, with who acted and where.
///
/// Actors are the bodies and people that issued, passed, signed, drafted or led a document
/// or event, and the participants an event involves. Dates are as precise as the text
/// (2013-05, 2023-11-24); --from/--to compare at their own precision, so --to 2023-05
/// keeps 2023-05-11. `date_source` says whether the date comes from the text or, failing
/// that, the catalogue. Exits 1 when nothing falls in the range.
///
/// Examples:
///   jjj timeline
///   jjj timeline --from 2023 --to 2023-12
///   jjj timeline --undated --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Latest date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Also list documents and events without a date.
    #[arg(long)]
    pub undated: bool,
    /// Print the timeline as JSON.
    #[arg(long)]
    pub json: bool,
}

fn date(flag: &str, value: Option<&str>) -> anyhow::Result<Option<PartialDate>> {
    value
        .map(|v| {
            PartialDate::parse(v).with_context(|| {
                format!("invalid {flag} '{v}': expected YYYY, YYYY-MM or YYYY-MM-DD")
            })
        })
        .transpose()
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let from = date("--from", args.from.as_deref())?;
    let to = date("--to", args.to.as_deref())?;
    let graph = inputs.graph()?;
    let mut found = timeline(&graph, from, to);
    if !args.undated {
        found.undated.clear();
    }
    if args.json {
        output::write_stdout(&output::json(&found)?)?;
    } else if !found.entries.is_empty() || !found.undated.is_empty() {
        let mut rows = vec![vec![
            "date".into(),
            "kind".into(),
            "name".into(),
            "actors".into(),
            "where".into(),
        ]];
        for e in &found.entries {
            let mut by: BTreeMap<Relation, Vec<&str>> = BTreeMap::new();
            for a in &e.actors {
                by.entry(a.relation).or_default().push(&a.node.name);
            }
            let actors: Vec<String> = by
                .iter()
                .map(|(r, names)| format!("{r}: {}", names.join(", ")))
                .collect();
            let places: Vec<&str> = e.places.iter().map(|p| p.name.as_str()).collect();
            rows.push(vec![
                e.date.to_string(),
                e.node.kind.to_string(),
                table::truncate(&e.node.label(), 72),
                actors.join("; "),
                places.join(", "),
            ]);
        }
        for u in &found.undated {
            rows.push(vec![
                "undated".into(),
                u.kind.to_string(),
                table::truncate(&u.label(), 72),
                String::new(),
                String::new(),
            ]);
        }
        output::write_stdout(table::render(&rows).as_bytes())?;
    } else {
        eprintln!("jjj: no dated document or event in the range");
    }
    Ok(output::found(
        !found.entries.is_empty() || !found.undated.is_empty(),
    ))
}
