//! `jjj path FROM TO`: how two entities are connected, each hop with its relation and
//! evidence.

use crate::cli::evidence::{arrow, edge_note, evidence_line, focus};
use crate::cli::filter::{describe, RelationArgs};
use crate::cli::{output, resolve_saved, Inputs, Opened};
use anyhow::bail;
use jjj_graph::catalogue::Kind;
use jjj_graph::query::path::{
    find_paths, find_paths_in_saved, FoundPath, PathMode, PathQuery, Paths,
};
use jjj_graph::query::Cooccurrence;
use jjj_graph::resolve::resolve;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Show how two entities are connected: the shortest path, each hop with its relation and
/// an evidence sentence.
///
/// Edges are followed both ways by default (relations are links to most readers).
/// Co-occurrence edges (two names in one sentence) are used only as a fallback: every path
/// of typed relations ranks before any path that needs one. Among equally short paths the
/// one through smaller ids wins. Exits 1 when no path exists.
///
/// Examples:
///   jjj path 雄安新区 天津
///   jjj path 氢能 河北 --k 3
///   jjj path 雄安 天津 --all --max-hops 4 --no-cooccurrence
///   jjj path 唐山 中关村 --relation located_in --relation co_builds
///   jjj path 北京 河北 --via-kind organization --evidence all
///   jjj path 雄安新区 天津 --avoid 京津冀 --json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Where the path starts (id, Chinese or English name, alias).
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// The k shortest simple paths (Yen's algorithm) instead of one.
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub k: Option<usize>,
    /// Every simple path up to --max-hops hops.
    #[arg(long)]
    pub all: bool,
    /// With --all: the most hops a path may have.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub max_hops: usize,
    /// With --all: stop after this many paths.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: usize,
    #[command(flatten)]
    pub relations: RelationArgs,
    /// Intermediate nodes must be of this kind (repeatable).
    #[arg(long, value_name = "KIND")]
    pub via_kind: Vec<Kind>,
    /// Never pass through this entity (repeatable).
    #[arg(long, value_name = "NAME")]
    pub avoid: Vec<String>,
    /// Ignore co-occurrence edges entirely.
    #[arg(long)]
    pub no_cooccurrence: bool,
    /// Evidence per hop: `one` quote or `all` of them.
    #[arg(long, default_value = "one", value_parser = ["one", "all"])]
    pub evidence: String,
    /// Print the paths as JSON (every edge with all its evidence).
    #[arg(long)]
    pub json: bool,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let mode = match (args.k, args.all) {
        (Some(0), _) => bail!("invalid --k 0: ask for at least one path"),
        (Some(k), _) => PathMode::KShortest(k),
        (None, true) => PathMode::All {
            max_hops: args.max_hops,
            limit: args.limit,
        },
        (None, false) => PathMode::Shortest,
    };
    let cooccurrence = if args.no_cooccurrence {
        Cooccurrence::Off
    } else {
        Cooccurrence::Fallback
    };
    let query = |avoid| PathQuery {
        filter: args.relations.filter(cooccurrence),
        via_kinds: args.via_kind.clone(),
        avoid,
        mode,
    };
    // The shortest path or all short paths in a saved graph are found without loading it.
    let opened = if !matches!(mode, PathMode::KShortest(_)) {
        inputs.open_graph()?
    } else {
        Opened::Loaded(inputs.graph()?)
    };
    let (query, paths) = match opened {
        Opened::Mapped(mapped) => {
            let saved = mapped.open()?;
            let find = |name: &String| resolve_saved(&saved, name);
            let (from, to) = (find(&args.from)?, find(&args.to)?);
            let query = query(args.avoid.iter().map(find).collect::<anyhow::Result<_>>()?);
            let paths = find_paths_in_saved(&saved, from, to, &query)?;
            (query, paths)
        }
        Opened::Loaded(kg) => {
            let find = |name: &String| resolve(&kg, name);
            let (from, to) = (find(&args.from)?, find(&args.to)?);
            let query = query(args.avoid.iter().map(find).collect::<Result<_, _>>()?);
            let paths = find_paths(&kg, from, to, &query)?;
            (query, paths)
        }
    };
    if paths.paths.is_empty() {
        eprintln!(
            "jjj: no path from {} [{}] to {} [{}] over {}{}",
            paths.from.name,
            paths.from.id,
            paths.to.name,
            paths.to.id,
            describe(&query.filter),
            match mode {
                PathMode::All { max_hops, .. } => format!(" within {max_hops} hops"),
                _ => String::new(),
            }
        );
        if args.json {
            output::write_stdout(&output::json(&paths)?)?;
        }
        return Ok(ExitCode::from(1));
    }
    if args.json {
        output::write_stdout(&output::json(&paths)?)?;
    } else {
        output::write_stdout(render(&paths, &query, args.evidence == "all").as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(paths: &Paths, query: &PathQuery, all_evidence: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} → {}: {} path{} over {}{}",
        paths.from.label(),
        paths.to.label(),
        paths.paths.len(),
        if paths.paths.len() == 1 { "" } else { "s" },
        describe(&query.filter),
        if paths.truncated {
            " (stopped at --limit)"
        } else {
            ""
        }
    );
    for (i, path) in paths.paths.iter().enumerate() {
        out.push('\n');
        render_path(&mut out, i + 1, path, all_evidence);
    }
    out
}

fn render_path(out: &mut String, number: usize, path: &FoundPath, all_evidence: bool) {
    let via = if path.cooccurrence_hops > 0 {
        format!(", {} by co-occurrence only", path.cooccurrence_hops)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Path {number}: {} hop{}{via}",
        path.length,
        if path.length == 1 { "" } else { "s" }
    );
    for (h, hop) in path.hops.iter().enumerate() {
        if h == 0 {
            let _ = writeln!(out, "  {}  [{}]", hop.from.label(), hop.from.id);
        }
        let shown = if all_evidence { hop.edges.len() } else { 1 };
        for edge in hop.edges.iter().take(shown) {
            let forward = edge.source == hop.from.id;
            let _ = writeln!(
                out,
                "   │ {} {}  ({})",
                edge.edge.relation,
                arrow(&edge.edge, forward),
                edge_note(&edge.edge)
            );
            let evidence = if all_evidence {
                edge.edge.evidence.len()
            } else {
                1
            };
            for ev in edge.edge.evidence.iter().take(evidence) {
                let near = focus(ev, &[&hop.to.name, &hop.from.name]);
                let _ = writeln!(out, "   │   {}", evidence_line(ev, near));
            }
            if edge.edge.evidence.len() > evidence {
                let _ = writeln!(
                    out,
                    "   │   (+{} more; --evidence all)",
                    edge.edge.evidence.len() - evidence
                );
            }
        }
        if hop.edges.len() > shown {
            let others: Vec<&str> = hop.edges[shown..]
                .iter()
                .map(|e| e.edge.relation.as_str())
                .collect();
            let _ = writeln!(out, "   │ also: {}", others.join(", "));
        }
        let _ = writeln!(out, "  {}  [{}]", hop.to.label(), hop.to.id);
    }
}
