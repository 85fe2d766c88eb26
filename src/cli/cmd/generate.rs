//! `jjj generate`: deterministic synthetic workloads for benchmarks — a corpus directory
//! made of the seeds' raw sentences, or a saved graph of N nodes / M edges.

use crate::cli::{output, Inputs};
use anyhow::{bail, Context as _};
use jjj_graph::workload;
use std::path::PathBuf;
use std::process::ExitCode;

/// Generate a synthetic corpus or graph for benchmarks (deterministic for a --seed).
///
/// `corpus` writes documents of 4 KiB–1 MiB made of the seed documents' own raw sentences,
/// noise included (traditional text with pinyin annotations, Taiwan vocabulary, page
/// furniture, damaged spans), until the directory holds --size. `graph` writes a saved
/// graph (load it with --graph FILE on any query command) with the seed graph's kinds and
/// relations, most extra nodes being enterprises, and optionally a tab-separated edge list
/// for other tools.
///
/// Examples:
///   jjj generate corpus --size 100MB -o /tmp/corpus100
///   jjj --seeds /tmp/corpus100 build --save /tmp/corpus100.jjj
///   jjj generate graph --nodes 1000000 --edges 5000000 -o /tmp/g1m.jjj --edge-list /tmp/g1m.tsv
///   jjj --graph /tmp/g1m.jjj path org/synthetic-0000001 org/synthetic-0000002
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// A directory of synthetic documents.
    Corpus {
        /// Total size: bytes, or with a unit (KB, MB, GB; powers of 1000).
        #[arg(long, value_parser = parse_size)]
        size: usize,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Directory to create (must not exist or be empty).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
    /// A saved graph of --nodes nodes and --edges edges.
    Graph {
        #[arg(long)]
        nodes: usize,
        #[arg(long)]
        edges: usize,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The saved graph to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Also write the edges as `source<TAB>target<TAB>relation` lines of node
        /// positions (0-based, in id order), for NetworkX, igraph or rustworkx.
        #[arg(long, value_name = "FILE")]
        edge_list: Option<PathBuf>,
    },
}

/// `123`, `10MB`, `1.5GB`, `64KiB`.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("unknown unit '{other}' (use B, KB, MB, GB)")),
    };
    let n: f64 = number
        .parse()
        .map_err(|_| format!("'{s}' is not a size (e.g. 100MB)"))?;
    Ok((n * factor) as usize)
}

pub fn run(inputs: &Inputs, args: Args) -> anyhow::Result<ExitCode> {
    let (_, build) = inputs.build()?;
    match args.what {
        What::Corpus { size, seed, output } => {
            let docs = workload::corpus(&build.documents, size, seed);
            if docs.is_empty() {
                bail!("the documents have no sentences to make a corpus of");
            }
            if output.exists()
                && std::fs::read_dir(&output)
                    .with_context(|| format!("cannot read {}", output.display()))?
                    .next()
                    .is_some()
            {
                bail!(
                    "{} is not empty; give a new directory for the corpus",
                    output.display()
                );
            }
            std::fs::create_dir_all(&output)
                .with_context(|| format!("cannot create {}", output.display()))?;
            let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
            for d in &docs {
                output::write_file(&output.join(&d.name), d.text.as_bytes())?;
            }
            eprintln!(
                "jjj: wrote {} documents, {bytes} bytes, to {}",
                docs.len(),
                output.display()
            );
        }
        What::Graph {
            nodes,
            edges,
            seed,
            output,
            edge_list,
        } => {
            let graph = workload::graph(&build.graph, nodes, edges, seed);
            output::write_file(
                &output,
                &jjj_graph::saved::to_bytes(
                    &graph,
                    jjj_graph::saved::Origin::Generated { nodes, edges, seed },
                )?,
            )?;
            if let Some(path) = edge_list {
                output::write(Some(&path), &workload::edge_list(&graph))?;
            }
            eprintln!(
                "jjj: wrote a graph of {} nodes and {} edges to {}",
                graph.graph.node_count(),
                graph.graph.edge_count(),
                output.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("123"), Ok(123));
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("1.5 gb"), Ok(1_500_000_000));
        assert_eq!(parse_size("2KiB"), Ok(2048));
        assert!(parse_size("10 parsecs").is_err());
        assert!(parse_size("MB").is_err());
    }
}
