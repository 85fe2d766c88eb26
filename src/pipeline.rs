//! The build: documents + catalogue → normalized documents → mentions and relations →
//! [`KnowledgeGraph`], with the problems found on the way.

use crate::catalogue::{Catalogue, Entity, EntityRecord, Kind, SourceRecord};
use crate::corpus::DocumentFile;
use crate::dates::{find_dates, DateMention, PartialDate};
use crate::error::Result;
use crate::extract::matcher::NameMatcher;
use crate::extract::meetings;
use crate::extract::{
    by_sentence, discover, enumerate, rules, titles, DocContext, RawMention, RuleEdge,
};
use crate::graph::{
    DocumentInfo, Edge, Evidence, KnowledgeGraph, Mention, Node, Problem, Provenance, Relation,
    Severity, Via,
};
use crate::normalize::{Normalized, Normalizer};
use crate::sentence::{split_sentences, Sentence};
use aho_corasick::AhoCorasick;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
            // A document the catalogue does not describe is called by its file name.
            SourceRecord {
                file: file.name.clone(),
                id: file.name.clone(),
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

/// How much evidence a build keeps. Counts (edge weights, mention totals) always cover
/// everything; the lists stop at these lengths, so a large corpus gives a graph of
/// examples, not a copy of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Evidence items kept per edge (in document order).
    pub evidence_per_edge: usize,
    /// Mentions kept per node (in document order).
    pub mentions_per_node: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            evidence_per_edge: 50,
            mentions_per_node: 500,
        }
    }
}

/// Options of [`build_from`].
#[derive(Clone, Copy)]
pub struct BuildOptions<'a> {
    /// Keep every [`ProcessedDocument`] in [`Build::documents`] (for `check`, `candidates`,
    /// and mention context in `show`); without it the documents are dropped as soon as
    /// they are extracted and memory stays near the corpus size.
    pub keep_documents: bool,
    pub limits: Limits,
    /// Called with each document's size in bytes once it is extracted (from any thread).
    pub progress: Option<&'a (dyn Fn(usize) + Sync)>,
}

impl Default for BuildOptions<'_> {
    fn default() -> Self {
        BuildOptions {
            keep_documents: true,
            limits: Limits::default(),
            progress: None,
        }
    }
}

/// The embedded catalogue's and seeds' graph, for tests.
#[cfg(test)]
#[allow(clippy::expect_used, reason = "the embedded inputs are tested to load")]
pub(crate) fn embedded_graph() -> crate::graph::KnowledgeGraph {
    let catalogue = Catalogue::load(&crate::corpus::embedded_catalogue()).expect("catalogue");
    build(&catalogue, &crate::corpus::embedded_documents())
        .expect("build")
        .graph
}

/// Build the graph from `catalogue` and `files`, keeping the processed documents.
pub fn build(catalogue: &Catalogue, files: &[DocumentFile]) -> Result<Build> {
    build_from(
        catalogue,
        files.iter().cloned().map(Ok),
        &BuildOptions::default(),
    )
}

/// Documents extracted in parallel per batch; a batch holds at most this many bytes or
/// documents, so memory stays bounded whatever the corpus size.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_DOCUMENTS: usize = 256;

/// Build the graph from `catalogue` and the documents `files` yields (read as needed, so
/// the corpus never has to fit in memory at once): documents are normalized and extracted
/// in parallel (rayon, in batches), then merged in file order, so the result does not
/// depend on the number of threads. The first document that fails to read stops the build.
pub fn build_from(
    catalogue: &Catalogue,
    files: impl IntoIterator<Item = Result<DocumentFile>>,
    options: &BuildOptions,
) -> Result<Build> {
    use rayon::prelude::*;
    let mut files = files.into_iter();
    // Set by the merge, read by the extractors: catalogue entities whose mention lists are
    // full. A stale read only means a mention is copied and then counted, never a change.
    let full: Vec<AtomicBool> = (0..catalogue.entities.len())
        .map(|_| AtomicBool::new(false))
        .collect();
    let mut names = BTreeSet::new();
    let extractor = Extractor::new(catalogue)?;
    let mut merged = Merged::new(catalogue, options.limits);
    let mut documents = Vec::new();
    // Extract batch k + 1 while batch k is merged.
    let mut pending: Vec<Extracted> = Vec::new();
    loop {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_DOCUMENTS && (batch.is_empty() || bytes < BATCH_BYTES) {
            let Some(file) = files.next() else {
                break;
            };
            let file = file?;
            bytes += file.text.len();
            names.insert(file.name.clone());
            batch.push(file);
        }
        let merging = std::mem::take(&mut pending);
        let ((), extracted) = rayon::join(
            || {
                for e in merging {
                    if let Some(d) = merged.add(e, &full) {
                        documents.push(d);
                    }
                }
            },
            || {
                batch
                    .par_iter()
                    .map(|f| {
                        let e = extractor.process(f, options.keep_documents, options.limits, &full);
                        if let Some(progress) = options.progress {
                            progress(f.text.len());
                        }
                        e
                    })
                    .collect::<Vec<_>>()
            },
        );
        pending = extracted;
        if batch.is_empty() {
            break;
        }
    }
    // The catalogue was curated from its sources: on documents that are none of them (a
    // user's own), what it lists but they do not mention is background, not a problem.
    let own_documents =
        !catalogue.sources.is_empty() && !catalogue.sources.iter().any(|s| names.contains(&s.file));
    merged.background_only = own_documents;
    for s in &catalogue.sources {
        if !own_documents && !names.contains(&s.file) {
            merged.problems.push(problem(
                Severity::Warning,
                "missing-source",
                format!(
                    "sources.toml lists '{}' ({}), which is not among the documents",
                    s.file, s.id
                ),
            ));
        }
    }
    let mut build = merged.finish(documents);
    if !own_documents {
        let found = crate::check::catalogue_problems(catalogue, &build.graph);
        build.graph.problems.extend(found);
    }
    build
        .graph
        .problems
        .sort_by(|a, b| (a.severity, &a.code, &a.message).cmp(&(b.severity, &b.code, &b.message)));
    build.graph.problems.dedup();
    Ok(build)
}

/// What every document shares: the normalizer, the name matcher, the name index and the
/// curated quotes. Shared by reference across threads.
struct Extractor<'c> {
    catalogue: &'c Catalogue,
    normalizer: Normalizer,
    global: NameMatcher,
    names: HashMap<&'c str, usize>,
    /// The curated relations' quotes, and for each pattern its relation's index.
    quotes: Option<(AhoCorasick, Vec<usize>)>,
    /// Matchers for documents with local names (本市), by their local names: a corpus has
    /// few distinct sets (a curated source's, 本市 for each city), and building one costs
    /// as much as extracting a few hundred kilobytes.
    local_matchers: std::sync::Mutex<BTreeMap<BTreeMap<String, usize>, Arc<NameMatcher>>>,
}

/// How many local-name matchers an extraction keeps.
const LOCAL_MATCHERS_KEPT: usize = 64;

/// What one document contributes. Entity indices at or past the catalogue's length are the
/// document's own discovered entities (`discovered`); [`Merged::add`] maps them.
struct Extracted {
    processed: Option<ProcessedDocument>,
    info: DocumentInfo,
    discovered: Vec<Entity>,
    /// The mentions that may be listed, in text order.
    mentions: Vec<(usize, Mention)>,
    /// The entity of every other mention: its list is full (globally, or with this
    /// document's own), so it is only counted and its text is not copied.
    unlisted: Vec<usize>,
    /// Dates the text gives to document and event entities.
    dates: Vec<(usize, PartialDate)>,
    rule_edges: Vec<RuleEdge>,
    /// (entity, entity, sentence) for each pair of entities named in one sentence.
    cooccurrences: Vec<(usize, usize, usize)>,
    /// The evidence of each run of sentences (first, last) that a rule edge or a
    /// co-occurrence cites.
    evidence: HashMap<(usize, usize), Evidence>,
    /// (curated relation index, where its quote is in this document).
    curated: Vec<(usize, Evidence)>,
    problems: Vec<Problem>,
}

impl<'c> Extractor<'c> {
    fn new(catalogue: &'c Catalogue) -> Result<Self> {
        let names = catalogue
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names().map(move |n| (n, i)))
            .collect();
        let (quotes, owners): (Vec<&str>, Vec<usize>) = catalogue
            .relations
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.quote.as_deref().filter(|q| !q.is_empty())?, i)))
            .unzip();
        let quotes = if quotes.is_empty() {
            None
        } else {
            let ac = AhoCorasick::new(quotes).map_err(|e| crate::error::Error::InvalidValue {
                what: "curated quotes",
                value: catalogue.relations_file.clone(),
                message: e.to_string(),
            })?;
            Some((ac, owners))
        };
        Ok(Extractor {
            catalogue,
            normalizer: Normalizer::new(&catalogue.normalize)?,
            global: NameMatcher::new(&catalogue.entities, &BTreeMap::new())?,
            names,
            quotes,
            local_matchers: std::sync::Mutex::new(BTreeMap::new()),
        })
    }

    /// The matcher of the catalogue's names with `local` (name → entity) winning, built
    /// once per distinct set.
    fn local_matcher(&self, local: BTreeMap<String, usize>) -> Result<Arc<NameMatcher>> {
        let kept = self
            .local_matchers
            .lock()
            .ok()
            .and_then(|all| all.get(&local).cloned());
        if let Some(m) = kept {
            return Ok(m);
        }
        let m = Arc::new(NameMatcher::new(&self.catalogue.entities, &local)?);
        if let Ok(mut all) = self.local_matchers.lock() {
            if all.len() < LOCAL_MATCHERS_KEPT {
                all.insert(local, Arc::clone(&m));
            }
        }
        Ok(m)
    }

    /// Normalize one document and extract its mentions (names, enumerations, titles), rule
    /// edges, co-occurrences and curated quotes.
    fn process(
        &self,
        file: &DocumentFile,
        keep: bool,
        limits: Limits,
        full: &[AtomicBool],
    ) -> Extracted {
        let catalogue = self.catalogue;
        let source = source_for(catalogue, file);
        let normalized = self.normalizer.normalize(&file.text);
        let text = normalized.text.as_str();
        let sentences = split_sentences(text);
        let (date, date_source) = document_date(&source, &normalized, &sentences);
        let dates = find_dates(text, date);
        let mut local: BTreeMap<String, usize> = source
            .local_names
            .iter()
            .filter_map(|(n, id)| Some((n.clone(), catalogue.index_of(id)?)))
            .collect();
        // A user's document has no curated local names; 本市 is inferred for it.
        let curated = catalogue.sources.iter().any(|s| s.file == file.name);
        if !curated && text.contains(THIS_CITY) {
            if let Some(city) = this_city(&catalogue.entities, &self.global, text) {
                local.insert(THIS_CITY.to_owned(), city);
            }
        }
        let mut problems = Vec::new();
        if let Some(quote) = &source.date_quote {
            if !text.contains(quote.as_str()) {
                problems.push(problem(
                    Severity::Error,
                    "date-quote-not-found",
                    format!(
                        "sources.toml: the date_quote '{quote}' of {} is not in its normalized text",
                        source.id
                    ),
                ));
            }
        }
        // A document's own names (本市) need their own matcher; should it fail to build,
        // the shared one still finds every catalogue name.
        let local_matcher = if local.is_empty() {
            None
        } else {
            self.local_matcher(local)
                .map_err(|e| {
                    problems.push(problem(
                        Severity::Warning,
                        "local-names",
                        format!("{}: its local names are not used: {e}", file.display_path),
                    ))
                })
                .ok()
        };
        let matcher = local_matcher.as_deref().unwrap_or(&self.global);
        let mut ctx = DocContext {
            text,
            sentences: &sentences,
            dates: &dates,
            mentions: Vec::new(),
            slices: Vec::new(),
            is_document: source.is.as_deref().and_then(|id| catalogue.index_of(id)),
        };
        for f in matcher.find(text) {
            if another_years_event(&catalogue.entities[f.entity], text, &f.range) {
                continue;
            }
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
        // An event's name inside another event's name (京津冀协同发展座谈会 in 深入推进京津冀
        // 协同发展座谈会) is part of that name, not a mention of the other event.
        let is_event = |m: &RawMention| catalogue.entities[m.entity].kind() == Kind::Event;
        let events: Vec<std::ops::Range<usize>> = ctx
            .mentions
            .iter()
            .filter(|m| m.via != Via::Nested && is_event(m))
            .map(|m| m.range.clone())
            .collect();
        if !events.is_empty() {
            ctx.mentions.retain(|m| {
                !(m.via == Via::Nested
                    && is_event(m)
                    && events
                        .iter()
                        .any(|r| r.start <= m.range.start && m.range.end <= r.end))
            });
        }
        ctx.index();
        // The catalogue's entities, plus this document's discovered ones once it has any.
        let mut entities: Cow<[Entity]> = Cow::Borrowed(&catalogue.entities);
        let (list_mentions, mut found) = enumerate::distributive(&ctx, &entities, &self.names);
        let (group_mentions, group_edges, issues) = enumerate::groups(&ctx, &entities);
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
        for (span, title) in titles::uncovered_titles(&ctx, &entities) {
            let Some(sentence) = ctx.sentence_at(span.start) else {
                continue;
            };
            // A short title after a longer one it ends (《方案》 after 《…实施方案》) is that
            // document again, called as the text calls it.
            let named_before = (title.chars().count() <= SHORT_TITLE)
                .then(|| {
                    ctx.mentions
                        .iter()
                        .filter(|m| {
                            m.range.end <= span.start
                                && entities[m.entity].kind() == Kind::Document
                                && entities[m.entity]
                                    .names()
                                    .any(|n| n.len() > title.len() && n.ends_with(title))
                        })
                        .max_by_key(|m| m.range.end)
                        .map(|m| m.entity)
                })
                .flatten();
            if let Some(entity) = named_before {
                ctx.mentions.push(RawMention {
                    entity,
                    range: span,
                    sentence,
                    via: Via::LocalName,
                });
                continue;
            }
            let id = titles::title_id(title);
            let entity = entities
                .iter()
                .position(|e| e.id() == id)
                .unwrap_or_else(|| {
                    let owned = entities.to_mut();
                    owned.push(discovered_document(&id, title, &source.id));
                    owned.len() - 1
                });
            // The names in a title are nested in it, as in a catalogue title.
            for m in &mut ctx.mentions {
                if matches!(m.via, Via::Name | Via::LocalName)
                    && span.start <= m.range.start
                    && m.range.end <= span.end
                {
                    m.via = Via::Nested;
                }
            }
            ctx.mentions.push(RawMention {
                entity,
                range: span,
                sentence,
                via: Via::Title,
            });
        }
        ctx.index();
        discover_entities(
            &mut ctx,
            &mut entities,
            catalogue.entities.len(),
            &self.names,
        );
        meeting_mentions(&mut ctx, &mut entities, catalogue.entities.len());
        found.extend(rules::apply(&ctx, &entities));
        let raw_mentions = ctx.mentions;
        if file.text.trim().is_empty() {
            problems.push(problem(
                Severity::Warning,
                "empty-document",
                format!("{}: the document is empty", file.display_path),
            ));
        } else if sentences.is_empty() {
            problems.push(problem(
                Severity::Warning,
                "no-text",
                format!(
                    "{}: nothing is left after normalization ({} bytes of page furniture, annotations or blanks)",
                    file.display_path,
                    file.text.len()
                ),
            ));
        }
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

        // Sentences `first..=last` as one quote.
        let evidence_of = |(first, last): (usize, usize)| {
            let range = sentences[first].range.start..sentences[last].range.end;
            let span = normalized.text.original_span(range.clone());
            Evidence {
                document: Some(source.id.clone()),
                sentence: Some(first),
                quote: Some(text[range].to_owned()),
                span: Some([span.start, span.end]),
                reference: None,
            }
        };
        let mut mentions = Vec::new();
        let mut unlisted = Vec::new();
        let mut listed_here = vec![0usize; entities.len()];
        let mut dated = Vec::new();
        for m in &raw_mentions {
            let full_already = full
                .get(m.entity)
                .is_some_and(|f| f.load(Ordering::Relaxed));
            if full_already || listed_here[m.entity] >= limits.mentions_per_node {
                unlisted.push(m.entity);
            } else {
                listed_here[m.entity] += 1;
                let span = normalized.text.original_span(m.range.clone());
                mentions.push((
                    m.entity,
                    Mention {
                        document: source.id.clone(),
                        sentence: m.sentence,
                        span: [span.start, span.end],
                        text: text[m.range.clone()].to_owned(),
                        via: m.via,
                    },
                ));
            }
            if matches!(entities[m.entity].kind(), Kind::Document | Kind::Event) && m.is_top() {
                let sentence = &sentences[m.sentence].range;
                if let Some(d) = crate::dates::date_before(&dates, sentence, m.range.end) {
                    dated.push((m.entity, d.date));
                }
            }
        }
        let mut cooccurrences = Vec::new();
        for (s, slice) in by_sentence(&raw_mentions, sentences.len())
            .into_iter()
            .enumerate()
        {
            let mut present: Vec<usize> = raw_mentions[slice]
                .iter()
                .filter(|m| m.is_top())
                .map(|m| m.entity)
                .collect();
            present.sort_unstable();
            present.dedup();
            for (i, &a) in present.iter().enumerate() {
                for &b in &present[i + 1..] {
                    cooccurrences.push((a, b, s));
                }
            }
        }
        // The sentences the merge can list: per edge, its first distinct sentences up to the
        // limit, in the order the merge takes them. A long document repeating a pair needs
        // no copy of every sentence.
        let mut listable: HashMap<(usize, usize, Relation), Vec<(usize, usize)>> = HashMap::new();
        let mut evidence = HashMap::new();
        let edges = found
            .iter()
            .map(|e| (e.source, e.target, e.relation, (e.quote_from, e.sentence)))
            .chain(
                cooccurrences
                    .iter()
                    .map(|&(a, b, s)| (a, b, Relation::CoOccurs, (s, s))),
            );
        for (a, b, relation, s) in edges {
            let key = if relation.is_symmetric() {
                (a.min(b), a.max(b), relation)
            } else {
                (a, b, relation)
            };
            let kept = listable.entry(key).or_default();
            if kept.len() < limits.evidence_per_edge && !kept.contains(&s) {
                kept.push(s);
                evidence.entry(s).or_insert_with(|| evidence_of(s));
            }
        }
        let mut curated = Vec::new();
        if let Some((ac, owners)) = &self.quotes {
            let mut first: BTreeMap<usize, usize> = BTreeMap::new();
            for m in ac.find_overlapping_iter(text) {
                first.entry(m.pattern().as_usize()).or_insert(m.start());
            }
            for (pattern, at) in first {
                let quote = &self.catalogue.relations[owners[pattern]].quote;
                let Some(quote) = quote.as_deref() else {
                    continue;
                };
                let span = normalized.text.original_span(at..at + quote.len());
                let sentence = sentences
                    .iter()
                    .find(|s| s.range.start <= at && at < s.range.end)
                    .map(|s| s.index);
                curated.push((
                    owners[pattern],
                    Evidence {
                        document: Some(source.id.clone()),
                        sentence,
                        quote: Some(quote.to_owned()),
                        span: Some([span.start, span.end]),
                        reference: None,
                    },
                ));
            }
        }
        let info = DocumentInfo {
            id: source.id.clone(),
            file: source.file.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            date,
            date_source: date_source.map(str::to_owned),
            is: source.is.clone(),
            bytes: file.text.len(),
            sentences: sentences.len(),
            mentions: raw_mentions.len(),
            normalization: normalized.report.clone(),
        };
        let discovered = entities
            .get(catalogue.entities.len()..)
            .map(<[Entity]>::to_vec)
            .unwrap_or_default();
        let processed = keep.then(|| ProcessedDocument {
            source,
            original: file.text.clone(),
            normalized,
            sentences,
            dates,
            mentions: raw_mentions,
            date,
            date_source,
        });
        Extracted {
            processed,
            info,
            discovered,
            mentions,
            unlisted,
            dates: dated,
            rule_edges: found,
            cooccurrences,
            evidence,
            curated,
            problems,
        }
    }
}

/// The year written with a name: `2024年` or `2024年度` right before it, or inside it.
fn written_year(text: &str, range: &std::ops::Range<usize>) -> Option<i32> {
    let year_before = |before: &str| -> Option<i32> {
        let before = before
            .strip_suffix('度')
            .unwrap_or(before)
            .strip_suffix('年')?;
        let digits = before.get(before.len().checked_sub(4)?..)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let mut start = range.start.saturating_sub(12);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let before = &text[start..range.start];
    year_before(before.trim_end()).or_else(|| {
        let name = &text[range.clone()];
        name.find('年')
            .and_then(|at| year_before(&name[..at + '年'.len_utf8()]))
    })
}

/// A dated event named with another year (认真落实2024年京津冀党政主要领导座谈会要求 is not
/// the 2023 meeting): a different event, not a mention of this one.
fn another_years_event(entity: &Entity, text: &str, range: &std::ops::Range<usize>) -> bool {
    entity.kind() == Kind::Event
        && entity
            .record
            .date
            .zip(written_year(text, range))
            .is_some_and(|(date, year)| date.year != year)
}

/// How many characters a title may have to be an abbreviation of one named before it.
const SHORT_TITLE: usize = 4;

/// "This city": what a city's own documents call it.
const THIS_CITY: &str = "本市";

/// The city 本市 means in a document the catalogue says nothing about: the city whose name
/// its text uses most — alone or at the head of a longer name (北京市经济和信息化局 counts for
/// 北京) — when one city leads; none when two tie or none is named. Cities are the regions
/// of a city level (municipality, prefecture- or county-level city). One scan of the text.
fn this_city(entities: &[Entity], matcher: &NameMatcher, text: &str) -> Option<usize> {
    let cities: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            entities[i].kind() == Kind::Region
                && entities[i]
                    .record
                    .level
                    .as_deref()
                    .is_some_and(|l| l.contains("municipality") || l.contains("city"))
        })
        .collect();
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for found in matcher.find(text) {
        let named = &text[found.range];
        for &c in &cities {
            if named.starts_with(entities[c].name()) {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().map(|(c, n)| (n, c)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    match ranked.as_slice() {
        [(n, c), rest @ ..] if rest.first().is_none_or(|(m, _)| m < n) => Some(*c),
        _ => None,
    }
}

fn problem(severity: Severity, code: &str, message: String) -> Problem {
    Problem {
        severity,
        code: code.to_owned(),
        message,
    }
}

/// Open-world discovery over one document (see [`discover`]): each find becomes (or joins)
/// a discovered entity of the document, every later use of a discovered name in the
/// document is a mention too, and a catalogue name inside a discovered one is nested in it
/// (so the name-containment rule places 雄安新区改革发展局 in 雄安新区). Entities at
/// `base..` are the document's own.
fn discover_entities(
    ctx: &mut DocContext,
    entities: &mut Cow<[Entity]>,
    base: usize,
    names: &HashMap<&str, usize>,
) {
    let finds = discover::discover(ctx, |n| names.contains_key(n));
    if finds.is_empty() {
        return;
    }
    let text = ctx.text;
    let mut spans = Vec::new();
    for f in &finds {
        let (mut name, mut aliases, mut key) = discover::names_of(f.text(text), f.kind);
        // A park named after its place (雄安新区华望城) is called by its own name (华望城),
        // where that is a name on its own.
        // (The mentions are sorted by start: those starting with the find are a run.)
        let first = ctx
            .mentions
            .partition_point(|m| m.range.start < f.range.start);
        let place = ctx.mentions[first..]
            .iter()
            .take_while(|m| m.range.start == f.range.start)
            .find(|m| m.range.end < f.range.end && entities[m.entity].kind() == Kind::Region);
        if let (Kind::Park, Some(place)) = (f.kind, place) {
            let own = &text[place.range.end..f.range.end];
            let own_name = own.chars().next().is_some_and(crate::normalize::is_han);
            let country = entities[place.entity].record.level.as_deref() == Some("country");
            if own_name && !country && own.chars().count() >= 3 && !discover::is_generic_park(own) {
                aliases.push(std::mem::replace(&mut name, own.to_owned()));
                key = name.clone();
            }
        }
        let entity = own_entity(entities, base, f.kind, &key, || {
            let mut record = EntityRecord::new(String::new(), f.kind, name.clone());
            record.category = Some(format!("discovered {}", f.category));
            record.confidence = Some(f.confidence);
            record
        });
        entities.to_mut()[entity].record.absorb(
            aliases.into_iter().chain(std::iter::once(name)),
            Some(f.confidence),
        );
        spans.push((f.range.clone(), entity, f.sentence));
    }
    // Later uses of a discovered name (程鹏 after 主任程鹏), where no other name stands.
    let patterns: Vec<(&str, usize)> = entities[base..]
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.names().map(move |n| (n, base + i)))
        .filter(|(n, _)| n.chars().count() >= 2)
        .collect();
    // What a later use may not overlap: the finds and the top-level mentions, as disjoint
    // sorted intervals (leftmost-longest matches do not overlap each other).
    let occupied = merged(
        spans
            .iter()
            .map(|(r, _, _)| r.clone())
            .chain(
                ctx.mentions
                    .iter()
                    .filter(|m| m.is_top())
                    .map(|m| m.range.clone()),
            )
            .collect(),
    );
    let found = merged(spans.iter().map(|(r, _, _)| r.clone()).collect());
    if let Ok(ac) = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.0))
    {
        for m in ac.find_iter(text) {
            let range = m.start()..m.end();
            let i = occupied.partition_point(|o| o.end <= range.start);
            let taken = occupied.get(i).is_some_and(|o| o.start < range.end);
            if let (false, Some(sentence)) = (taken, ctx.sentence_at(range.start)) {
                spans.push((range, patterns[m.pattern().as_usize()].1, sentence));
            }
        }
    }
    // A catalogue name inside a find is nested in it.
    for m in &mut ctx.mentions {
        let i = found.partition_point(|f| f.end < m.range.end);
        if found.get(i).is_some_and(|f| f.start <= m.range.start) {
            m.via = Via::Nested;
        }
    }
    for (range, entity, sentence) in spans {
        ctx.mentions.push(RawMention {
            entity,
            range,
            sentence,
            via: Via::Discovered,
        });
    }
    ctx.index();
}

/// The document's own discovered entity of `kind` keyed by `key` (entities at `base..`):
/// the one already made, or a new one from `record` (its id set here).
fn own_entity(
    entities: &mut Cow<[Entity]>,
    base: usize,
    kind: Kind,
    key: &str,
    record: impl FnOnce() -> EntityRecord,
) -> usize {
    let id = discover::discovered_id(kind, key);
    if let Some(i) = entities[base..].iter().position(|e| e.id() == id) {
        return base + i;
    }
    let mut record = record();
    record.id = id;
    let owned = entities.to_mut();
    owned.push(Entity {
        record,
        traditional: Vec::new(),
        file: String::new(),
        line: 0,
    });
    owned.len() - 1
}

/// Numbered meetings of a body (see [`meetings`]): a meeting the catalogue knows is found
/// in other wording (`…在京召开2024年第二次工作会议` is its `…2024年度第二次工作会议`), a new one
/// becomes a discovered event of its year. Entities at `base..` are the document's own.
fn meeting_mentions(ctx: &mut DocContext, entities: &mut Cow<[Entity]>, base: usize) {
    let found = meetings::meetings(ctx, entities);
    if found.is_empty() {
        return;
    }
    for m in found {
        let named = ctx.mentions.iter().any(|n| {
            n.range.start < m.range.end
                && m.range.start < n.range.end
                && entities[n.entity].kind() == Kind::Event
        });
        if named {
            continue;
        }
        let known = entities.iter().position(|e| {
            e.kind() == Kind::Event
                && e.names().any(|n| n.replacen("年度", "年", 1) == m.name)
                && e.record.date.is_none_or(|d| d.year == m.year)
        });
        let (entity, via) = match known {
            Some(e) => (e, Via::Name),
            None => {
                let entity = own_entity(entities, base, Kind::Event, &m.name, || {
                    let mut record = EntityRecord::new(String::new(), Kind::Event, m.name.clone());
                    record.category = Some("discovered meeting".into());
                    record.confidence = Some(0.7);
                    record.date = PartialDate::new(m.year, None, None);
                    record
                });
                (entity, Via::Discovered)
            }
        };
        // 在京召开, 在津举行: the province where it is held, by its one-character name.
        let sentence = ctx.sentences[m.sentence].range.clone();
        for (abbreviation, id) in meetings::PROVINCE_ABBREVIATIONS {
            let Some(province) = entities.iter().position(|e| e.id() == id) else {
                continue;
            };
            for link in ["召开", "举行"] {
                let phrase = format!("在{abbreviation}{link}");
                for (at, _) in ctx.text[sentence.clone()].match_indices(&phrase) {
                    let start = sentence.start + at + '在'.len_utf8();
                    ctx.mentions.push(RawMention {
                        entity: province,
                        range: start..start + abbreviation.len(),
                        sentence: m.sentence,
                        via: Via::LocalName,
                    });
                }
            }
        }
        ctx.mentions.push(RawMention {
            entity,
            range: m.range,
            sentence: m.sentence,
            via,
        });
    }
    ctx.index();
}

/// Disjoint intervals covering `ranges`, sorted by start. O(n log n).
fn merged(mut ranges: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn discovered_document(id: &str, title: &str, source: &str) -> Entity {
    Entity {
        record: EntityRecord {
            category: Some("discovered 《title》".to_owned()),
            ..EntityRecord::new(id.to_owned(), Kind::Document, title.to_owned())
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
    let text = normalized.text.as_str();
    let first = sentences
        .first()
        .map(|s| &text[s.range.clone()])
        .unwrap_or("");
    let from_text = find_dates(first, None)
        .into_iter()
        .find(|d| d.date.day.is_some())
        .map(|d| d.date);
    let header = header_date(text);
    // A dateline is the article's own date; the page's date (a repost, the paper's issue
    // the next morning) or the first written date only gives its year.
    if let Some((month, day)) = dateline(text) {
        let year = header.or(from_text).map(|d| {
            let later = (month, day) > (d.month.unwrap_or(12), d.day.unwrap_or(31));
            d.year - i32::from(later)
        });
        if let Some(d) = year.and_then(|y| PartialDate::new(y, Some(month), Some(day))) {
            return (Some(d), Some("dateline"));
        }
    }
    if let Some(d) = from_text {
        return (Some(d), Some("text"));
    }
    match header {
        Some(d) => (Some(d), Some("header")),
        None => (None, None),
    }
}

/// A news dateline in the first lines: the month and day of `人民日报天津7月11日电`,
/// `央广网天津3月9日消息`, `新華社天津7月25日電` (an agency or place before it on the line).
fn dateline(text: &str) -> Option<(u32, u32)> {
    text.lines().take(6).find_map(|line| {
        ["日电", "日電", "日消息", "日讯", "日訊"]
            .iter()
            .find_map(|mark| line.find(mark))
            .and_then(|at| {
                let head = &line[..at];
                let day_digits =
                    head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let day: u32 = head[at - day_digits..].parse().ok()?;
                let head = head[..at - day_digits].strip_suffix('月')?;
                let month_digits =
                    head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let month: u32 = head[head.len() - month_digits..].parse().ok()?;
                let before = &head[..head.len() - month_digits];
                (month_digits > 0 && before.trim().chars().count() >= 2).then_some((month, day))
            })
    })
}

/// A news page's header date in its first lines: `2024-04-30 10:13:36 来源:新华网`,
/// `来源:央视新闻客户端2025-02-27 22:20`, `发布时间:2024/04/30` (year-month-day with `-`, `/`
/// or `.`, checked as a date).
fn header_date(text: &str) -> Option<PartialDate> {
    let head: String = text.lines().take(6).collect::<Vec<_>>().join("\n");
    let bytes = head.as_bytes();
    let number = |at: usize, max: usize| -> Option<(u32, usize)> {
        let len = bytes[at..]
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if len == 0 {
            return None;
        }
        head[at..at + len].parse().ok().map(|n| (n, at + len))
    };
    (0..bytes.len().saturating_sub(7)).find_map(|at| {
        if at > 0 && bytes[at - 1].is_ascii_digit() {
            return None;
        }
        let (year, next) = number(at, 4).filter(|(_, end)| end - at == 4)?;
        let separator = *bytes.get(next)?;
        if !matches!(separator, b'-' | b'/' | b'.') {
            return None;
        }
        let (month, next) = number(next + 1, 2)?;
        if bytes.get(next) != Some(&separator) {
            return None;
        }
        let (day, end) = number(next + 1, 2)?;
        if bytes.get(end).is_some_and(u8::is_ascii_digit) || !(1990..=2100).contains(&year) {
            return None;
        }
        PartialDate::new(year as i32, Some(month), Some(day))
    })
}

/// An edge being assembled: the edge, its rules, and how many document evidence items
/// were counted but not kept.
struct PendingEdge {
    source: usize,
    target: usize,
    edge: Edge,
    rules: BTreeSet<&'static str>,
}

/// The graph being assembled from the documents, in file order.
struct Merged<'c> {
    catalogue: &'c Catalogue,
    limits: Limits,
    entities: Vec<Entity>,
    discovered: HashMap<String, usize>,
    mentions: Vec<Vec<Mention>>,
    mentions_omitted: Vec<usize>,
    dates: Vec<BTreeSet<PartialDate>>,
    edges: Vec<PendingEdge>,
    edge_index: HashMap<(usize, usize, Relation), usize>,
    curated: Vec<Vec<Evidence>>,
    infos: Vec<DocumentInfo>,
    problems: Vec<Problem>,
    /// The documents are none of the catalogue's sources: unmentioned entries are background.
    background_only: bool,
}

impl<'c> Merged<'c> {
    fn new(catalogue: &'c Catalogue, limits: Limits) -> Self {
        let n = catalogue.entities.len();
        Merged {
            catalogue,
            limits,
            entities: catalogue.entities.clone(),
            discovered: HashMap::new(),
            mentions: vec![Vec::new(); n],
            mentions_omitted: vec![0; n],
            dates: vec![BTreeSet::new(); n],
            edges: Vec::new(),
            edge_index: HashMap::new(),
            curated: vec![Vec::new(); catalogue.relations.len()],
            infos: Vec::new(),
            problems: Vec::new(),
            background_only: false,
        }
    }

    /// The index of a catalogue entity or discovered document.
    fn index_of(&self, id: &str) -> Option<usize> {
        self.catalogue
            .index_of(id)
            .or_else(|| self.discovered.get(id).copied())
    }

    /// The global index of discovered entity `entity`, adding it if new; a known one takes
    /// the names and the confidence this document gives it too.
    fn discovered_index(&mut self, entity: Entity) -> usize {
        if let Some(&i) = self.discovered.get(entity.id()) {
            let EntityRecord {
                name,
                aliases,
                confidence,
                ..
            } = entity.record;
            self.entities[i]
                .record
                .absorb(std::iter::once(name).chain(aliases), confidence);
            return i;
        }
        let i = self.entities.len();
        self.discovered.insert(entity.id().to_owned(), i);
        self.entities.push(entity);
        self.mentions.push(Vec::new());
        self.mentions_omitted.push(0);
        self.dates.push(BTreeSet::new());
        i
    }

    /// The edge (source, target, relation), created with `provenance` if new; a symmetric
    /// relation is stored from the smaller id to the larger.
    fn upsert(
        &mut self,
        source: usize,
        target: usize,
        relation: Relation,
        provenance: Provenance,
    ) -> usize {
        let (s, t) =
            if relation.is_symmetric() && self.entities[target].id() < self.entities[source].id() {
                (target, source)
            } else {
                (source, target)
            };
        let next = self.edges.len();
        let slot = *self.edge_index.entry((s, t, relation)).or_insert(next);
        if slot == next {
            self.edges.push(PendingEdge {
                source: s,
                target: t,
                edge: Edge {
                    relation,
                    provenance,
                    rule: None,
                    confidence: 0.0,
                    weight: 0,
                    date: None,
                    role: None,
                    evidence: Vec::new(),
                    evidence_omitted: 0,
                },
                rules: BTreeSet::new(),
            });
        }
        let edge = &mut self.edges[slot].edge;
        edge.provenance = edge.provenance.min(provenance);
        slot
    }

    /// Count a background or curated `evidence` item for the edge in `slot`, unless the edge
    /// already lists it.
    fn push_evidence(&mut self, slot: usize, evidence: &Evidence) {
        if !self.edges[slot].edge.evidence.contains(evidence) {
            self.push_document_evidence(slot, Some(evidence));
        }
    }

    /// Merge one document; returns its processed form if it was kept.
    /// `full[i]` is set once catalogue entity `i` has all the mentions it may list.
    fn add(&mut self, e: Extracted, full: &[AtomicBool]) -> Option<ProcessedDocument> {
        let base = self.catalogue.entities.len();
        let map: Vec<usize> = e
            .discovered
            .into_iter()
            .map(|entity| self.discovered_index(entity))
            .collect();
        let global = |i: usize| if i < base { i } else { map[i - base] };
        let limit = self.limits.mentions_per_node;
        for (entity, m) in e.mentions {
            let g = global(entity);
            if self.mentions[g].len() < limit {
                self.mentions[g].push(m);
                if self.mentions[g].len() == limit {
                    if let Some(f) = full.get(g) {
                        f.store(true, Ordering::Relaxed);
                    }
                }
            } else {
                self.mentions_omitted[g] += 1;
            }
        }
        for entity in e.unlisted {
            self.mentions_omitted[global(entity)] += 1;
        }
        for (entity, date) in e.dates {
            self.dates[global(entity)].insert(date);
        }
        if let (Some(is), Some(date)) = (&e.info.is, e.info.date) {
            if let Some(i) = self.entities.iter().position(|x| x.id() == is) {
                self.dates[i].insert(date);
            }
        }
        // Within one document a sentence counts once per edge (several rules may cite it).
        let mut seen: HashSet<(usize, (usize, usize))> = HashSet::new();
        for r in e.rule_edges {
            let slot = self.upsert(
                global(r.source),
                global(r.target),
                r.relation,
                Provenance::Rule,
            );
            let pending = &mut self.edges[slot];
            pending.rules.insert(r.rule);
            if pending.edge.date.is_none() {
                pending.edge.date = r.date;
            }
            if pending.edge.role.is_none() {
                pending.edge.role = r.role;
            }
            let quoted = (r.quote_from, r.sentence);
            if seen.insert((slot, quoted)) {
                self.push_document_evidence(slot, e.evidence.get(&quoted));
            }
        }
        for (a, b, sentence) in e.cooccurrences {
            let slot = self.upsert(
                global(a),
                global(b),
                Relation::CoOccurs,
                Provenance::Cooccurrence,
            );
            if seen.insert((slot, (sentence, sentence))) {
                self.push_document_evidence(slot, e.evidence.get(&(sentence, sentence)));
            }
        }
        for (relation, evidence) in e.curated {
            self.curated[relation].push(evidence);
        }
        self.problems.extend(e.problems);
        self.infos.push(e.info);
        e.processed
    }

    /// Count a document sentence for an edge (already de-duplicated by the caller) and list
    /// it while the edge has room. The extractor gave the evidence of every sentence that
    /// can be listed; `None` is one that cannot.
    fn push_document_evidence(&mut self, slot: usize, evidence: Option<&Evidence>) {
        let limit = self.limits.evidence_per_edge;
        let edge = &mut self.edges[slot].edge;
        edge.weight += 1;
        match evidence {
            Some(ev) if edge.evidence.len() < limit => edge.evidence.push(ev.clone()),
            _ => edge.evidence_omitted += 1,
        }
    }

    fn finish(mut self, documents: Vec<ProcessedDocument>) -> Build {
        self.add_background();
        self.add_curated();
        let nodes = self.nodes();
        let entity_ids: Vec<String> = self.entities.iter().map(|e| e.id().to_owned()).collect();
        let edges = self
            .edges
            .into_iter()
            .map(|p| {
                let mut edge = p.edge;
                if !p.rules.is_empty() {
                    edge.rule = Some(p.rules.into_iter().collect::<Vec<_>>().join("+"));
                }
                edge.confidence = match edge.provenance {
                    Provenance::Curated | Provenance::Background => 1.0,
                    Provenance::Rule => 0.8,
                    Provenance::Cooccurrence => (0.2 + 0.05 * f64::from(edge.weight)).min(0.5),
                };
                (
                    entity_ids[p.source].clone(),
                    entity_ids[p.target].clone(),
                    edge,
                )
            })
            .collect();
        let graph = KnowledgeGraph::new(nodes, edges, self.infos, self.problems);
        Build {
            graph,
            documents,
            entities: self.entities,
        }
    }

    fn add_background(&mut self) {
        let catalogue = self.catalogue;
        for (i, e) in catalogue.entities.iter().enumerate() {
            if let (Some(parent), Some(reference)) = (&e.record.located_in, &e.record.reference) {
                let Some(p) = catalogue.index_of(parent) else {
                    continue;
                };
                let slot = self.upsert(i, p, Relation::LocatedIn, Provenance::Background);
                let evidence = Evidence {
                    document: None,
                    sentence: None,
                    quote: None,
                    span: None,
                    reference: Some(reference.clone()),
                };
                self.push_evidence(slot, &evidence);
            }
        }
    }

    /// Curated relations: a quote must occur in a normalized document; a reference stands
    /// for a fact the documents do not state.
    fn add_curated(&mut self) {
        let catalogue = self.catalogue;
        let curated = std::mem::take(&mut self.curated);
        for (r, mut evidence) in catalogue.relations.iter().zip(curated) {
            if let Some(quote) = &r.quote {
                if evidence.is_empty() {
                    // On a user's own documents the curated quotes are background.
                    if !self.background_only {
                        self.problems.push(problem(
                            Severity::Error,
                            "quote-not-found",
                            format!(
                                "{}:{}: the quote '{quote}' for {} -{}-> {} is in no normalized document",
                                catalogue.relations_file, r.line, r.source, r.relation, r.target
                            ),
                        ));
                    }
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
            let (Some(s), Some(t)) = (self.index_of(&r.source), self.index_of(&r.target)) else {
                continue;
            };
            let slot = self.upsert(s, t, r.relation, Provenance::Curated);
            for e in &evidence {
                self.push_evidence(slot, e);
            }
        }
    }

    /// Nodes for every entity with at least one mention, with their mentions and resolved
    /// dates. A catalogue entity never mentioned is a problem (the catalogue and the
    /// documents disagree), except a gazetteer entry (background for documents that name it).
    fn nodes(&mut self) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut background = 0;
        for (i, e) in self.entities.iter().enumerate() {
            if self.mentions[i].is_empty() {
                if e.file.ends_with(crate::catalogue::GAZETTEER) {
                    continue;
                }
                if self.background_only {
                    background += usize::from(i < self.catalogue.entities.len());
                    continue;
                }
                self.problems.push(problem(
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
            let resolved_date = self.dates[i].iter().next().copied();
            if let (Some(expected), Some(found)) = (e.record.date, resolved_date) {
                if !expected.agrees_with(&found) {
                    self.problems.push(problem(
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
                discovered: i >= self.catalogue.entities.len(),
                mentions: std::mem::take(&mut self.mentions[i]),
                mentions_omitted: self.mentions_omitted[i],
            });
        }
        if background > 0 {
            self.problems.push(problem(
                Severity::Warning,
                "background",
                format!("{background} catalogue entities are not mentioned: the documents are none of the catalogue's sources (data/sources.toml), so the catalogue is background for them, not checked against them"),
            ));
        }
        nodes
    }
}
