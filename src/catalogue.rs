//! The curated catalogue (`data/`): entities with ids, names, aliases and attributes; curated
//! relations that cite a quote or a background reference; the sources (seed files) with their
//! local names; named background references; and the normalization tables. Loading rejects
//! unknown fields and inconsistent entries with `file:line:column`.

use crate::corpus::TextFile;
use crate::dates::PartialDate;
use crate::error::{line_column, Error, Result};
use crate::graph::Relation;
use crate::normalize::NormalizeConfig;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

/// The catalogue file of regions a new text may name (districts, counties, towns): an entry
/// no document mentions is background, not a disagreement.
pub const GAZETTEER: &str = "entities/gazetteer.toml";

/// The kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Region,
    Organization,
    Person,
    Park,
    Chain,
    Cluster,
    Field,
    Document,
    Event,
    Platform,
    Concept,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 11] = [
        Kind::Region,
        Kind::Organization,
        Kind::Person,
        Kind::Park,
        Kind::Chain,
        Kind::Cluster,
        Kind::Field,
        Kind::Document,
        Kind::Event,
        Kind::Platform,
        Kind::Concept,
    ];

    /// The prefix every id of this kind starts with (`region/…`, `org/…`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Organization => "org",
            other => other.as_str(),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Organization => "organization",
            Kind::Person => "person",
            Kind::Park => "park",
            Kind::Chain => "chain",
            Kind::Cluster => "cluster",
            Kind::Field => "field",
            Kind::Document => "document",
            Kind::Event => "event",
            Kind::Platform => "platform",
            Kind::Concept => "concept",
        }
    }

    /// Kinds that act: they issue, sign, support, cooperate.
    pub fn is_actor(self) -> bool {
        matches!(self, Kind::Region | Kind::Organization | Kind::Person)
    }
}

impl std::str::FromStr for Kind {
    type Err = crate::error::Error;

    /// A kind by name (`park`), or its id prefix (`org`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || k.id_prefix() == s)
            .ok_or_else(|| crate::error::Error::InvalidValue {
                what: "kind",
                value: s.to_owned(),
                message: format!("expected one of {}", Kind::ALL.map(Kind::as_str).join(", ")),
            })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `[[entity]]` of `data/entities/*.toml`. Which attributes a kind may carry is checked.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    /// Stable ASCII id, `<kind prefix>/<slug>`.
    pub id: String,
    pub kind: Kind,
    /// Simplified Chinese name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Other names in the documents (short forms, full titles). Traditional forms of the
    /// name and aliases are derived, not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free-text sub-kind (working group, port, fund…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Region: administrative level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Region: 行政区划 code (GB/T 2260).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Region or park: `[longitude, latitude]` (WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coords: Option<[f64; 2]>,
    /// Background fact: the region this one lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub located_in: Option<String>,
    /// The background reference for `code`, `coords` and `located_in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Person: the role the text states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Document or event: the date the seeds give (checked against extraction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Document: the issuing body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Chain or cluster: the text that stands for it in its group's enumeration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_name: Option<String>,
    /// Chain or cluster: the group (六链, 五群) it is a member of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Chain or cluster: the industry it is a chain or cluster of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A discovered entity: how sure discovery is of it (a catalogue entry has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

impl EntityRecord {
    /// A record with only its id, kind and name.
    pub fn new(id: String, kind: Kind, name: String) -> Self {
        EntityRecord {
            id,
            kind,
            name,
            en: None,
            aliases: Vec::new(),
            category: None,
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
            confidence: None,
        }
    }
}

impl EntityRecord {
    /// Take the names and the confidence another find of the same discovered entity gives
    /// it: each name that is not already its name or an alias becomes an alias, and the
    /// higher confidence stays.
    pub fn absorb(&mut self, names: impl IntoIterator<Item = String>, confidence: Option<f64>) {
        for name in names {
            if name != self.name && !self.aliases.contains(&name) {
                self.aliases.push(name);
            }
        }
        if self.confidence < confidence {
            self.confidence = confidence;
        }
    }
}

/// A loaded entity: the record plus derived names and where it was defined.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub record: EntityRecord,
    /// Traditional forms of the name and aliases (OpenCC s2t), where they differ.
    pub traditional: Vec<String>,
    pub file: String,
    pub line: usize,
}

impl Entity {
    pub fn id(&self) -> &str {
        &self.record.id
    }
    pub fn kind(&self) -> Kind {
        self.record.kind
    }
    pub fn name(&self) -> &str {
        &self.record.name
    }
    /// The name and aliases: what the mention matcher looks for.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.record.name.as_str())
            .chain(self.record.aliases.iter().map(String::as_str))
    }
}

/// One `[[relation]]` of `data/relations.toml`: a relation no rule can extract.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CuratedRelation {
    pub source: String,
    pub target: String,
    pub relation: Relation,
    /// Text that must occur in the normalized text of a source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Or: a named background reference, for facts the seeds do not state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub line: usize,
}

/// One `[[source]]` of `data/sources.toml`: a document file of the corpus.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub file: String,
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub date_quote: Option<String>,
    /// The catalogue document this file is the text of.
    #[serde(default)]
    pub is: Option<String>,
    /// Names that mean an entity only inside this document (本市 → region/beijing).
    #[serde(default)]
    pub local_names: BTreeMap<String, String>,
    /// The line of its `[[source]]` in `sources.toml`, for messages.
    #[serde(skip)]
    pub line: usize,
}

/// One `[[reference]]` of `data/references.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub id: String,
    pub title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    #[serde(default)]
    entity: Vec<EntityRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationFile {
    #[serde(default)]
    relation: Vec<CuratedRelation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    #[serde(default)]
    source: Vec<SourceRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceFile {
    #[serde(default)]
    reference: Vec<Reference>,
}

/// The whole catalogue, validated. Entities are sorted by id.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    pub relations: Vec<CuratedRelation>,
    pub relations_file: String,
    pub sources: Vec<SourceRecord>,
    pub sources_file: String,
    pub references: Vec<Reference>,
    pub normalize: NormalizeConfig,
}

fn parse_toml<T: serde::de::DeserializeOwned>(file: &TextFile) -> Result<T> {
    toml::from_str(&file.text).map_err(|e| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |s| line_column(&file.text, s.start));
        Error::Catalogue {
            file: file.display.clone(),
            line,
            column,
            message: e.message().trim().to_owned(),
        }
    })
}

/// The lines of successive occurrences of entries in a catalogue file: each call finds the
/// next occurrence of `needle` after the previous one (entries are parsed in file order).
struct Lines<'t> {
    text: &'t str,
    from: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { text, from: 0 }
    }

    /// The 1-based line of the next `needle` (or of the previous one if there is none).
    fn next(&mut self, needle: &str) -> usize {
        let at = self.text[self.from..]
            .find(needle)
            .map_or(self.from, |p| self.from + p);
        self.from = (at + needle.len()).min(self.text.len());
        line_column(self.text, at).0
    }
}

struct Problems(Vec<Error>);

impl Problems {
    fn at(&mut self, file: &str, line: usize, message: String) {
        self.0.push(Error::Catalogue {
            file: file.to_owned(),
            line,
            column: 1,
            message,
        });
    }
}

/// OpenCC's simplified → traditional converter, built once per process (its dictionaries
/// take milliseconds to load); `None` if they cannot be loaded.
fn simplified_to_traditional() -> Option<&'static ferrous_opencc::OpenCC> {
    static S2T: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    S2T.get_or_init(|| {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).ok()
    })
    .as_ref()
}

impl Catalogue {
    /// Load and validate the catalogue from its files (paths relative to the data directory:
    /// `entities/*.toml`, `relations.toml`, `sources.toml`, `references.toml`,
    /// `normalize.toml`). Every problem is reported, not just the first.
    pub fn load(files: &[TextFile]) -> Result<Catalogue> {
        let s2t = simplified_to_traditional();
        let mut entities = Vec::new();
        let mut relations = Vec::new();
        let mut relations_file = "relations.toml".to_owned();
        let mut sources_file = "sources.toml".to_owned();
        let mut sources = Vec::new();
        let mut references = Vec::new();
        let mut normalize = NormalizeConfig::default();
        let mut problems = Problems(Vec::new());
        let mut saw_entities = false;
        for file in files {
            let name = file.path.rsplit('/').next().unwrap_or(&file.path);
            let result: Result<()> = (|| {
                if file.path.starts_with("entities/") {
                    saw_entities = true;
                    let parsed: EntityFile = parse_toml(file)?;
                    let mut lines = Lines::new(&file.text);
                    for record in parsed.entity {
                        let line = lines.next(&format!("\"{}\"", record.id));
                        let mut traditional: Vec<String> = Vec::new();
                        if let Some(cc) = s2t {
                            for n in std::iter::once(&record.name).chain(&record.aliases) {
                                let t = cc.convert(n);
                                if t != *n && !traditional.contains(&t) {
                                    traditional.push(t);
                                }
                            }
                        }
                        entities.push(Entity {
                            record,
                            traditional,
                            file: file.display.clone(),
                            line,
                        });
                    }
                } else {
                    match name {
                        "relations.toml" => {
                            let parsed: RelationFile = parse_toml(file)?;
                            relations_file = file.display.clone();
                            let mut lines = Lines::new(&file.text);
                            for mut r in parsed.relation {
                                r.line = lines.next("[[relation]]");
                                relations.push(r);
                            }
                        }
                        "sources.toml" => {
                            sources = parse_toml::<SourceFile>(file)?.source;
                            sources_file = file.display.clone();
                            let mut lines = Lines::new(&file.text);
                            for source in &mut sources {
                                source.line = lines.next("[[source]]");
                            }
                        }
                        "references.toml" => references = parse_toml::<ReferenceFile>(file)?.reference,
                        "normalize.toml" => normalize = parse_toml(file)?,
                        _ => problems.at(
                            &file.display,
                            1,
                            "unknown catalogue file: expected entities/*.toml, relations.toml, sources.toml, references.toml or normalize.toml".into(),
                        ),
                    }
                }
                Ok(())
            })();
            if let Err(e) = result {
                problems.0.push(e);
            }
        }
        if !saw_entities && problems.0.is_empty() {
            return Err(Error::Input {
                path: "entities/".into(),
                message: "the catalogue has no entities/*.toml file".into(),
            });
        }
        entities.sort_by(|a, b| a.record.id.cmp(&b.record.id));
        let catalogue = Catalogue {
            by_id: entities
                .iter()
                .enumerate()
                .map(|(i, e)| (e.record.id.clone(), i))
                .collect(),
            entities,
            relations,
            relations_file,
            sources,
            sources_file,
            references,
            normalize,
        };
        // Cross-checks only on files that parsed: a file that did not would make every
        // reference to its entities look wrong.
        if problems.0.is_empty() {
            catalogue.validate(&mut problems);
        }
        match problems.0.len() {
            0 => Ok(catalogue),
            1 => Err(problems.0.remove(0)),
            _ => Err(Error::Many(problems.0)),
        }
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    fn validate(&self, problems: &mut Problems) {
        let references: Vec<&str> = self.references.iter().map(|r| r.id.as_str()).collect();
        // Duplicate ids.
        for pair in self.entities.windows(2) {
            if pair[0].record.id == pair[1].record.id {
                problems.at(
                    &pair[1].file,
                    pair[1].line,
                    format!(
                        "duplicate id '{}' (also at {}:{})",
                        pair[1].record.id, pair[0].file, pair[0].line
                    ),
                );
            }
        }
        // Names and aliases naming two entities.
        let mut names: HashMap<&str, &Entity> = HashMap::new();
        for e in &self.entities {
            let mut own: Vec<&str> = e.names().collect();
            own.sort_unstable();
            own.dedup();
            for n in own {
                if n.trim().is_empty() {
                    problems.at(
                        &e.file,
                        e.line,
                        format!("'{}': empty name or alias", e.record.id),
                    );
                    continue;
                }
                if let Some(other) = names.insert(n, e) {
                    if other.record.id != e.record.id {
                        problems.at(
                            &e.file,
                            e.line,
                            format!(
                                "name '{n}' of '{}' already names '{}' ({}:{})",
                                e.record.id, other.record.id, other.file, other.line
                            ),
                        );
                    }
                }
            }
        }
        for e in &self.entities {
            let r = &e.record;
            let at = |problems: &mut Problems, m: String| {
                problems.at(&e.file, e.line, format!("'{}': {m}", r.id))
            };
            let slug_ok = r.id.split_once('/').is_some_and(|(prefix, slug)| {
                prefix == r.kind.id_prefix()
                    && !slug.is_empty()
                    && slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
            if !slug_ok {
                at(
                    problems,
                    format!(
                        "id must be '{}/' followed by lowercase ASCII letters, digits and '-'",
                        r.kind.id_prefix()
                    ),
                );
            }
            let allowed = |field: &str| -> bool {
                match field {
                    "level" | "code" => r.kind == Kind::Region,
                    "coords" => matches!(r.kind, Kind::Region | Kind::Park),
                    "role" => r.kind == Kind::Person,
                    "date" => matches!(r.kind, Kind::Document | Kind::Event),
                    "issuer" => r.kind == Kind::Document,
                    "list_name" | "group" | "field" => {
                        matches!(r.kind, Kind::Chain | Kind::Cluster)
                    }
                    _ => true,
                }
            };
            let present = [
                ("level", r.level.is_some()),
                ("code", r.code.is_some()),
                ("coords", r.coords.is_some()),
                ("role", r.role.is_some()),
                ("date", r.date.is_some()),
                ("issuer", r.issuer.is_some()),
                ("list_name", r.list_name.is_some()),
                ("group", r.group.is_some()),
                ("field", r.field.is_some()),
            ];
            for (field, is_set) in present {
                if is_set && !allowed(field) {
                    at(problems, format!("a {} has no field '{field}'", r.kind));
                }
            }
            if matches!(r.kind, Kind::Chain | Kind::Cluster)
                && (r.list_name.is_none() || r.group.is_none())
            {
                at(
                    problems,
                    format!("a {} needs 'list_name' and 'group'", r.kind),
                );
            }
            if let Some([lon, lat]) = r.coords {
                if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                    at(
                        problems,
                        format!("coords [{lon}, {lat}] are not [longitude, latitude]"),
                    );
                }
            }
            if let Some(code) = &r.code {
                if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
                    at(
                        problems,
                        format!("code '{code}' is not a six-digit GB/T 2260 code"),
                    );
                }
            }
            for (field, target) in [
                ("located_in", &r.located_in),
                ("issuer", &r.issuer),
                ("group", &r.group),
                ("field", &r.field),
            ] {
                if let Some(t) = target {
                    if self.get(t).is_none() {
                        at(problems, format!("{field} names unknown entity '{t}'"));
                    }
                }
            }
            let needs_reference = r.code.is_some() || r.coords.is_some() || r.located_in.is_some();
            match &r.reference {
                Some(reference) if !references.contains(&reference.as_str()) => at(
                    problems,
                    format!("unknown reference '{reference}' (see references.toml)"),
                ),
                None if needs_reference => at(
                    problems,
                    "code, coords and located_in are background facts: name their 'reference'"
                        .into(),
                ),
                _ => {}
            }
        }
        self.validate_located_in_cycles(problems);
        for rel in &self.relations {
            let at =
                |problems: &mut Problems, m: String| problems.at(&self.relations_file, rel.line, m);
            for end in [&rel.source, &rel.target] {
                if self.get(end).is_none() {
                    at(problems, format!("relation names unknown entity '{end}'"));
                }
            }
            match (&rel.quote, &rel.reference) {
                (None, None) => at(
                    problems,
                    format!(
                        "relation {} -{}-> {} needs a 'quote' from a document or a background 'reference'",
                        rel.source, rel.relation, rel.target
                    ),
                ),
                (_, Some(reference)) if !references.contains(&reference.as_str()) => {
                    at(problems, format!("unknown reference '{reference}' (see references.toml)"))
                }
                _ => {}
            }
        }
        let mut source_ids: Vec<&str> = Vec::new();
        for s in &self.sources {
            let (file, line) = (self.sources_file.as_str(), s.line);
            if source_ids.contains(&s.id.as_str()) {
                problems.at(file, line, format!("duplicate source id '{}'", s.id));
            }
            source_ids.push(&s.id);
            for target in s.is.iter().chain(s.local_names.values()) {
                if self.get(target).is_none() {
                    problems.at(
                        file,
                        line,
                        format!("source '{}' names unknown entity '{target}'", s.id),
                    );
                }
            }
        }
    }

    /// Each located_in cycle once, at its member that comes first in the catalogue.
    fn validate_located_in_cycles(&self, problems: &mut Problems) {
        let mut reported: Vec<Vec<&str>> = Vec::new();
        for e in &self.entities {
            let mut seen = vec![e.record.id.as_str()];
            let mut at = e;
            while let Some(parent) = at.record.located_in.as_deref().and_then(|p| self.get(p)) {
                if parent.record.id == e.record.id {
                    let mut members = seen.clone();
                    members.sort_unstable();
                    if !reported.contains(&members) {
                        reported.push(members);
                        seen.push(&parent.record.id);
                        problems.at(
                            &e.file,
                            e.line,
                            format!("located_in cycle: {}", seen.join(" → ")),
                        );
                    }
                    break;
                }
                if seen.contains(&parent.record.id.as_str()) {
                    break;
                }
                seen.push(&parent.record.id);
                at = parent;
            }
        }
    }
}
