//! `jjj render`: a report figure — DOT, SVG, PNG, PDF or Mermaid — of one view.

use crate::cli::{output, table, Inputs};
use anyhow::{bail, Context as _};
use jjj_graph::graph::KnowledgeGraph;
use jjj_graph::render::graphviz::{self, GraphvizError};
use jjj_graph::render::view::{diagram_with, View};
use jjj_graph::render::{dot, mermaid, readability, svg, Diagram, Lang};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Draw a view of the graph as DOT, SVG, PNG, PDF or Mermaid.
///
/// Views: overview (the graph aggregated by place and group, one page), overview-full (all
/// typed relations, every entity), chains (六链五群 and who works on them), parks
/// (中关村 and its partner parks by province and city), wings (北京城市副中心 / 雄安新区,
/// 通州 and 北三县, 非首都功能疏解), actors (bodies, people and their documents), timeline
/// (documents and events by date), ego:NAME[:DEPTH], path:FROM:TO.
///
/// SVG, PNG and PDF come from Graphviz's dot when it is installed; with --engine auto and
/// no dot, SVG is drawn by a built-in layout (PNG and PDF need dot). For Chinese in
/// PNG/PDF install a CJK font: apt-get install graphviz fonts-noto-cjk. The format follows
/// the -o extension unless given; without -o (or with -o -) the output goes to stdout.
///
/// Examples:
///   jjj render --view parks -o parks.svg
///   jjj render --view chains --format mermaid
///   jjj render --view ego:雄安新区:2 --lang both -o xiongan.png
///   jjj render --view path:雄安新区:天津 --engine builtin -o path.svg
///   jjj render --view timeline --format dot | dot -Tpdf -o timeline.pdf
///   jjj render --view wings --cooccurrence -o wings.svg
///   jjj render --stats                  (how readable each report view is, both engines)
///   jjj render --stats --view parks
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The view [default: overview; with --stats: every view `jjj report` draws].
    #[arg(long, value_name = "VIEW")]
    pub view: Option<View>,
    /// Print how readable the view is instead of drawing it, for each engine (Graphviz when
    /// installed, and the built-in layout): the drawing's size, its smallest label, the page
    /// on which that label prints at 8 pt and whether that is A4 or smaller, overlapping
    /// labels, labels over another node, and edge crossings.
    #[arg(long, conflicts_with_all = ["format", "output"])]
    pub stats: bool,
    /// dot, svg, png, pdf or mermaid (default: from the -o extension, else dot).
    #[arg(long, short, value_name = "FORMAT", value_parser = ["dot", "svg", "png", "pdf", "mermaid"])]
    pub format: Option<String>,
    /// Labels: zh, en or both.
    #[arg(long, default_value = "zh", value_name = "LANG")]
    pub lang: Lang,
    /// auto (dot when installed, else built-in), graphviz or builtin.
    #[arg(long, default_value = "auto", value_name = "ENGINE", value_parser = ["auto", "graphviz", "builtin"])]
    pub engine: String,
    /// Also draw the co-occurrence edges (two names in one sentence) among the view's nodes.
    #[arg(long)]
    pub cooccurrence: bool,
    /// Stop dot after this many seconds.
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub timeout: u64,
    /// Output file; `-` or nothing for stdout. Written atomically.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The format a path's extension asks for.
fn format_of(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "dot" | "gv" => Some("dot"),
        "svg" => Some("svg"),
        "png" => Some("png"),
        "pdf" => Some("pdf"),
        "mmd" | "mermaid" => Some("mermaid"),
        _ => None,
    }
}

/// A drawn diagram: its bytes, the engine that drew it (SVG/PNG/PDF) and, where `auto`
/// fell back to the built-in layout, why Graphviz could not draw it. The caller decides
/// how to tell the user (`report` says it once for all its views).
pub struct Drawing {
    pub bytes: Vec<u8>,
    pub engine: Option<&'static str>,
    pub fallback: Option<String>,
}

/// The bytes of `diagram` in `format`, and the engine that drew it (for SVG/PNG/PDF).
pub fn draw(
    diagram: &mut Diagram,
    format: &str,
    engine: &str,
    timeout: Duration,
) -> anyhow::Result<Drawing> {
    let drawn = |bytes: Vec<u8>, engine| Drawing {
        bytes,
        engine,
        fallback: None,
    };
    match format {
        "dot" => return Ok(drawn(dot::to_dot(diagram).into_bytes(), None)),
        "mermaid" => {
            let (text, cut) = mermaid::to_mermaid(diagram);
            if cut > 0 {
                eprintln!(
                    "jjj: left out {cut} edges to stay within Mermaid's limits ({} edges, {} characters)",
                    mermaid::MAX_EDGES,
                    mermaid::MAX_TEXT
                );
            }
            return Ok(drawn(text.into_bytes(), None));
        }
        _ => {}
    }
    if engine == "builtin" {
        if format != "svg" {
            bail!("the built-in engine draws SVG only; {format} needs Graphviz's dot (apt-get install graphviz fonts-noto-cjk)");
        }
        return Ok(drawn(svg::to_svg(diagram)?.into_bytes(), Some("builtin")));
    }
    if format != "svg" && graphviz::has_cjk_font() == Some(false) {
        eprintln!("jjj: warning: fontconfig lists no Chinese font (fc-list :lang=zh); Chinese labels will show as boxes. Install one: apt-get install fonts-noto-cjk");
    }
    match graphviz::render_readable(diagram, format, timeout) {
        Ok(bytes) => Ok(drawn(bytes, Some("graphviz"))),
        Err(e) if engine == "auto" && format == "svg" => Ok(Drawing {
            bytes: svg::to_svg(diagram)?.into_bytes(),
            engine: Some("builtin"),
            fallback: Some(e.to_string()),
        }),
        Err(GraphvizError::NotFound) if format != "svg" => {
            bail!("{format} needs Graphviz's dot, which is not installed (apt-get install graphviz fonts-noto-cjk); SVG works without it")
        }
        Err(e) => Err(e.into()),
    }
}

/// The diagram of a view, with the view named in errors.
pub fn view_diagram(
    kg: &KnowledgeGraph,
    view: &View,
    lang: Lang,
    cooccurrence: bool,
) -> anyhow::Result<Diagram> {
    let diagram = diagram_with(kg, view, lang, cooccurrence)
        .with_context(|| format!("cannot draw the view {view:?}"))?;
    if diagram.nodes.is_empty() {
        bail!("the view {view:?} has nothing to draw in this corpus");
    }
    Ok(diagram)
}

/// `--stats`: the readability of each view by each engine, as a table.
fn stats(graph: &KnowledgeGraph, args: &Args) -> anyhow::Result<ExitCode> {
    let views = match &args.view {
        Some(view) => vec![view.clone()],
        None => View::report(graph),
    };
    let engines: &[&str] = match args.engine.as_str() {
        "auto" if graphviz::available() => &["graphviz", "builtin"],
        "auto" => {
            eprintln!("jjj: Graphviz's dot is not installed: figures for the built-in layout only (apt-get install graphviz fonts-noto-cjk)");
            &["builtin"]
        }
        "graphviz" => &["graphviz"],
        _ => &["builtin"],
    };
    let mut rows = vec![[
        "view",
        "engine",
        "size",
        "smallest",
        "page at 8 pt (mm)",
        "A4",
        "label overlaps",
        "labels on nodes",
        "crossings",
    ]
    .map(String::from)
    .to_vec()];
    for view in &views {
        let diagram = view_diagram(graph, view, args.lang, args.cooccurrence)?;
        for &engine in engines {
            let mut diagram = diagram.clone();
            let drawing = draw(
                &mut diagram,
                "svg",
                engine,
                Duration::from_secs(args.timeout),
            )?;
            let svg = String::from_utf8_lossy(&drawing.bytes);
            let r = readability::measure(&svg)
                .with_context(|| format!("cannot read back the SVG of {}", view.slug(graph)))?;
            let (w, h) = r.page_mm_at(8.0);
            rows.push(vec![
                view.slug(graph),
                engine.to_owned(),
                format!("{:.0} × {:.0}", r.width, r.height),
                format!("{:.0}", r.smallest_font),
                format!("{w:.0} × {h:.0}"),
                if r.fits(readability::A4, 8.0) {
                    "fits"
                } else {
                    "too big"
                }
                .to_owned(),
                r.label_overlaps.to_string(),
                r.node_label_overlaps.to_string(),
                r.edge_crossings.to_string(),
            ]);
        }
    }
    output::write_stdout(table::render(&rows).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let format = match (&args.format, &args.output) {
        (Some(f), _) => f.clone(),
        (None, Some(p)) if !to_stdout => format_of(p).unwrap_or("dot").to_owned(),
        _ => "dot".to_owned(),
    };
    if to_stdout && matches!(format.as_str(), "png" | "pdf") && std::io::stdout().is_terminal() {
        bail!("{format} is binary: write it to a file with -o FILE, or redirect stdout");
    }
    let graph = inputs.graph()?;
    if args.stats {
        return stats(&graph, &args);
    }
    let view = args.view.clone().unwrap_or(View::Overview);
    let mut diagram = view_diagram(&graph, &view, args.lang, args.cooccurrence)?;
    let Drawing {
        bytes,
        engine,
        fallback,
    } = draw(
        &mut diagram,
        &format,
        &args.engine,
        Duration::from_secs(args.timeout),
    )?;
    if let Some(reason) = fallback {
        eprintln!("jjj: {reason}; drawing with the built-in layout instead");
    }
    if let Some(engine) = engine {
        eprintln!(
            "jjj: {format} drawn by {}",
            if engine == "graphviz" {
                "Graphviz (dot)"
            } else {
                "the built-in layout (dagre)"
            }
        );
    }
    output::write(args.output.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
