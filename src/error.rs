//! The library's error type: every variant names the file, position or value at fault.

use std::path::PathBuf;

/// Errors from loading inputs and building the graph.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A document is not UTF-8 text.
    #[error(
        "{path}: not UTF-8 text (invalid byte 0x{byte:02X} at line {line}, column {column}){hint}"
    )]
    NotUtf8 {
        path: String,
        byte: u8,
        line: usize,
        column: usize,
        hint: String,
    },
    /// A document is UTF-16 without a byte-order mark (or with a broken surrogate).
    #[error("{path}: UTF-16{order} text that cannot be decoded as it is; convert it to UTF-8: iconv -f UTF-16{order} -t UTF-8 '{path}' > converted.txt")]
    Utf16 { path: String, order: &'static str },
    /// A document looks binary (NUL bytes).
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), not a text document")]
    Binary { path: String, offset: usize },
    /// A catalogue file is malformed; the message carries `file:line:column`.
    #[error("{file}:{line}:{column}: {message}")]
    Catalogue {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Several catalogue problems, one per line.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
    /// A directory given on the command line holds nothing usable.
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    /// A name given by the user matches no entity.
    #[error("no entity named '{name}'{}", suggestion_text(.suggestions))]
    UnknownName {
        name: String,
        suggestions: Vec<String>,
    },
    /// A name given by the user matches several entities.
    #[error("'{name}' is ambiguous; it names:\n{}", .candidates.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n"))]
    AmbiguousName {
        name: String,
        candidates: Vec<String>,
    },
    /// A value given by the user is not valid.
    #[error("invalid {what} '{value}': {message}")]
    InvalidValue {
        what: &'static str,
        value: String,
        message: String,
    },
    /// The JSON export could not be serialized.
    #[error("serializing {what}: {source}")]
    Serialize {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
