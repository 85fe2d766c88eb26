//! The build: documents + catalogue → normalized documents → mentions and relations →
//! [`KnowledgeGraph`], with the problems found on the way.

use crate::catalogue::{Catalogue, Entity, EntityRecord, Kind, SourceRecord};
use crate::corpus::DocumentFile;
use crate::dates::{find_dates, DateMention, PartialDate};
use crate::error::Result;
use crate::extract::matcher::NameMatcher;
use crate::extract::{by_sentence, enumerate, rules, titles, DocContext, RawMention, RuleEdge};
use crate::graph::{
    DocumentInfo, Edge, Evidence, KnowledgeGraph, Mention, Node, Problem, Provenance, Relation,
    Severity, Via,
};
use crate::normalize::{Normalized, Normalizer};
use crate::sentence::{split_sentences, Sentence};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One document after normalization and extraction.
#[derive(Debug, Clone)]
pub struct ProcessedDocument {
    pub source: SourceRecord,
    pub original: String,
    pub normalized: Normalized,
    pub sentences: Vec<Sentence>,
    pub dates: Vec<DateMention>,
    pub mentions: Vec<RawMention>,
    pub date: Option<PartialDate>,
    pub date_source: Option<&'static str>,
}

impl ProcessedDocument {
    /// The normalized text.
    pub fn text(&self) -> &str {
        self.normalized.text.as_str()
    }
    /// The normalized text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        &self.text()[self.sentences[i].range.clone()]
    }
    /// Evidence citing sentence `i`.
    pub fn evidence(&self, i: usize) -> Evidence {
        let span = self
            .normalized
            .text
            .original_span(self.sentences[i].range.clone());
        Evidence {
            document: Some(self.source.id.clone()),
            sentence: Some(i),
            quote: Some(self.sentence_text(i).to_owned()),
            span: Some([span.start, span.end]),
            reference: None,
        }
    }
}

/// The result of a build: the graph, the processed documents, and every entity (catalogue
/// and discovered), for `check` and `candidates`.
pub struct Build {
    pub graph: KnowledgeGraph,
    pub documents: Vec<ProcessedDocument>,
    pub entities: Vec<Entity>,
}

/// The source record of a document file: its catalogue entry, or a default one.
fn source_for(catalogue: &Catalogue, file: &DocumentFile) -> SourceRecord {
    catalogue
        .sources
        .iter()
        .find(|s| s.file == file.name)
        .cloned()
        .unwrap_or_else(|| {
            let stem = file
                .name
                .rsplit_once('.')
                .map_or(file.name.as_str(), |(s, _)| s);
            SourceRecord {
                file: file.name.clone(),
                id: format!("seed/{stem}"),
                title: None,
                publisher: None,
                date: None,
                date_quote: None,
                is: None,
                local_names: BTreeMap::new(),
                line: 0,
            }
        })
}

/// Build the graph from `catalogue` and `files`.
pub fn build(catalogue: &Catalogue, files: &[DocumentFile]) -> Result<Build> {
    let mut entities: Vec<Entity> = catalogue.entities.clone();
    let extractor = Extractor::new(catalogue)?;
    let mut edges = EdgeSet::default();
    let mut problems = Vec::new();
    let mut documents = Vec::new();
    for file in files {
        let (processed, found) = extractor.process(file, &mut entities, &mut problems);
        for e in found {
            edges.add_rule(&entities, &processed, e);
        }
        edges.add_cooccurrence(&entities, &processed);
        documents.push(processed);
    }
    for s in &catalogue.sources {
        if !files.iter().any(|f| f.name == s.file) {
            problems.push(problem(
                Severity::Warning,
                "missing-source",
                format!(
                    "sources.toml lists '{}' ({}), which is not among the documents",
                    s.file, s.id
                ),
            ));
        }
    }
    let nodes = assemble_nodes(
        &entities,
        catalogue.entities.len(),
        &documents,
        &mut problems,
    );
    edges.add_background(catalogue);
    edges.add_curated(catalogue, &documents, &mut problems);
    let infos = documents.iter().map(document_info).collect();
    let graph = KnowledgeGraph::new(nodes, edges.into_edges(), infos, problems);
    Ok(Build {
        graph,
        documents,
        entities,
    })
}

/// What every document shares: the normalizer, the name matcher and the name index.
struct Extractor<'c> {
    catalogue: &'c Catalogue,
    normalizer: Normalizer,
    global: NameMatcher,
    names: HashMap<&'c str, usize>,
}

impl<'c> Extractor<'c> {
    fn new(catalogue: &'c Catalogue) -> Result<Self> {
        let names = catalogue
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names().map(move |n| (n, i)))
            .collect();
        Ok(Extractor {
            catalogue,
            normalizer: Normalizer::new(&catalogue.normalize)?,
            global: NameMatcher::new(&catalogue.entities, &BTreeMap::new()),
            names,
        })
    }

    /// Normalize one document, find its mentions (names, enumerations, titles — adding a
    /// discovered document to `entities` for each new title) and its rule edges.
    fn process(
        &self,
        file: &DocumentFile,
        entities: &mut Vec<Entity>,
        problems: &mut Vec<Problem>,
    ) -> (ProcessedDocument, Vec<RuleEdge>) {
        let catalogue = self.catalogue;
        let source = source_for(catalogue, file);
        let normalized = self.normalizer.normalize(&file.text);
        let text = normalized.text.as_str();
        let sentences = split_sentences(text);
        let (date, date_source) = document_date(&source, &normalized, &sentences);
        let dates = find_dates(text, date);
        let local: BTreeMap<String, usize> = source
            .local_names
            .iter()
            .filter_map(|(n, id)| Some((n.clone(), catalogue.index_of(id)?)))
            .collect();
        let local_matcher;
        let matcher = if local.is_empty() {
            &self.global
        } else {
            local_matcher = NameMatcher::new(&catalogue.entities, &local);
            &local_matcher
        };
        let mut ctx = DocContext {
            text,
            sentences: &sentences,
            dates: &dates,
            mentions: Vec::new(),
            slices: Vec::new(),
            is_document: source.is.as_deref().and_then(|id| catalogue.index_of(id)),
        };
        for f in matcher.find(text) {
            if let Some(sentence) = ctx.sentence_at(f.range.start) {
                let via = match (f.nested, f.local) {
                    (true, _) => Via::Nested,
                    (false, true) => Via::LocalName,
                    (false, false) => Via::Name,
                };
                ctx.mentions.push(RawMention {
                    entity: f.entity,
                    range: f.range,
                    sentence,
                    via,
                });
            }
        }
        ctx.index();
        let (list_mentions, mut found) = enumerate::distributive(&ctx, entities, &self.names);
        let (group_mentions, group_edges, issues) = enumerate::groups(&ctx, entities);
        for issue in issues {
            let message = format!(
                "{} sentence {}: {}",
                source.id, issue.sentence, issue.message
            );
            problems.push(problem(Severity::Error, "enumeration", message));
        }
        found.extend(group_edges);
        ctx.mentions.extend(list_mentions);
        ctx.mentions.extend(group_mentions);
        ctx.index();
        for (span, title) in titles::uncovered_titles(&ctx, entities) {
            let id = titles::title_id(title);
            let entity = entities
                .iter()
                .position(|e| e.id() == id)
                .unwrap_or_else(|| {
                    entities.push(discovered_document(&id, title, &source.id));
                    entities.len() - 1
                });
            if let Some(sentence) = ctx.sentence_at(span.start) {
                ctx.mentions.push(RawMention {
                    entity,
                    range: span,
                    sentence,
                    via: Via::Title,
                });
            }
        }
        ctx.index();
        found.extend(rules::apply(&ctx, entities));
        let mentions = ctx.mentions;
        let damage = &normalized.report.unrepaired_damage;
        if !damage.is_empty() {
            let at: Vec<String> = damage.iter().map(|(l, c)| format!("{l}:{c}")).collect();
            problems.push(problem(
                Severity::Warning,
                "damaged-text",
                format!(
                    "{}: {} damaged pinyin annotation(s) with no repair entry (line:column {}); add them to normalize.toml",
                    file.display_path,
                    damage.len(),
                    at.join(", ")
                ),
            ));
        }
        let processed = ProcessedDocument {
            source,
            original: file.text.clone(),
            normalized,
            sentences,
            dates,
            mentions,
            date,
            date_source,
        };
        (processed, found)
    }
}

fn problem(severity: Severity, code: &str, message: String) -> Problem {
    Problem {
        severity,
        code: code.to_owned(),
        message,
    }
}

fn discovered_document(id: &str, title: &str, source: &str) -> Entity {
    Entity {
        record: EntityRecord {
            id: id.to_owned(),
            kind: Kind::Document,
            name: title.to_owned(),
            en: None,
            aliases: Vec::new(),
            category: Some("discovered 《title》".to_owned()),
            level: None,
            code: None,
            coords: None,
            located_in: None,
            reference: None,
            role: None,
            date: None,
            issuer: None,
            list_name: None,
            group: None,
            field: None,
        },
        traditional: Vec::new(),
        file: source.to_owned(),
        line: 0,
    }
}

/// The document's date: the catalogue's, else a dropped furniture line's, else a full date in
/// the first sentence (seed 003 opens with `(2023年11月24日…通过)`).
fn document_date(
    source: &SourceRecord,
    normalized: &Normalized,
    sentences: &[Sentence],
) -> (Option<PartialDate>, Option<&'static str>) {
    if let Some(d) = source.date {
        return (Some(d), Some("catalogue"));
    }
    if let Some(d) = normalized.furniture_date {
        return (Some(d), Some("furniture"));
    }
    let first = sentences
        .first()
        .map(|s| &normalized.text.as_str()[s.range.clone()])
        .unwrap_or("");
    let from_text = find_dates(first, None)
        .into_iter()
        .find(|d| d.date.day.is_some())
        .map(|d| d.date);
    match from_text {
        Some(d) => (Some(d), Some("text")),
        None => (None, None),
    }
}

fn document_info(d: &ProcessedDocument) -> DocumentInfo {
    DocumentInfo {
        id: d.source.id.clone(),
        file: d.source.file.clone(),
        title: d.source.title.clone(),
        publisher: d.source.publisher.clone(),
        date: d.date,
        date_source: d.date_source.map(str::to_owned),
        is: d.source.is.clone(),
        bytes: d.original.len(),
        sentences: d.sentences.len(),
        mentions: d.mentions.len(),
        normalization: d.normalized.report.clone(),
    }
}

/// Nodes for every entity with at least one mention, with their mentions and resolved dates.
/// A catalogue entity never mentioned is a problem (the catalogue and the documents disagree).
fn assemble_nodes(
    entities: &[Entity],
    catalogued: usize,
    documents: &[ProcessedDocument],
    problems: &mut Vec<Problem>,
) -> Vec<Node> {
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); entities.len()];
    let mut dates: Vec<BTreeSet<PartialDate>> = vec![BTreeSet::new(); entities.len()];
    for d in documents {
        let ctx_dates = &d.dates;
        for m in &d.mentions {
            let span = d.normalized.text.original_span(m.range.clone());
            mentions[m.entity].push(Mention {
                document: d.source.id.clone(),
                sentence: m.sentence,
                span: [span.start, span.end],
                text: d.text()[m.range.clone()].to_owned(),
                via: m.via,
            });
            let dated = matches!(entities[m.entity].kind(), Kind::Document | Kind::Event);
            if dated && m.is_top() {
                let sentence = &d.sentences[m.sentence].range;
                if let Some(date) = crate::dates::date_before(ctx_dates, sentence, m.range.end) {
                    dates[m.entity].insert(date.date);
                }
            }
        }
        if let (Some(is), Some(date)) = (&d.source.is, d.date) {
            if let Some(i) = entities.iter().position(|e| e.id() == is) {
                dates[i].insert(date);
            }
        }
    }
    let mut nodes = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if mentions[i].is_empty() {
            problems.push(problem(
                Severity::Error,
                "unmentioned",
                format!(
                    "{}:{}: '{}' ({}) is in the catalogue but no document mentions it",
                    e.file,
                    e.line,
                    e.id(),
                    e.name()
                ),
            ));
            continue;
        }
        let resolved_date = dates[i].iter().next().copied();
        if let (Some(expected), Some(found)) = (e.record.date, resolved_date) {
            if !expected.agrees_with(&found) {
                problems.push(problem(
                    Severity::Error,
                    "date-mismatch",
                    format!(
                        "{}:{}: '{}' has date {expected} in the catalogue, but the text dates it {found}",
                        e.file,
                        e.line,
                        e.id()
                    ),
                ));
            }
        }
        nodes.push(Node {
            record: e.record.clone(),
            traditional: e.traditional.clone(),
            resolved_date,
            discovered: i >= catalogued,
            mentions: std::mem::take(&mut mentions[i]),
        });
    }
    nodes
}

/// Edges keyed by (source id, target id, relation), merging evidence.
#[derive(Default)]
struct EdgeSet {
    edges: BTreeMap<(String, String, Relation), (Edge, BTreeSet<String>)>,
}

impl EdgeSet {
    fn upsert(
        &mut self,
        source: &str,
        target: &str,
        relation: Relation,
        provenance: Provenance,
    ) -> &mut (Edge, BTreeSet<String>) {
        let (s, t) = if relation.is_symmetric() && target < source {
            (target, source)
        } else {
            (source, target)
        };
        let entry = self
            .edges
            .entry((s.to_owned(), t.to_owned(), relation))
            .or_insert_with(|| {
                (
                    Edge {
                        relation,
                        provenance,
                        rule: None,
                        confidence: 0.0,
                        weight: 0,
                        date: None,
                        role: None,
                        evidence: Vec::new(),
                    },
                    BTreeSet::new(),
                )
            });
        entry.0.provenance = entry.0.provenance.min(provenance);
        entry
    }

    fn push_evidence(edge: &mut Edge, evidence: Evidence) {
        if !edge.evidence.contains(&evidence) {
            edge.evidence.push(evidence);
            edge.weight += 1;
        }
    }

    fn add_rule(&mut self, entities: &[Entity], doc: &ProcessedDocument, e: RuleEdge) {
        let entry = self.upsert(
            entities[e.source].id(),
            entities[e.target].id(),
            e.relation,
            Provenance::Rule,
        );
        entry.1.insert(e.rule.to_owned());
        let edge = &mut entry.0;
        if edge.date.is_none() {
            edge.date = e.date;
        }
        if edge.role.is_none() {
            edge.role = e.role;
        }
        Self::push_evidence(edge, doc.evidence(e.sentence));
    }

    fn add_cooccurrence(&mut self, entities: &[Entity], doc: &ProcessedDocument) {
        for (s, slice) in by_sentence(&doc.mentions, doc.sentences.len())
            .into_iter()
            .enumerate()
        {
            let mut present: Vec<usize> = doc.mentions[slice]
                .iter()
                .filter(|m| m.is_top())
                .map(|m| m.entity)
                .collect();
            present.sort_unstable();
            present.dedup();
            for (i, &a) in present.iter().enumerate() {
                for &b in &present[i + 1..] {
                    let entry = self.upsert(
                        entities[a].id(),
                        entities[b].id(),
                        Relation::CoOccurs,
                        Provenance::Cooccurrence,
                    );
                    Self::push_evidence(&mut entry.0, doc.evidence(s));
                }
            }
        }
    }

    fn add_background(&mut self, catalogue: &Catalogue) {
        for e in &catalogue.entities {
            if let (Some(parent), Some(reference)) = (&e.record.located_in, &e.record.reference) {
                let entry =
                    self.upsert(e.id(), parent, Relation::LocatedIn, Provenance::Background);
                let evidence = Evidence {
                    document: None,
                    sentence: None,
                    quote: None,
                    span: None,
                    reference: Some(reference.clone()),
                };
                Self::push_evidence(&mut entry.0, evidence);
            }
        }
    }

    /// Curated relations: a quote must occur in a normalized document; a reference stands
    /// for a fact the documents do not state.
    fn add_curated(
        &mut self,
        catalogue: &Catalogue,
        documents: &[ProcessedDocument],
        problems: &mut Vec<Problem>,
    ) {
        for r in &catalogue.relations {
            let mut evidence = Vec::new();
            if let Some(quote) = &r.quote {
                for d in documents {
                    if let Some(at) = d.text().find(quote.as_str()) {
                        let span = d.normalized.text.original_span(at..at + quote.len());
                        let sentence = d
                            .sentences
                            .iter()
                            .find(|s| s.range.start <= at && at < s.range.end)
                            .map(|s| s.index);
                        evidence.push(Evidence {
                            document: Some(d.source.id.clone()),
                            sentence,
                            quote: Some(quote.clone()),
                            span: Some([span.start, span.end]),
                            reference: None,
                        });
                    }
                }
                if evidence.is_empty() {
                    problems.push(problem(
                        Severity::Error,
                        "quote-not-found",
                        format!(
                            "{}:{}: the quote '{quote}' for {} -{}-> {} is in no normalized document",
                            catalogue.relations_file, r.line, r.source, r.relation, r.target
                        ),
                    ));
                    if r.reference.is_none() {
                        continue;
                    }
                }
            }
            if let Some(reference) = &r.reference {
                evidence.push(Evidence {
                    document: None,
                    sentence: None,
                    quote: None,
                    span: None,
                    reference: Some(reference.clone()),
                });
            }
            let entry = self.upsert(&r.source, &r.target, r.relation, Provenance::Curated);
            for e in evidence {
                Self::push_evidence(&mut entry.0, e);
            }
        }
    }

    fn into_edges(self) -> Vec<(String, String, Edge)> {
        self.edges
            .into_iter()
            .map(|((s, t, _), (mut edge, rules))| {
                if !rules.is_empty() {
                    edge.rule = Some(rules.into_iter().collect::<Vec<_>>().join("+"));
                }
                edge.confidence = match edge.provenance {
                    Provenance::Curated | Provenance::Background => 1.0,
                    Provenance::Rule => 0.8,
                    Provenance::Cooccurrence => (0.2 + 0.05 * f64::from(edge.weight)).min(0.5),
                };
                (s, t, edge)
            })
            .collect()
    }
}
