//! The tone check must report on any draft without panicking, with spans
//! inside the draft.
#![no_main]

use firstline::tone::{Draft, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = check(&Draft {
        text: &text,
        platform: Some("x"),
        replying_to: None,
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
