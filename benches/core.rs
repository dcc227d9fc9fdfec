//! Criterion benchmarks of the core: triage over a mixed-language stream,
//! tone over a long draft, template rendering.
//!
//! `make bench` runs these; throughput is reported in posts (elements) per
//! second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use firstline::templates::{Missing, NoPartials, Pack, RenderOptions};
use firstline::tone::{self, Draft};
use firstline::triage::{self, Post};

/// The demo feed's posts: a realistic mixed-language stream (en, ru, uk, be,
/// zh, af, es, de, fr, pt).
fn stream() -> Vec<Post> {
    let json = include_str!("../demo/posts.json");
    let posts: Vec<serde_json::Value> = serde_json::from_str(json).expect("demo posts");
    posts
        .iter()
        .map(|p| Post::text(p["text"].as_str().expect("text")))
        .collect()
}

fn classify(c: &mut Criterion) {
    let posts = stream();
    let mut group = c.benchmark_group("triage");
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.bench_function("classify mixed-language stream", |b| {
        b.iter(|| {
            for post in &posts {
                black_box(triage::classify(black_box(post)));
            }
        })
    });
    // The anchor: the Rust port of VADER, sentiment only, on the same posts.
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    group.bench_function("vader_sentiment polarity (anchor)", |b| {
        b.iter(|| {
            for post in &posts {
                black_box(vader.polarity_scores(black_box(&post.text)));
            }
        })
    });
    group.finish();
}

/// Time per byte should not grow with length: 1 KB and 1 MB posts.
fn long_posts(c: &mut Criterion) {
    let mut group = c.benchmark_group("triage by length");
    for size in [1 << 10, 1 << 20] {
        let text =
            "Hi, you charged me twice and the app is down again, fix it! ".repeat(size / 60 + 1);
        let post = Post::text(&text[..size]);
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(format!("classify {} KB", size >> 10), |b| {
            b.iter(|| black_box(triage::classify(black_box(&post))))
        });
    }
    group.finish();
}

fn tone(c: &mut Criterion) {
    let sentence = "Hi Anna, we are SO SORRY about the delay with your order, this is not okay. ";
    let draft: String = sentence
        .repeat(2000 / sentence.len() + 1)
        .chars()
        .take(2000)
        .collect();
    c.bench_function("tone check 2,000-char draft", |b| {
        b.iter(|| {
            black_box(tone::check(&Draft {
                text: black_box(&draft),
                platform: Some("x"),
                replying_to: None,
            }))
        })
    });
}

fn render(c: &mut Criterion) {
    let pack = Pack::from_json(include_str!("../packs/sample.json")).expect("sample pack");
    let data = serde_json::json!({
        "author": {"name": "Anna Petrova", "first_name": "Anna", "handle": "anna"},
        "agent": {"name": "Sam", "signature": "Sam, Acme support"},
    });
    let options = RenderOptions {
        missing: Missing::Placeholder,
    };
    c.bench_function("render sample template", |b| {
        b.iter(|| {
            for template in &pack.templates {
                let (_, body) = template.body_for("en", "en").expect("body");
                black_box(
                    firstline::templates::render(body, &data, &NoPartials, &options)
                        .expect("render"),
                );
            }
        })
    });
}

/// Reading a team pack of 10,000 templates (the default English replies,
/// repeated with distinct ids): JSON, validation, every body parsed as
/// Mustache — what importing it costs.
fn import_pack(c: &mut Criterion) {
    let mut pack: serde_json::Value =
        serde_json::from_str(include_str!("../packs/default-en.json")).expect("default pack");
    let templates = pack["templates"].as_array().expect("templates").clone();
    pack["templates"] = (0..10_000)
        .map(|i| {
            let mut t = templates[i % templates.len()].clone();
            t["id"] = format!("t{i}").into();
            t
        })
        .collect();
    let text = serde_json::to_string(&pack).expect("pack text");
    let mut group = c.benchmark_group("packs");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("import a 10,000-template pack", |b| {
        b.iter(|| black_box(Pack::from_json(&text).expect("valid")))
    });
    group.finish();
}

criterion_group!(benches, classify, long_posts, tone, render, import_pack);
criterion_main!(benches);
