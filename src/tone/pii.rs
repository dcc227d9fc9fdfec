//! Personal data in a public reply: emails, phone numbers, card numbers
//! (Luhn), IBANs (mod 97) and street addresses, found by [`crate::pii`].
//! Each belongs in a direct message. A card number or IBAN gets a fix that
//! masks it, keeping its last four characters, so a reply can still say
//! which card is meant; a phone or email may be the company's own, so it is
//! flagged without a fix.

use super::{Context, Issue, IssueKind};
use crate::pii::{self, PiiKind};

/// The character that hides a digit or letter.
pub const MASK: char = '•';

/// Adds an issue per piece of personal data.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Issue>) {
    for found in pii::find(ctx.draft.text) {
        let (what, fix) = match found.kind {
            PiiKind::CardNumber => ("A card number", Some(mask(&found.text, 0))),
            PiiKind::Iban => ("An IBAN", Some(mask(&found.text, 2))),
            PiiKind::Email => ("An email address", None),
            PiiKind::Phone => ("A phone number", None),
            PiiKind::Address => ("A street address", None),
        };
        out.push(Issue {
            kind: IssueKind::PersonalData,
            start: found.start,
            end: found.end,
            message: format!("{what} in a public reply."),
            suggestion: "Move it to a direct message (DM); if it is the customer's, do not repeat it in public.".to_owned(),
            fix,
        });
    }
}

/// `text` with every letter and digit hidden but the first `keep_first`
/// and the last four; separators stay.
fn mask(text: &str, keep_first: usize) -> String {
    let total = text.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen <= keep_first || seen + 4 > total {
                c
            } else {
                MASK
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::{Draft, testing};

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        let draft = Draft {
            text,
            ..Draft::default()
        };
        testing::run(check, draft)
            .into_iter()
            .map(|(i, words)| (words, i.fix))
            .collect()
    }

    #[test]
    fn cards_and_ibans_are_masked() {
        assert_eq!(
            found("Your card 4111 1111 1111 1111 was charged."),
            [(
                "4111 1111 1111 1111".to_owned(),
                Some("•••• •••• •••• 1111".to_owned())
            )]
        );
        assert_eq!(
            found("Оплатите на DE89 3704 0044 0532 0130 00."),
            [(
                "DE89 3704 0044 0532 0130 00".to_owned(),
                Some("DE•• •••• •••• •••• ••30 00".to_owned())
            )]
        );
    }

    #[test]
    fn emails_phones_and_addresses_are_flagged_without_a_fix() {
        let found = found("Write to jo@example.com or call +44 7700 900123, 221B Baker Street.");
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|(_, fix)| fix.is_none()));
    }

    #[test]
    fn order_numbers_dates_and_prices_are_not_personal() {
        assert!(
            found("Order #48213 shipped on 01.05.2024 for €49.99, tracking 1Z999AA10123456784.")
                .is_empty()
        );
        assert!(found("订单号 202405011234 已于 2024-05-01 发货").is_empty());
    }
}
