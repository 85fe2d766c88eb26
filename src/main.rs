//! The `jjj` binary: parse the command line, run, and map the outcome to an exit code
//! (0 found, 1 nothing found, 2 error, 130 interrupted). A closed pipe (`jjj … | head`)
//! counts as success.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

use clap::Parser as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    cli::output::exit_cleanly_on_interrupt();
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if cli::output::interrupted() => {
            eprintln!("jjj: {e:#}");
            ExitCode::from(cli::output::INTERRUPTED_EXIT)
        }
        Err(e) => {
            eprintln!("jjj: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
