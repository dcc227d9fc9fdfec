//! `firstline pack lint`: every problem of a pack file, each with the line
//! and column it is at, for a team's CI (`file:line:col: message`).
//!
//! Syntax errors carry serde_json's position; problems found after parsing
//! (a duplicate id, a body that is not valid Mustache, an unknown category)
//! carry a path into the pack, which [`locate::position`] turns back into a
//! line and column of the file as written.

use super::locate;
use super::pack::{Pack, PackError};

/// One problem of a pack file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, with the path of the value when there is one.
    pub message: String,
}

/// Every problem of the pack in `text`; empty when it is valid.
pub fn lint(text: &str) -> Vec<Lint> {
    let problems = match serde_json::from_str::<Pack>(text) {
        Ok(pack) => pack.problems(),
        // Not a pack at all: the same single error as `Pack::from_json`.
        Err(_) => Pack::from_json(text).err().into_iter().collect(),
    };
    problems.into_iter().map(|p| placed(text, p)).collect()
}

fn placed(text: &str, problem: PackError) -> Lint {
    let (line, column, message) = match &problem {
        PackError::Json {
            line,
            column,
            message,
        } => (*line, *column, message.clone()),
        PackError::UnsupportedFormat(_) => {
            let (line, column) = locate::position(text, "format").unwrap_or((1, 1));
            (line, column, problem.to_string())
        }
        PackError::Invalid { path, .. } => {
            let (line, column) = locate::position(text, path).unwrap_or((1, 1));
            (line, column, problem.to_string())
        }
    };
    Lint {
        line,
        column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_pack_has_no_problems() {
        assert_eq!(lint(include_str!("../../packs/sample.json")), vec![]);
    }

    #[test]
    fn every_problem_is_placed_where_it_is_written() {
        let text = r#"{
  "format": 1, "id": "t", "name": "T", "version": "1.0",
  "author": "me", "languages": ["en"],
  "templates": [
    {"id": "a", "title": "A", "body": {"en": "Hi {{#x}}"}},
    {"id": "a", "title": "A again", "body": {"en": "Hi"}},
    {"id": "b", "title": "B", "body": {"en": "Hi"}, "categories": ["refunds"]}
  ]
}"#;
        let problems = lint(text);
        let places: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            places,
            [(2, 51), (5, 46), (6, 12), (7, 68)],
            "{problems:#?}"
        );
        assert!(problems[0].message.starts_with("version: "));
        assert!(
            problems[1]
                .message
                .starts_with("templates[0].body.en: bad template")
        );
        assert!(problems[2].message.contains("duplicate template id `a`"));
        assert!(problems[3].message.contains("unknown category `refunds`"));
    }

    #[test]
    fn syntax_errors_keep_serde_positions() {
        let problems = lint("{\n  \"format\": 1,\n  \"id\": \n}");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (4, 1));
    }

    #[test]
    fn an_unknown_format_points_at_it() {
        let problems = lint("{\n  \"format\": 7\n}");
        assert_eq!((problems[0].line, problems[0].column), (2, 13));
        assert!(problems[0].message.contains("unsupported pack format 7"));
    }
}
