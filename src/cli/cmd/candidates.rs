//! `jjj candidates`: spans that look like entities but are not in the catalogue.

use crate::cli::{output, table, Inputs};
use std::process::ExitCode;

/// List entity-like spans that are not in the catalogue yet.
///
/// Spans that look like entities — parks, zones, bases, bodies ending in 局/厅/委/部/办/组,
/// 《titles》 — but match no catalogue name, with counts and a sentence each, to extend the
/// catalogue from a new document. Exits 1 when there are none.
///
/// Examples:
///   jjj candidates
///   jjj --seeds news/ candidates --min-count 2
///   jjj candidates --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Print the candidates as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only candidates seen at least this often.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_count: usize,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let (_, build) = inputs.build()?;
    let found: Vec<_> = jjj_graph::candidates::candidates(&build)
        .into_iter()
        .filter(|c| c.count >= args.min_count)
        .collect();
    if args.json {
        output::write_stdout(&output::json(&found)?)?;
    } else {
        let mut rows = vec![vec![
            "count".into(),
            "kind?".into(),
            "candidate".into(),
            "document".into(),
            "sentence".into(),
        ]];
        for c in &found {
            rows.push(vec![
                c.count.to_string(),
                c.suggested_kind.clone(),
                c.text.clone(),
                c.document.clone(),
                table::truncate(&c.sentence, 70),
            ]);
        }
        output::write_stdout(table::render(&rows).as_bytes())?;
    }
    Ok(output::found(!found.is_empty()))
}
