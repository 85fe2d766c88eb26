//! The inputs: catalogue files and document files, either embedded in the binary (the
//! default corpus of `data/` and `seeds/`) or read from directories the user names.
//! Documents must be UTF-8 text; anything else is refused with its name and position.

use crate::error::{line_column, Error, Result};
use std::path::{Path, PathBuf};

/// A catalogue file: its path relative to the data directory, the path to show in
/// messages, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    pub path: String,
    pub display: String,
    pub text: String,
}

/// A document file: its file name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    pub name: String,
    /// Where it came from, for messages (`seeds/000_….txt` or `<embedded>/…`).
    pub display_path: String,
    pub text: String,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The catalogue files compiled into the binary.
pub fn embedded_catalogue() -> Vec<TextFile> {
    embedded::DATA
        .iter()
        .map(|(path, text)| TextFile {
            path: (*path).to_owned(),
            display: format!("<embedded>/data/{path}"),
            text: (*text).to_owned(),
        })
        .collect()
}

/// The documents compiled into the binary.
pub fn embedded_documents() -> Vec<DocumentFile> {
    embedded::SEEDS
        .iter()
        .map(|(name, text)| DocumentFile {
            name: (*name).to_owned(),
            display_path: format!("<embedded>/seeds/{name}"),
            text: (*text).to_owned(),
        })
        .collect()
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Read the catalogue files under `dir` (`**/*.toml`), sorted by path.
pub fn read_catalogue_dir(dir: &Path) -> Result<Vec<TextFile>> {
    let mut out = Vec::new();
    collect_toml(dir, dir, &mut out)?;
    if out.is_empty() {
        return Err(Error::Input {
            path: dir.display().to_string(),
            message: "no catalogue files (*.toml) in this directory".into(),
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn collect_toml(root: &Path, dir: &Path, out: &mut Vec<TextFile>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if path.is_dir() {
            collect_toml(root, &path, out)?;
        } else if path.extension().is_some_and(|x| x == "toml") {
            let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
            let display = path.display().to_string();
            let text = decode(&display, bytes)?;
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(TextFile {
                path: rel,
                display,
                text,
            });
        }
    }
    Ok(())
}

/// The documents (`*.txt`, `*.md`) in `dir`, sorted by name, not yet read.
pub fn document_paths(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "txt" || x == "md") {
            out.push(path);
        }
    }
    if out.is_empty() {
        return Err(Error::Input {
            path: dir.display().to_string(),
            message: "no documents (*.txt, *.md) in this directory".into(),
        });
    }
    out.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(out)
}

/// Read one document.
pub fn read_document(path: &Path) -> Result<DocumentFile> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let display = path.display().to_string();
    let text = decode(&display, bytes)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(DocumentFile {
        name,
        display_path: display,
        text,
    })
}

/// Check that `bytes` are UTF-8 text (a BOM is dropped) and return them as a string.
/// Binary input and other encodings (GBK, Big5) are refused by name, with the position of
/// the first bad byte.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String> {
    // UTF-16 with a byte-order mark is decoded; without one, it is named (not "binary").
    let utf16 = |order: &'static str, unit: fn([u8; 2]) -> u16, body: &[u8]| {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| unit([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16(&units).map_err(|_| Error::Utf16 {
            path: path.to_owned(),
            order,
        })
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, body @ ..] => return utf16("LE", u16::from_le_bytes, body),
        [0xFE, 0xFF, body @ ..] => return utf16("BE", u16::from_be_bytes, body),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(512) & !1];
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    if sample.len() >= 8 {
        let half = sample.len() / 2;
        for (parity, order) in [(1, "LE"), (0, "BE")] {
            // ASCII-heavy UTF-16: most high bytes are 0; Chinese: none is 0 but no low is either.
            if zeros_at(parity) * 3 > half && zeros_at(1 - parity) * 10 < half {
                return Err(Error::Utf16 {
                    path: path.to_owned(),
                    order,
                });
            }
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = String::from_utf8_lossy(&bytes[..at]);
            let (line, column) = line_column(&valid, valid.len());
            let hint = legacy_chinese_hint(&bytes[at..]);
            Err(Error::NotUtf8 {
                path: path.to_owned(),
                byte: bytes[at],
                line,
                column,
                hint: hint.into(),
            })
        }
    }
}

/// How to convert bytes that look like a legacy Chinese encoding, as an error hint (empty if
/// they do not). GBK and Big5 both write a Han character as a lead byte 0x81–0xFE and a trail
/// byte 0x40–0xFE, but GBK's common characters (GB2312) all have trail bytes 0xA1–0xFE, while
/// about 45 % of Big5 text has trail bytes 0x40–0x7E (measured on the seeds: 43–46 % as Big5;
/// 0 % for simplified and 21–27 % for traditional text as GBK).
fn legacy_chinese_hint(rest: &[u8]) -> &'static str {
    let sample = &rest[..rest.len().min(4096)];
    let (mut pairs, mut low_trails) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < sample.len() {
        if (0x81..=0xFE).contains(&sample[i]) && (0x40..=0xFE).contains(&sample[i + 1]) {
            pairs += 1;
            low_trails += usize::from(sample[i + 1] < 0xA1);
            i += 2;
        } else {
            i += 1;
        }
    }
    match pairs {
        0 | 1 => "",
        _ if pairs >= 8 && low_trails * 100 > pairs * 35 => {
            "; it looks like Big5: convert it first, e.g. `iconv -f BIG5 -t UTF-8`"
        }
        _ if pairs >= 8 && low_trails * 100 < pairs * 10 => {
            "; it looks like GBK: convert it first, e.g. `iconv -f GBK -t UTF-8`"
        }
        _ => "; it looks like GBK or Big5: convert it first, e.g. `iconv -f GBK -t UTF-8` (or `-f BIG5`)",
    }
}

#[cfg(test)]
mod tests {
    use super::legacy_chinese_hint;

    #[test]
    fn legacy_encodings_are_told_apart_by_their_trail_bytes() {
        // Eight double-byte characters, trail bytes all 0xA1–0xFE: GBK (GB2312) text.
        let gbk = [0xBE, 0xA9].repeat(8);
        assert!(legacy_chinese_hint(&gbk).contains("looks like GBK:"));
        // Half of them with trail bytes 0x40–0x7E: Big5.
        let big5 = [[0xA8, 0xCA], [0xA5, 0x5F]].concat().repeat(4);
        assert!(legacy_chinese_hint(&big5).contains("looks like Big5:"));
        // A quarter: traditional characters in GBK, or Big5; cannot tell.
        let either = [[0xBE, 0xA9], [0xBE, 0xA9], [0xBE, 0xA9], [0x85, 0x66]]
            .concat()
            .repeat(2);
        assert!(legacy_chinese_hint(&either).contains("GBK or Big5"));
        // Too few pairs to say anything.
        assert_eq!(legacy_chinese_hint(&[0xBE, 0xA9, b'a']), "");
    }
}
