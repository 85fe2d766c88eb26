//! `jjj export`: write the graph in an export format to a file or stdout.

use crate::cli::{output, Inputs};
use anyhow::bail;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the whole graph, with evidence, in an export format.
///
/// Formats: json (the project's own schema; see the README and schema/graph.schema.json).
///
/// Examples:
///   jjj export --format json -o graph.json
///   jjj export | jq '.nodes | length'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The format.
    #[arg(long, short, default_value = "json", value_name = "FORMAT")]
    pub format: String,
    /// Output file; `-` or nothing for stdout. Written atomically.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let Some(exporter) = jjj_graph::export::exporter(&args.format) else {
        bail!(
            "unknown format '{}'; known formats: {}",
            args.format,
            jjj_graph::export::FORMATS.join(", ")
        );
    };
    let (_, build) = inputs.build()?;
    let bytes = exporter.export(&build.graph)?;
    output::write(args.output.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
