//! `wenming check`: every problem in a content folder, with its file and line.

use std::path::Path;
use std::process::ExitCode;

use store::{ContentError, Store};

/// Prints each problem as `file:line: message` and a summary; exit status 1 when there is any
/// problem, 2 when the folder cannot be used at all.
pub fn run(content: &Path) -> ExitCode {
    match Store::open(content) {
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
        Ok((store, problems)) => {
            let cwd = std::env::current_dir().unwrap_or_default();
            for problem in &problems {
                println!("{}", display_relative(problem, &cwd));
            }
            println!(
                "{}: {} articles loaded, {} problem{}",
                content.display(),
                store.len(),
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn display_relative(problem: &ContentError, base: &Path) -> String {
    let path = problem.path.strip_prefix(base).unwrap_or(&problem.path);
    ContentError::new(path, problem.line, problem.message.clone()).to_string()
}
