//! One module per subcommand, each with its clap `Args` and a `run` function.

pub mod build;
pub mod candidates;
pub mod check;
pub mod communities;
pub mod export;
pub mod find;
pub mod generate;
pub mod list;
pub mod neighbors;
pub mod path;
pub mod rank;
pub mod relations;
pub mod render;
pub mod report;
pub mod show;
pub mod stats;
pub mod timeline;
