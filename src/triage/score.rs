//! From rule hits to a verdict: weights per category, negation, sentiment,
//! tier.

use std::cell::RefCell;

use super::model::{FeatureSet, Model, Scores, Style};
use super::{
    Category, INFLUENTIAL_FOLLOWERS, Lexicon, Post, Reason, Sentiment, Tier, Verdict, lexicon::Cue,
};
use crate::pii::{self, PiiKind};
use crate::text::{
    Analysis, Lang,
    phrases::{Hit, Scratch},
};

/// Summed weight at which a category holds…
pub const CATEGORY_THRESHOLD: u32 = 3;

/// …provided one of its cues weighs at least this much: bare nouns
/// ("payment", "card", weight 1) support a problem cue but never make one.
pub const STRONG_CUE: u8 = 2;

/// Weight of a question mark toward `question`: not enough alone, enough
/// with one weak interrogative ("how", "где").
const QUESTION_MARK_WEIGHT: u32 = 2;

/// How many words before a positive cue a negator reaches.
const NEGATION_REACH: u32 = 3;

thread_local! {
    /// Buffers reused across posts so that classifying allocates little.
    static SCRATCH: RefCell<(Scratch, Vec<Hit>)> = RefCell::default();
    static ANALYSIS: RefCell<(Analysis, Style, FeatureSet)> =
        RefCell::new((Analysis::new(""), Style::default(), FeatureSet::default()));
}

/// A rule that matched, after negation, with the words it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    /// What the match signals (a negated positive cue reads `Negative`).
    pub cue: Cue,
    /// The rule's weight.
    pub weight: u8,
    /// Start of the words, in `char`s of the original text.
    pub start: usize,
    /// End of the words (exclusive), in `char`s.
    pub end: usize,
}

impl Lexicon {
    /// Classifies `post` with this lexicon's rules.
    pub fn classify(&self, post: &Post) -> Verdict {
        ANALYSIS.with_borrow_mut(|(analysis, style, features)| {
            // The model's style features are read in the same pass over the
            // post as the normalisation.
            style.clear();
            analysis.reanalyze_visiting(&post.text, |c| style.see(c));
            self.classify_analysed(post, analysis, style, features)
        })
    }

    fn classify_analysed(
        &self,
        post: &Post,
        analysis: &Analysis,
        style: &Style,
        features: &mut FeatureSet,
    ) -> Verdict {
        let counted = self.cues(analysis);
        features.reextract_with_style(&post.text, analysis, style, &counted);
        let scores = Model::builtin().score(features, analysis.lang);

        // Per category: the summed weight, and the strongest single cue.
        let mut weights = [0u32; Category::ALL.len()];
        let mut strongest = [0u8; Category::ALL.len()];
        for c in &counted {
            let (category, weight) = match c.cue {
                Cue::Category(category) => (category, c.weight),
                Cue::Profanity => (Category::Inflammatory, 1),
                Cue::Positive | Cue::Negative | Cue::Negator => continue,
            };
            weights[category as usize] += u32::from(weight);
            strongest[category as usize] = strongest[category as usize].max(weight);
        }
        if question_mark(&post.text).is_some() {
            weights[Category::Question as usize] += QUESTION_MARK_WEIGHT;
            strongest[Category::Question as usize] =
                strongest[Category::Question as usize].max(QUESTION_MARK_WEIGHT as u8);
        }

        let sentiment = sentiment(&scores);
        let mut categories: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|&c| {
                weights[c as usize] >= CATEGORY_THRESHOLD && strongest[c as usize] >= STRONG_CUE
            })
            .collect();
        let mut reasons = reasons(&post.text, &counted, &categories);
        let exposed = pii::find(&post.text);
        if !exposed.is_empty() {
            categories.push(Category::Pii);
            reasons.extend(
                exposed
                    .iter()
                    .take(MAX_REASONS_PER_CATEGORY)
                    .map(|found| Reason {
                        category: Category::Pii,
                        start: found.start,
                        end: found.end,
                        text: found.text.clone(),
                    }),
            );
            reasons.sort_by_key(|r| (r.start, r.end));
        }
        if let Some(reason) =
            unhappy_without_a_named_problem(analysis, &post.text, &scores, &categories)
        {
            categories.push(Category::Complaint);
            categories.sort();
            reasons.push(reason);
            reasons.sort_by_key(|r| (r.start, r.end));
        }
        let money_exposed = exposed
            .iter()
            .any(|f| matches!(f.kind, PiiKind::CardNumber | PiiKind::Iban));
        let (tier, signals) = tier(&categories, money_exposed, post);
        Verdict {
            tier,
            sentiment,
            offensive: is_offensive(&scores, &counted),
            lang: analysis.lang,
            categories,
            reasons,
            signals,
        }
    }

    /// The rules matched in an analysed text, in text order, with negated
    /// positive cues turned negative.
    pub fn cues(&self, analysis: &Analysis) -> Vec<CueMatch> {
        SCRATCH.with_borrow_mut(|(scratch, hits)| {
            hits.clear();
            self.phrases.find(
                analysis.normalized.as_str(),
                &analysis.tokens,
                scratch,
                hits,
            );
            let rules = self.phrases.rules();
            let mut last_negator: Option<u32> = None;
            let mut counted = Vec::with_capacity(hits.len());
            for &hit in hits.iter() {
                let rule = &rules[hit.rule as usize];
                if rule.cue.lang.is_some_and(|lang| lang != analysis.lang) {
                    continue;
                }
                let mut cue = rule.cue.cue;
                if cue == Cue::Negator {
                    last_negator = Some(hit.last);
                } else if is_positive(cue)
                    && last_negator
                        .is_some_and(|n| n < hit.first && hit.first - n <= NEGATION_REACH)
                {
                    cue = Cue::Negative;
                }
                let (start, end) = analysis.word_span(hit.first as usize, hit.last as usize);
                counted.push(CueMatch {
                    cue,
                    weight: rule.weight,
                    start,
                    end,
                });
            }
            self.masked_cues(analysis, &mut counted);
            counted
        })
    }

    /// Adds the masked swearing and insults (`f*ck`) not already matched.
    fn masked_cues(&self, analysis: &Analysis, counted: &mut Vec<CueMatch>) {
        for found in self.masked.find(analysis.normalized.as_str()) {
            let (start, end) = analysis.normalized.original_span(found.start, found.end);
            if counted.iter().any(|c| c.start < end && start < c.end) {
                continue;
            }
            let &(cue, weight) = found.value;
            counted.push(CueMatch {
                cue,
                weight,
                start,
                end,
            });
        }
    }
}

fn is_positive(cue: Cue) -> bool {
    matches!(cue, Cue::Positive | Cue::Category(Category::Praise))
}

/// The position (in `char`s) of the first `?`, which hints at a question.
fn question_mark(text: &str) -> Option<usize> {
    // Searched in the bytes, by the last byte of each mark (`?`, `¿` is
    // C2 BF, `？` is EF BC 9F): decoding every character costs more than the
    // rest of the search, and the first mark to end is the first to start.
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().find_map(|(i, &b)| match b {
        b'?' => Some(i),
        0xBF if i >= 1 && bytes[i - 1] == 0xC2 => Some(i - 1),
        0x9F if i >= 2 && bytes[i - 2..i] == [0xEF, 0xBC] => Some(i - 2),
        _ => None,
    })?;
    Some(text[..at].chars().count())
}

/// Offensive when the model says so, or when the post swears or insults
/// outright (a profanity rule, or a strong insult rule): the model learns
/// those cues only from the languages it has training data in, while the
/// rules know every language they are written for.
pub fn is_offensive(scores: &Scores, cues: &[CueMatch]) -> bool {
    scores.offensive >= scores.offensive_threshold
        || cues.iter().any(|c| {
            c.cue == Cue::Profanity
                || (c.cue == Cue::Category(Category::Inflammatory)
                    && u32::from(c.weight) >= CATEGORY_THRESHOLD)
        })
}

/// Probability of negative sentiment from which a post is a complaint even
/// when no rule names its problem.
const UNHAPPY: f32 = 0.5;

/// The fewest words a post needs before the model alone may call it a
/// complaint: one or two words ("absolutely", "Hair cutting") give it too
/// little to go on, and a complaint names something.
const MODEL_COMPLAINT_WORDS: usize = 3;

/// Languages the sentiment model has training data in (UMSAB, TweetEval):
/// only there is its "negative" trusted to make a complaint on its own.
const SENTIMENT_TRAINED: [Lang; 8] = [
    Lang::En,
    Lang::Es,
    Lang::Pt,
    Lang::Fr,
    Lang::De,
    Lang::It,
    Lang::Ar,
    Lang::Hi,
];

/// A negative post that names no problem the rules know is still a
/// grievance: a complaint, explained by the word that leans most negative
/// in the model. Not when the rules read the post otherwise (a question, a
/// lead, praise, insults, or a grievance already: the sentiment model is
/// least sure exactly there), only in languages it learned sentiment for, and
/// only in posts of at least [`MODEL_COMPLAINT_WORDS`] words.
fn unhappy_without_a_named_problem(
    analysis: &Analysis,
    text: &str,
    scores: &Scores,
    categories: &[Category],
) -> Option<Reason> {
    let read_otherwise = categories.iter().any(|&c| {
        c.is_grievance()
            || matches!(
                c,
                Category::Inflammatory | Category::Question | Category::Lead | Category::Praise
            )
    });
    if scores.sentiment[0] < UNHAPPY
        || analysis.tokens.len() < MODEL_COMPLAINT_WORDS
        || read_otherwise
        || !SENTIMENT_TRAINED.contains(&analysis.lang)
    {
        return None;
    }
    let model = Model::builtin();
    let normalized = analysis.normalized.as_str();
    // A handle (@brand) is who the post is for, not what is wrong.
    let is_handle = |i: usize| normalized[..analysis.tokens[i].start as usize].ends_with('@');
    let mut word_features = FeatureSet::default();
    let (word, leaning) = (0..analysis.tokens.len())
        .filter(|&i| !is_handle(i))
        .map(|i| {
            let word = &normalized[analysis.tokens[i].range()];
            word_features.reextract_word(word);
            (i, model.leaning(&word_features, 0, 1))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if leaning <= 0.0 {
        return None;
    }
    let (start, end) = analysis.word_span(word, word);
    Some(Reason {
        category: Category::Complaint,
        start,
        end,
        text: text.chars().skip(start).take(end - start).collect(),
    })
}

/// The most probable sentiment.
fn sentiment(scores: &Scores) -> Sentiment {
    let [negative, neutral, positive] = scores.sentiment;
    if negative >= neutral && negative >= positive {
        Sentiment::Negative
    } else if positive > neutral {
        Sentiment::Positive
    } else {
        Sentiment::Neutral
    }
}

/// Reasons kept per category: enough to explain, bounded for huge posts.
pub const MAX_REASONS_PER_CATEGORY: usize = 8;

/// The words behind the categories that hold, in text order, without
/// repeats: a span inside a longer span of the same category is dropped, and
/// each category keeps its first [`MAX_REASONS_PER_CATEGORY`]. Linear after
/// sorting, whatever the size of the post.
fn reasons(text: &str, counted: &[CueMatch], holding: &[Category]) -> Vec<Reason> {
    let mut spans: Vec<(Category, usize, usize)> = counted
        .iter()
        .filter_map(|c| {
            let category = match c.cue {
                Cue::Category(category) => category,
                Cue::Profanity => Category::Inflammatory,
                _ => return None,
            };
            holding
                .contains(&category)
                .then_some((category, c.start, c.end))
        })
        .collect();
    if holding.contains(&Category::Question) {
        if let Some(at) = question_mark(text) {
            spans.push((Category::Question, at, at + 1));
        }
    }
    // Per category, by start then longest first: a span is inside an earlier
    // one exactly when it ends no later than the furthest end seen.
    spans.sort_unstable_by_key(|&(category, start, end)| (category, start, std::cmp::Reverse(end)));
    let mut kept: Vec<(Category, usize, usize)> = Vec::with_capacity(spans.len().min(64));
    let mut current: Option<(Category, usize, usize)> = None; // category, furthest end, count
    for (category, start, end) in spans {
        let (furthest, count) = match current {
            Some((c, furthest, count)) if c == category => (furthest, count),
            _ => (0, 0),
        };
        if end <= furthest || count >= MAX_REASONS_PER_CATEGORY {
            continue;
        }
        kept.push((category, start, end));
        current = Some((category, furthest.max(end), count + 1));
    }
    kept.sort_unstable_by_key(|&(category, start, end)| (start, std::cmp::Reverse(end), category));
    let quotes = quote_spans(text, kept.iter().map(|&(_, start, end)| (start, end)));
    kept.into_iter()
        .zip(quotes)
        .map(|((category, start, end), text)| Reason {
            category,
            start,
            end,
            text,
        })
        .collect()
}

/// The text of each `(start, end)` char span, in one pass over `text`.
fn quote_spans(text: &str, spans: impl Iterator<Item = (usize, usize)>) -> Vec<String> {
    let spans: Vec<(usize, usize)> = spans.collect();
    let mut wanted: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bytes = Vec::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    // Where each character starts, and the end of the text: found from the
    // bytes (a character starts at any byte but a continuation byte,
    // 0x80–0xBF), without decoding, and only as far as the last span.
    let starts = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| (b as i8) >= -0x40)
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()));
    for (index, at) in starts.enumerate() {
        while next.peek().is_some_and(|&&w| w == index) {
            bytes.push((index, at));
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    let byte_at = |char_index: usize| {
        bytes
            .binary_search_by_key(&char_index, |&(i, _)| i)
            .map_or(text.len(), |found| bytes[found].1)
    };
    spans
        .iter()
        .map(|&(s, e)| text[byte_at(s)..byte_at(e)].to_owned())
        .collect()
}

/// The tier from the categories (and a card number or IBAN in public, which
/// puts money at stake), raised by the author's reach.
fn tier(categories: &[Category], money_exposed: bool, post: &Post) -> (Tier, Vec<String>) {
    let has = |c| categories.contains(&c);
    let base = if categories.iter().any(|c| c.is_urgent()) || money_exposed {
        Tier::Urgent
    } else if has(Category::Inflammatory) {
        // Trolling without a concrete problem: don't feed it first.
        Tier::Low
    } else if has(Category::Complaint) || has(Category::Lead) {
        Tier::High
    } else if has(Category::Question) {
        Tier::Normal
    } else {
        Tier::Low
    };
    let mut signals = Vec::new();
    if post.author.verified {
        signals.push("verified author".to_owned());
    }
    if let Some(followers) = post
        .author
        .followers
        .filter(|&f| f >= INFLUENTIAL_FOLLOWERS)
    {
        signals.push(format!("{followers} followers"));
    }
    if signals.is_empty() {
        (base, signals)
    } else {
        (base.raised(), signals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(text: &str) -> Verdict {
        Lexicon::builtin().classify(&Post::text(text))
    }

    /// The words given as reasons for `category`.
    fn reasons_for(verdict: &Verdict, category: Category) -> Vec<&str> {
        verdict
            .reasons
            .iter()
            .filter(|r| r.category == category)
            .map(|r| r.text.as_str())
            .collect()
    }

    #[test]
    fn the_model_alone_needs_a_few_words_to_make_a_complaint() {
        for short in ["absolutely", "Hair cutting"] {
            assert!(!verdict(short).has(Category::Complaint), "{short}");
        }
        let v = verdict("worst service ever");
        assert!(v.has(Category::Complaint));
        assert_eq!(reasons_for(&v, Category::Complaint), ["worst"]);
    }

    #[test]
    fn a_payment_the_customer_never_made_is_urgent_security() {
        let v = verdict("There's a payment on my statement that I never made, please block it");
        assert!(v.has(Category::AccountSecurity));
        assert_eq!(v.tier, Tier::Urgent);
        let why = reasons_for(&v, Category::AccountSecurity);
        assert!(
            why.contains(&"never made") && why.contains(&"payment"),
            "{why:?}"
        );

        let v = verdict("Someone withdrew £300 from my account last night");
        assert!(reasons_for(&v, Category::AccountSecurity).contains(&"Someone withdrew"));
    }

    #[test]
    fn a_card_kept_by_a_cash_machine_is_urgent_security() {
        let v = verdict("The cash machine outside the station swallowed my card");
        assert!(v.has(Category::AccountSecurity));
        assert!(reasons_for(&v, Category::AccountSecurity).contains(&"swallowed my card"));
        for text in [
            "Банкомат съел мою карту",
            "Банкомат не повернув картку",
            "Банкамат не вярнуў картку",
            "El cajero se tragó mi tarjeta",
            "O caixa eletrônico engoliu o meu cartão",
            "Der Automat hat meine Karte eingezogen",
            "Le distributeur a avalé ma carte",
            "取款机吞卡了",
            "Die OTM het my kaart ingesluk",
        ] {
            assert!(verdict(text).has(Category::AccountSecurity), "{text}");
        }
    }

    #[test]
    fn the_same_payment_taken_twice_is_billing() {
        let v = verdict("I have been charged two times for the same order");
        assert!(v.has(Category::Billing));
        assert!(reasons_for(&v, Category::Billing).contains(&"charged two times"));
        let v = verdict("My card payment is showing twice on the app");
        assert!(reasons_for(&v, Category::Billing).contains(&"showing twice"));
    }

    #[test]
    fn a_cash_machine_paying_out_less_is_billing() {
        let v = verdict("I withdrew 100 but the machine gave me less");
        assert!(v.has(Category::Billing));
        assert!(reasons_for(&v, Category::Billing).contains(&"machine gave me"));
    }

    #[test]
    fn wrong_alone_names_no_billing_problem() {
        let v = verdict("What's wrong with my card? It keeps getting declined");
        assert!(!v.has(Category::Billing));
        let v = verdict("I was charged the wrong amount for my order");
        assert!(v.has(Category::Billing));
    }

    #[test]
    fn lost_luggage_is_an_undelivered_item() {
        let v = verdict("You lost my bag on the flight from Madrid");
        assert!(v.has(Category::Delivery));
        assert_eq!(reasons_for(&v, Category::Delivery), ["lost my bag"]);
        for text in [
            "Perdieron mi maleta en el vuelo a Lima",
            "Perderam a minha bagagem",
            "Air France a perdu ma valise",
            "Mein Koffer ist nicht angekommen",
            "Авиакомпания потеряла мой багаж",
            "航空公司把我的行李丢了",
            "Julle het my bagasie verloor",
        ] {
            assert!(verdict(text).has(Category::Delivery), "{text}");
        }
    }

    #[test]
    fn delays_missed_connections_and_unanswered_calls_are_complaints() {
        let v = verdict("Three hour delay and now I've missed my connection to Denver");
        assert!(v.has(Category::Complaint));
        let why = reasons_for(&v, Category::Complaint);
        assert!(
            why.contains(&"delay") && why.contains(&"missed my connection"),
            "{why:?}"
        );

        let v = verdict("Called your help line twice today and the agent hung up on me");
        assert!(reasons_for(&v, Category::Complaint).contains(&"hung up"));

        for text in [
            "Рейс задержали на пять часов",
            "Vuelo cancelado y nadie nos da una solución",
            "Unser Flug wurde annulliert",
            "航班取消了也没人通知",
        ] {
            assert!(verdict(text).has(Category::Complaint), "{text}");
        }
    }
}
