//! The tone check must report on any draft without panicking, with spans
//! inside the draft. The input is split into the draft, the post it answers
//! and the author's name.
#![no_main]

use firstline::tone::{Draft, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut parts = input.splitn(3, '\u{1}');
    let text = parts.next().unwrap_or_default();
    let report = check(&Draft {
        text,
        platform: Some("x"),
        replying_to: parts.next(),
        author_name: parts.next(),
    });
    let chars = text.chars().count();
    assert!(report.score <= 100);
    for issue in &report.issues {
        assert!(
            issue.start <= issue.end && issue.end <= chars,
            "span outside the draft"
        );
    }
});
