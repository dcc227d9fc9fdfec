//! Hostile and degenerate posts: triage and tone give an answer, never a
//! panic, and every span stays inside the text. (How time grows with length
//! is measured in `benches/core.rs`, not asserted here.)

use firstline::tone::{self, Draft};
use firstline::triage::{Post, Tier, classify};

fn check(text: &str) {
    let verdict = classify(&Post::text(text));
    let chars = text.chars().count();
    for reason in &verdict.reasons {
        assert!(reason.start < reason.end && reason.end <= chars);
        let quoted: String = text
            .chars()
            .skip(reason.start)
            .take(reason.end - reason.start)
            .collect();
        assert_eq!(quoted, reason.text);
    }
    let report = tone::check(&Draft {
        text,
        platform: Some("x"),
        replying_to: None,
    });
    assert!(report.score <= 100);
    for issue in &report.issues {
        assert!(issue.start <= issue.end && issue.end <= chars);
    }
}

#[test]
fn empty_and_blank() {
    for text in ["", " ", "\n\t ", "\u{200B}\u{FEFF}"] {
        check(text);
        assert_eq!(classify(&Post::text(text)).tier, Tier::Low);
    }
}

#[test]
fn a_megabyte_post() {
    let text = "you charged me twice, refund me now! ".repeat(1 << 20 >> 5);
    check(&text);
    assert_eq!(classify(&Post::text(&text)).tier, Tier::Urgent);
}

#[test]
fn binary_junk_and_lone_surrogates() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    check(&String::from_utf8_lossy(&bytes));
    // Lone surrogates (from UTF-16 on the page) arrive as U+FFFD.
    check(&String::from_utf16_lossy(&[0xD800, 0x0061, 0xDC00, 0x0062]));
}

#[test]
fn rtl_mixed_scripts_zalgo_and_emoji() {
    check("\u{202E}tsop siht daer \u{202C} مرحبا אני 你好 привет hello");
    check(&"z\u{0336}\u{0337}\u{0338}a\u{0300}\u{0301}\u{0302}".repeat(2000));
    check(&"🙂🔥💩👍🏽👨‍👩‍👧".repeat(1000));
}

#[test]
fn long_runs_of_one_character() {
    // Found by `cargo fuzz run classify`: a counter overflowed after 256
    // identical characters.
    check(&format!("myy{}", "\u{FFFD}".repeat(300)));
    check(&"!".repeat(1000));
}

#[test]
fn pathological_shapes() {
    check(&"a ".repeat(50_000));
    check(&"*".repeat(100_000));
    check(&"f*".repeat(50_000));
    check(&"ааааaaaa0000".repeat(10_000));
    check(&"..".repeat(50_000));
}
