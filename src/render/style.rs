//! How diagrams look, shared by every format: a shape and colours per kind, a colour and
//! line style per relation, the font list, and label wrapping.

use crate::catalogue::Kind;
use crate::graph::Relation;

/// Fonts for labels: a CJK font first so Chinese shows in PNG/PDF, then common fallbacks.
pub const FONT: &str =
    "Noto Sans CJK SC,WenQuanYi Micro Hei,Microsoft YaHei,PingFang SC,sans-serif";

/// The look of a kind of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeStyle {
    /// Graphviz shape name.
    pub shape: &'static str,
    pub fill: &'static str,
    pub border: &'static str,
    /// Drawn with rounded corners (boxes).
    pub rounded: bool,
}

/// The look of each kind.
pub fn node_style(kind: Kind) -> NodeStyle {
    let s = |shape, fill, border, rounded| NodeStyle {
        shape,
        fill,
        border,
        rounded,
    };
    match kind {
        Kind::Region => s("box", "#dbeafe", "#1d4ed8", true),
        Kind::Organization => s("box", "#fef3c7", "#b45309", false),
        Kind::Person => s("ellipse", "#fee2e2", "#b91c1c", false),
        Kind::Park => s("house", "#dcfce7", "#15803d", false),
        Kind::Chain => s("hexagon", "#ede9fe", "#6d28d9", false),
        Kind::Cluster => s("octagon", "#fae8ff", "#a21caf", false),
        Kind::Field => s("ellipse", "#f1f5f9", "#475569", false),
        Kind::Document => s("note", "#fff7ed", "#c2410c", false),
        Kind::Event => s("cds", "#ffedd5", "#9a3412", false),
        Kind::Platform => s("component", "#ccfbf1", "#0f766e", false),
        Kind::Concept => s("ellipse", "#f5f5f4", "#78716c", false),
    }
}

/// The look of a relation's edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeStyle {
    pub color: &'static str,
    /// `solid`, `dashed` or `dotted`.
    pub line: &'static str,
}

/// The look of each relation: acts on documents in orange, place in blue, membership in
/// purple, support and cooperation in green, events in brown, co-occurrence dotted grey.
pub fn edge_style(relation: Relation) -> EdgeStyle {
    let s = |color, line| EdgeStyle { color, line };
    match relation {
        Relation::Issued | Relation::Passed | Relation::Signed | Relation::Drafted => {
            s("#c2410c", "solid")
        }
        Relation::Supports => s("#15803d", "solid"),
        Relation::CooperatesWith => s("#15803d", "dashed"),
        Relation::CoBuilds => s("#0f766e", "solid"),
        Relation::LocatedIn => s("#1d4ed8", "solid"),
        Relation::PartOf => s("#1d4ed8", "dashed"),
        Relation::MemberOf => s("#6d28d9", "solid"),
        Relation::Concerns | Relation::About => s("#6d28d9", "dashed"),
        Relation::FocusesOn => s("#a21caf", "solid"),
        Relation::HoldsRole | Relation::Leads => s("#b91c1c", "solid"),
        Relation::RelocatesTo => s("#be123c", "dashed"),
        Relation::Involves | Relation::HeldIn => s("#9a3412", "dashed"),
        Relation::CoOccurs => s("#9ca3af", "dotted"),
    }
}

/// The colour of highlighted nodes and edges.
pub const HIGHLIGHT: &str = "#dc2626";

/// Break `text` into lines of at most `width` columns (a Han character counts two), at
/// spaces for Latin text and anywhere for Chinese, with lines of even length (as few lines
/// as filling each one would give, the narrowest that many allow).
pub fn wrap(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let filled = fill(text, width);
    let lines = filled.lines().count();
    if lines <= 1 {
        return filled;
    }
    (text.width().div_ceil(lines)..width)
        .map(|w| fill(text, w))
        .find(|even| even.lines().count() <= lines)
        .unwrap_or(filled)
}

/// Break `text` into lines of at most `width` columns, each line as full as it goes.
fn fill(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in split_words(text) {
        if !line.is_empty() && line.width() + word.width() > width {
            lines.push(line.trim_end().to_owned());
            line.clear();
        }
        line.push_str(if line.is_empty() {
            word.trim_start()
        } else {
            word
        });
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines.join("\n")
}

/// Words for wrapping: each Han character alone, Latin runs with their leading space.
fn split_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let wide = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 1;
        if wide || c == ' ' {
            if start < i {
                out.push(&text[start..i]);
            }
            start = i;
            if wide {
                out.push(&text[i..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_chinese_anywhere_and_english_at_spaces() {
        assert_eq!(
            wrap("关于推进京津冀协同创新共同体建设的决定", 20),
            "关于推进京津冀协同创\n新共同体建设的决定"
        );
        assert_eq!(wrap("Xiong'an New Area", 10), "Xiong'an\nNew Area");
        assert_eq!(wrap("天津", 20), "天津");
        assert_eq!(wrap("", 20), "");
    }
}
