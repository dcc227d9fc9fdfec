//! Where and why JSON text could not be read.

use std::fmt;

/// A JSON syntax or shape error, with its place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line, as serde_json reports it.
    pub line: usize,
    /// 1-based column, as serde_json reports it.
    pub column: usize,
    /// What is wrong, without the place.
    pub message: String,
}

impl From<&serde_json::Error> for JsonError {
    fn from(error: &serde_json::Error) -> JsonError {
        let (line, column) = (error.line(), error.column());
        let message = error.to_string();
        let place = format!(" at line {line} column {column}");
        JsonError {
            line,
            column,
            message: message.strip_suffix(&place).unwrap_or(&message).to_string(),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for JsonError {}
