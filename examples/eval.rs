//! `make eval`: scores `firstline::triage::classify` and
//! `firstline::tone::check` on the validation splits of the public datasets
//! and prints one Markdown table, `| measure | value | goal | n | ok |`, then
//! the top confusions of the rows that ask for them and the tone rows'
//! details, then the total time.
//!
//! ```text
//! cargo run --release --example eval [FILTER] [--data DIR]
//! ```
//!
//! `FILTER` keeps only the rows whose name contains it (case-insensitive);
//! `--data` points at the data folder (default `../shared/data` beside the
//! crate). The measures themselves are listed in `eval/table.rs` (triage)
//! and `eval/tone.rs` (tone). A dataset
//! that fails to load is reported on stderr with its file and line, and its
//! row shows `error`; the other rows still run.

#[path = "eval/clean.rs"]
mod clean;
#[path = "eval/metrics.rs"]
mod metrics;
#[path = "data/shared.rs"]
mod shared;
#[path = "eval/sources.rs"]
mod sources;
#[path = "eval/table.rs"]
mod table;
#[path = "eval/tone.rs"]
mod tone;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use firstline::triage::{Post, classify};

use metrics::Pair;
use table::Row;

/// The data folder when `--data` is not given.
const DEFAULT_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");

/// How many confusions the summary lines show.
const TOP_CONFUSIONS: usize = 5;

/// The command line.
struct Args {
    /// Only rows whose name contains this (lower-cased).
    filter: Option<String>,
    /// The data folder.
    data: PathBuf,
}

/// Parses the command line, or returns the usage message.
fn parse_args() -> Result<Args, String> {
    let usage = "usage: eval [FILTER] [--data DIR]".to_owned();
    let mut args = std::env::args().skip(1);
    let (mut filter, mut data) = (None, PathBuf::from(DEFAULT_DATA));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = args.next().ok_or(usage.clone())?.into(),
            "-h" | "--help" => return Err(usage),
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}\n{usage}")),
            _ if filter.is_none() => filter = Some(arg.to_lowercase()),
            _ => return Err(usage),
        }
    }
    Ok(Args { filter, data })
}

/// What one row measured.
struct Outcome {
    /// The score (`None` when undefined), or why the data could not be read.
    value: Result<Option<f64>, String>,
    /// The (gold, predicted) pairs scored.
    pairs: Vec<Pair>,
}

/// Loads a row's posts, classifies them and scores the verdicts.
fn run(row: &Row, data: &Path) -> Outcome {
    let scored = row.source.load(data).and_then(|examples| {
        let mut pairs = Vec::with_capacity(examples.len());
        for ex in &examples {
            if let Some(gold) = (row.gold)(ex)? {
                let verdict = classify(&Post::text(ex.text.as_str()));
                pairs.push((gold, (row.predict)(&verdict)));
            }
        }
        Ok(pairs)
    });
    match scored {
        Ok(pairs) => Outcome {
            value: Ok(row.metric.score(&pairs)),
            pairs,
        },
        Err(e) => Outcome {
            value: Err(e),
            pairs: Vec::new(),
        },
    }
}

/// The table line of `row`.
fn table_line(row: &Row, outcome: &Outcome) -> String {
    let (value, ok) = match outcome.value {
        Ok(Some(v)) => (format!("{v:.3}"), if v >= row.goal { "✓" } else { "✗" }),
        Ok(None) => ("n/a".to_owned(), "✗"),
        Err(_) => ("error".to_owned(), "✗"),
    };
    format!(
        "| {} | {value} | ≥ {:.2} | {} | {ok} |",
        row.name,
        row.goal,
        outcome.pairs.len()
    )
}

/// The confusion summary line of `row`.
fn confusion_line(row: &Row, outcome: &Outcome) -> String {
    let top: Vec<String> = metrics::confusions(&outcome.pairs, TOP_CONFUSIONS)
        .into_iter()
        .map(|((gold, pred), n)| format!("{gold}→{pred} {n}"))
        .collect();
    let top = if top.is_empty() {
        "none".to_owned()
    } else {
        top.join(", ")
    };
    format!("{}: top confusions (gold→predicted): {top}", row.name)
}

/// Runs the rows the filter keeps and prints the table.
fn main() -> ExitCode {
    let start = Instant::now();
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let filter = args.filter.as_deref().unwrap_or("");
    let keep = |name: &str| name.to_lowercase().contains(filter);
    let rows: Vec<Row> = table::rows()
        .into_iter()
        .filter(|row| keep(&row.name))
        .collect();
    let tone_rows: Vec<tone::ToneRow> = tone::rows()
        .into_iter()
        .filter(|row| keep(row.name))
        .collect();
    if rows.is_empty() && tone_rows.is_empty() {
        eprintln!("no row matches the filter");
        return ExitCode::FAILURE;
    }
    let outcomes: Vec<Outcome> = rows.iter().map(|row| run(row, &args.data)).collect();
    let tone_outcomes: Vec<_> = tone_rows.iter().map(|row| row.run(&args.data)).collect();

    println!("| measure | value | goal | n | ok |");
    println!("|---|---:|---:|---:|:---:|");
    for (row, outcome) in rows.iter().zip(&outcomes) {
        println!("{}", table_line(row, outcome));
        if let Err(e) = &outcome.value {
            eprintln!("error: {}: {e}", row.name);
        }
    }
    for (row, outcome) in tone_rows.iter().zip(&tone_outcomes) {
        match outcome {
            Ok(m) => {
                let ok = if m.value >= row.goal { "✓" } else { "✗" };
                println!(
                    "| {} | {:.3} | ≥ {:.2} | {} | {ok} |",
                    row.name, m.value, row.goal, m.n
                );
            }
            Err(e) => {
                println!("| {} | error | ≥ {:.2} | 0 | ✗ |", row.name, row.goal);
                eprintln!("error: {}: {e}", row.name);
            }
        }
    }
    println!();
    for (row, outcome) in rows.iter().zip(&outcomes) {
        if row.confusions && outcome.value.is_ok() {
            println!("{}", confusion_line(row, outcome));
        }
    }
    for (row, outcome) in tone_rows.iter().zip(&tone_outcomes) {
        if let Ok(m) = outcome {
            println!("{}: {}", row.name, m.detail);
        }
    }
    let posts: usize = outcomes.iter().map(|o| o.pairs.len()).sum::<usize>()
        + tone_outcomes.iter().flatten().map(|m| m.n).sum::<usize>();
    println!(
        "Total time: {:.2} s ({posts} posts scored)",
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
