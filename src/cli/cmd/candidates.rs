//! `jjj candidates`: the review list of discovered entities, and accepting them into the
//! catalogue.

use crate::cli::{output, table, Inputs};
use anyhow::{bail, Context as _};
use jjj_graph::candidates::{catalogue_entry, catalogue_file, Candidate};
use jjj_graph::catalogue::Catalogue;
use jjj_graph::corpus::{read_catalogue_dir, TextFile};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// Review the entities discovered in the documents, and accept them into the catalogue.
///
/// Every entity-like span the catalogue does not know — parks, companies, government
/// bodies, platforms, events by their name endings, people by news patterns, 《titles》 — is
/// a node of the graph with provenance `discovered` and a confidence. This lists them with
/// their kind, how often they are named, the confidence and the first sentence naming
/// them. Exits 1 when there are none.
///
/// --accept ID (or NAME) appends a `[[entity]]` entry to the kind's file in the
/// catalogue directory given with --data (a copy of data/), after a comment naming the
/// sentence; the file's comments and order stay as they were, the id stays the same, and
/// the next build knows it as a catalogue entity. Accepting what the catalogue already has
/// changes nothing.
///
/// Examples:
///   jjj --seeds news/ candidates
///   jjj --seeds news/ candidates --kind person --min-count 2
///   jjj --seeds news/ candidates --json
///   cp -r data my-data && jjj --data my-data --seeds news/ candidates --accept org/d-1820c3159179 华望城
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Print the candidates as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only candidates named at least this often.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_count: usize,
    /// Only candidates of this kind (park, organization, person …).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<jjj_graph::catalogue::Kind>,
    /// Accept these candidates (ids or names) into the catalogue in --data.
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub accept: Vec<String>,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    if !args.accept.is_empty() && inputs.data.is_none() {
        bail!("--accept writes to a catalogue directory: give --data DIR (a copy of data/, e.g. cp -r data my-data)");
    }
    let (catalogue, build) = inputs.build()?;
    let found: Vec<Candidate> = jjj_graph::candidates::candidates(&build)
        .into_iter()
        .filter(|c| c.count >= args.min_count && args.kind.is_none_or(|k| c.kind == k))
        .collect();
    if !args.accept.is_empty() {
        return accept(inputs, &catalogue, &build.graph, &found, &args.accept);
    }
    if args.json {
        output::write_stdout(&output::json(&found)?)?;
    } else {
        let mut rows = vec![[
            "count",
            "kind",
            "category",
            "conf.",
            "name",
            "id",
            "first named in",
        ]
        .map(String::from)
        .to_vec()];
        for c in &found {
            rows.push(vec![
                c.count.to_string(),
                c.kind.to_string(),
                c.category.clone(),
                format!("{:.1}", c.confidence),
                c.name.clone(),
                c.id.clone(),
                format!("{}: {}", c.document, table::truncate(&c.sentence, 50)),
            ]);
        }
        output::write_stdout(table::render(&rows).as_bytes())?;
    }
    Ok(output::found(!found.is_empty()))
}

/// Append the entries of `wanted` to the catalogue in `inputs.data`, checking that the
/// catalogue still loads before anything is written.
fn accept(
    inputs: &Inputs,
    catalogue: &Catalogue,
    graph: &jjj_graph::graph::KnowledgeGraph,
    found: &[Candidate],
    wanted: &[String],
) -> anyhow::Result<ExitCode> {
    let dir = inputs.data.as_deref().context("no --data")?;
    let mut appended: BTreeMap<String, String> = BTreeMap::new();
    for w in wanted {
        if let Some(i) = catalogue
            .index_of(w)
            .or_else(|| catalogue.entities.iter().position(|e| e.name() == w))
        {
            let e = &catalogue.entities[i];
            eprintln!(
                "jjj: {} ({}) is in the catalogue already ({}:{}); nothing to do",
                e.id(),
                e.name(),
                e.file,
                e.line
            );
            continue;
        }
        let Some(c) = found.iter().find(|c| &c.id == w || &c.name == w) else {
            let mut close: Vec<(f64, &Candidate)> = found
                .iter()
                .map(|c| {
                    (
                        strsim::jaro_winkler(w, &c.name).max(strsim::jaro_winkler(w, &c.id)),
                        c,
                    )
                })
                .collect();
            close.sort_by(|a, b| b.0.total_cmp(&a.0));
            let names: Vec<String> = close
                .iter()
                .take(3)
                .map(|(_, c)| format!("{} ({})", c.name, c.id))
                .collect();
            bail!(
                "no discovered entity '{w}'; the closest: {}",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            );
        };
        let entry =
            catalogue_entry(graph, c).with_context(|| format!("the catalogue entry of {w}"))?;
        appended
            .entry(catalogue_file(c.kind).to_owned())
            .or_default()
            .push_str(&entry);
        eprintln!(
            "jjj: accepting {} ({}) into {}",
            c.id,
            c.name,
            catalogue_file(c.kind)
        );
    }
    if appended.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // The catalogue with the entries appended must load before any file is replaced.
    let mut files: Vec<TextFile> = read_catalogue_dir(dir)?;
    for (path, entry) in &appended {
        match files.iter_mut().find(|f| &f.path == path) {
            Some(f) => f.text.push_str(entry),
            None => files.push(TextFile {
                path: path.clone(),
                display: dir.join(path).display().to_string(),
                text: entry.trim_start().to_owned(),
            }),
        }
    }
    Catalogue::load(&files)
        .context("the catalogue with the accepted entries does not load; nothing was written")?;
    for path in appended.keys() {
        let file = files
            .iter()
            .find(|f| &f.path == path)
            .context("appended file")?;
        output::write_file(&dir.join(path), file.text.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
