//! Triage must give a verdict for any input: no panic, spans inside the
//! text, and reasons that quote it.
#![no_main]

use firstline::triage::{Post, classify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let verdict = classify(&Post::text(text.as_ref()));
    let chars = text.chars().count();
    for reason in &verdict.reasons {
        assert!(
            reason.start < reason.end && reason.end <= chars,
            "span outside the text"
        );
        let quoted: String = text
            .chars()
            .skip(reason.start)
            .take(reason.end - reason.start)
            .collect();
        assert_eq!(quoted, reason.text, "a reason quotes the post");
    }
});
