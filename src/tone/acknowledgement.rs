//! A reply to a complaint should acknowledge it or apologise.
//!
//! When the post being answered is known ([`super::Draft::replying_to`])
//! and triage reads it as a grievance (a complaint, or an urgent problem:
//! billing, outage, delivery, account security, legal or safety), the draft
//! needs at least one `apology` or `acknowledge` phrase of the tone
//! lexicons ("sorry", "I understand", "простите", "理解", "lo sentimos"…).
//! The issue covers the draft's first sentence, where the acknowledgement
//! belongs, and suggests one in the draft's language.

use super::lexicon::ToneCue;
use super::{Context, Issue, IssueKind};
use crate::text::Lang;
use crate::triage::{Post, classify};

/// Adds an issue when the draft answers a complaint without acknowledging
/// it.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    let Some(post) = ctx.draft.replying_to else {
        return;
    };
    let Some(first) = ctx.sentences.iter().find(|s| s.has_words()) else {
        return;
    };
    if ctx.has(ToneCue::Apology, 1) || ctx.has(ToneCue::Acknowledge, 1) {
        return;
    }
    let verdict = classify(&Post::text(post));
    if !verdict.is_grievance() {
        return;
    }
    let about: Vec<&str> = verdict
        .categories
        .iter()
        .filter(|c| c.is_grievance())
        .map(|c| c.name())
        .collect();
    out.push(Issue {
        kind: IssueKind::NoAcknowledgement,
        start: first.start,
        end: first.end,
        message: format!(
            "They are complaining ({}), and the reply neither apologises nor acknowledges it.",
            about.join(", ")
        ),
        suggestion: format!(
            "Acknowledge it first, e.g. “{}”",
            example(ctx.analysis.lang)
        ),
        fix: None,
    });
}

/// An acknowledgement in `lang` (English for languages without one).
pub fn example(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Извините за неудобства, понимаем, как это неприятно.",
        Lang::Uk => "Вибачте за незручності, розуміємо, як це неприємно.",
        Lang::Be => "Прабачце за нязручнасці, разумеем, як гэта непрыемна.",
        Lang::Zh => "非常抱歉，理解您的心情。",
        Lang::Af => "Jammer hieroor, ons verstaan hoe frustrerend dit is.",
        Lang::Es => "Lo sentimos, entendemos lo frustrante que es.",
        Lang::De => "Das tut uns leid, wir verstehen, wie ärgerlich das ist.",
        Lang::Fr => "Désolés pour ce désagrément, nous comprenons votre frustration.",
        Lang::Pt => "Lamentamos, entendemos como isso é frustrante.",
        _ => "Sorry about this, I can see how frustrating it is.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::{Draft, testing};

    fn issue(text: &str, replying_to: &str) -> Option<(usize, usize)> {
        let draft = Draft {
            text,
            replying_to: Some(replying_to),
            ..Draft::default()
        };
        let (i, _) = testing::run(check, draft).pop()?;
        Some((i.start, i.end))
    }

    #[test]
    fn a_reply_to_a_complaint_needs_an_acknowledgement() {
        let post = "You charged me twice and nobody answers!";
        assert_eq!(
            issue("DM us your order number. Thanks.", post),
            Some((0, 24))
        );
        assert_eq!(
            issue("Sorry about that! DM us your order number.", post),
            None
        );
        assert_eq!(issue("I understand. DM us your order number.", post), None);
    }

    #[test]
    fn acknowledgements_in_every_language() {
        let cases = [
            (
                "Посылка не пришла, уже месяц жду!",
                "Пришлите номер заказа.",
                "Простите! Пришлите номер заказа.",
            ),
            (
                "Посилка не прийшла, чекаю вже місяць!",
                "Надішліть номер замовлення.",
                "Вибачте! Надішліть номер замовлення.",
            ),
            (
                "Пасылка не прыйшла!",
                "Дашліце нумар заказу.",
                "Прабачце! Дашліце нумар заказу.",
            ),
            (
                "我的包裹还没到，已经一个月了！",
                "请提供订单号。",
                "抱歉！请提供订单号。",
            ),
            (
                "My pakkie het nooit aangekom nie!",
                "Stuur jou bestelnommer.",
                "Jammer! Stuur jou bestelnommer.",
            ),
            (
                "Mi paquete nunca llegó.",
                "Envíenos el número de pedido.",
                "¡Lo sentimos! Envíenos el número de pedido.",
            ),
            (
                "Mein Paket ist nie angekommen!",
                "Senden Sie uns die Bestellnummer.",
                "Entschuldigung! Senden Sie uns die Bestellnummer.",
            ),
            (
                "Mon colis n'est jamais arrivé !",
                "Envoyez le numéro de commande.",
                "Désolés ! Envoyez le numéro de commande.",
            ),
            (
                "Minha encomenda nunca chegou!",
                "Envie o número do pedido.",
                "Desculpe! Envie o número do pedido.",
            ),
        ];
        for (post, bare, kind) in cases {
            assert!(issue(bare, post).is_some(), "{post} / {bare}");
            assert_eq!(issue(kind, post), None, "{kind}");
        }
    }

    #[test]
    fn the_examples_acknowledge() {
        for lang in Lang::ALL {
            let text = example(lang);
            let ctx = Context::new(Draft {
                text,
                ..Draft::default()
            });
            assert!(
                ctx.has(ToneCue::Apology, 1) || ctx.has(ToneCue::Acknowledge, 1),
                "{lang:?}: {text}"
            );
        }
    }

    #[test]
    fn no_complaint_or_no_words_no_issue() {
        assert_eq!(
            issue("Here is the link.", "How do I reset my password?"),
            None
        );
        assert_eq!(issue("", "You charged me twice!"), None);
        assert_eq!(issue("🙂", "You charged me twice!"), None);
    }
}
