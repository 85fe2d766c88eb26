//! One module per subcommand, each with its clap `Args` and a `run` function.

pub mod build;
pub mod candidates;
pub mod check;
pub mod export;
pub mod report;
pub mod show;
pub mod stats;
