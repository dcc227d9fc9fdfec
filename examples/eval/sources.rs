//! Reading a row's posts from the data folder, strictly: a file that does
//! not parse is an error naming the file and line, never silently shortened.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::clean::clean;

/// Where a row's posts come from, relative to the data folder.
#[derive(Debug, Clone)]
pub enum Source {
    /// TweetEval-style folders, each with `<split>_text.txt` and
    /// `<split>_labels.txt` aligned by line. Each post has the columns
    /// `label` and `folder` (the folder's last path component).
    Lines {
        /// The folders, read in order.
        dirs: Vec<String>,
        /// The split's file prefix, e.g. `"val"`.
        split: &'static str,
    },
    /// A CSV file with a header row; every column is available by name.
    Csv {
        /// The file.
        file: &'static str,
        /// The column holding the post's text.
        text: &'static str,
        /// Which records to keep.
        rows: Rows,
    },
    /// The posts of `source` whose text is not also in `seen` (to score a
    /// split on what the model was not trained on).
    Excluding {
        /// The posts.
        source: Box<Source>,
        /// The posts to leave out, matched by cleaned, trimmed text.
        seen: Box<Source>,
    },
}

/// Which records of a CSV file a row uses.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    /// Every record (the file is already the validation split).
    All,
    /// Split rule M10's validation: records whose 0-based index after the
    /// header `i` has `i % 10 == 7` (for files without a validation split).
    M10Validation,
}

/// One post read from a dataset, with its other columns.
#[derive(Debug, Clone)]
pub struct Example {
    /// The post's text, cleaned (see [`crate::clean`]).
    pub text: String,
    /// `file:line` where it starts, for error messages.
    pub place: String,
    /// The column names, shared by all posts of a file.
    columns: Arc<[String]>,
    /// This post's values, in column order.
    values: Vec<String>,
}

impl Example {
    /// The value of `column`, trimmed, or an error naming the post.
    pub fn get(&self, column: &str) -> Result<&str, String> {
        self.columns
            .iter()
            .position(|c| c == column)
            .and_then(|at| self.values.get(at))
            .map(|v| v.trim())
            .ok_or_else(|| format!("{}: no column `{column}`", self.place))
    }
}

impl Source {
    /// The posts of this source under `data`.
    pub fn load(&self, data: &Path) -> Result<Vec<Example>, String> {
        match self {
            Source::Lines { dirs, split } => {
                let mut out = Vec::new();
                for dir in dirs {
                    out.extend(read_lines(&data.join(dir), split)?);
                }
                Ok(out)
            }
            Source::Csv { file, text, rows } => read_csv(&data.join(file), text, *rows),
            Source::Excluding { source, seen } => {
                let seen = seen.load(data)?;
                let seen: HashSet<&str> = seen.iter().map(|ex| ex.text.trim()).collect();
                let mut examples = source.load(data)?;
                examples.retain(|ex| !seen.contains(ex.text.trim()));
                Ok(examples)
            }
        }
    }
}

/// Reads `path` as UTF-8, naming it in the error.
fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A TweetEval-style folder's split, one post per line.
fn read_lines(dir: &Path, split: &str) -> Result<Vec<Example>, String> {
    let text_path = dir.join(format!("{split}_text.txt"));
    let label_path = dir.join(format!("{split}_labels.txt"));
    let texts = read(&text_path)?;
    let labels = read(&label_path)?;
    let (texts, labels): (Vec<&str>, Vec<&str>) =
        (texts.lines().collect(), labels.lines().collect());
    if texts.len() != labels.len() {
        return Err(format!(
            "{}: {} lines, but {} has {}",
            text_path.display(),
            texts.len(),
            label_path.display(),
            labels.len()
        ));
    }
    let folder = dir
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let columns: Arc<[String]> = Arc::new(["label".to_owned(), "folder".to_owned()]);
    Ok(texts
        .iter()
        .zip(&labels)
        .enumerate()
        .map(|(i, (text, label))| Example {
            text: clean(text),
            place: format!("{}:{}", label_path.display(), i + 1),
            columns: Arc::clone(&columns),
            values: vec![
                label.trim_start_matches('\u{feff}').to_owned(),
                folder.clone(),
            ],
        })
        .collect())
}

/// A CSV file's records (quoted multi-line fields, CRLF and a leading BOM
/// are all handled; a record with the wrong number of fields is an error).
fn read_csv(path: &Path, text: &str, rows: Rows) -> Result<Vec<Example>, String> {
    let at_line = |e: &csv::Error| match e.position() {
        Some(p) => format!("{}:{}: {e}", path.display(), p.line()),
        None => format!("{}: {e}", path.display()),
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| at_line(&e))?;
    let columns: Arc<[String]> = reader
        .headers()
        .map_err(|e| at_line(&e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let text_at = columns
        .iter()
        .position(|c| c == text)
        .ok_or_else(|| format!("{}:1: no column `{text}`", path.display()))?;
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| at_line(&e))?;
        if matches!(rows, Rows::M10Validation) && i % 10 != 7 {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        out.push(Example {
            text: clean(&record[text_at]),
            place: format!("{}:{line}", path.display()),
            columns: Arc::clone(&columns),
            values: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(out)
}
