//! The overview figure: the graph aggregated into a handful of groups — 北京, 天津, 河北,
//! 雄安新区, the six chains (六链), the five clusters (五群) and what is national or spans the
//! region — each with the number of entities of every kind inside it, and between two groups
//! one edge labelled with the number of typed relations that join them. It fits one page;
//! the detailed views (parks, chains, wings, actors, timeline, overview-full) drill down.

use super::{Diagram, DiagramEdge, DiagramNode, Direction, Lang};
use crate::catalogue::Kind;
use crate::graph::{KnowledgeGraph, Relation};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;

/// A group of the overview: its id, Chinese and English names.
struct Group {
    id: &'static str,
    zh: &'static str,
    en: &'static str,
}

const GROUPS: [Group; 7] = [
    Group {
        id: "group/beijing",
        zh: "北京",
        en: "Beijing",
    },
    Group {
        id: "group/tianjin",
        zh: "天津",
        en: "Tianjin",
    },
    Group {
        id: "group/hebei",
        zh: "河北 (雄安新区之外)",
        en: "Hebei (outside Xiong'an)",
    },
    Group {
        id: "group/xiongan",
        zh: "雄安新区",
        en: "Xiong'an New Area",
    },
    Group {
        id: "group/six-chains",
        zh: "六链",
        en: "Six industry chains",
    },
    Group {
        id: "group/five-clusters",
        zh: "五群",
        en: "Five clusters",
    },
    Group {
        id: "group/region-wide",
        zh: "京津冀全域与国家层面",
        en: "Region-wide and national",
    },
];

const BEIJING: usize = 0;
const TIANJIN: usize = 1;
const HEBEI: usize = 2;
const XIONGAN: usize = 3;
const CHAINS: usize = 4;
const CLUSTERS: usize = 5;
const REGION_WIDE: usize = 6;

/// A kind's name in the figure's language.
fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return kind.as_str();
    }
    match kind {
        Kind::Region => "地区",
        Kind::Organization => "机构",
        Kind::Person => "人物",
        Kind::Park => "园区",
        Kind::Chain => "产业链",
        Kind::Cluster => "集群",
        Kind::Field => "领域",
        Kind::Document => "文件",
        Kind::Event => "事件",
        Kind::Platform => "平台",
        Kind::Concept => "概念",
    }
}

/// The group of every node: a chain or cluster its group; a node that lies (by `located_in`,
/// transitively) in 雄安新区 or one province that group; every other node the group most of
/// its typed neighbours so placed are in (ties to the first group), else region-wide.
/// O(V + E) after the ancestor walks.
fn assign(kg: &KnowledgeGraph) -> BTreeMap<NodeIndex, usize> {
    let place = |n: NodeIndex| -> Option<usize> {
        let node = &kg.graph[n];
        match node.kind() {
            Kind::Chain => return Some(CHAINS),
            Kind::Cluster => return Some(CLUSTERS),
            _ => {}
        }
        let mut places = vec![n];
        places.extend(super::view::ancestors(kg, n));
        let ids: Vec<&str> = places.iter().map(|&p| kg.graph[p].id()).collect();
        if ids.contains(&"region/xiongan") {
            return Some(XIONGAN);
        }
        let provinces: Vec<usize> = ids
            .iter()
            .filter_map(|id| match *id {
                "region/beijing" => Some(BEIJING),
                "region/tianjin" => Some(TIANJIN),
                "region/hebei" => Some(HEBEI),
                _ => None,
            })
            .collect();
        match provinces.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    };
    let mut group: BTreeMap<NodeIndex, usize> = kg
        .graph
        .node_indices()
        .filter_map(|n| Some((n, place(n)?)))
        .collect();
    let placed = group.clone();
    for n in kg.graph.node_indices().filter(|n| !placed.contains_key(n)) {
        let mut votes = [0usize; GROUPS.len()];
        for e in kg
            .graph
            .edges(n)
            .chain(kg.graph.edges_directed(n, petgraph::Direction::Incoming))
        {
            if e.weight().relation == Relation::CoOccurs {
                continue;
            }
            let other = if e.source() == n {
                e.target()
            } else {
                e.source()
            };
            if let Some(&g) = placed.get(&other) {
                votes[g] += 1;
            }
        }
        let best = (0..GROUPS.len())
            .filter(|&g| votes[g] > 0)
            .max_by_key(|&g| (votes[g], std::cmp::Reverse(g)));
        group.insert(n, best.unwrap_or(REGION_WIDE));
    }
    group
}

/// The aggregated overview of `kg` (typed relations only; co-occurrence is left out).
/// O(V + E) after grouping.
pub fn aggregated(kg: &KnowledgeGraph, lang: Lang) -> Diagram {
    let group = assign(kg);
    let mut kinds: Vec<BTreeMap<Kind, usize>> = vec![BTreeMap::new(); GROUPS.len()];
    for (&n, &g) in &group {
        *kinds[g].entry(kg.graph[n].kind()).or_default() += 1;
    }
    let mut inside = [0usize; GROUPS.len()];
    // (group, group) → relation → count, the smaller group first.
    let mut between: BTreeMap<(usize, usize), BTreeMap<Relation, usize>> = BTreeMap::new();
    for e in kg.graph.edge_references() {
        if e.weight().relation == Relation::CoOccurs {
            continue;
        }
        let (a, b) = (group[&e.source()], group[&e.target()]);
        if a == b {
            inside[a] += 1;
        } else {
            *between
                .entry((a.min(b), a.max(b)))
                .or_default()
                .entry(e.weight().relation)
                .or_default() += 1;
        }
    }
    let present: Vec<usize> = (0..GROUPS.len())
        .filter(|&g| !kinds[g].is_empty())
        .collect();
    let position = |g: usize| present.iter().position(|&p| p == g);
    let nodes = present
        .iter()
        .map(|&g| {
            let entities: usize = kinds[g].values().sum();
            let counts: Vec<String> = kinds[g]
                .iter()
                .map(|(k, n)| format!("{} {n}", kind_name(*k, lang)))
                .collect();
            let lines: Vec<String> = counts.chunks(4).map(|c| c.join(" · ")).collect();
            let (name, summary) = match lang {
                Lang::En => (
                    GROUPS[g].en.to_owned(),
                    format!("{entities} entities, {} relations inside", inside[g]),
                ),
                Lang::Zh => (
                    GROUPS[g].zh.to_owned(),
                    format!("{entities} 个实体, 内部关系 {} 条", inside[g]),
                ),
                Lang::Both => (
                    format!("{}\n{}", GROUPS[g].zh, GROUPS[g].en),
                    format!(
                        "{entities} 个实体 entities, 内部关系 {} relations",
                        inside[g]
                    ),
                ),
            };
            DiagramNode {
                id: GROUPS[g].id.to_owned(),
                label: format!("{name}\n{summary}\n{}", lines.join("\n")),
                kind: match g {
                    CHAINS => Kind::Chain,
                    CLUSTERS => Kind::Cluster,
                    REGION_WIDE => Kind::Concept,
                    _ => Kind::Region,
                },
                in_box: None,
                highlight: false,
                discovered: false,
            }
        })
        .collect();
    let edges = between
        .iter()
        .filter_map(|(&(a, b), relations)| {
            let total: usize = relations.values().sum();
            // Coloured and labelled by the relation most of them are (ties to the first).
            let (&main, _) = relations
                .iter()
                .max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r)))?;
            let label = match lang {
                Lang::En => format!("{total} relations ({main} {})", relations[&main]),
                _ => format!("{total} 条关系 ({main} {})", relations[&main]),
            };
            Some(DiagramEdge {
                source: position(a)?,
                target: position(b)?,
                relation: main,
                highlight: false,
                invisible: false,
                label: Some(label),
            })
        })
        .collect();
    let title = match lang {
        Lang::En => "JJJ at a glance: entities by place and group, typed relations between them\n\
                     details: parks, chains, wings, actors, timeline, overview-full"
            .to_owned(),
        _ => "京津冀总览: 按地区与链群汇总的实体及其间的关系\n细节见 parks, chains, wings, actors, timeline, overview-full".to_owned(),
    };
    Diagram {
        title,
        direction: Direction::TopDown,
        nodes,
        edges,
        boxes: Vec::new(),
        edge_labels: true,
        legend: false,
        rows: Vec::new(),
    }
}
