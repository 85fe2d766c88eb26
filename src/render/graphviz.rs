//! SVG, PNG and PDF from Graphviz's `dot` program: DOT on its standard input, a time
//! limit, and its error text kept (graphviz-rust's `exec` has no time limit and drops
//! warnings, so the program is run directly).

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why `dot` produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    /// No `dot` on PATH.
    #[error("Graphviz's `dot` is not installed (Debian/Ubuntu: apt-get install graphviz fonts-noto-cjk)")]
    NotFound,
    /// `dot` ran past the time limit and was stopped.
    #[error("`dot` took longer than {0:?} and was stopped; try a smaller view")]
    TimedOut(Duration),
    /// `dot` failed.
    #[error("`dot` failed ({status}): {stderr}")]
    Failed { status: String, stderr: String },
    /// Talking to `dot` failed.
    #[error("running `dot`: {0}")]
    Io(#[from] std::io::Error),
}

/// Whether `dot` can be run.
pub fn available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether fontconfig knows a font with Chinese glyphs (`fc-list :lang=zh`); PNG and PDF
/// show boxes for Chinese without one. `None` when fc-list cannot be run.
pub fn has_cjk_font() -> Option<bool> {
    let out = Command::new("fc-list").arg(":lang=zh").output().ok()?;
    Some(out.status.success() && !out.stdout.trim_ascii().is_empty())
}

/// Lay out and draw `dot_text` with `dot -T<format>` (`svg`, `png`, `pdf`), stopping it
/// after `limit`.
pub fn render(dot_text: &str, format: &str, limit: Duration) -> Result<Vec<u8>, GraphvizError> {
    let mut child = match Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GraphvizError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| std::io::Error::other("no stdout"))?;
    let mut stderr = child
        .stderr
        .take()
        .ok_or_else(|| std::io::Error::other("no stderr"))?;
    let input = dot_text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let errors = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = stderr.read_to_string(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(GraphvizError::TimedOut(limit));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = writer.join();
    let bytes = reader
        .join()
        .map_err(|_| std::io::Error::other("reader thread failed"))??;
    let stderr = errors.join().unwrap_or_default();
    if !status.success() || bytes.is_empty() {
        return Err(GraphvizError::Failed {
            status: status.to_string(),
            stderr: stderr.trim().to_owned(),
        });
    }
    Ok(bytes)
}

/// Graphviz's drawing of `diagram` in `format`, readable: where dot set an edge label on
/// another label or a node (it can place a flat edge's label on a box title), the diagram
/// is drawn again without edge labels (the legend names each relation's colour and line)
/// and `diagram.edge_labels` says so, for the DOT written beside it. Dot runs once more
/// when labels are checked (twice for PNG/PDF).
pub fn render_readable(
    diagram: &mut super::Diagram,
    format: &str,
    limit: Duration,
) -> Result<Vec<u8>, GraphvizError> {
    if diagram.edge_labels {
        let svg = render(&super::dot::to_dot(diagram), "svg", limit)?;
        let crowded = super::readability::measure(&String::from_utf8_lossy(&svg))
            .is_ok_and(|r| r.label_overlaps + r.node_label_overlaps > 0);
        if !crowded && format == "svg" {
            return Ok(svg);
        }
        diagram.edge_labels = !crowded;
    }
    render(&super::dot::to_dot(diagram), format, limit)
}
