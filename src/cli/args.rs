//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Editorial fact-checking for news drafts: attribution, number consistency and people",
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles (.md, .markdown, .txt) and report findings
    Check(CheckArgs),
    /// Print the fact-check sheet of one article: people, quotes, figures
    Facts(FactsArgs),
    /// Print the documentation of a rule
    Explain(ExplainArgs),
    /// List every rule
    Rules(RulesArgs),
    /// Run the language server on stdin/stdout
    Lsp(LspArgs),
    /// Measure the throughput of the check pipeline (read + analyse + render)
    Bench(BenchArgs),
    /// Work with the desk's reference sheets (`reference = [...]` in copydesk.toml)
    #[command(subcommand)]
    Reference(ReferenceCommand),
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Validate reference sheets: malformed TOML or CSV, bad dates, overlapping terms, missing
    /// sources, each with file and line. Exit code 2 when there is any problem
    Check(ReferenceCheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReferenceCheckArgs {
    /// Sheets (.toml, .csv) or a copydesk.toml, whose sheets are checked; with no path, the
    /// copydesk.toml found from the current directory
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style report with source lines and carets
    Human,
    /// Stable JSON (schema version 1)
    Json,
    /// SARIF 2.1.0 for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// One self-contained HTML page: each article marked up, its fact sheet, an index of files
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Information => Severity::Information,
            FailOn::Hint => Severity::Hint,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to check. Directories are searched for .md, .markdown and .txt
    /// files, honouring .gitignore and .ignore files; files named explicitly are checked
    /// whatever their extension
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Exit with code 1 when there is a finding at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "SEVERITY")]
    pub fail_on: FailOn,

    /// Use this configuration file for every article instead of looking for copydesk.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The article date (YYYY-MM-DD); wins over front matter and copydesk.toml
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<crate::analysis::Date>,

    /// Number of files to check in parallel (default: one per CPU)
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Write the report to FILE instead of standard output (any format). FILE is replaced only
    /// once the whole report is ready
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FactsFormat {
    /// A Markdown fact-check sheet (alias: markdown)
    #[value(alias = "markdown")]
    Human,
    /// Stable JSON (schema version 1)
    Json,
}

#[derive(Debug, clap::Args)]
pub struct FactsArgs {
    /// The article
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value_t = FactsFormat::Human)]
    pub format: FactsFormat,

    /// Use this configuration file instead of looking for copydesk.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The article date (YYYY-MM-DD); wins over front matter and copydesk.toml
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<crate::analysis::Date>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code (ATT006) or name (unbalanced-quotes)
    #[arg(value_name = "CODE|NAME")]
    pub rule: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned text table
    Human,
    /// JSON
    Json,
    /// The Markdown table used in README.md
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Accepted for client compatibility; the server always uses stdin/stdout
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Files and directories, as for `check`
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How many times to run the whole pipeline (after one warm-up run)
    #[arg(long, default_value_t = 5)]
    pub runs: usize,

    /// Render each file's findings in this format (to a sink)
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Number of files to check in parallel (default: one per CPU)
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Use this configuration file for every article instead of looking for copydesk.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<crate::analysis::Date, String> {
    crate::analysis::Date::parse_iso(s.trim())
        .ok_or_else(|| format!("`{s}` is not a date: expected YYYY-MM-DD, e.g. 2022-03-24"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_check_options() {
        let cli = Cli::try_parse_from([
            "copydesk",
            "check",
            "a.md",
            "--format",
            "json",
            "--fail-on",
            "error",
            "--date",
            "2022-03-24",
            "-o",
            "out.json",
        ])
        .unwrap();
        let Command::Check(c) = cli.command else {
            panic!("not check")
        };
        assert_eq!(c.format, CheckFormat::Json);
        assert_eq!(c.fail_on, FailOn::Error);
        assert_eq!(c.date, crate::analysis::Date::new(2022, 3, 24));
        assert_eq!(c.output.as_deref(), Some(std::path::Path::new("out.json")));
        let html = Cli::try_parse_from(["copydesk", "check", "a.md", "--format", "html"]).unwrap();
        let Command::Check(h) = html.command else {
            panic!("not check")
        };
        assert_eq!((h.format, h.output), (CheckFormat::Html, None));
        assert!(
            Cli::try_parse_from(["copydesk", "check", "a.md", "--date", "2022-13-01"]).is_err()
        );
        assert!(Cli::try_parse_from(["copydesk", "facts", "a.md", "--format", "markdown"]).is_ok());
        assert!(Cli::try_parse_from(["copydesk", "lsp", "--stdio"]).is_ok());
    }
}
