//! `jjj build`: build the graph and print a summary — documents, nodes and edges per kind,
//! evidence coverage, and any problems.

use crate::cli::{output, table, Inputs};
use jjj_graph::graph::Severity;
use jjj_graph::stats::stats;
use std::process::ExitCode;

/// Build the graph from the documents and the catalogue and print a summary.
///
/// Documents are extracted in parallel on every core, with a progress bar on stderr for
/// large corpora. --save writes the graph to a file that every query command loads with
/// --graph FILE, so a large corpus is extracted once; the file records a hash of its
/// inputs and is rebuilt when they change.
///
/// Examples:
///   jjj build
///   jjj build --json
///   jjj --seeds my-docs/ --data my-catalogue/ build
///   jjj --seeds archive/ build --save archive.jjj
///   jjj --graph archive.jjj path 雄安新区 天津
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Save the graph to FILE (written atomically).
    #[arg(long, value_name = "FILE")]
    pub save: Option<std::path::PathBuf>,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let graph = match &args.save {
        Some(file) => {
            let graph = inputs.build_and_save(file)?;
            eprintln!("jjj: saved the graph to {}", file.display());
            graph
        }
        None => inputs.graph()?,
    };
    let graph = &graph;
    let counts = stats(graph);
    if args.json {
        let summary = serde_json::json!({
            "documents": graph.documents,
            "stats": counts,
            "problems": graph.problems,
        });
        output::write_stdout(&output::json(&summary)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    out.push_str("Documents\n");
    let mut rows = vec![vec![
        "id".into(),
        "file".into(),
        "date".into(),
        "sentences".into(),
        "mentions".into(),
        "normalization".into(),
    ]];
    for d in &graph.documents {
        let n = &d.normalization;
        let mut notes = Vec::new();
        if n.traditional {
            notes.push(format!(
                "traditional ({} chars converted)",
                n.converted_chars
            ));
        }
        for (count, what) in [
            (n.pinyin_annotations, "pinyin annotations"),
            (n.repaired_spans, "repairs"),
            (n.html_entities, "HTML entities"),
            (n.furniture_lines, "furniture lines"),
            (n.joined_paragraphs, "joined paragraphs"),
            (n.taiwan_phrases, "Taiwan phrases"),
        ] {
            if count > 0 {
                notes.push(format!("{count} {what}"));
            }
        }
        let date = match (&d.date, &d.date_source) {
            (Some(date), Some(src)) => format!("{date} ({src})"),
            (Some(date), None) => date.to_string(),
            _ => "-".into(),
        };
        rows.push(vec![
            d.id.clone(),
            d.file.clone(),
            date,
            d.sentences.to_string(),
            d.mentions.to_string(),
            notes.join(", "),
        ]);
    }
    out.push_str(&table::render(&rows));
    out.push_str(&format!(
        "\nNodes: {} ({} with evidence, {} mentions)\n",
        counts.nodes, counts.nodes_with_evidence, counts.mentions
    ));
    let mut rows = vec![vec!["kind".to_owned(), "nodes".to_owned()]];
    rows.extend(
        counts
            .nodes_by_kind
            .iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()]),
    );
    out.push_str(&table::render(&rows));
    out.push_str(&format!(
        "\nEdges: {} ({} with evidence; {})\n",
        counts.edges,
        counts.edges_with_evidence,
        counts
            .edges_by_provenance
            .iter()
            .map(|(p, n)| format!("{n} {p}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let mut rows = vec![vec!["relation".to_owned(), "edges".to_owned()]];
    rows.extend(
        counts
            .edges_by_relation
            .iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()]),
    );
    out.push_str(&table::render(&rows));
    let errors = graph
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    out.push_str(&format!(
        "\nProblems: {} ({} errors; `jjj check` lists them all)\n",
        graph.problems.len(),
        errors
    ));
    for p in graph.problems.iter().take(20) {
        out.push_str(&format!("  {:?} [{}] {}\n", p.severity, p.code, p.message));
    }
    if graph.problems.len() > 20 {
        out.push_str(&format!("  … and {} more\n", graph.problems.len() - 20));
    }
    output::write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
