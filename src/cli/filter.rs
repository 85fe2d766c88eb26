//! The edge-filter options several subcommands share (`--relation`, `--exclude-relation`,
//! `--directed`) and the one-line description of a filter printed above results.

use jjj_graph::graph::Relation;
use jjj_graph::query::{Cooccurrence, EdgeFilter};

/// Which relations to walk, and in which direction.
#[derive(Debug, Clone, clap::Args)]
pub struct RelationArgs {
    /// Only edges of this relation (repeatable): issued, passed, signed, drafted, supports,
    /// cooperates_with, located_in, member_of, part_of, holds_role, leads, focuses_on,
    /// co_builds, relocates_to, involves, held_in, about, concerns, co_occurs.
    #[arg(long = "relation", value_name = "R")]
    pub only: Vec<Relation>,
    /// Never edges of this relation (repeatable).
    #[arg(long = "exclude-relation", value_name = "R")]
    pub exclude: Vec<Relation>,
    /// Follow edges only from source to target (default: both ways).
    #[arg(long)]
    pub directed: bool,
}

impl RelationArgs {
    /// The filter, with co-occurrence taking part as `cooccurrence` says.
    pub fn filter(&self, cooccurrence: Cooccurrence) -> EdgeFilter {
        EdgeFilter {
            only: self.only.clone(),
            exclude: self.exclude.clone(),
            cooccurrence,
            directed: self.directed,
        }
    }
}

/// The relation options of commands that walk typed relations unless told to include
/// co-occurrence (`neighbors`, `rank`, `communities`).
#[derive(Debug, Clone, clap::Args)]
pub struct TypedRelationArgs {
    #[command(flatten)]
    pub relations: RelationArgs,
    /// Include co-occurrence edges (two names in one sentence).
    #[arg(long)]
    pub cooccurrence: bool,
}

impl TypedRelationArgs {
    pub fn filter(&self) -> EdgeFilter {
        self.relations.filter(if self.cooccurrence {
            Cooccurrence::On
        } else {
            Cooccurrence::Off
        })
    }
}

/// `typed relations, both ways` / `relations located_in, member_of; directed` …
pub fn describe(filter: &EdgeFilter) -> String {
    let list = |rs: &[Relation]| rs.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
    let mut parts = vec![if filter.only.is_empty() {
        match filter.cooccurrence {
            Cooccurrence::Off => "typed relations".to_owned(),
            Cooccurrence::Fallback => "typed relations, co-occurrence as a fallback".to_owned(),
            Cooccurrence::On => "all relations with co-occurrence".to_owned(),
        }
    } else {
        format!("relations {}", list(&filter.only))
    }];
    if !filter.exclude.is_empty() {
        parts.push(format!("except {}", list(&filter.exclude)));
    }
    parts.push(
        if filter.directed {
            "directed"
        } else {
            "both ways"
        }
        .to_owned(),
    );
    parts.join("; ")
}
