//! Relation rules: trigger words in a sentence, with the entities mentioned around them,
//! give typed edges (签署 → signed, 支持 → supports, 与…合作 → cooperates_with…). Also the
//! relations a name states by containing another name (雄安新区中关村科技园 → located in
//! 雄安新区) and region prefixes (河北唐山、保定 → located in 河北).
//!
//! A trigger inside a mention (协同 in 京津冀协同创新共同体) is ignored. Subjects are looked for
//! before the trigger in the same clause, then earlier in the sentence, then in the earlier
//! sentences of the paragraph, and finally the document the file is the text of (the
//! decision in seed 003).

use super::{DocContext, RawMention, RuleEdge};
use crate::catalogue::{Entity, Kind};
use crate::graph::{Relation, Via};
use aho_corasick::AhoCorasick;
use std::ops::Range;
use std::sync::OnceLock;

/// Every trigger word of the rules (a debug assertion catches a rule using another).
const TRIGGER_WORDS: [&str; 34] = [
    "签署",
    "签订",
    "审议通过",
    "表决通过",
    "通过",
    "印发",
    "发布",
    "出台",
    "制定",
    "编制",
    "起草",
    "支持",
    "合作",
    "协作",
    "协同",
    "相结合",
    "结合",
    "对接",
    "联动",
    "与",
    "同",
    "和",
    "主持",
    "牵头",
    "聚焦",
    "围绕",
    "重点发展",
    "重点抓好",
    "瞄准",
    "共建",
    "共同建设",
    "共同打造",
    "协同推动",
    "承接",
];

/// Where the trigger words occur in one document, by sentence: one automaton pass over the
/// text instead of a search per word, rule and sentence.
struct TriggerIndex {
    /// For each sentence, (start offset, index in [`TRIGGER_WORDS`]) of every occurrence.
    by_sentence: Vec<Vec<(usize, usize)>>,
}

impl TriggerIndex {
    fn new(ctx: &DocContext) -> Self {
        static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
        #[allow(clippy::expect_used, reason = "the trigger words are compiled in")]
        let ac = AUTOMATON
            .get_or_init(|| AhoCorasick::new(TRIGGER_WORDS).expect("the trigger words compile"));
        let mut by_sentence = vec![Vec::new(); ctx.sentences.len()];
        for m in ac.find_overlapping_iter(ctx.text) {
            if let Some(s) = ctx.sentence_at(m.start()) {
                if m.end() <= ctx.sentences[s].range.end {
                    by_sentence[s].push((m.start(), m.pattern().as_usize()));
                }
            }
        }
        TriggerIndex { by_sentence }
    }
}

/// Every rule, in a fixed order.
pub fn apply(ctx: &DocContext, entities: &[Entity]) -> Vec<RuleEdge> {
    let mut out = Vec::new();
    let triggers = TriggerIndex::new(ctx);
    let r = Rules {
        ctx,
        entities,
        triggers,
    };
    for s in 0..ctx.sentences.len() {
        r.document_verbs(s, &mut out);
        r.supports(s, &mut out);
        r.cooperation(s, &mut out);
        r.roles(s, &mut out);
        r.leads(s, &mut out);
        r.held_in(s, &mut out);
        r.involves(s, &mut out);
        r.focuses_on(s, &mut out);
        r.co_builds(s, &mut out);
        r.relocation(s, &mut out);
        r.region_prefix(s, &mut out);
        r.name_containment(s, &mut out);
    }
    out.retain(|e| e.source != e.target);
    out
}

use crate::extract::discover::ROLE_WORDS;

struct Rules<'a, 'c> {
    ctx: &'a DocContext<'c>,
    entities: &'a [Entity],
    triggers: TriggerIndex,
}

impl Rules<'_, '_> {
    fn kind(&self, m: &RawMention) -> Kind {
        self.entities[m.entity].kind()
    }

    fn sentence_range(&self, s: usize) -> Range<usize> {
        self.ctx.sentences[s].range.clone()
    }

    /// Clauses of sentence `s`: split at , ; : outside brackets and quotes.
    fn clauses(&self, s: usize) -> Vec<Range<usize>> {
        let range = self.sentence_range(s);
        let text = &self.ctx.text[range.clone()];
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            match c {
                '《' | '“' | '(' | '（' | '「' => depth += 1,
                '》' | '”' | ')' | '）' | '」' => depth = depth.saturating_sub(1),
                ',' | ';' | ':' | '，' | '；' | '：' if depth == 0 => {
                    out.push(range.start + start..range.start + i);
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        out.push(range.start + start..range.end);
        out
    }

    fn clause_at(&self, s: usize, at: usize) -> Range<usize> {
        self.clauses(s)
            .into_iter()
            .find(|c| c.start <= at && at < c.end.max(c.start + 1))
            .unwrap_or_else(|| self.sentence_range(s))
    }

    /// Positions of the trigger words in sentence `s`, outside mentions, longest word first
    /// at each position.
    fn triggers(&self, s: usize, words: &[&str]) -> Vec<(usize, usize)> {
        let occurrences = &self.triggers.by_sentence[s];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for w in words {
            debug_assert!(
                TRIGGER_WORDS.contains(w),
                "trigger {w} is not in TRIGGER_WORDS"
            );
            for &(at, _) in occurrences.iter().filter(|&&(_, i)| TRIGGER_WORDS[i] == *w) {
                if !self.ctx.inside_mention(at)
                    && !found.iter().any(|&(p, l)| p <= at && at < p + l)
                {
                    found.push((at, w.len()));
                }
            }
        }
        found.sort_unstable();
        found
    }

    fn top(&self, s: usize) -> Vec<&RawMention> {
        self.ctx.top_mentions(s).collect()
    }

    /// Mentions of sentence `s` inside `range` passing `keep`.
    fn within(
        &self,
        s: usize,
        range: &Range<usize>,
        keep: impl Fn(Kind) -> bool,
    ) -> Vec<&RawMention> {
        self.top(s)
            .into_iter()
            .filter(|m| {
                range.start <= m.range.start && m.range.end <= range.end && keep(self.kind(m))
            })
            .collect()
    }

    /// The subjects of a trigger at `at` in sentence `s`: the mentions passing `keep` in the
    /// nearest clause before the trigger that has any (the trigger's own clause first); where
    /// an organization and a region start at the same place, the organization.
    fn subjects(&self, s: usize, at: usize, keep: impl Fn(Kind) -> bool) -> Vec<usize> {
        let clauses = self.clauses(s);
        let own = clauses
            .iter()
            .position(|c| c.start <= at && at < c.end.max(c.start + 1))
            .unwrap_or(0);
        for ci in (0..=own).rev() {
            let c = &clauses[ci];
            let end = if ci == own { at } else { c.end };
            let found: Vec<&RawMention> = self
                .within(s, &(c.start..end), &keep)
                .into_iter()
                .filter(|m| !self.names_place_of_act(m))
                .collect();
            if !found.is_empty() {
                return self.prefer_organizations(found);
            }
        }
        Vec::new()
    }

    /// Whether a region is named as the place of an act (在北京签署, 于天津召开), not as
    /// the one who acts.
    fn names_place_of_act(&self, m: &RawMention) -> bool {
        self.kind(m) == Kind::Region
            && ["在", "于", "赴", "到", "至"]
                .iter()
                .any(|w| self.ctx.text[..m.range.start].ends_with(w))
    }

    fn prefer_organizations(&self, found: Vec<&RawMention>) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for m in &found {
            let shadowed = self.kind(m) == Kind::Region
                && found
                    .iter()
                    .any(|o| o.range.start == m.range.start && self.kind(o) == Kind::Organization);
            if !shadowed && !out.contains(&m.entity) {
                out.push(m.entity);
            }
        }
        out
    }

    /// The one best subject before `at`: in the sentence, then in earlier sentences of the
    /// paragraph; with `ranked`, people before organizations before documents before the
    /// rest, otherwise the nearest; else the document the file is the text of. Returns the
    /// subject and the sentence that names it (`s` for the document itself).
    fn one_subject(
        &self,
        s: usize,
        at: usize,
        ranked: bool,
        keep: impl Fn(Kind) -> bool,
    ) -> Option<(usize, usize)> {
        let paragraph = self.ctx.sentences[s].paragraph;
        let rank = |k: Kind| match k {
            _ if !ranked => 0,
            Kind::Person => 0,
            Kind::Organization => 1,
            Kind::Document => 2,
            _ => 3,
        };
        let mut sentence = Some(s);
        while let Some(si) = sentence {
            let before: Vec<&RawMention> = self
                .top(si)
                .into_iter()
                .filter(|m| (si < s || m.range.end <= at) && keep(self.kind(m)))
                .collect();
            if let Some(best) = before.iter().rev().min_by_key(|m| rank(self.kind(m))) {
                return Some((best.entity, si));
            }
            sentence = si
                .checked_sub(1)
                .filter(|&p| self.ctx.sentences[p].paragraph == paragraph);
        }
        self.ctx.is_document.map(|d| (d, s))
    }

    fn edge(
        &self,
        source: usize,
        target: usize,
        relation: Relation,
        rule: &'static str,
        s: usize,
        at: usize,
    ) -> RuleEdge {
        RuleEdge {
            source,
            target,
            relation,
            rule,
            sentence: s,
            quote_from: s,
            date: self.ctx.date_at(s, at),
            role: None,
        }
    }

    /// 签署/通过/印发/编制 + 《document》: actor → document.
    fn document_verbs(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let verbs: [(&[&str], Relation, &'static str); 4] = [
            (&["签署", "签订"], Relation::Signed, "signed"),
            (
                &["审议通过", "表决通过", "通过"],
                Relation::Passed,
                "passed",
            ),
            (
                &["印发", "发布", "出台", "制定"],
                Relation::Issued,
                "issued",
            ),
            (&["编制", "起草"], Relation::Drafted, "drafted"),
        ];
        for (words, relation, rule) in verbs {
            for (at, len) in self.triggers(s, words) {
                let clause = self.clause_at(s, at);
                let documents = self.within(s, &(at + len..clause.end), |k| k == Kind::Document);
                if documents.is_empty() {
                    continue;
                }
                let allow_event = relation == Relation::Passed;
                let mut subjects =
                    self.subjects(s, at, |k| k.is_actor() || (allow_event && k == Kind::Event));
                // A meeting that passes a document is its subject, not the person chairing it.
                if subjects
                    .iter()
                    .any(|&e| self.entities[e].kind() == Kind::Event)
                {
                    subjects.retain(|&e| self.entities[e].kind() == Kind::Event);
                }
                for subject in subjects {
                    for d in &documents {
                        out.push(self.edge(subject, d.entity, relation, rule, s, at));
                    }
                }
            }
        }
    }

    /// 支持 X: subject (actor or document) → X. Parks and platforms named after the
    /// trigger are the objects when there are any; otherwise every mention.
    fn supports(&self, s: usize, out: &mut Vec<RuleEdge>) {
        for (at, len) in self.triggers(s, &["支持"]) {
            let clause = self.clause_at(s, at);
            let after = self.within(s, &(at + len..clause.end), |_| true);
            let specific: Vec<&&RawMention> = after
                .iter()
                .filter(|m| self.kind(m) != Kind::Region)
                .collect();
            let objects: Vec<usize> = if specific.is_empty() {
                after.iter().map(|m| m.entity).collect()
            } else {
                specific.iter().map(|m| m.entity).collect()
            };
            if objects.is_empty() {
                continue;
            }
            let subject = self
                .subjects(s, at, |k| k.is_actor() || k == Kind::Document)
                .last()
                .copied()
                .or(self.ctx.is_document);
            if let Some(subject) = subject {
                for o in objects {
                    out.push(self.edge(subject, o, Relation::Supports, "supports", s, at));
                }
            }
        }
    }

    /// A 与/同/和 B、C … 合作/协作/协同/相结合: A ↔ B, A ↔ C.
    fn cooperation(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let words = ["合作", "协作", "协同", "相结合", "结合", "对接", "联动"];
        for (trigger, _) in self.triggers(s, &words) {
            let clause = self.clause_at(s, trigger);
            for (conn, _) in self.triggers(s, &["与", "同", "和"]) {
                if conn < clause.start || conn >= trigger {
                    continue;
                }
                let left = self.within(s, &(clause.start..conn), Kind::is_actor);
                let Some(a) = left.last() else { continue };
                for b in self.within(s, &(conn..trigger), Kind::is_actor) {
                    out.push(self.edge(
                        a.entity,
                        b.entity,
                        Relation::CooperatesWith,
                        "cooperation",
                        s,
                        trigger,
                    ));
                }
            }
        }
    }

    /// ORG ROLE PERSON (河北省工信厅厅长王素文; the org may be a platform or a region's
    /// government: 宝坻区副区长王浩), also in a 、 list of roles before a person.
    fn roles(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let text = self.ctx.text;
        let top = self.top(s);
        for p in top.iter().filter(|m| self.kind(m) == Kind::Person) {
            let mut end = p.range.start;
            loop {
                let before = text[..end].trim_end_matches(' ');
                let Some((role, org)) = self.role_in(s, before, 3) else {
                    break;
                };
                let mut e = self.edge(
                    p.entity,
                    org.entity,
                    Relation::HoldsRole,
                    "role",
                    s,
                    p.range.end,
                );
                e.role = Some(role);
                out.push(e);
                match text[..org.range.start].strip_suffix('、') {
                    Some(rest) => end = rest.len(),
                    None => break,
                }
            }
        }
    }

    /// The roles `before` ends with and the body, platform or place they are in (宝坻区副区长,
    /// 中心主任, 北京市经信局党组书记、局长): of the role words it ends with (党工委书记, 书记)
    /// the one a name stands before, through up to `depth` roles joined by 、.
    fn role_in(&self, s: usize, before: &str, depth: usize) -> Option<(String, &RawMention)> {
        ROLE_WORDS
            .iter()
            .filter(|r| before.ends_with(*r))
            .find_map(|role| {
                let rest = &before[..before.len() - role.len()];
                let org = self.ctx.in_sentence(s).iter().find(|m| {
                    m.range.end == rest.len()
                        && m.is_top()
                        && matches!(
                            self.kind(m),
                            Kind::Organization | Kind::Platform | Kind::Region
                        )
                });
                match (org, rest.strip_suffix('、')) {
                    (Some(org), _) => Some(((*role).to_owned(), org)),
                    (None, Some(earlier)) if depth > 0 => self
                        .role_in(s, earlier, depth - 1)
                        .map(|(roles, org)| (format!("{roles}、{role}"), org)),
                    _ => None,
                }
            })
    }

    /// 主持/牵头 X: person (or organization) → the event or body after the trigger.
    fn leads(&self, s: usize, out: &mut Vec<RuleEdge>) {
        for (at, len) in self.triggers(s, &["主持", "牵头"]) {
            let clause = self.clause_at(s, at);
            let Some(object) = self
                .within(s, &(at + len..clause.end), |k| {
                    matches!(k, Kind::Event | Kind::Organization | Kind::Platform)
                })
                .first()
                .map(|m| m.entity)
            else {
                continue;
            };
            if let Some((subject, named)) = self.one_subject(s, at, true, Kind::is_actor) {
                if self.entities[subject].kind() != Kind::Document {
                    let edge = self.edge(subject, object, Relation::Leads, "leads", s, at);
                    out.push(edge.quoting_from(named));
                }
            }
        }
    }

    /// 在 REGION 召开/考察/调研/举行 … event of the same clause: event → region.
    fn held_in(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let text = self.ctx.text;
        let verbs = ["召开", "考察", "调研", "举行"];
        for r in self.top(s).into_iter().filter(|r| {
            self.kind(r) == Kind::Region
                && text[..r.range.start].ends_with('在')
                && verbs.iter().any(|v| text[r.range.end..].starts_with(v))
        }) {
            let clause = self.clause_at(s, r.range.start);
            for e in self.within(s, &clause, |k| k == Kind::Event) {
                out.push(self.edge(
                    e.entity,
                    r.entity,
                    Relation::HeldIn,
                    "held-in",
                    s,
                    e.range.end,
                ));
            }
        }
    }

    /// People and organizations named before an event in its clause take part in it.
    fn involves(&self, s: usize, out: &mut Vec<RuleEdge>) {
        for e in self
            .top(s)
            .into_iter()
            .filter(|m| self.kind(m) == Kind::Event)
        {
            let clause = self.clause_at(s, e.range.start);
            for a in self.within(s, &(clause.start..e.range.start), |k| {
                matches!(k, Kind::Person | Kind::Organization)
            }) {
                out.push(self.edge(
                    e.entity,
                    a.entity,
                    Relation::Involves,
                    "involves",
                    s,
                    e.range.end,
                ));
            }
        }
    }

    /// 聚焦/围绕/重点发展 X、Y: subject → X, Y (fields, chains, clusters, concepts).
    fn focuses_on(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let words = ["聚焦", "围绕", "重点发展", "重点抓好", "瞄准"];
        for (at, len) in self.triggers(s, &words) {
            let clause = self.clause_at(s, at);
            let objects = self.within(s, &(at + len..clause.end), |k| {
                matches!(k, Kind::Field | Kind::Chain | Kind::Cluster | Kind::Concept)
            });
            let Some(last) = objects.last() else { continue };
            // X、Y等产业链: the industries are named as chains (新能源和智能网联汽车产业链).
            let after = &self.ctx.text[last.range.end..];
            let as_chains = after.starts_with("等产业链") || after.starts_with("产业链");
            let role = |o: &RawMention| -> usize {
                let field = self.entities[o.entity].id();
                let chain = self.entities.iter().position(|e| {
                    e.kind() == Kind::Chain && e.record.field.as_deref() == Some(field)
                });
                chain.filter(|_| as_chains).unwrap_or(o.entity)
            };
            let subject = self.one_subject(s, at, true, |k| k.is_actor() || k == Kind::Document);
            if let Some((subject, named)) = subject {
                for o in &objects {
                    let edge =
                        self.edge(subject, role(o), Relation::FocusesOn, "focuses-on", s, at);
                    out.push(edge.quoting_from(named));
                }
            }
        }
    }

    /// 共建/共同建设/共同打造/协同推动 X: every actor before the trigger in the sentence, outside a
    /// purpose clause (为…), → X.
    fn co_builds(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let words = ["共建", "共同建设", "共同打造", "协同推动"];
        for (at, len) in self.triggers(s, &words) {
            let clause = self.clause_at(s, at);
            let objects = self.within(s, &(at + len..clause.end), |k| {
                matches!(k, Kind::Platform | Kind::Park)
            });
            let Some(object) = objects.first() else {
                continue;
            };
            // Every actor before the trigger, but none of a purpose clause (为辐射带动河北廊坊
            // 北三县…: the places it names are what the building is for).
            let range = self.sentence_range(s);
            let purpose: Vec<Range<usize>> = self
                .clauses(s)
                .into_iter()
                .filter(|c| self.ctx.text[c.clone()].starts_with('为'))
                .collect();
            let actors: Vec<&RawMention> = self
                .within(s, &(range.start..at), Kind::is_actor)
                .into_iter()
                .filter(|m| !purpose.iter().any(|c| c.contains(&m.range.start)))
                .collect();
            // Where bodies or people are the builders, the places named beside them are not.
            let bodies = actors.iter().any(|m| self.kind(m) != Kind::Region);
            let actors: Vec<&RawMention> = actors
                .into_iter()
                .filter(|m| !bodies || self.kind(m) != Kind::Region)
                .collect();
            for subject in self.prefer_organizations(actors) {
                out.push(self.edge(
                    subject,
                    object.entity,
                    Relation::CoBuilds,
                    "co-builds",
                    s,
                    at,
                ));
            }
        }
    }

    /// Relocation: X 在 R 落地; X 向 R 疏解/转移; X 迁驻/落户/疏解至 R; R 承接 X 的疏解/转移.
    fn relocation(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let text = self.ctx.text;
        let top = self.top(s);
        let relocatable = |k: Kind| !matches!(k, Kind::Region | Kind::Document);
        const MOVES: [&str; 8] = [
            "迁驻",
            "迁至",
            "迁往",
            "落户",
            "疏解至",
            "搬迁至",
            "搬到",
            "迁到",
        ];
        let moved_to = |m: &RawMention| MOVES.iter().any(|v| text[..m.range.start].ends_with(v));
        // What something else moved to is no mover (2018年把总部搬到园区,2019年落户新区).
        let destinations: Vec<usize> = top
            .iter()
            .filter(|m| moved_to(m))
            .map(|m| m.entity)
            .collect();
        for r in top
            .iter()
            .filter(|m| matches!(self.kind(m), Kind::Region | Kind::Park))
        {
            let before = &text[..r.range.start];
            let after = &text[r.range.end..];
            let region = self.kind(r) == Kind::Region;
            let landing = region && before.ends_with('在') && after.starts_with("落地");
            let towards = region
                && before.ends_with('向')
                && ["疏解", "转移", "迁移"]
                    .iter()
                    .any(|v| after.starts_with(v));
            // X 迁驻/落户/疏解至/迁往/搬到 R: every relocatable actor of the clause before moves.
            if moved_to(r) {
                let subjects = self.subjects(s, r.range.start, |k| {
                    matches!(k, Kind::Organization | Kind::Platform | Kind::Park)
                });
                for source in subjects
                    .into_iter()
                    .filter(|e| *e != r.entity && !destinations.contains(e))
                {
                    out.push(self.edge(
                        source,
                        r.entity,
                        Relation::RelocatesTo,
                        "relocation",
                        s,
                        r.range.start,
                    ));
                }
            } else if landing || towards {
                let source = self.one_subject(s, r.range.start, false, relocatable);
                if let Some((source, named)) =
                    source.filter(|&(e, _)| relocatable(self.entities[e].kind()))
                {
                    let edge = self.edge(
                        source,
                        r.entity,
                        Relation::RelocatesTo,
                        "relocation",
                        s,
                        r.range.start,
                    );
                    out.push(edge.quoting_from(named));
                }
            }
        }
        for (at, len) in self.triggers(s, &["承接"]) {
            let clause = self.clause_at(s, at);
            let tail = &text[at + len..clause.end];
            if !["疏解", "转移"].iter().any(|w| tail.contains(w)) {
                continue;
            }
            let Some(source) = self
                .within(s, &(at + len..clause.end), |_| true)
                .first()
                .map(|m| m.entity)
            else {
                continue;
            };
            let range = self.sentence_range(s);
            let target = self
                .within(s, &(range.start..at), |k| k == Kind::Region)
                .last()
                .map(|m| m.entity);
            if let Some(target) = target {
                out.push(self.edge(source, target, Relation::RelocatesTo, "relocation", s, at));
            }
        }
    }

    /// REGION directly followed by a region or park, and a 、 list after it (河北唐山、保定):
    /// each item lies in the region, unless the catalogue places it elsewhere. One-character
    /// abbreviations side by side are a pair or triple word (津冀, 京雄, 京津冀) naming regions
    /// next to each other, never one inside another.
    fn region_prefix(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let mentions = self.ctx.in_sentence(s);
        let abbreviation = |m: &RawMention| self.ctx.text[m.range.clone()].chars().count() == 1;
        for r in mentions
            .iter()
            .filter(|m| m.is_top() && self.kind(m) == Kind::Region && !abbreviation(m))
        {
            let mut end = r.range.end;
            let mut first = true;
            loop {
                let start = if first {
                    end
                } else if self.ctx.text[end..].starts_with('、') {
                    end + '、'.len_utf8()
                } else {
                    break;
                };
                let Some(item) = mentions.iter().find(|m| {
                    m.range.start == start
                        && matches!(self.kind(m), Kind::Region | Kind::Park)
                        && m.via != Via::Enumeration
                        && !abbreviation(m)
                }) else {
                    break;
                };
                if !self.conflicts(item.entity, r.entity) {
                    out.push(self.edge(
                        item.entity,
                        r.entity,
                        Relation::LocatedIn,
                        "region-prefix",
                        s,
                        item.range.end,
                    ));
                }
                // Continue over the item's own region part (邯郸 in 邯郸中关村合作园区).
                end = mentions
                    .iter()
                    .filter(|m| m.range.start == start && self.kind(m) == Kind::Region)
                    .map(|m| m.range.end)
                    .max()
                    .unwrap_or(item.range.end);
                first = false;
            }
        }
    }

    /// Whether the catalogue puts `item` somewhere `region` is not an ancestor of.
    fn conflicts(&self, item: usize, region: usize) -> bool {
        let by_id = |id: &str| self.entities.iter().position(|e| e.id() == id);
        let Some(mut at) = self.entities[item]
            .record
            .located_in
            .as_deref()
            .and_then(by_id)
        else {
            return false;
        };
        for _ in 0..16 {
            if at == region {
                return false;
            }
            match self.entities[at]
                .record
                .located_in
                .as_deref()
                .and_then(by_id)
            {
                Some(next) => at = next,
                None => return true,
            }
        }
        true
    }

    /// What a name says by containing another name: the longest names inside it (a title
    /// naming 天津滨海—中关村科技园 is about that park, not the 中关村 and 滨海 inside it).
    fn name_containment(&self, s: usize, out: &mut Vec<RuleEdge>) {
        let mentions = self.ctx.in_sentence(s);
        for whole in mentions.iter().filter(|m| m.is_top()) {
            let outer = self.kind(whole);
            let inside: Vec<&RawMention> = mentions
                .iter()
                .filter(|n| {
                    n.via == Via::Nested
                        && whole.range.start <= n.range.start
                        && n.range.end <= whole.range.end
                })
                .collect();
            let longest = inside.iter().filter(|n| {
                !inside.iter().any(|o| {
                    o.range != n.range
                        && o.range.start <= n.range.start
                        && n.range.end <= o.range.end
                })
            });
            // Regions that open a body's name one after another (天津市 滨海新区 人民政府):
            // the body is in the last, the deepest.
            let mut opening: Option<&RawMention> = None;
            let mut cursor = whole.range.start;
            let mut regions: Vec<&&RawMention> = inside
                .iter()
                .filter(|n| self.kind(n) == Kind::Region)
                .collect();
            regions.sort_by_key(|n| n.range.start);
            for r in regions {
                if r.range.start == cursor {
                    cursor = r.range.end;
                    opening = Some(r);
                }
            }
            for part in longest {
                let inner = self.kind(part);
                let prefix = part.range.start == whole.range.start;
                let (source, target, relation) = match (outer, inner) {
                    (Kind::Park | Kind::Platform | Kind::Region, Kind::Region) => {
                        (whole.entity, part.entity, Relation::LocatedIn)
                    }
                    (Kind::Organization, Kind::Region)
                        if opening.is_some_and(|o| o.range == part.range) =>
                    {
                        (whole.entity, part.entity, Relation::LocatedIn)
                    }
                    (Kind::Park, Kind::Park) | (Kind::Platform, Kind::Platform) if prefix => {
                        (whole.entity, part.entity, Relation::PartOf)
                    }
                    (Kind::Concept, Kind::Concept) => (part.entity, whole.entity, Relation::PartOf),
                    (Kind::Event, Kind::Region) => (whole.entity, part.entity, Relation::HeldIn),
                    (Kind::Event, Kind::Organization | Kind::Person) => {
                        (whole.entity, part.entity, Relation::Involves)
                    }
                    // 北京市人民代表大会常务委员会关于…的决定: the body is the issuer.
                    (Kind::Document, Kind::Organization)
                        if prefix && self.ctx.text[part.range.end..].starts_with("关于") =>
                    {
                        (part.entity, whole.entity, Relation::Issued)
                    }
                    (Kind::Document, _) => (whole.entity, part.entity, Relation::About),
                    _ => continue,
                };
                out.push(self.edge(
                    source,
                    target,
                    relation,
                    "name-contains",
                    whole.sentence,
                    whole.range.end,
                ));
            }
        }
    }
}
