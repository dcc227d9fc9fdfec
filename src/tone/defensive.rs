//! Defensiveness: correcting the customer ("actually"), repeating oneself
//! ("as we already said"), or refusing responsibility ("that's not our
//! fault", "nothing we can do") — the tone lexicons' `defensive` phrases.

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind};

/// Adds an issue per defensive phrase.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    ctx.phrase_issues(
        &[ToneCue::Defensive],
        IssueKind::Defensive,
        |quote, _| format!("“{quote}” sounds defensive."),
        "Skip the correction; say what you can do now.",
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::testing;

    fn quotes(text: &str) -> Vec<String> {
        testing::quotes(check, text)
    }

    #[test]
    fn defensive_phrases_in_several_languages() {
        assert_eq!(quotes("Actually, the parcel left on time."), ["Actually"]);
        assert_eq!(
            quotes("As we already said, that's not our fault."),
            ["As we already", "not our fault"]
        );
        assert_eq!(
            quotes("Как мы уже писали, это не наша вина."),
            ["Как мы уже писали", "не наша вина"]
        );
        assert_eq!(quotes("Це не наша вина."), ["не наша вина"]);
        assert_eq!(quotes("Гэта не наша віна."), ["не наша віна"]);
        assert_eq!(quotes("这不是我们的错。"), ["不是我们的错"]);
        assert_eq!(quotes("Dit is nie ons skuld nie."), ["nie ons skuld nie"]);
        assert_eq!(quotes("No es nuestra culpa."), ["No es nuestra culpa"]);
        assert_eq!(
            quotes("Das ist nicht unsere Schuld."),
            ["nicht unsere Schuld"]
        );
        assert_eq!(quotes("Ce n'est pas notre faute."), ["pas notre faute"]);
        assert_eq!(quotes("Não é culpa nossa."), ["Não é culpa nossa"]);
    }

    #[test]
    fn owning_the_problem_is_not_defensive() {
        assert!(quotes("That's our fault, sorry. We'll fix it.").is_empty());
        assert!(quotes("Это наша ошибка, простите.").is_empty());
    }
}
