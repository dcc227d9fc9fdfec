//! Runs the core modules of the official Mustache spec against
//! `firstline::templates`.
//!
//! The spec expects `{{x}}` to HTML-escape `& < > "`; firstline renders plain
//! text and escapes nothing. For the tests about escaping (listed in
//! [`HTML_ESCAPING_TESTS`]) the expected text is unescaped before comparing.
//! Every other test is compared exactly as the spec gives it.

use std::collections::HashMap;
use std::fs;

use firstline::templates::{RenderOptions, Template};
use serde_json::Value;

const SPEC_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/mustache_spec/");

const MODULES: [&str; 6] = [
    "comments",
    "delimiters",
    "interpolation",
    "inverted",
    "partials",
    "sections",
];

/// How many tests the six core modules hold.
const EXPECTED_TESTS: usize = 136;

/// (module, test name) of the tests whose expectation is HTML-escaped text.
/// Their `expected` is unescaped, because firstline's output is plain text.
const HTML_ESCAPING_TESTS: [(&str, &str); 3] = [
    // "These characters should be HTML escaped: {{forbidden}}"
    ("interpolation", "HTML Escaping"),
    // The same through `{{.}}`.
    ("interpolation", "Implicit Iterators - HTML Escaping"),
    // `{{#list}}({{.}}){{/list}}` over `& " < >`.
    ("sections", "Implicit Iterator - HTML Escaping"),
];

struct SpecTest {
    module: &'static str,
    name: String,
    data: Value,
    template: String,
    expected: String,
    partials: HashMap<String, String>,
}

fn load_module(module: &'static str) -> Vec<SpecTest> {
    let path = format!("{SPEC_DIR}{module}.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let spec: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let tests = spec["tests"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: no `tests` list"));
    tests.iter().map(|test| spec_test(module, test)).collect()
}

fn spec_test(module: &'static str, test: &Value) -> SpecTest {
    let field = |key: &str| {
        test[key]
            .as_str()
            .unwrap_or_else(|| panic!("{module}: a test has no string `{key}`"))
            .to_string()
    };
    let partials = test["partials"]
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    SpecTest {
        module,
        name: field("name"),
        data: test["data"].clone(),
        template: field("template"),
        expected: field("expected"),
        partials,
    }
}

fn all_tests() -> Vec<SpecTest> {
    MODULES.iter().flat_map(|m| load_module(m)).collect()
}

fn is_escaping_test(test: &SpecTest) -> bool {
    HTML_ESCAPING_TESTS.contains(&(test.module, test.name.as_str()))
}

fn html_unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Renders one test; `Err` describes the failure.
fn check(test: &SpecTest) -> Result<(), String> {
    let expected = if is_escaping_test(test) {
        html_unescape(&test.expected)
    } else {
        test.expected.clone()
    };
    let rendered = Template::parse(&test.template)
        .and_then(|t| t.render(&test.data, &test.partials, &RenderOptions::default()))
        .map_err(|e| format!("error: {e}"))?;
    if rendered == expected {
        Ok(())
    } else {
        Err(format!(
            "template {:?}\n      expected {expected:?}\n      got      {rendered:?}",
            test.template
        ))
    }
}

#[test]
fn every_core_spec_test_passes() {
    let tests = all_tests();
    let failures: Vec<String> = tests
        .iter()
        .filter_map(|test| {
            check(test)
                .err()
                .map(|why| format!("  {} / {}: {why}", test.module, test.name))
        })
        .collect();
    println!(
        "mustache spec: {} of {} core tests pass",
        tests.len() - failures.len(),
        tests.len()
    );
    assert!(
        failures.is_empty(),
        "{} spec test(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(tests.len(), EXPECTED_TESTS, "the spec files changed");
}

#[test]
fn the_escaping_list_names_real_tests_that_expect_escaped_text() {
    let tests = all_tests();
    for (module, name) in HTML_ESCAPING_TESTS {
        let test = tests
            .iter()
            .find(|t| t.module == module && t.name == name)
            .unwrap_or_else(|| panic!("no spec test {module} / {name}"));
        assert_ne!(
            html_unescape(&test.expected),
            test.expected,
            "{module} / {name} expects no escaped text"
        );
    }
    // No other test expects escaped text, so none is silently unescaped.
    let others = tests
        .iter()
        .filter(|t| !is_escaping_test(t))
        .filter(|t| html_unescape(&t.expected) != t.expected)
        .map(|t| format!("{} / {}", t.module, t.name))
        .collect::<Vec<_>>();
    assert!(others.is_empty(), "unlisted escaping tests: {others:?}");
}
