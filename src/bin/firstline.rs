//! `firstline` — the core of the extension on the command line.
//!
//! ```text
//! firstline classify [--jsonl] [--pack F]...         posts on stdin → one verdict per line
//! firstline tone [--platform P] [--replying-to F] [--author NAME]   a draft on stdin → a tone report
//! firstline render --data F [--partials F] [--strict]  a template on stdin → text
//! firstline pack lint FILE...                        `file:line:col: message` per problem
//! firstline pack keygen KEYFILE                      a new signing key; prints its public key
//! firstline pack sign --key KEYFILE FILE...          signs packs in place (Ed25519)
//! firstline pack verify [--key PUBLIC] FILE...       who signed each pack; exit 1 if any fails
//! ```
//!
//! The output shapes are contracts other tools rely on (DESIGN.md).

use std::collections::HashMap;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use firstline::templates::{self, Missing, Pack, RenderOptions, lint, signing};
use firstline::tone::{self, Draft};
use firstline::triage::{Lexicon, Post};

const USAGE: &str = "usage:
  firstline classify [--jsonl] [--pack FILE]...
  firstline tone [--platform P] [--replying-to FILE] [--author NAME]
  firstline render --data FILE.json [--partials FILE.json] [--strict]
  firstline pack lint FILE...
  firstline pack keygen KEYFILE
  firstline pack sign --key KEYFILE FILE...
  firstline pack verify [--key PUBLIC] FILE...";

/// A failure, with the exit code it maps to.
enum Failure {
    /// Wrong arguments: exit 2.
    Usage(String),
    /// Bad input or an I/O error: exit 1.
    Input(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Input(e.to_string())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("classify") => classify(&args[1..]),
        Some("tone") => tone(&args[1..]),
        Some("render") => render(&args[1..]),
        Some("pack") => pack(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(Failure::Usage("expected a command".to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("firstline: {message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("firstline: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Options of the form `--name value` and flags `--name`.
struct Options<'a> {
    args: &'a [String],
}

impl<'a> Options<'a> {
    /// Checks that only `known` options (with a value) and `flags` are given.
    fn new(args: &'a [String], known: &[&str], flags: &[&str]) -> Result<Options<'a>, Failure> {
        let mut i = 0;
        while i < args.len() {
            let arg = args[i].as_str();
            if flags.contains(&arg) {
                i += 1;
            } else if known.contains(&arg) {
                if i + 1 >= args.len() {
                    return Err(Failure::Usage(format!("{arg} needs a value")));
                }
                i += 2;
            } else {
                return Err(Failure::Usage(format!("unknown argument `{arg}`")));
            }
        }
        Ok(Options { args })
    }

    fn values(&self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.args
            .windows(2)
            .filter(move |pair| pair[0] == name)
            .map(|pair| pair[1].as_str())
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        let at = self.args.iter().position(|a| a == name)?;
        self.args.get(at + 1).map(String::as_str)
    }

    fn flag(&self, name: &str) -> bool {
        self.args.iter().any(|a| a == name)
    }
}

/// `firstline pack lint|keygen|sign|verify`.
fn pack(args: &[String]) -> Result<(), Failure> {
    match args.split_first().map(|(c, rest)| (c.as_str(), rest)) {
        Some(("lint", files)) => pack_lint(files),
        Some(("keygen", [out])) => pack_keygen(out),
        Some(("sign", rest)) => pack_sign(rest),
        Some(("verify", rest)) => pack_verify(rest),
        _ => Err(Failure::Usage(
            "expected `pack lint|keygen|sign|verify`".to_owned(),
        )),
    }
}

/// `pack lint FILE...`: every problem of every pack as
/// `file:line:col: message` on stdout; exit 1 when there is any (or a file
/// cannot be read), 0 when all are valid.
fn pack_lint(files: &[String]) -> Result<(), Failure> {
    if files.is_empty() {
        return Err(Failure::Usage(
            "pack lint needs at least one file".to_owned(),
        ));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut problems = 0;
    for file in files {
        for problem in lint(&read_file(file)?) {
            writeln!(
                out,
                "{file}:{}:{}: {}",
                problem.line, problem.column, problem.message
            )?;
            problems += 1;
        }
    }
    out.flush()?;
    match problems {
        0 => Ok(()),
        n => Err(Failure::Input(format!(
            "{n} problem{} found",
            if n == 1 { "" } else { "s" }
        ))),
    }
}

/// `pack keygen FILE`: writes a new secret key to FILE (refusing to
/// overwrite one) and prints its public key, the one to share.
fn pack_keygen(out: &str) -> Result<(), Failure> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| Failure::Input(format!("no random numbers: {e}")))?;
    let secret = signing::secret_key_text(seed);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .map_err(|e| Failure::Input(format!("{out}: {e}")))?;
    file.write_all(secret.as_bytes())?;
    println!("{}", signing::public_key_of(&secret).map_err(sign_failure)?);
    Ok(())
}

/// `pack sign --key KEYFILE FILE...`: sets each pack's signature in place,
/// after checking the pack is valid (a broken pack is not signed).
fn pack_sign(args: &[String]) -> Result<(), Failure> {
    let (key, files) = match args {
        [flag, key, files @ ..] if flag == "--key" && !files.is_empty() => (key, files),
        _ => return Err(Failure::Usage("pack sign --key KEYFILE FILE...".to_owned())),
    };
    let secret = read_file(key)?;
    for file in files {
        let text = read_file(file)?;
        if let Some(problem) = lint(&text).first() {
            return Err(Failure::Input(format!(
                "{file}:{}:{}: {} (not signed)",
                problem.line, problem.column, problem.message
            )));
        }
        let signed = signing::sign(&text, &secret).map_err(sign_failure)?;
        std::fs::write(file, signed).map_err(|e| Failure::Input(format!("{file}: {e}")))?;
    }
    Ok(())
}

/// `pack verify [--key PUBLIC] FILE...`: prints `file: signed by KEY` for
/// each pack; exit 1 when one is unsigned, changed, or signed by another key
/// than the one required.
fn pack_verify(args: &[String]) -> Result<(), Failure> {
    let (required, files) = match args {
        [flag, key, files @ ..] if flag == "--key" => (Some(key.as_str()), files),
        files => (None, files),
    };
    if files.is_empty() {
        return Err(Failure::Usage(
            "pack verify [--key PUBLIC] FILE...".to_owned(),
        ));
    }
    let mut failed = 0;
    for file in files {
        match signing::verify(&read_file(file)?, required) {
            Ok(signer) => println!("{file}: signed by {signer}"),
            Err(error) => {
                println!("{file}: {error}");
                failed += 1;
            }
        }
    }
    match failed {
        0 => Ok(()),
        n => Err(Failure::Input(format!("{n} pack(s) failed verification"))),
    }
}

fn sign_failure(error: signing::SignError) -> Failure {
    Failure::Input(error.to_string())
}

fn read_file(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

fn read_stdin() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `firstline classify`: one verdict per input line, in order. A JSON line
/// that cannot be read yields `{"error": …}` in its place and exit code 1.
fn classify(args: &[String]) -> Result<(), Failure> {
    let options = Options::new(args, &["--pack"], &["--jsonl"])?;
    let jsonl = options.flag("--jsonl");
    let mut team_rules = Vec::new();
    for path in options.values("--pack") {
        let pack = Pack::from_json(&read_file(path)?)
            .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        team_rules.extend(pack.team_rules());
    }
    let custom;
    let lexicon = if team_rules.is_empty() {
        Lexicon::builtin()
    } else {
        custom =
            Lexicon::with_team_rules(&team_rules).map_err(|e| Failure::Input(e.to_string()))?;
        &custom
    };
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut bad_lines = 0;
    let mut reader = io::BufReader::new(stdin);
    let mut line = Vec::new();
    let mut number = 0;
    while reader.read_until(b'\n', &mut line)? > 0 {
        number += 1;
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let post = if jsonl {
            serde_json::from_str::<Post>(text).map_err(|e| format!("line {number}: {e}"))
        } else {
            Ok(Post::text(text))
        };
        match post {
            Ok(post) => serde_json::to_writer(&mut out, &lexicon.classify(&post))
                .map_err(|e| Failure::Input(e.to_string()))?,
            Err(message) => {
                bad_lines += 1;
                eprintln!("firstline: {message}");
                serde_json::to_writer(&mut out, &serde_json::json!({ "error": message }))
                    .map_err(|e| Failure::Input(e.to_string()))?;
            }
        }
        out.write_all(b"\n")?;
        line.clear();
    }
    out.flush()?;
    if bad_lines > 0 {
        return Err(Failure::Input(format!(
            "{bad_lines} line(s) could not be read"
        )));
    }
    Ok(())
}

/// `firstline tone`: a report on the draft read from stdin.
fn tone(args: &[String]) -> Result<(), Failure> {
    let options = Options::new(args, &["--platform", "--replying-to", "--author"], &[])?;
    let replying_to = options.value("--replying-to").map(read_file).transpose()?;
    let text = read_stdin()?;
    let report = tone::check(&Draft {
        text: text.strip_suffix('\n').unwrap_or(&text),
        platform: options.value("--platform"),
        replying_to: replying_to.as_deref(),
        author_name: options.value("--author"),
    });
    let json = serde_json::to_string(&report).map_err(|e| Failure::Input(e.to_string()))?;
    println!("{json}");
    Ok(())
}

/// `firstline render`: the template from stdin, rendered exactly.
fn render(args: &[String]) -> Result<(), Failure> {
    let options = Options::new(args, &["--data", "--partials"], &["--strict"])?;
    let data_path = options
        .value("--data")
        .ok_or_else(|| Failure::Usage("render needs --data FILE.json".to_owned()))?;
    let data: serde_json::Value = serde_json::from_str(&read_file(data_path)?)
        .map_err(|e| Failure::Input(format!("{data_path}: {e}")))?;
    let partials: HashMap<String, String> = match options.value("--partials") {
        Some(path) => serde_json::from_str(&read_file(path)?)
            .map_err(|e| Failure::Input(format!("{path}: {e}")))?,
        None => HashMap::new(),
    };
    let template = read_stdin()?;
    let render_options = RenderOptions {
        missing: if options.flag("--strict") {
            Missing::Error
        } else {
            Missing::Empty
        },
    };
    let text = templates::render(&template, &data, &partials, &render_options)
        .map_err(|e| Failure::Input(format!("template: {e}")))?;
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
