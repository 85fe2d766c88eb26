//! `jjj find TEXT`: search entities by id, Chinese (simplified or traditional), English,
//! alias or part of a name, best match first.

use crate::cli::{output, table, Inputs, Opened};
use jjj_graph::catalogue::Kind;
use jjj_graph::resolve::{search, suggestions, Hit};
use petgraph::graph::NodeIndex;
use std::process::ExitCode;

/// Search entities by name, best match first.
///
/// Matches, in this order: the id, the Chinese name (simplified or traditional), an alias,
/// the English name (any case), then names that start with or contain TEXT. Every command
/// resolves names the same way. Exits 1 when nothing matches, with the closest names.
///
/// Examples:
///   jjj find 雄安
///   jjj find 中關村
///   jjj find tianjin --kind park
///   jjj find 产业链 --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// What to look for.
    pub text: String,
    /// Only entities of this kind (repeatable).
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<Kind>,
    /// At most this many results.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Print the hits as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let wanted = |kind| jjj_graph::query::kind_ok(&args.kind, kind);
    let opened = inputs.open_graph()?;
    // Each hit with its English name, and the closest names when nothing matches. A saved
    // graph is searched in its index.
    let (hits, near): (Vec<(Hit, Option<String>)>, Vec<String>) = match &opened {
        Opened::Mapped(mapped) => {
            let saved = mapped.open()?;
            let names = |i: NodeIndex| saved.index.names(i.index());
            let hits: Vec<_> = saved
                .search(&args.text)
                .into_iter()
                .filter(|(i, _)| wanted(names(*i).kind()))
                .take(args.limit)
                .map(|(i, h)| (h, names(i).en().map(str::to_owned)))
                .collect();
            let near = if hits.is_empty() {
                saved.suggestions(&args.text, 5)
            } else {
                Vec::new()
            };
            (hits, near)
        }
        Opened::Loaded(kg) => {
            let hits: Vec<_> = search(kg, &args.text)
                .into_iter()
                .filter(|(i, _)| wanted(kg.graph[*i].kind()))
                .take(args.limit)
                .map(|(i, h)| (h, kg.graph[i].record.en.clone()))
                .collect();
            let near = if hits.is_empty() {
                suggestions(kg, &args.text, 5)
            } else {
                Vec::new()
            };
            (hits, near)
        }
    };
    if args.json {
        let hits: Vec<&Hit> = hits.iter().map(|(h, _)| h).collect();
        output::write_stdout(&output::json(&hits)?)?;
    } else if !hits.is_empty() {
        let mut rows = vec![vec![
            "match".into(),
            "id".into(),
            "kind".into(),
            "name".into(),
            "english".into(),
            "matched".into(),
        ]];
        for (h, en) in &hits {
            rows.push(vec![
                format!("{:?}", h.quality).to_lowercase(),
                h.id.clone(),
                h.kind.clone(),
                h.name.clone(),
                en.clone().unwrap_or_default(),
                if h.matched == h.name {
                    String::new()
                } else {
                    h.matched.clone()
                },
            ]);
        }
        output::write_stdout(table::render(&rows).as_bytes())?;
    }
    if hits.is_empty() {
        if near.is_empty() {
            eprintln!("jjj: nothing matches '{}'", args.text);
        } else {
            eprintln!(
                "jjj: nothing matches '{}'; closest: {}",
                args.text,
                near.join(", ")
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
