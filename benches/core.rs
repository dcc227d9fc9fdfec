//! Criterion benchmarks of the core: triage over a mixed-language stream,
//! tone over a long draft and a 100 KB paste, template rendering,
//! response-time reports.
//!
//! `make bench` runs these; throughput is reported in posts (elements) per
//! second.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use firstline::sla::{self, How, Period, Policy, Sighting, Timer};
use firstline::templates::{Missing, NoPartials, Pack, RenderOptions};
use firstline::tone::{self, Draft};
use firstline::triage::{self, Category, Post, Sentiment, Tier};

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

/// The tone check: a 2,000-character reply with a little of everything the
/// checks look for, in reply to a complaint, with the author's name and the
/// site's limit; and a 100 KB paste (the same text over and over).
fn tone(c: &mut Criterion) {
    let sentence = "Hi Anna, we are SO SORRY about the delay with your order, this is not okay. \
                    Actually, as we already said, the courier will deliver it by tomorrow \
                    and you'll get a full refund; call us on +44 7700 900123. ";
    let text = |len: usize| -> String {
        sentence
            .repeat(len / sentence.len() + 1)
            .chars()
            .take(len)
            .collect()
    };
    let (draft, paste) = (text(2000), text(100_000));
    let check = |text: &str| {
        tone::check(&Draft {
            text,
            platform: Some("x"),
            replying_to: Some("My order is two weeks late and nobody answers!"),
            author_name: Some("Anna Petrova"),
        })
    };
    let mut group = c.benchmark_group("tone");
    group.throughput(Throughput::Bytes(draft.len() as u64));
    group.bench_function("check 2,000-char draft", |b| {
        b.iter(|| black_box(check(black_box(&draft))))
    });
    group.throughput(Throughput::Bytes(paste.len() as u64));
    group.sample_size(20);
    group.bench_function("check 100 KB paste", |b| {
        b.iter(|| black_box(check(black_box(&paste))))
    });
    group.finish();
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

/// `n` history records over 90 days from 2024-03-01 on five sites, post
/// ids from `first_id` on: the demo feed's texts, mixed tiers, categories
/// and sentiments, four in five answered.
fn history(n: usize, first_id: usize) -> Vec<Timer> {
    const SITES: [&str; 5] = ["x", "bluesky", "mastodon", "facebook", "reddit"];
    const SENTIMENTS: [Sentiment; 3] =
        [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];
    let texts = stream();
    let policy = Policy::default();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    (first_id..first_id + n)
        .map(|id| {
            let seen_at = 1_709_251_200_000 + next(90 * 86_400_000) as i64;
            let mut timer = Timer::open(
                &policy,
                Sighting {
                    url: None,
                    site: SITES[id % SITES.len()].to_string(),
                    post_id: format!("{id}"),
                    tier: Tier::ALL[next(4) as usize],
                    categories: vec![Category::ALL[next(11) as usize]],
                    sentiment: SENTIMENTS[next(3) as usize],
                    author: Some(format!("customer{}", next(5000))),
                    text: texts[id % texts.len()].text.clone(),
                    posted_at: Some(seen_at - next(600_000) as i64),
                    seen_at,
                },
            );
            if next(5) > 0 {
                let after = next(2 * 86_400_000) as i64;
                timer
                    .answer(timer.started_at + after, How::Replied)
                    .unwrap();
            }
            timer
        })
        .collect()
}

/// A report over 100,000 records; a colleague's export of 100,000 records
/// (half of them posts already in the history) read and merged.
fn reports(c: &mut Criterion) {
    const N: usize = 100_000;
    let records = history(N, 0);
    let period = Period {
        from: 1_709_251_200_000,
        to: 1_709_251_200_000 + 60 * 86_400_000,
        utc_offset_minutes: 120,
    };
    let now = period.to + 30 * 86_400_000;
    let mut group = c.benchmark_group("sla");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("report over 100,000 records", |b| {
        b.iter(|| black_box(sla::report(black_box(&records), period, now)))
    });
    let theirs = sla::export_json(&history(N, N / 2));
    group.sample_size(10);
    group.bench_function("import and merge 100,000 records", |b| {
        b.iter_batched(
            || records.clone(),
            |mine| {
                let imported = sla::import_json(black_box(&theirs)).expect("valid export");
                black_box(sla::merge(mine, imported))
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    classify,
    long_posts,
    tone,
    render,
    import_pack,
    reports
);
criterion_main!(benches);
