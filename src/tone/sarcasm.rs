//! Sarcasm markers: "yeah right", "thanks for nothing", "good luck with
//! that", "ага, конечно", "呵呵" — the tone lexicons' `sarcasm` phrases —
//! and the eye-roll pictographs (🙄 🙃 😒 😏). Sarcasm cannot be read from
//! words alone; these are the markers that rarely mean anything else in a
//! reply to a customer.

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind};

/// Pictographs that read as sarcastic in a reply.
const EYE_ROLLS: [char; 4] = ['\u{1F644}', '\u{1F643}', '\u{1F612}', '\u{1F60F}'];

const SUGGESTION: &str = "Say it straight; sarcasm reads as contempt in writing.";

/// Adds an issue per sarcasm marker.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    ctx.phrase_issues(
        &[ToneCue::Sarcasm],
        IssueKind::Sarcasm,
        |quote, _| format!("“{quote}” can read as sarcastic."),
        SUGGESTION,
        out,
    );
    for (index, c) in ctx.draft.text.chars().enumerate() {
        if EYE_ROLLS.contains(&c) {
            out.push(Issue {
                kind: IssueKind::Sarcasm,
                start: index,
                end: index + 1,
                message: format!("{c} can read as sarcastic."),
                suggestion: SUGGESTION.to_owned(),
                fix: Some(String::new()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::testing;

    fn quotes(text: &str) -> Vec<String> {
        testing::quotes(check, text)
    }

    #[test]
    fn sarcasm_in_several_languages() {
        assert_eq!(
            quotes("Oh great, thanks for nothing 🙄"),
            ["Oh great", "thanks for nothing", "🙄"]
        );
        assert_eq!(quotes("Ага, конечно, так и будет."), ["Ага, конечно"]);
        assert_eq!(quotes("Дуже смішно."), ["Дуже смішно"]);
        assert_eq!(quotes("呵呵，随便你。"), ["呵呵", "随便你"]);
        assert_eq!(
            quotes("Ja seker, sterkte daarmee."),
            ["Ja seker", "sterkte daarmee"]
        );
        assert_eq!(
            quotes("Sí, claro. Gracias por nada."),
            ["Sí, claro", "Gracias por nada"]
        );
        assert_eq!(
            quotes("Na toll, danke für nichts."),
            ["Na toll", "danke für nichts"]
        );
        assert_eq!(quotes("Merci pour rien."), ["Merci pour rien"]);
        assert_eq!(quotes("Obrigado por nada."), ["Obrigado por nada"]);
    }

    #[test]
    fn sincere_thanks_are_not_sarcasm() {
        assert!(quotes("Thanks a lot for your patience!").is_empty());
        assert!(quotes("Great news: your order shipped 🙂").is_empty());
    }
}
