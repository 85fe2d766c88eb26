//! `jjj report`: the main job — build the graph and write the report artifacts into `out/`.

use crate::cli::cmd::render::{draw, view_diagram, Drawing};
use crate::cli::{output, Inputs};
use anyhow::Context as _;
use jjj_graph::export::Exporter as _;
use jjj_graph::render::view::View;
use jjj_graph::render::{mermaid, readability, Lang};
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
    let mut figures: Vec<Figure> = Vec::new();
    let mut engines = std::collections::BTreeSet::new();
    // Why Graphviz could not draw, and how many views the built-in layout drew instead:
    // said once per reason, after the files are written, so a failing write prints only
    // its error.
    let mut fallbacks = std::collections::BTreeMap::<String, usize>::new();
    for view in View::report(graph) {
        let mut diagram = view_diagram(graph, &view, Lang::Zh, false)?;
        let slug = view.slug(graph);
        let Drawing {
            bytes: svg,
            engine,
            fallback: reason,
        } = draw(
            &mut diagram,
            "svg",
            "auto",
            std::time::Duration::from_secs(300),
        )?;
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
        let readability = readability::measure(&String::from_utf8_lossy(&svg))
            .with_context(|| format!("cannot read back the SVG of {slug}"))?;
        files.push((format!("{slug}.svg"), svg));
        figures.push(Figure {
            slug,
            title: diagram.title.replace('\n', " — "),
            engine: engine.unwrap_or("builtin"),
            readability,
        });
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

/// A figure of the report, and how readable its SVG is.
struct Figure {
    slug: String,
    /// On one line.
    title: String,
    engine: &'static str,
    readability: readability::Readability,
}

fn summary(
    stats: &jjj_graph::stats::Stats,
    problems: &[jjj_graph::graph::Problem],
    figures: &[Figure],
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
    md.push_str("\n## Figures\n\nEach view is also here as Graphviz DOT (`.dot`) and Mermaid (`.mmd`); `jjj render --view V` draws it again, in PNG or PDF too. Under each figure: the page on which its smallest label prints at 8 pt, and what `jjj render --stats` counts on it (label boxes that overlap, labels over another node, edge crossings).\n");
    for Figure {
        slug,
        title,
        engine,
        readability: r,
    } in figures
    {
        let (w, h) = r.page_mm_at(8.0);
        let _ = writeln!(
            md,
            "\n### {slug}\n\n![{title}]({slug}.svg)\n\n*{title}* — [`{slug}.dot`]({slug}.dot), [`{slug}.mmd`]({slug}.mmd)\n\nDrawn by {engine}: {:.0} × {:.0} mm at 8 pt ({}), {} overlapping labels, {} labels over another node, {} edge crossings.",
            w,
            h,
            if r.fits(readability::A4, 8.0) { "fits A4" } else { "larger than A4" },
            r.label_overlaps,
            r.node_label_overlaps,
            r.edge_crossings
        );
    }
    md
}
