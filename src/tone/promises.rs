//! Promises the agent may not keep: deadlines ("by tomorrow", "within 24
//! hours", "I guarantee") and money ("full refund", "we'll compensate")
//! — the tone lexicons' `promise_time` and `promise_money` phrases. Vague
//! words ("asap", "voucher") only count toward the score.

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind};

/// Adds an issue per promise of time or money.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    ctx.phrase_issues(
        &[ToneCue::PromiseTime, ToneCue::PromiseMoney],
        IssueKind::Promise,
        |quote, cue| match cue {
            ToneCue::PromiseMoney => format!("“{quote}” promises money that may not be approved."),
            _ => format!("“{quote}” promises a time you may not control."),
        },
        "Promise only what is confirmed; say what you will do and when you will update them.",
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
    fn promises_in_several_languages() {
        assert_eq!(
            quotes("It will be fixed by tomorrow and you'll get a full refund."),
            ["will be fixed by tomorrow", "full refund"]
        );
        assert_eq!(
            quotes("Мы вернем деньги до завтра."),
            ["вернем деньги", "до завтра"]
        );
        assert_eq!(quotes("Ми компенсуємо все."), ["компенсуємо"]);
        assert_eq!(quotes("Мы абяцаем вырашыць."), ["абяцаем"]);
        assert_eq!(
            quotes("我们保证24小时内全额退款。"),
            ["保证", "小时内", "全额退款"]
        );
        assert_eq!(quotes("Ons sal dit gratis vervang."), ["gratis"]);
        assert_eq!(
            quotes("Le garantizo un reembolso completo."),
            ["garantizo", "reembolso completo"]
        );
        assert_eq!(
            quotes("Sie bekommen das Geld zurück, versprochen."),
            ["Geld zurück", "versprochen"]
        );
        assert_eq!(
            quotes("Remboursement intégral d'ici demain."),
            ["Remboursement intégral", "d'ici demain"]
        );
        assert_eq!(
            quotes("Prometemos reembolso total."),
            ["Prometemos", "reembolso total"]
        );
    }

    #[test]
    fn vague_or_past_times_are_not_promises() {
        assert!(quotes("We'll get back to you as soon as we can.").is_empty());
        assert!(quotes("Vouchers are handled by our billing team.").is_empty());
        assert!(quotes("In the last 24 hours we have had many messages.").is_empty());
    }
}
