//! The invariants the fuzz targets check, shared with the regression test that replays the
//! committed fuzz seeds (`tests/cli/fuzzed.rs`): each function takes the fuzzer's bytes and
//! panics, with the input in the message, when jjj breaks a promise on them.

use jjj_graph::catalogue::Catalogue;
use jjj_graph::corpus::{embedded_catalogue, DocumentFile, TextFile};
use jjj_graph::dates::{find_dates, PartialDate};
use jjj_graph::normalize::Normalizer;
use jjj_graph::sentence::split_sentences;
use std::sync::OnceLock;

fn normalizer() -> &'static Normalizer {
    static N: OnceLock<Normalizer> = OnceLock::new();
    N.get_or_init(|| {
        let catalogue = Catalogue::load(&embedded_catalogue()).expect("the embedded catalogue");
        Normalizer::new(&catalogue.normalize).expect("the embedded normalizer")
    })
}

/// Normalization of any text: every character of the result maps to a span inside the
/// original, on char boundaries, in order; normalizing the result again changes nothing.
pub fn normalization(data: &[u8]) {
    let Ok(original) = std::str::from_utf8(data) else {
        return;
    };
    let n = normalizer().normalize(original);
    let text = n.text.as_str();
    let mut last_start = 0;
    for (i, c) in text.char_indices() {
        let span = n.text.original_span(i..i + c.len_utf8());
        assert!(
            span.start <= span.end && span.end <= original.len(),
            "{span:?} outside {original:?}"
        );
        assert!(
            original.is_char_boundary(span.start) && original.is_char_boundary(span.end),
            "{span:?} not on char boundaries of {original:?}"
        );
        assert!(
            span.start >= last_start,
            "spans out of order at {i} in {original:?}"
        );
        last_start = span.start;
    }
    let whole = n.text.original_span(0..text.len());
    assert!(whole.end <= original.len());
    let again = normalizer().normalize(text);
    assert_eq!(
        again.text.as_str(),
        text,
        "normalization is not idempotent on {original:?}"
    );
}

/// Sentence splitting of any text (raw and normalized): sentences are in order, do not
/// overlap, lie on char boundaries and are never blank; their indices count up from 0.
pub fn sentences(data: &[u8]) {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let normalized = normalizer().normalize(raw);
    for text in [raw, normalized.text.as_str()] {
        let mut previous_end = 0;
        let mut previous_paragraph = 0;
        for (k, s) in split_sentences(text).iter().enumerate() {
            assert_eq!(s.index, k, "sentence indices of {text:?}");
            assert!(
                previous_end <= s.range.start && s.range.start < s.range.end,
                "{:?} overlaps or is empty in {text:?}",
                s.range
            );
            let body = text
                .get(s.range.clone())
                .unwrap_or_else(|| panic!("{:?} not on char boundaries of {text:?}", s.range));
            assert!(!body.trim().is_empty(), "blank sentence in {text:?}");
            assert!(
                s.paragraph >= previous_paragraph,
                "paragraphs go back in {text:?}"
            );
            previous_end = s.range.end;
            previous_paragraph = s.paragraph;
        }
    }
}

/// Date finding on any text, with and without a document date: every mention's range is
/// its text, dates are valid and print back to themselves, ranges end no earlier than they
/// start; `PartialDate::parse` accepts only what it prints.
pub fn dates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(d) = PartialDate::parse(text) {
        assert_eq!(d.to_string(), text, "parse/print of {text:?}");
    }
    for anchor in [None, PartialDate::new(2024, Some(2), Some(29))] {
        for m in find_dates(text, anchor) {
            assert_eq!(
                text.get(m.range.clone()),
                Some(m.text.as_str()),
                "{:?} in {text:?}",
                m.range
            );
            for d in std::iter::once(m.date).chain(m.end) {
                assert_eq!(
                    PartialDate::parse(&d.to_string()),
                    Some(d),
                    "{d:?} from {text:?}"
                );
            }
            if let Some(end) = m.end {
                assert!(end >= m.date, "{m:?} ends before it starts in {text:?}");
            }
        }
    }
}

/// The catalogue loader on the real catalogue with one file replaced by the input (its first
/// byte picks the file): it loads or fails with errors that point inside the files; a
/// catalogue that loads builds a graph of a small document.
pub fn catalogue(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut files: Vec<TextFile> = embedded_catalogue();
    let at = pick as usize % files.len();
    files[at].text = text.to_owned();
    match Catalogue::load(&files) {
        Err(e) => {
            let mut errors = vec![&e];
            if let jjj_graph::Error::Many(all) = &e {
                errors = all.iter().collect();
            }
            for error in errors {
                if let jjj_graph::Error::Catalogue {
                    file, line, column, ..
                } = error
                {
                    let f = files
                        .iter()
                        .find(|f| &f.display == file)
                        .unwrap_or_else(|| panic!("{error} names no catalogue file"));
                    let lines = f.text.lines().count().max(1);
                    assert!(
                        (1..=lines + 1).contains(line) && *column >= 1,
                        "{error}: line {line} of {lines}"
                    );
                }
                assert!(!error.to_string().is_empty());
            }
        }
        Ok(catalogue) => {
            let document = DocumentFile {
                name: "f.txt".into(),
                display_path: "f.txt".into(),
                text: "北京市与天津市签署了《京津冀协同发展协议》。2024年2月，雄安新区".into(),
            };
            let _ = jjj_graph::pipeline::build(&catalogue, &[document]);
        }
    }
}

/// Label escaping for every format a label is written into: the escaped DOT string parses
/// (graphviz-rust's parser) and unescapes to the label; the Mermaid label holds no syntax
/// and decodes to the label; XML text and attributes parse (roxmltree) back to the label;
/// the HTML page's script JSON holds no markup and parses back to the label.
pub fn escaping(data: &[u8]) {
    let Ok(label) = std::str::from_utf8(data) else {
        return;
    };
    // DOT: `\r` is dropped, `\n` is a centred line break.
    let quoted = jjj_graph::render::dot::quote(label);
    let dot = format!("digraph {{ a [label={quoted}] }}");
    let graph = graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{dot:?}: {e}"));
    let printed = format!("{graph:?}");
    assert!(printed.contains("label"), "{dot:?} lost its label");
    assert_eq!(
        unquote_dot(&quoted),
        label.replace('\r', ""),
        "DOT {quoted:?}"
    );

    // Mermaid.
    let mermaid = jjj_graph::render::mermaid::escape(label);
    assert!(
        !mermaid.contains(['"', '`', '[', ']', '{', '}', '|', '\n', '\r']),
        "Mermaid {mermaid:?}"
    );
    assert_eq!(decode_mermaid(&mermaid), label, "Mermaid {mermaid:?}");

    // XML (SVG, GraphML, GEXF).
    let xml_label: String = label
        .chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect();
    let escaped = jjj_graph::xml::escape(label);
    let xml = format!("<a t=\"{escaped}\">{escaped}</a>");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{xml:?}: {e}"));
    let root = doc.root_element();
    assert_eq!(
        root.attribute("t"),
        Some(xml_label.as_str()),
        "XML attribute {xml:?}"
    );
    assert_eq!(root.text().unwrap_or(""), xml_label, "XML text {xml:?}");

    // The HTML page's inlined data.
    let value = serde_json::Value::String(label.to_owned());
    let script = jjj_graph::export::html::script_json(&value).expect("a string serializes");
    assert!(
        !script.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
        "script JSON {script:?}"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&script).ok(),
        Some(value),
        "script JSON {script:?}"
    );
}

/// What Graphviz reads from a quoted string written by `quote`: `\\` → `\`, `\"` → `"`,
/// `\n` → a line break.
fn unquote_dot(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{quoted:?} is not quoted"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                other => panic!("stray escape \\{other:?} in {quoted:?}"),
            },
            '"' => panic!("bare quote in {quoted:?}"),
            c => out.push(c),
        }
    }
    out
}

/// What Mermaid shows for an escaped label: `#NN;` codes and `<br/>` decoded.
fn decode_mermaid(escaped: &str) -> String {
    let mut out = String::new();
    let mut rest = escaped;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<br/>") {
            out.push('\n');
            rest = after;
        } else if c == '#' {
            let end = rest
                .find(';')
                .unwrap_or_else(|| panic!("open code in {escaped:?}"));
            let code: u32 = rest[1..end]
                .parse()
                .unwrap_or_else(|_| panic!("bad code in {escaped:?}"));
            out.push(char::from_u32(code).expect("a char code"));
            rest = &rest[end + 1..];
        } else {
            assert!(c != '<' && c != '>', "markup in Mermaid label {escaped:?}");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// XML 1.0's `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
