//! `wenming admin …`: editor accounts are created and reset only here, on the server's own
//! machine; the web has no way to make or change one.

use std::io::{self, BufRead, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

use desk::Accounts;

use crate::cli::AdminCommand;

pub fn run(data: &Path, command: AdminCommand) -> ExitCode {
    let accounts = Accounts::open(data);
    let outcome = match command {
        AdminCommand::Add { user } => read_password(&user)
            .and_then(|password| {
                accounts
                    .add(&user, &password, SystemTime::now())
                    .map_err(|e| e.to_string())
            })
            .map(|()| format!("added editor {user}")),
        AdminCommand::Reset { user } => read_password(&user)
            .and_then(|password| {
                accounts
                    .reset(&user, &password, SystemTime::now())
                    .map_err(|e| e.to_string())
            })
            .map(|()| format!("reset the password of {user}; their sessions have ended")),
        AdminCommand::List => accounts
            .names()
            .map(|names| names.join("\n"))
            .map_err(|e| e.to_string()),
    };
    match outcome {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Asks twice on a terminal (without echo); reads one line from a pipe, for scripts.
fn read_password(user: &str) -> Result<String, String> {
    if io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {user}: "))
            .map_err(|e| format!("reading the password: {e}"))?;
        let second = rpassword::prompt_password("The same password again: ")
            .map_err(|e| format!("reading the password: {e}"))?;
        if first != second {
            return Err("the two passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("reading the password: {e}"))?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
