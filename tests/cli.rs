//! The command-line contracts of DESIGN.md, checked against the built binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn firstline(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_firstline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("firstline runs");
    // The command may rightly exit before reading its input (a bad pack):
    // a closed pipe is then not the test's failure.
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("firstline finishes")
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("firstline-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("temp file");
    path
}

#[test]
fn classify_plain_lines_in_order() {
    let out = firstline(
        &["classify"],
        "you charged me twice!!\nthanks, great support\nсайт не работает\n",
    );
    assert!(out.status.success());
    let verdicts = json_lines(&out);
    assert_eq!(verdicts.len(), 3);
    assert_eq!(verdicts[0]["tier"], "urgent");
    assert_eq!(verdicts[0]["categories"][0], "billing");
    assert_eq!(verdicts[0]["reasons"][0]["text"], "charged me twice");
    assert_eq!(verdicts[0]["reasons"][0]["start"], 4);
    assert_eq!(verdicts[0]["reasons"][0]["end"], 20);
    assert_eq!(verdicts[1]["sentiment"], "positive");
    assert_eq!(verdicts[1]["tier"], "low");
    assert_eq!(verdicts[2]["lang"], "ru");
    assert_eq!(verdicts[2]["categories"][0], "outage");
    for v in &verdicts {
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "categories",
                "lang",
                "offensive",
                "reasons",
                "sentiment",
                "tier"
            ]
        );
    }
}

#[test]
fn classify_jsonl_uses_author_signals() {
    let line = r#"{"text": "the staff were rude to me", "author": {"name": "A", "handle": "a", "verified": true, "followers": 50000}, "platform": "x"}"#;
    let out = firstline(&["classify", "--jsonl"], &format!("{line}\n"));
    assert!(out.status.success());
    let v = &json_lines(&out)[0];
    assert_eq!(
        v["tier"], "urgent",
        "a complaint (high) raised by a verified author"
    );
    assert_eq!(v["signals"][0], "verified author");
}

#[test]
fn classify_jsonl_keeps_going_past_a_bad_line() {
    let out = firstline(
        &["classify", "--jsonl"],
        "{\"text\": \"ok\"}\nnot json\n{\"text\": \"refund me\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
    assert_eq!(lines[2]["categories"][0], "billing");
}

#[test]
fn classify_survives_binary_junk() {
    let out = firstline(
        &["classify"],
        "\u{0}\u{1}\u{fffd}\u{202e}zalgo\u{0336}\u{0336}\n\n",
    );
    assert!(out.status.success());
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn tone_reports_score_and_issues() {
    let out = firstline(
        &["tone", "--platform", "x"],
        "WE ARE NOT REFUNDING THIS, deal with it\n",
    );
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["score"].as_u64().unwrap() < 100);
    let issue = &report["issues"][0];
    assert_eq!(issue["kind"], "shouting");
    assert_eq!(
        (issue["start"].as_u64(), issue["end"].as_u64()),
        (Some(0), Some(25))
    );
    assert!(issue["message"].is_string() && issue["suggestion"].is_string());
}

#[test]
fn tone_reads_the_post_answered_and_its_author() {
    let post = temp_file("complaint.txt", "You charged me twice and nobody answers!");
    let args = [
        "tone",
        "--replying-to",
        post.to_str().unwrap(),
        "--author",
        "Anna Petrova",
    ];
    let out = firstline(&args, "DM us your order number.\n");
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["no_name", "no_acknowledgement"]);
    assert_eq!(report["issues"][0]["fix"], "Hi Anna! DM");
    assert!(report["verdict"].is_string());
    let out = firstline(
        &args,
        "Hi Anna, sorry about that! DM us your order number.\n",
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["issues"].as_array().unwrap().len(), 0);
    assert_eq!(report["verdict"], "good");
}

#[test]
fn tone_flags_too_long_for_the_platform() {
    let draft = "a".repeat(300);
    let out = firstline(&["tone", "--platform", "x"], &draft);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["issues"][0]["kind"], "too_long");
    let out = firstline(&["tone", "--platform", "reddit"], &draft);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["issues"].as_array().unwrap().len(), 0);
}

#[test]
fn render_writes_exactly_the_text() {
    let data = temp_file(
        "data.json",
        r#"{"author": {"first_name": "Ann"}, "items": [1, 2]}"#,
    );
    let partials = temp_file("partials.json", r#"{"sig": "— {{who}}"}"#);
    let out = firstline(
        &[
            "render",
            "--data",
            data.to_str().unwrap(),
            "--partials",
            partials.to_str().unwrap(),
        ],
        "Hi {{author.first_name}} <&>{{#items}} {{.}}{{/items}}\n{{>sig}}",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Hi Ann <&> 1 2\n— ");
}

#[test]
fn render_errors_name_line_and_column() {
    let data = temp_file("data2.json", "{}");
    let out = firstline(
        &["render", "--data", data.to_str().unwrap()],
        "ok\n  {{#open}} never closed",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2, column 3"), "{stderr}");
    let strict = firstline(
        &["render", "--data", data.to_str().unwrap(), "--strict"],
        "Hi {{name}}",
    );
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("name"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(firstline(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(firstline(&["render"], "").status.code(), Some(2));
    assert_eq!(
        firstline(&["tone", "--platform"], "").status.code(),
        Some(2)
    );
}

#[test]
fn classify_applies_a_packs_team_rules() {
    let pack = temp_file(
        "pack.json",
        r#"{"format": 1, "id": "acme.rules", "name": "Acme", "version": "1.0.0", "author": "Acme",
            "languages": ["en"], "templates": [],
            "rules": [{"cue": "outage", "weight": 3, "phrase": "acmepay"}]}"#,
    );
    let text = "acmepay says no today\n";
    let plain = json_lines(&firstline(&["classify"], text));
    assert!(
        !plain[0]["categories"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("outage"))
    );
    let out = firstline(&["classify", "--pack", pack.to_str().unwrap()], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let with_rules = json_lines(&out);
    assert!(
        with_rules[0]["categories"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("outage"))
    );
    assert_eq!(with_rules[0]["tier"], "urgent");
    assert_eq!(with_rules[0]["reasons"][0]["text"], "acmepay");
}

#[test]
fn classify_rejects_a_bad_pack_clearly() {
    let pack = temp_file("bad-pack.json", r#"{"format": 1, "id": "x""#);
    let out = firstline(&["classify", "--pack", pack.to_str().unwrap()], "hi\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 1, column"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn classify_flags_personal_data_and_a_public_card_number_is_urgent() {
    let out = firstline(
        &["classify"],
        "my card is 4111 1111 1111 1111 pls help\nmail me at ann@example.com\n",
    );
    let verdicts = json_lines(&out);
    assert_eq!(verdicts[0]["categories"], serde_json::json!(["pii"]));
    assert_eq!(verdicts[0]["tier"], "urgent");
    assert_eq!(verdicts[0]["reasons"][0]["text"], "4111 1111 1111 1111");
    assert!(
        verdicts[1]["categories"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("pii"))
    );
    assert_eq!(verdicts[1]["tier"], "low");
}

#[test]
fn pack_lint_prints_file_line_col_for_every_problem() {
    let bad = temp_file(
        "lint-bad.json",
        "{\n  \"format\": 1, \"id\": \"t\", \"name\": \"T\", \"version\": \"1.0\",\n  \"author\": \"me\", \"languages\": [\"en\"],\n  \"templates\": [{\"id\": \"a\", \"title\": \"A\", \"body\": {\"en\": \"Hi {{#x}}\"}}]\n}",
    );
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/packs/sample.json");
    let bad = bad.to_str().unwrap();
    let out = firstline(&["pack", "lint", good, bad], "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(&format!("{bad}:2:51: version: ")),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!("{bad}:4:58: templates[0].body.en: bad template")),
        "{stdout}"
    );

    let out = firstline(&["pack", "lint", good], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(firstline(&["pack", "lint"], "").status.code(), Some(2));
}

#[test]
fn pack_keygen_sign_verify_and_a_tampered_pack() {
    let dir = std::env::temp_dir().join(format!("firstline-cli-{}-signing", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("team.key");
    let pack = dir.join("pack.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/packs/sample.json"),
        &pack,
    )
    .unwrap();
    let (key, pack) = (key.to_str().unwrap(), pack.to_str().unwrap());

    let out = firstline(&["pack", "keygen", key], "");
    assert_eq!(out.status.code(), Some(0));
    let public = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(public.starts_with("ed25519:"));
    assert_eq!(
        firstline(&["pack", "keygen", key], "").status.code(),
        Some(1),
        "never overwrites a key"
    );

    assert_eq!(
        firstline(&["pack", "sign", "--key", key, pack], "")
            .status
            .code(),
        Some(0)
    );
    let out = firstline(&["pack", "verify", "--key", &public, pack], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{pack}: signed by {public}")
    );

    let signed = std::fs::read_to_string(pack).unwrap();
    std::fs::write(
        pack,
        signed.replacen("Sample replies", "Sample replies (edited)", 1),
    )
    .unwrap();
    let out = firstline(&["pack", "verify", pack], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("changed after it was signed"));
    std::fs::remove_dir_all(&dir).unwrap();
}
