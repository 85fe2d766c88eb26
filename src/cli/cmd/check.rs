//! `jjj check`: list where the catalogue and the documents disagree; exit 1 if they do.

use crate::cli::{output, Inputs};
use jjj_graph::graph::Severity;
use std::process::ExitCode;

/// Check where the catalogue and the documents disagree.
///
/// Every entity mentioned, every curated quote present in the normalized text, dates and issuers as the text gives them, every chain and
/// cluster enumerated in its group. Exits 0 when they agree, 1 when they disagree (warnings
/// alone do not fail), 2 when the input cannot be read.
///
/// Examples:
///   jjj check
///   jjj check --json
///   jjj --data my-catalogue/ check
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Print the problems as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let (catalogue, build) = inputs.build()?;
    let problems = jjj_graph::check::check(&build);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if args.json {
        let report =
            serde_json::json!({ "ok": errors == 0, "errors": errors, "problems": problems });
        output::write_stdout(&output::json(&report)?)?;
    } else {
        let mut out = String::new();
        for p in &problems {
            let level = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out.push_str(&format!("{level}[{}]: {}\n", p.code, p.message));
        }
        out.push_str(&format!(
            "{}: {} errors, {} warnings ({} entities, {} documents)\n",
            if errors == 0 { "ok" } else { "FAILED" },
            errors,
            problems.len() - errors,
            catalogue.entities.len(),
            build.documents.len()
        ));
        output::write_stdout(out.as_bytes())?;
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
