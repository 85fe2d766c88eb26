//! `jjj report`: the main job — build the graph and write the report artifacts into `out/`.

use crate::cli::cmd::render::{draw, view_diagram, Drawing};
use crate::cli::{output, Inputs};
use anyhow::Context as _;
use jjj_graph::export::Exporter as _;
use jjj_graph::render::view::View;
use jjj_graph::render::{mermaid, Lang};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the graph and write the report artifacts to out/ (the main job).
///
/// graph.json (the whole graph with evidence), graph.html (the interactive offline page),
/// stats.json, problems.json, every report
/// view as .dot, .svg and .mmd (Mermaid) — overview, overview-full, chains, parks, wings, actors,
/// timeline, ego:雄安新区 and path:雄安新区:天津 — and README.md, which shows the SVGs with
/// a caption each. SVGs come from Graphviz's dot when it is installed, else from the
/// built-in layout. The files are written all or nothing (a failure leaves the previous
/// out/ as it was); DOT, Mermaid and JSON are byte-identical for the same input.
///
/// Examples:
///   jjj report
///   jjj report --out /tmp/jjj-report
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output directory (created if missing).
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let (catalogue, build) = inputs.build()?;
    let graph = &build.graph;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let stats = jjj_graph::stats::stats(graph);
    let problems = jjj_graph::check::check(&catalogue, &build);
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "graph.json".into(),
            jjj_graph::export::json::Json
                .export(graph)?
                .into_file()
                .unwrap_or_default(),
        ),
        (
            "graph.html".into(),
            jjj_graph::export::html::Html
                .export(graph)?
                .into_file()
                .unwrap_or_default(),
        ),
        ("stats.json".into(), output::json(&stats)?),
        ("problems.json".into(), output::json(&problems)?),
    ];
    let mut figures: Vec<(String, String)> = Vec::new();
    let mut engines = std::collections::BTreeSet::new();
    // Why Graphviz could not draw, and how many views the built-in layout drew instead:
    // said once per reason, after the files are written, so a failing write prints only
    // its error.
    let mut fallbacks = std::collections::BTreeMap::<String, usize>::new();
    for view in report_views(graph) {
        let diagram = view_diagram(graph, &view, Lang::Zh, false)?;
        let slug = view.slug(graph);
        let Drawing {
            bytes: svg,
            engine,
            fallback: reason,
        } = draw(&diagram, "svg", "auto", std::time::Duration::from_secs(300))?;
        engines.extend(engine);
        if let Some(reason) = reason {
            *fallbacks.entry(reason).or_default() += 1;
        }
        files.push((
            format!("{slug}.dot"),
            jjj_graph::render::dot::to_dot(&diagram).into_bytes(),
        ));
        files.push((
            format!("{slug}.mmd"),
            mermaid::to_mermaid(&diagram).0.into_bytes(),
        ));
        files.push((format!("{slug}.svg"), svg));
        figures.push((slug, diagram.title.clone()));
    }
    files.push((
        "README.md".into(),
        summary(&stats, &problems, &figures).into_bytes(),
    ));
    // Everything is generated before anything is written, and then written all or nothing.
    output::write_files(&args.out, &files)?;
    for (reason, views) in fallbacks {
        eprintln!(
            "jjj: {reason}; drew {views} view{} with the built-in layout instead",
            if views == 1 { "" } else { "s" }
        );
    }
    eprintln!(
        "jjj: wrote {} files to {} ({} nodes, {} edges, {} problems; SVG by {})",
        files.len(),
        args.out.display(),
        stats.nodes,
        stats.edges,
        problems.len(),
        engines.into_iter().collect::<Vec<_>>().join(" and ")
    );
    Ok(ExitCode::SUCCESS)
}

/// The fixed views, and an ego and a path view on 雄安新区 where the corpus names it and 天津.
fn report_views(graph: &jjj_graph::graph::KnowledgeGraph) -> Vec<View> {
    let mut views = View::FIXED.to_vec();
    let examples = [
        View::Ego {
            name: "雄安新区".into(),
            depth: 1,
        },
        View::Path {
            from: "雄安新区".into(),
            to: "天津".into(),
        },
    ];
    let named = |name: &str| jjj_graph::resolve::resolve(graph, name).is_ok();
    if named("雄安新区") && named("天津") {
        views.extend(examples);
    }
    views
}

fn summary(
    stats: &jjj_graph::stats::Stats,
    problems: &[jjj_graph::graph::Problem],
    figures: &[(String, String)],
) -> String {
    let mut md = String::from("# jjj-graph report\n\nGenerated by `jjj report` from the documents in `seeds/` and the catalogue in `data/`.\n\n");
    let _ = writeln!(
        md,
        "- `graph.json`: the whole graph with evidence (schema_version 1, see the project README)"
    );
    let _ = writeln!(
        md,
        "- `graph.html`: the graph as an offline page — search, filters, evidence cards, 中文/English"
    );
    let _ = writeln!(
        md,
        "- `stats.json`: counts; `problems.json`: what `jjj check` reports\n"
    );
    let _ = writeln!(
        md,
        "{} documents, {} sentences, {} nodes ({} mentions), {} edges.\n",
        stats.documents, stats.sentences, stats.nodes, stats.mentions, stats.edges
    );
    md.push_str("| kind | nodes |\n|---|---:|\n");
    for (k, n) in &stats.nodes_by_kind {
        let _ = writeln!(md, "| {k} | {n} |");
    }
    md.push_str("\n| relation | edges |\n|---|---:|\n");
    for (k, n) in &stats.edges_by_relation {
        let _ = writeln!(md, "| {k} | {n} |");
    }
    let _ = writeln!(md, "\nProblems: {} (see `problems.json`).", problems.len());
    md.push_str("\n## Figures\n\nEach view is also here as Graphviz DOT (`.dot`) and Mermaid (`.mmd`); `jjj render --view V` draws it again, in PNG or PDF too.\n");
    for (slug, title) in figures {
        let _ = writeln!(
            md,
            "\n### {slug}\n\n![{title}]({slug}.svg)\n\n*{title}* — [`{slug}.dot`]({slug}.dot), [`{slug}.mmd`]({slug}.mmd)"
        );
    }
    md
}
