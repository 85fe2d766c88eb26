//! `jjj list`: entities filtered by kind and by region, following the located-in hierarchy.

use crate::cli::{output, table, Inputs};
use jjj_graph::catalogue::Kind;
use jjj_graph::query::list::list;
use jjj_graph::resolve::resolve;
use std::process::ExitCode;

/// List entities, filtered by kind and by the region they lie in.
///
/// --in follows located_in edges down the hierarchy: `--in 天津` lists the districts of
/// Tianjin and the parks in them too. Exits 1 when nothing is listed.
///
/// Examples:
///   jjj list --kind park
///   jjj list --kind park --in 天津
///   jjj list --in 河北 --kind region --json
///   jjj list --kind chain --kind cluster
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only this kind (repeatable): region, organization, person, park, chain, cluster,
    /// field, document, event, platform, concept.
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<Kind>,
    /// Only entities located in this region, at any depth.
    #[arg(long = "in", value_name = "REGION")]
    pub within: Option<String>,
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let graph = inputs.graph()?;
    let kg = &graph;
    let within = args.within.as_deref().map(|r| resolve(kg, r)).transpose()?;
    let listed = list(kg, &args.kind, within);
    if args.json {
        output::write_stdout(&output::json(&listed)?)?;
    } else if !listed.is_empty() {
        let mut rows = vec![vec![
            "id".into(),
            "kind".into(),
            "name".into(),
            "english".into(),
            "located in".into(),
        ]];
        for l in &listed {
            let parents: Vec<&str> = l
                .located_in
                .iter()
                .filter_map(|id| kg.node(id).map(|n| n.name()))
                .collect();
            rows.push(vec![
                l.node.id.clone(),
                l.node.kind.to_string(),
                l.node.name.clone(),
                l.node.en.clone().unwrap_or_default(),
                parents.join(", "),
            ]);
        }
        let mut text = table::render(&rows);
        text.push_str(&format!("\n{} entities\n", listed.len()));
        output::write_stdout(text.as_bytes())?;
    } else {
        eprintln!("jjj: no entity matches the filters");
    }
    Ok(output::found(!listed.is_empty()))
}
