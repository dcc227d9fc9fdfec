//! Phrase rules: words and word stems in order, matched among the words of a
//! text.
//!
//! A phrase is written the way a person would write it in a lexicon file:
//!
//! | phrase | matches |
//! |---|---|
//! | `refund` | the word "refund" |
//! | `charg* twice` | "charged twice", "charging twice" |
//! | `charg* .. twice` | the same, with up to three words between: "charged me twice" |
//! | `не пришл*` | "не пришла", "не пришло" |
//! | `退款` | those characters anywhere (Chinese has no spaces) |
//!
//! Every word of a phrase becomes a *term*. All terms of all phrases go into
//! one automaton (a trie of the terms, built by the Aho-Corasick crate). A
//! term only counts where it starts at a word start, and (unless it is a stem
//! ending in `*`) ends at a word end, so the trie is walked from each word
//! start only, as an anchored search: the walk stops where no term continues
//! — after a few bytes for most words — and never needs the failure
//! transitions of a search from every byte. The cost is linear in the text,
//! whatever the number of rules. Phrases are then assembled from consecutive
//! term hits, starting from the rules indexed by their first term.

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind};

/// The term automaton natively: a DFA, one table look-up a byte (about 10 MB
/// for the built-in lexicons, built in a few milliseconds more than an NFA).
#[cfg(not(target_arch = "wasm32"))]
type Terms = aho_corasick::dfa::DFA;
/// The term automaton in the extension: a contiguous NFA, a twentieth of
/// the DFA's memory (half a megabyte), which a browser tab pays for.
#[cfg(target_arch = "wasm32")]
type Terms = aho_corasick::nfa::contiguous::NFA;

use super::{Normalized, Token, tokens};

/// How many words a `..` in a phrase lets through.
pub const MAX_GAP: u8 = 3;

/// A phrase that cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhraseError {
    /// The phrase has no words.
    Empty,
    /// A `..` at the start or the end of the phrase, with nothing to join.
    DanglingGap,
    /// A `*` that is not at the end of a word, or a lone `*`.
    MisplacedStar,
}

impl std::fmt::Display for PhraseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PhraseError::Empty => "the phrase has no words",
            PhraseError::DanglingGap => "`..` must stand between two words",
            PhraseError::MisplacedStar => "`*` may only end a word, as in `refund*`",
        })
    }
}

impl std::error::Error for PhraseError {}

/// One compiled phrase rule with its cue (what it signals) and weight.
#[derive(Debug, Clone)]
pub struct Rule<C> {
    /// What a match of this rule signals.
    pub cue: C,
    /// How strongly.
    pub weight: u8,
    /// Terms in order, each with the number of words allowed before it.
    terms: Vec<(u32, u8)>,
}

/// A rule matched in a text: the rule's index and the words it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in its [`PhraseSet`].
    pub rule: u32,
    /// Index of the first word matched.
    pub first: u32,
    /// Index of the last word matched.
    pub last: u32,
}

/// A term found among the words.
#[derive(Debug, Clone, Copy)]
struct TermHit {
    term: u32,
    first: u32,
    last: u32,
}

/// A compiled set of phrase rules.
#[derive(Debug, Clone)]
pub struct PhraseSet<C> {
    /// The terms, searched anchored at word starts.
    automaton: Terms,
    /// Per term: true when it is a stem (may end inside a word).
    stems: Vec<bool>,
    rules: Vec<Rule<C>>,
    /// Per term: the rules whose first term it is.
    rules_by_first_term: Vec<Vec<u32>>,
}

/// Reusable buffers for [`PhraseSet::find`], so a hot loop allocates nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    term_hits: Vec<TermHit>,
    /// `hits_from[w]..hits_from[w + 1]`: the term hits that start at word `w`.
    hits_from: Vec<u32>,
}

impl<C> PhraseSet<C> {
    /// Compiles `(cue, weight, phrase)` rules.
    ///
    /// On error, returns the index of the offending rule with the reason.
    pub fn new<'a>(
        rules: impl IntoIterator<Item = (C, u8, &'a str)>,
    ) -> Result<PhraseSet<C>, (usize, PhraseError)> {
        let mut builder = Builder::default();
        let mut compiled = Vec::new();
        for (index, (cue, weight, phrase)) in rules.into_iter().enumerate() {
            let terms = builder.phrase(phrase).map_err(|e| (index, e))?;
            compiled.push(Rule { cue, weight, terms });
        }
        let mut rules_by_first_term = vec![Vec::new(); builder.patterns.len()];
        for (index, rule) in compiled.iter().enumerate() {
            rules_by_first_term[rule.terms[0].0 as usize].push(index as u32);
        }
        let automaton = terms(&builder.patterns);
        Ok(PhraseSet {
            automaton,
            stems: builder.stems,
            rules: compiled,
            rules_by_first_term,
        })
    }

    /// The rules, in the order they were given.
    pub fn rules(&self) -> &[Rule<C>] {
        &self.rules
    }

    /// Finds every rule match in `text` (normalised) whose words are
    /// `tokens`, appending them to `out` in order of their first word.
    pub fn find(&self, text: &str, tokens: &[Token], scratch: &mut Scratch, out: &mut Vec<Hit>) {
        if tokens.is_empty() || self.rules.is_empty() {
            return;
        }
        self.find_terms(text, tokens, scratch);
        let Scratch {
            term_hits,
            hits_from,
        } = scratch;
        for hit in term_hits.iter() {
            for &rule in &self.rules_by_first_term[hit.term as usize] {
                if let Some(last) = self.rest_of_phrase(rule, hit.last, term_hits, hits_from) {
                    out.push(Hit {
                        rule,
                        first: hit.first,
                        last,
                    });
                }
            }
        }
    }

    /// Fills `scratch` with the term hits, by first word, then by length
    /// (the order a search from every byte, sorted by first word, gives).
    fn find_terms(&self, text: &str, tokens: &[Token], scratch: &mut Scratch) {
        let term_hits = &mut scratch.term_hits;
        term_hits.clear();
        let bytes = text.as_bytes();
        let aut = &self.automaton;
        let root = aut
            .start_state(Anchored::Yes)
            .expect("the automaton supports anchored searches");
        for (first, token) in tokens.iter().enumerate() {
            let begin = token.start as usize;
            let mut state = root;
            // The word that ends at or after the current byte: where a
            // non-stem term ending here must end.
            let mut last = first;
            for (offset, &b) in bytes[begin..].iter().enumerate() {
                state = aut.next_state(Anchored::Yes, state, b);
                if aut.is_dead(state) {
                    break;
                }
                if !aut.is_match(state) {
                    continue;
                }
                let len = offset + 1;
                let end = (begin + len) as u32;
                while last < tokens.len() && tokens[last].end < end {
                    last += 1;
                }
                // A state's matches are all the terms that end here: those
                // shorter than the walk (its suffixes, there for searches
                // from every byte) do not start at this word.
                for i in 0..aut.match_len(state) {
                    let pattern = aut.match_pattern(state, i);
                    if aut.pattern_len(pattern) != len {
                        continue;
                    }
                    let term = pattern.as_u32();
                    let last = if self.stems[term as usize] {
                        (end <= token.end).then_some(first)
                    } else {
                        tokens.get(last).filter(|t| t.end == end).map(|_| last)
                    };
                    if let Some(last) = last {
                        term_hits.push(TermHit {
                            term,
                            first: first as u32,
                            last: last as u32,
                        });
                    }
                }
            }
        }
        let hits_from = &mut scratch.hits_from;
        hits_from.clear();
        let mut next = 0;
        for word in 0..=tokens.len() as u32 {
            while next < term_hits.len() && term_hits[next].first < word {
                next += 1;
            }
            hits_from.push(next as u32);
        }
    }

    /// Matches the terms after the first of `rule`, starting after word
    /// `last`; returns the last word of the whole phrase.
    fn rest_of_phrase(
        &self,
        rule: u32,
        mut last: u32,
        term_hits: &[TermHit],
        hits_from: &[u32],
    ) -> Option<u32> {
        let words = hits_from.len() as u32 - 1;
        for &(term, gap) in &self.rules[rule as usize].terms[1..] {
            let from = last + 1;
            let to = (from + u32::from(gap)).min(words.saturating_sub(1));
            last = (from..=to).find_map(|word| {
                let range =
                    hits_from[word as usize] as usize..hits_from[word as usize + 1] as usize;
                term_hits[range]
                    .iter()
                    .find(|h| h.term == term)
                    .map(|h| h.last)
            })?;
        }
        Some(last)
    }
}

/// Reads one line of a lexicon file, `cue weight phrase` (the triage and
/// tone lexicons share the form): `None` for a blank line or a `#` comment. `cue_of` knows the cue names; weights run
/// from 1 to `max_weight`. The phrase is returned as written, for
/// [`PhraseSet::new`] to compile.
pub fn parse_rule_line<C>(
    line: &str,
    cue_of: impl Fn(&str) -> Option<C>,
    max_weight: u8,
) -> Result<Option<(C, u8, &str)>, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut fields = line.splitn(3, char::is_whitespace);
    let name = fields.next().unwrap_or_default();
    let cue = cue_of(name).ok_or_else(|| format!("unknown cue `{name}`"))?;
    let weight = fields.next().unwrap_or_default();
    let weight = match weight.parse::<u8>() {
        Ok(w) if (1..=max_weight).contains(&w) => w,
        _ => return Err(format!("weight must be 1 to {max_weight}, not `{weight}`")),
    };
    let phrase = fields.next().unwrap_or_default().trim();
    if phrase.is_empty() {
        return Err("missing phrase".to_owned());
    }
    Ok(Some((cue, weight, phrase)))
}

/// The automaton of `patterns`, for anchored searches.
fn terms(patterns: &[String]) -> Terms {
    #[cfg(not(target_arch = "wasm32"))]
    let automaton = Terms::builder()
        .match_kind(MatchKind::Standard)
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(patterns);
    #[cfg(target_arch = "wasm32")]
    let automaton = Terms::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns);
    automaton.expect("term automaton within size limits")
}

/// Collects the distinct terms of all phrases.
#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    stems: Vec<bool>,
    index: std::collections::HashMap<(String, bool), u32>,
}

impl Builder {
    /// Compiles one phrase into `(term, gap before)` pairs.
    fn phrase(&mut self, phrase: &str) -> Result<Vec<(u32, u8)>, PhraseError> {
        let mut terms = Vec::new();
        let mut gap = 0;
        for word in phrase.split_whitespace() {
            if word == ".." {
                if terms.is_empty() {
                    return Err(PhraseError::DanglingGap);
                }
                gap = MAX_GAP;
                continue;
            }
            let (body, stem) = match word.strip_suffix('*') {
                Some(body) => (body, true),
                None => (word, false),
            };
            if body.is_empty() || body.contains('*') {
                return Err(PhraseError::MisplacedStar);
            }
            let parts = split_word(body);
            let count = parts.len();
            for (i, part) in parts.into_iter().enumerate() {
                let id = self.term(part, stem && i + 1 == count);
                terms.push((id, if i == 0 { gap } else { 0 }));
            }
            gap = 0;
        }
        if terms.is_empty() {
            return Err(PhraseError::Empty);
        }
        if gap != 0 {
            return Err(PhraseError::DanglingGap);
        }
        Ok(terms)
    }

    fn term(&mut self, text: String, stem: bool) -> u32 {
        let next = self.patterns.len() as u32;
        *self.index.entry((text.clone(), stem)).or_insert_with(|| {
            self.patterns.push(text);
            self.stems.push(stem);
            next
        })
    }
}

/// Normalises one written word and splits it the way texts are split, so
/// that "e-mail" becomes the two terms "e" and "mail", while a run of
/// Chinese characters stays one term.
fn split_word(word: &str) -> Vec<String> {
    let normalized = Normalized::new(word);
    let text = normalized.as_str();
    let words = tokens::tokenize(text);
    let unspaced = !words.is_empty()
        && words.windows(2).all(|w| w[0].end == w[1].start)
        && text.chars().all(tokens::is_unspaced_script);
    if unspaced {
        return vec![text.to_owned()];
    }
    words.iter().map(|t| text[t.range()].to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(rules: &[&str], text: &str) -> Vec<(usize, String)> {
        let set = PhraseSet::new(rules.iter().map(|r| ((), 1, *r))).unwrap();
        let n = Normalized::new(text);
        let words = tokens::tokenize(n.as_str());
        let mut hits = Vec::new();
        set.find(n.as_str(), &words, &mut Scratch::default(), &mut hits);
        hits.iter()
            .map(|h| {
                let s = n.as_str();
                let range =
                    words[h.first as usize].start as usize..words[h.last as usize].end as usize;
                (h.rule as usize, s[range].to_owned())
            })
            .collect()
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            matches(&["refund"], "Refund please"),
            [(0, "refund".into())]
        );
        assert!(matches(&["refund"], "refunded please").is_empty());
        assert!(matches(&["fund"], "refund please").is_empty());
    }

    #[test]
    fn stems_match_word_endings() {
        assert_eq!(
            matches(&["refund*"], "refunded please"),
            [(0, "refunded".into())]
        );
        assert!(matches(&["refund*"], "nonrefundable").is_empty());
    }

    #[test]
    fn phrases_need_consecutive_words() {
        assert_eq!(
            matches(&["charg* twice"], "CHARGED twice!"),
            [(0, "charged twice".into())]
        );
        assert!(matches(&["charg* twice"], "charged me twice").is_empty());
    }

    #[test]
    fn gaps_allow_a_few_words_between() {
        assert_eq!(
            matches(&["charg* .. twice"], "you charged me twice"),
            [(0, "charged me twice".into())]
        );
        assert!(matches(&["charg* .. twice"], "charged you for it again twice").is_empty());
    }

    #[test]
    fn cyrillic_stems() {
        assert_eq!(
            matches(&["не пришл*"], "Заказ НЕ ПРИШЁЛ"),
            Vec::<(usize, String)>::new(),
            "пришёл folds to пришел, which the stem пришл does not cover"
        );
        assert_eq!(
            matches(&["не пришл*"], "посылка не пришла"),
            [(0, "не пришла".into())]
        );
    }

    #[test]
    fn chinese_runs_match_inside_text() {
        assert_eq!(matches(&["退款"], "我要退款！"), [(0, "退款".into())]);
    }

    #[test]
    fn punctuation_inside_a_written_word_splits_it() {
        assert_eq!(matches(&["e-mail"], "my e mail"), [(0, "e mail".into())]);
    }

    #[test]
    fn many_rules_share_terms() {
        let found = matches(&["charg*", "charg* twice", "twice"], "charged twice");
        assert_eq!(
            found,
            [
                (0, "charged".into()),
                (1, "charged twice".into()),
                (2, "twice".into())
            ]
        );
    }

    #[test]
    fn bad_phrases_are_errors() {
        let compile = |p: &str| PhraseSet::new([((), 1, p)]).map(|_| ()).unwrap_err().1;
        assert_eq!(compile(""), PhraseError::Empty);
        assert_eq!(compile(".. refund"), PhraseError::DanglingGap);
        assert_eq!(compile("refund .."), PhraseError::DanglingGap);
        assert_eq!(compile("re*und"), PhraseError::MisplacedStar);
        assert_eq!(compile("*"), PhraseError::MisplacedStar);
    }
}
