use std::process::ExitCode;

use clap::Parser;
use server::cli::{Cli, Command};
use server::config::ServeConfig;
use server::serve::{run, shutdown_signal};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match cli.command {
        Some(Command::Check(args)) => server::check::run(&args.content),
        Some(Command::Admin(args)) => server::accounts::run(&args.data, args.command),
        Some(Command::Generate(args)) => server::generate::run(&args.out, args.articles, args.seed),
        Some(Command::Serve(args)) => serve(ServeConfig::from(args)),
        None => serve(ServeConfig::from(cli.serve)),
    }
}

fn serve(config: ServeConfig) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config, shutdown_signal())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
