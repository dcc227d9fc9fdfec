//! Using the person's name.
//!
//! When the author of the post being answered is known
//! ([`super::Draft::author_name`]), a reply that never uses any part of
//! their name reads like a form letter. A name counts in any case and
//! inflected ("Анна" → "Анне"): a word of the draft matches a part of the
//! name when it is the same after normalisation, or, for parts of four
//! letters or more, begins with all of it but its last letter and is at
//! most three letters longer. Chinese names match as written, or without
//! the family name (its first character).
//!
//! The fix greets them by their first name: it adds the name to a greeting
//! the draft starts with ("Hi," → "Hi Anna,"), or puts a greeting in the
//! draft's language before its first word.

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind};
use crate::text::tokens::is_unspaced_script;
use crate::text::{Lang, Normalized};

/// Titles skipped when looking for a first name.
const TITLES: [&str; 8] = ["mr", "mrs", "ms", "miss", "dr", "sir", "madam", "prof"];

/// Adds an issue when the draft does not use the person's name.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    let Some(parts) = ctx.draft.author_name.map(name_parts) else {
        return;
    };
    let Some(first_name) = parts.first() else {
        return;
    };
    let Some(sentence) = ctx.sentences.iter().find(|s| s.has_words()) else {
        return;
    };
    if parts.iter().any(|part| mentions(ctx, part)) {
        return;
    }
    let greeting = ctx
        .cues
        .iter()
        .find(|h| h.cue == ToneCue::Greeting && h.start == sentence.first_word);
    let (start, end, fix) = match greeting {
        Some(g) => {
            let words = ctx.quote(g.start, g.end);
            let fix = match ctx.analysis.lang {
                Lang::Zh => format!("{first_name}{words}"),
                Lang::Ru | Lang::Uk | Lang::Be => format!("{words}, {first_name}"),
                _ => format!("{words} {first_name}"),
            };
            (g.start, g.end, fix)
        }
        None => {
            let start = sentence.first_word;
            let end = start
                + ctx.draft.text[sentence.bytes.0..]
                    .chars()
                    .skip(start - sentence.start)
                    .take_while(|&c| c.is_alphanumeric() && !is_unspaced_script(c) || c == '\'')
                    .count()
                    .max(1);
            let word = ctx.quote(start, end);
            (
                start,
                end,
                format!("{}{word}", greeting_with(ctx.analysis.lang, first_name)),
            )
        }
    };
    out.push(Issue {
        kind: IssueKind::NoName,
        start,
        end,
        message: format!("The reply does not use their name ({first_name})."),
        suggestion: "Greet them by name: it reads as a person, not a form letter.".to_owned(),
        fix: Some(fix),
    });
}

/// A greeting with `name` in `lang`, to put before a draft's first word.
fn greeting_with(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ru => format!("{name}, здравствуйте! "),
        Lang::Uk => format!("{name}, вітаємо! "),
        Lang::Be => format!("{name}, вітаем! "),
        Lang::Zh => format!("{name}，您好！"),
        Lang::Af => format!("Hallo {name}! "),
        Lang::Es => format!("¡Hola, {name}! "),
        Lang::De => format!("Hallo {name}! "),
        Lang::Fr => format!("Bonjour {name} ! "),
        Lang::Pt => format!("Olá, {name}! "),
        _ => format!("Hi {name}! "),
    }
}

/// The parts of a display name worth matching, as written: runs of letters
/// and digits ("@maria_g" has "maria") with two letters or more that are
/// not titles.
fn name_parts(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .filter(|w| !TITLES.contains(&w.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// True when the draft uses the part `written` of the name.
fn mentions(ctx: &Context<'_>, written: &str) -> bool {
    let normal = Normalized::new(written);
    let part = normal.as_str();
    let text = ctx.analysis.normalized.as_str();
    if part.chars().any(is_unspaced_script) {
        let given: String = part.chars().skip(1).collect();
        return text.contains(part) || (given.chars().count() >= 2 && text.contains(&given));
    }
    // Normalising squeezes repeated letters ("Анна" is "ана"): whether a
    // part is long enough to inflect is judged as written.
    let inflects = written.chars().count() >= 4;
    let len = part.chars().count();
    let stem: String = part.chars().take(len.saturating_sub(1)).collect();
    ctx.analysis.tokens.iter().any(|t| {
        let word = &text[t.range()];
        word == part
            || (inflects
                && !stem.is_empty()
                && word.starts_with(&stem)
                && word.chars().count() <= len + 3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::{Draft, testing};

    fn fix(text: &str, name: &str) -> Option<(String, String)> {
        let draft = Draft {
            text,
            author_name: Some(name),
            ..Draft::default()
        };
        let (i, words) = testing::run(check, draft).pop()?;
        Some((words, i.fix.unwrap_or_default()))
    }

    #[test]
    fn the_name_in_any_case_or_form_is_enough() {
        assert_eq!(fix("Hi anna, we're on it.", "Anna Petrova"), None);
        assert_eq!(fix("Ms Petrova, we're on it.", "Anna Petrova"), None);
        assert_eq!(fix("Анне мы уже ответили.", "Анна"), None);
        assert_eq!(fix("Дякуємо, Олено!", "Олена Коваль"), None);
        assert_eq!(fix("小明，您好！", "王小明"), None);
        assert_eq!(fix("Hola @maria_g", "@maria_g"), None);
    }

    #[test]
    fn a_missing_name_is_added_to_the_greeting_or_before_the_first_word() {
        assert_eq!(
            fix("Hi, we're on it.", "Anna Petrova"),
            Some(("Hi".into(), "Hi Anna".into()))
        );
        assert_eq!(
            fix("We're on it.", "Dr. Anna Petrova"),
            Some(("We're".into(), "Hi Anna! We're".into()))
        );
        assert_eq!(
            fix("Здравствуйте! Мы уже разбираемся.", "Анна"),
            Some(("Здравствуйте".into(), "Здравствуйте, Анна".into()))
        );
        assert_eq!(
            fix("Wir kümmern uns darum.", "Jonas"),
            Some(("Wir".into(), "Hallo Jonas! Wir".into()))
        );
        assert_eq!(
            fix("我们正在处理。", "王小明"),
            Some(("我".into(), "王小明，您好！我".into()))
        );
    }

    #[test]
    fn no_name_or_no_words_no_issue() {
        assert_eq!(fix("We're on it.", "🙂"), None);
        assert_eq!(fix("🙂", "Anna"), None);
        assert!(testing::quotes(check, "We're on it.").is_empty());
    }
}
