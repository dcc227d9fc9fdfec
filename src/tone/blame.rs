//! Blaming the customer: "you should have", "your mistake", "read the
//! instructions" — the tone lexicons' `blame` phrases. "Not your fault" is
//! kind, not blame: the longer phrase wins ([`super::lexicon`]).

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind};

/// Adds an issue per blaming phrase.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    ctx.phrase_issues(
        &[ToneCue::Blame],
        IssueKind::Blame,
        |quote, _| format!("“{quote}” puts the blame on the customer."),
        "Explain the next step instead of what they did wrong.",
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
    fn blame_in_several_languages() {
        assert_eq!(
            quotes("You should have read the terms."),
            ["You should have", "read the terms"]
        );
        assert_eq!(
            quotes("Вы должны были проверить адрес."),
            ["Вы должны были"]
        );
        assert_eq!(quotes("Ви забули вказати адресу."), ["Ви забули"]);
        assert_eq!(quotes("Вы забыліся пра гэта."), ["Вы забыліся"]);
        assert_eq!(quotes("这是你自己的问题。"), ["你自己的问题"]);
        assert_eq!(quotes("Dit is jou eie skuld."), ["jou eie skuld"]);
        assert_eq!(
            quotes("Es su culpa, lea las instrucciones."),
            ["Es su culpa", "lea las instrucciones"]
        );
        assert_eq!(quotes("Das ist Ihre Schuld."), ["Ihre Schuld"]);
        assert_eq!(quotes("C'est votre faute."), ["votre faute"]);
        assert_eq!(quotes("Você deveria ter lido."), ["Você deveria ter lido"]);
    }

    #[test]
    fn kindness_is_not_blame() {
        assert!(quotes("It's not your fault at all.").is_empty());
        assert!(quotes("Não é sua culpa.").is_empty());
        assert!(quotes("If you did not receive the email, tell us.").is_empty());
    }
}
