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
        ..Draft::default()
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

/// The tone check with every input set: spans inside the draft, fixes only
/// where there is a span, at most `MAX_ISSUES_PER_KIND` of a kind, and a
/// verdict that agrees with the score and the issues.
fn tone_report(text: &str, replying_to: &str, author: &str) -> tone::ToneReport {
    let report = tone::check(&Draft {
        text,
        platform: Some("x"),
        replying_to: Some(replying_to),
        author_name: Some(author),
    });
    let chars = text.chars().count();
    let mut per_kind = std::collections::HashMap::new();
    for issue in &report.issues {
        assert!(issue.start <= issue.end && issue.end <= chars, "{issue:?}");
        assert!(!issue.message.is_empty() && !issue.suggestion.is_empty());
        *per_kind.entry(issue.kind).or_insert(0) += 1;
    }
    assert!(per_kind.values().all(|&n| n <= tone::MAX_ISSUES_PER_KIND));
    let hostile = report.issues.iter().any(|i| i.kind.is_hostile());
    assert_eq!(report.verdict, tone::ToneVerdict::of(report.score, hostile));
    assert!(serde_json::to_string(&report).is_ok());
    report
}

#[test]
fn tone_of_empty_and_blank_drafts() {
    for text in ["", " ", "\n\t ", "\u{200B}\u{FEFF}"] {
        let report = tone_report(text, "You charged me twice!", "Anna");
        assert!(report.issues.is_empty(), "{text:?}: {report:?}");
        assert_eq!(report.score, 100);
    }
    // Odd post and author inputs are no trouble either.
    for (post, author) in [("", ""), ("🙂", "🙂"), ("مرحبا", "אני"), ("\0", "\u{FEFF}")]
    {
        tone_report("Thanks, we are on it.", post, author);
    }
}

#[test]
fn tone_of_a_100_kb_paste() {
    let line = "Hi, you charged me twice!!! ACTUALLY YOU SHOULD HAVE READ THE TERMS, idiot. \
                Card 4111 1111 1111 1111, call +44 7700 900123. Вы дебилы. 你是不是傻 ";
    let text = line.repeat(100_000 / line.len() + 1);
    let report = tone_report(&text, &text, "Anna");
    assert_eq!(report.verdict, tone::ToneVerdict::Hostile);
    assert!(report.issues.len() <= 13 * tone::MAX_ISSUES_PER_KIND);
    // One long line of letters, and one of punctuation.
    tone_report(&"a".repeat(100_000), "", "Anna");
    tone_report(&"!?.,;".repeat(20_000), "", "Anna");
}

#[test]
fn tone_of_emoji_only_drafts() {
    let report = tone_report(&"🙂🔥👍🏽👨‍👩‍👧".repeat(500), "Where is my order?", "Anna");
    assert!(
        report
            .issues
            .iter()
            .all(|i| i.kind == tone::IssueKind::TooLong)
    );
    let report = tone_report("🙄", "", "");
    assert_eq!(report.issues[0].kind, tone::IssueKind::Sarcasm);
}

#[test]
fn tone_of_mixed_scripts_and_right_to_left_text() {
    for text in [
        "Hello Анна, 你好, مرحبا, שלום — we are on it!",
        "\u{202E}tsop siht daer \u{202C} مرحبا אני 你好 привет hello",
        "شكرا لتواصلك معنا، سنرد عليك قريبا. תודה רבה!",
        "עברית ו-English ו-русский в одном SENTENCE WITH CAPS",
        &"z\u{0336}\u{0337}a\u{0300}\u{0301} ".repeat(2000),
    ] {
        tone_report(text, "مرحبا، طلبي لم يصل", "أحمد");
        tone_report(text, "Мой заказ не пришёл!", "Анна");
    }
}
