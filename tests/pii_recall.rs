//! Recall and false-positive rate of `firstline::pii::find` on a generated
//! test set.
//!
//! The set is generated here, deterministically, by a SplitMix64 generator
//! with a fixed seed: no data files, no `rand`, and every run sees the same
//! texts. Each item is one short sentence in English, Russian, Ukrainian,
//! Belarusian, Chinese, Afrikaans, Spanish, German, French or Portuguese
//! with one value in it.
//!
//! **Positives** (2,500; a positive is found when `find` returns exactly the
//! inserted text with the right kind):
//!
//! * 500 card numbers, spread over Visa (13, 16 and 19 digits), Mastercard
//!   (51–55 and 2221–2720), American Express, Discover, MIR, UnionPay and
//!   Maestro: random account digits with the Luhn check digit computed,
//!   written in groups of four (spaces or dashes), Amex 4-6-5, or one block;
//! * 500 IBANs for every country of the detector's table (bank codes in
//!   letters where the country uses them), check digits computed by mod 97,
//!   in groups of four or one block, a few in lower case;
//! * 700 phone numbers: for each of the US, UK, Russia, Belarus, Ukraine,
//!   China, South Africa, Spain, Germany, France, Portugal and Brazil, the
//!   international form and two to five national layouts, random digits;
//! * 500 emails: plain (dots, plus tags, digits, Cyrillic) and obfuscated
//!   (`at`/`dot` words, `[at]`, `(at)`);
//! * 300 street addresses in the English, French, Spanish, Portuguese,
//!   German, Russian and Ukrainian layouts.
//!
//! **Negatives** (2,000; a negative is clean when `find` returns nothing):
//! order, ticket and invoice numbers of 5–12 digits after an order word of
//! each language; dates and times; prices and amounts with a currency;
//! 16-digit numbers that fail the Luhn check; tracking numbers (USPS, UPS,
//! UPU S10, Nova Poshta, FedEx, DHL), those of card length failing Luhn;
//! version numbers, IP addresses and years.
//!
//! The test asserts recall ≥ 0.99 for every kind and no negative flagged,
//! and prints the numbers (`cargo test --test pii_recall -- --nocapture`).
//! A second test puts every sentence through the tone check as a reply
//! draft: each positive must come back as a `personal_data` issue on exactly
//! the value (with the same recall), suggesting a direct message and, for
//! cards and IBANs, a masked fix that keeps the last four characters; no
//! negative may get one.

use std::collections::BTreeMap;

use firstline::pii::{PiiKind, find};
use firstline::tone::{self, Draft, IssueKind};

/// SplitMix64: a tiny, good-enough, seeded generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// `n` random digits.
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// `n` random upper-case letters.
    fn letters(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'A' + self.below(26) as u8))
            .collect()
    }

    /// Replaces each `#` in `pattern` by a random digit.
    fn fill(&mut self, pattern: &str) -> String {
        pattern
            .chars()
            .map(|c| {
                if c == '#' {
                    char::from(b'0' + self.below(10) as u8)
                } else {
                    c
                }
            })
            .collect()
    }
}

/// One generated sentence: its text, and the value and kind it contains.
struct Item {
    text: String,
    value: String,
    kind: Option<PiiKind>,
}

fn embed(rng: &mut Rng, templates: &[&str], value: &str, kind: Option<PiiKind>) -> Item {
    Item {
        text: rng.pick(templates).replace("{}", value),
        value: value.to_owned(),
        kind,
    }
}

// ---------------------------------------------------------------------------
// Cards

fn luhn_digit(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

fn luhn_ok(number: &str) -> bool {
    let (body, last) = number.split_at(number.len() - 1);
    luhn_digit(body).to_string() == last
}

fn card_number(rng: &mut Rng) -> String {
    let mc2 = format!("{}", rng.range(2221, 2720));
    let mir = format!("220{}", rng.range(0, 4));
    let mc = format!("5{}", rng.range(1, 5));
    let maestro = format!("{}", rng.pick(&[50, 56, 57, 58, 63, 67]));
    let (prefix, len) = match rng.below(10) {
        0 => ("4".to_owned(), *rng.pick(&[13, 16, 16, 16, 19])),
        1 => ("4".to_owned(), 16),
        2 => (mc, 16),
        3 => (mc2, 16),
        4 => (rng.pick(&["34", "37"]).to_string(), 15),
        5 => (rng.pick(&["6011", "65"]).to_string(), 16),
        6 => (mir, 16),
        7 => ("62".to_owned(), *rng.pick(&[16, 19])),
        8 => (maestro, *rng.pick(&[16, 19])),
        _ => ("4".to_owned(), 16),
    };
    let body = format!("{prefix}{}", rng.digits(len - 1 - prefix.len()));
    let number = format!("{body}{}", luhn_digit(&body));
    layout_card(rng, &number)
}

fn layout_card(rng: &mut Rng, number: &str) -> String {
    let sizes: &[usize] = match number.len() {
        15 => &[4, 6, 5],
        16 => &[4, 4, 4, 4],
        19 => &[4, 4, 4, 4, 3],
        _ => &[number.len()],
    };
    let sep = match rng.below(10) {
        0..=5 => " ",
        6..=7 => "-",
        _ => "",
    };
    let mut out = String::new();
    let mut at = 0;
    for (i, size) in sizes.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&number[at..at + size]);
        at += size;
    }
    out
}

const CARD_SENTENCES: &[&str] = &[
    "my card is {} and you charged it twice",
    "Card number: {}. Please refund.",
    "I paid with {} yesterday",
    "моя карта {}, деньги списали дважды",
    "номер карты {} — верните деньги",
    "моя картка {}, поверніть кошти",
    "我的卡号是{}，请退款",
    "mi tarjeta es {}, ¿qué pasó?",
    "meine Karte {} wurde doppelt belastet",
    "ma carte {} a été débitée deux fois",
    "meu cartão é {}, me ajudem",
    "мая картка {}, грошы спісалі двойчы",
    "my kaart {} is twee keer gedebiteer",
];

// ---------------------------------------------------------------------------
// IBANs

/// Country, length, and how many letters its bank code has.
const IBAN_COUNTRIES: &[(&str, usize, usize)] = &[
    ("AD", 24, 0),
    ("AT", 20, 0),
    ("BE", 16, 0),
    ("BG", 22, 4),
    ("BR", 29, 0),
    ("BY", 28, 4),
    ("CH", 21, 0),
    ("CY", 28, 0),
    ("CZ", 24, 0),
    ("DE", 22, 0),
    ("DK", 18, 0),
    ("EE", 20, 0),
    ("ES", 24, 0),
    ("FI", 18, 0),
    ("FR", 27, 0),
    ("GB", 22, 4),
    ("GE", 22, 2),
    ("GR", 27, 0),
    ("HR", 21, 0),
    ("HU", 28, 0),
    ("IE", 22, 4),
    ("IT", 27, 1),
    ("KZ", 20, 0),
    ("LT", 20, 0),
    ("LU", 20, 0),
    ("LV", 21, 4),
    ("MD", 24, 2),
    ("MT", 31, 4),
    ("NL", 18, 4),
    ("NO", 15, 0),
    ("PL", 28, 0),
    ("PT", 25, 0),
    ("RO", 24, 4),
    ("RU", 33, 0),
    ("SE", 24, 0),
    ("SI", 19, 0),
    ("SK", 24, 0),
    ("UA", 29, 0),
];

fn mod97(digits_and_letters: &str) -> u32 {
    digits_and_letters.chars().fold(0, |r, c| {
        let v = c.to_digit(36).expect("alphanumeric");
        if v < 10 {
            (r * 10 + v) % 97
        } else {
            (r * 100 + v) % 97
        }
    })
}

fn iban(rng: &mut Rng) -> String {
    let &(country, len, letters) = rng.pick(IBAN_COUNTRIES);
    let bban = format!("{}{}", rng.letters(letters), rng.digits(len - 4 - letters));
    let check = 98 - mod97(&format!("{bban}{country}00"));
    let iban = format!("{country}{check:02}{bban}");
    let mut out = if rng.chance(70) {
        iban.as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("ascii"))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        iban
    };
    if rng.chance(5) {
        out = out.to_lowercase();
    }
    out
}

const IBAN_SENTENCES: &[&str] = &[
    "please refund to IBAN {} thanks",
    "my account: {}",
    "мой IBAN {} для возврата",
    "мій рахунок {}, поверніть гроші",
    "我的账户{}",
    "mi IBAN es {}.",
    "Bitte auf {} überweisen",
    "mon IBAN : {}",
    "o meu IBAN é {}",
    "мой IBAN {} для вяртання",
    "my rekening is {}, betaal asseblief terug",
];

// ---------------------------------------------------------------------------
// Phones

/// National and international layouts per country; `#` is a random digit.
const PHONE_FORMATS: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "(555) ###-####",
            "(212) 5##-####",
            "555-###-####",
            "415.###.####",
            "+1 212 ### ####",
            "+1 (646) ###-####",
            "1-800-###-####",
        ],
    ),
    (
        "UK",
        &[
            "07700 9#####",
            "07### ######",
            "020 7### ####",
            "+44 7700 9#####",
            "+44 20 7### ####",
            "+44 (0)20 7### ####",
        ],
    ),
    (
        "RU",
        &[
            "8 (916) ###-##-##",
            "8-9##-###-##-##",
            "89#########",
            "+7 916 ### ## ##",
            "+7 (495) ###-##-##",
        ],
    ),
    (
        "BY",
        &[
            "+375 29 ###-##-##",
            "8 029 ### ## ##",
            "8 (044) ###-##-##",
            "029 ###-##-##",
        ],
    ),
    (
        "UA",
        &[
            "067 ### ## ##",
            "(050) ###-##-##",
            "+380 67 ### ## ##",
            "+380 (44) ###-##-##",
            "0##########",
        ],
    ),
    (
        "CN",
        &[
            "138 #### ####",
            "139########",
            "186-####-####",
            "+86 138 #### ####",
            "010-########",
        ],
    ),
    (
        "ZA",
        &[
            "082 ### ####",
            "+27 82 ### ####",
            "021 ### ####",
            "+27 21 ### ####",
        ],
    ),
    (
        "ES",
        &[
            "612 ## ## ##",
            "6## ### ###",
            "+34 612 ## ## ##",
            "91 ### ## ##",
        ],
    ),
    (
        "DE",
        &[
            "030 ########",
            "0151 ########",
            "(030) #######",
            "+49 30 ########",
            "+49 151 ########",
        ],
    ),
    (
        "FR",
        &[
            "06 ## ## ## ##",
            "07.##.##.##.##",
            "01 ## ## ## ##",
            "+33 6 ## ## ## ##",
        ],
    ),
    (
        "PT",
        &[
            "912 ### ###",
            "21# ### ###",
            "+351 912 ### ###",
            "+351 21# ### ###",
        ],
    ),
    (
        "BR",
        &[
            "(11) 9####-####",
            "(21) 3###-####",
            "11 9####-####",
            "+55 11 9####-####",
        ],
    ),
];

fn phone(rng: &mut Rng) -> (String, &'static str) {
    let (country, formats) = rng.pick(PHONE_FORMATS);
    let pattern = *rng.pick(formats);
    (rng.fill(pattern), country)
}

fn phone_sentences(country: &str) -> &'static [&'static str] {
    match country {
        "US" | "UK" => &[
            "call me on {} please",
            "my number is {}, text me",
            "Reach me at {} after 5pm",
        ],
        "ZA" => &[
            "call me on {} please",
            "bel my by {} asseblief",
            "my nommer is {}",
        ],
        "RU" => &["мой номер {}, перезвоните", "звоните: {}", "тел. {} — Иван"],
        "BY" => &["мой нумар {}, перазваніце", "звоните: {}", "тэл. {}"],
        "UA" => &["мій номер {}, передзвоніть", "телефон {}"],
        "CN" => &["我的电话是{}，谢谢", "请打{}联系我"],
        "ES" => &["mi número es {}, llámame", "teléfono: {}"],
        "DE" => &["meine Nummer ist {}", "Rufen Sie mich unter {} an"],
        "FR" => &["mon numéro est le {}, merci", "appelez-moi au {}"],
        _ => &["meu número é {}, liguem", "telefone: {}"],
    }
}

// ---------------------------------------------------------------------------
// Emails

const FIRST: &[&str] = &[
    "john", "maria", "ivan", "olena", "wei", "pedro", "hans", "claire", "joao", "thabo", "anna",
    "sergey", "li", "carmen", "jurgen", "amelie",
];
const LAST: &[&str] = &[
    "smith",
    "garcia",
    "petrov",
    "shevchenko",
    "zhang",
    "silva",
    "muller",
    "dubois",
    "nkosi",
    "ivanova",
    "wang",
    "lopez",
    "schmidt",
    "martin",
];
const DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "mail.ru",
    "yandex.ru",
    "ukr.net",
    "qq.com",
    "163.com",
    "gmx.de",
    "web.de",
    "orange.fr",
    "sapo.pt",
    "uol.com.br",
    "outlook.com",
    "example.co.uk",
    "company-mail.org",
    "shop.example.es",
    "tut.by",
    "icloud.com",
];

fn email(rng: &mut Rng) -> String {
    let first = *rng.pick(FIRST);
    let last = *rng.pick(LAST);
    let local = match rng.below(6) {
        0 => format!("{first}.{last}"),
        1 => {
            let len = rng.range(2, 4);
            format!("{first}{}", rng.digits(len))
        }
        2 => format!("{first}_{last}{}", rng.range(1, 99)),
        3 => format!("{first}+support"),
        4 => format!("{}{last}", &first[..1]),
        _ => first.to_owned(),
    };
    let domain = *rng.pick(DOMAINS);
    match rng.below(10) {
        0 => format!("{local} at {}", domain.replace('.', " dot ")),
        1 => format!("{local} [at] {}", domain.replace('.', " [dot] ")),
        2 => format!("{local}(at){domain}"),
        3 => format!("{local} AT {}", domain.replace('.', " DOT ")),
        4 if rng.chance(30) => "иван.петров@почта.рф".to_owned(),
        _ => format!("{local}@{domain}"),
    }
}

const EMAIL_SENTENCES: &[&str] = &[
    "email me: {} thanks",
    "my email is {}.",
    "пишите на {}, отвечу",
    "моя почта {}",
    "пишіть на {}",
    "我的邮箱是{}，谢谢",
    "mi correo es {}",
    "meine E-Mail: {}",
    "mon e-mail : {}",
    "meu e-mail é {}",
    "пішыце на {}",
    "my e-pos is {}",
];

// ---------------------------------------------------------------------------
// Addresses

fn address(rng: &mut Rng) -> (String, &'static [&'static str]) {
    let n = rng.range(1, 480);
    match rng.below(7) {
        0 => {
            let name = rng.pick(&["Baker", "Main", "Oak", "High", "Church", "Victoria", "Elm"]);
            let kind = rng.pick(&[
                "Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Drive",
            ]);
            let suffix = if rng.chance(15) { "B" } else { "" };
            (
                format!("{n}{suffix} {name} {kind}"),
                &["I live at {}, please send it there", "ship to {}, thanks"],
            )
        }
        1 => {
            let street = rng.pick(&[
                "rue de la Paix",
                "avenue Victor Hugo",
                "boulevard Saint-Michel",
                "place de la République",
                "rue de l'Église",
            ]);
            (
                format!("{n} {street}"),
                &["j'habite au {}, Paris", "livrez au {} svp"],
            )
        }
        2 => {
            let street = rng.pick(&[
                "Calle Mayor",
                "Calle de Alcalá",
                "Avenida de la Constitución",
                "C/ Gran Vía",
                "Plaza de España",
            ]);
            let sep = rng.pick(&[" ", ", ", " nº "]);
            (
                format!("{street}{sep}{n}"),
                &["vivo en {}, Madrid", "envíelo a {}"],
            )
        }
        3 => {
            let street = rng.pick(&[
                "Rua Augusta",
                "Avenida da Liberdade",
                "Rua do Ouro",
                "Av. Paulista",
                "Praça do Comércio",
            ]);
            let sep = rng.pick(&[" ", ", ", ", n.º "]);
            (
                format!("{street}{sep}{n}"),
                &["moro na {}, Lisboa", "entreguem na {}"],
            )
        }
        4 => {
            let street = rng.pick(&[
                "Hauptstraße",
                "Bahnhofstr.",
                "Berliner Straße",
                "Lindenweg",
                "Goethestraße",
                "Marktplatz",
            ]);
            (
                format!("{street} {n}"),
                &["Ich wohne in der {}, Berlin", "Lieferadresse: {}"],
            )
        }
        5 => {
            let street = rng.pick(&["ул. Ленина", "улица Пушкина", "пр-т Мира", "ул. Тверская"]);
            let sep = rng.pick(&[", д. ", " ", ", "]);
            (
                format!("{street}{sep}{n}"),
                &["мой адрес: {}, кв. 12", "доставьте на {}"],
            )
        }
        _ => {
            let street = rng.pick(&["вул. Хрещатик", "вулиця Шевченка", "вул. Франка"]);
            let sep = rng.pick(&[", ", ", буд. "]);
            (
                format!("{street}{sep}{n}"),
                &["моя адреса: {}, Київ", "доставте на {}"],
            )
        }
    }
}

// ---------------------------------------------------------------------------
// Negatives

fn order_number(rng: &mut Rng) -> String {
    let len = rng.range(5, 12);
    let n = rng.digits(len);
    let template = rng.pick(&[
        "where is my order #{}?",
        "order {} still not shipped",
        "order number {} is late",
        "order no. {} was cancelled",
        "ticket {} has no answer",
        "ticket #{} closed without reply",
        "case {} — any update?",
        "invoice {} is wrong",
        "заказ {} не пришёл",
        "номер заказа {}, где он?",
        "заказ №{} отменили",
        "трек-номер {} не отслеживается",
        "замовлення №{} досі не прийшло",
        "pedido {} sin enviar",
        "número de pedido {}",
        "Bestellnummer {} fehlt",
        "meine Bestellung {} ist nicht da",
        "commande n° {} non reçue",
        "a minha encomenda {} não chegou",
        "我的订单号{}还没到",
        "замова №{} не прыйшла",
        "нумар заказу {}",
        "my bestelling {} het nie aangekom nie",
        "bestelnommer {} is laat",
    ]);
    template.replace("{}", &n)
}

fn date_or_time(rng: &mut Rng) -> String {
    let (y, m, d) = (rng.range(2019, 2026), rng.range(1, 12), rng.range(1, 28));
    let (h, min) = (rng.range(0, 23), rng.range(0, 59));
    let value = match rng.below(8) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{d:02}.{m:02}.{y}"),
        2 => format!("{m}/{d}/{}", y % 100),
        3 => format!("{d:02}/{m:02}/{y}"),
        4 => format!("{y}-{m:02}-{d:02} {h:02}:{min:02}"),
        5 => format!("{d:02}.{m:02}.{y} {h:02}:{min:02}"),
        6 => format!("{h:02}:{min:02}:{:02}", rng.range(0, 59)),
        _ => format!("{h}:{min:02}"),
    };
    let template = rng.pick(&[
        "it was delivered on {}",
        "доставка {} не состоялась",
        "замовлення від {}",
        "预计{}送达",
        "llegó el {}",
        "am {} bestellt",
        "livré le {}",
        "chegou em {}",
        "дастаўка {} не адбылася",
        "afgelewer op {}",
    ]);
    template.replace("{}", &value)
}

fn price(rng: &mut Rng) -> String {
    let n = rng.range(1, 99_999);
    let big = rng.range(1_000_000, 999_999_999);
    let thousands = |x: usize, sep: &str| {
        let s = x.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    };
    match rng.below(12) {
        0 => format!("it costs ${}.{:02}", thousands(n, ","), rng.below(100)),
        1 => format!("цена {n}р"),
        2 => format!("цена {} ₽", thousands(n, " ")),
        3 => format!("il coûte {},{:02} €", thousands(n, " "), rng.below(100)),
        4 => format!("custa R$ {},{:02}", thousands(n, "."), rng.below(100)),
        5 => format!("价格¥{}", thousands(n, ",")),
        6 => format!("ціна {n} грн"),
        7 => format!("it was R {}.99", thousands(n, " ")),
        8 => format!("refund of USD {}", thousands(n, ",")),
        9 => format!("we lost {} руб", thousands(big, " ")),
        10 => format!("kostet {} €", thousands(big, ".")),
        _ => format!("£{n}.99 only"),
    }
}

fn luhn_failing(rng: &mut Rng) -> String {
    loop {
        let number = format!("{}{}", rng.range(1, 9), rng.digits(15));
        if !luhn_ok(&number) {
            let template = rng.pick(&[
                "is {} a valid code?",
                "reference {} from the bank",
                "номер {} не подходит",
                "código {}",
            ]);
            return template.replace("{}", &layout_card(rng, &number));
        }
    }
}

fn tracking(rng: &mut Rng) -> String {
    let (value, templates): (String, &[&str]) = match rng.below(6) {
        0 => (
            format!(
                "9400 {} {} {} {} {}",
                rng.digits(4),
                rng.digits(4),
                rng.digits(4),
                rng.digits(4),
                rng.digits(2)
            ),
            &["USPS tracking {}", "tracking number: {}"],
        ),
        1 => (
            format!("1Z{}{}", rng.letters(6), rng.digits(10)),
            &["UPS {} shows nothing", "tracking {}"],
        ),
        2 => (
            format!(
                "R{}{}{}",
                rng.letters(1),
                rng.digits(9),
                rng.pick(&["CN", "RU", "UA", "GB"])
            ),
            &["трек {} застрял", "посылка {} на таможне", "包裹{}"],
        ),
        3 => loop {
            let n = format!("{}{}", rng.pick(&["2045", "5900"]), rng.digits(10));
            if !luhn_ok(&n) {
                break (n, &["ТТН {} не приїхала", "накладна {}"]);
            }
        },
        4 => (rng.digits(12), &["FedEx tracking {}", "tracking number {}"]),
        _ => (
            format!("{}{}", rng.range(1, 9), rng.digits(9)),
            &["DHL tracking {}", "Sendungsnummer {}"],
        ),
    };
    rng.pick(templates).replace("{}", &value)
}

fn other_number(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!(
            "update to v{}.{}.{}",
            rng.range(1, 20),
            rng.range(0, 30),
            rng.range(0, 300)
        ),
        1 => format!(
            "version {}.{}.{}",
            rng.range(1, 20),
            rng.range(0, 30),
            rng.range(0, 9999)
        ),
        2 => format!(
            "server {}.{}.{}.{} is down",
            rng.range(1, 255),
            rng.range(0, 255),
            rng.range(0, 255),
            rng.range(1, 254)
        ),
        3 => format!(
            "since {}, in {}",
            rng.range(1950, 2030),
            rng.range(1950, 2030)
        ),
        _ => format!("{} users, {}%", rng.range(2, 999), rng.range(1, 100)),
    }
}

// ---------------------------------------------------------------------------
// The test

fn positives(rng: &mut Rng) -> Vec<Item> {
    let mut items = Vec::new();
    for _ in 0..500 {
        let value = card_number(rng);
        items.push(embed(
            rng,
            CARD_SENTENCES,
            &value,
            Some(PiiKind::CardNumber),
        ));
    }
    for _ in 0..500 {
        let value = iban(rng);
        items.push(embed(rng, IBAN_SENTENCES, &value, Some(PiiKind::Iban)));
    }
    for _ in 0..700 {
        let (value, country) = phone(rng);
        items.push(embed(
            rng,
            phone_sentences(country),
            &value,
            Some(PiiKind::Phone),
        ));
    }
    for _ in 0..500 {
        let value = email(rng);
        items.push(embed(rng, EMAIL_SENTENCES, &value, Some(PiiKind::Email)));
    }
    for _ in 0..300 {
        let (value, templates) = address(rng);
        items.push(embed(rng, templates, &value, Some(PiiKind::Address)));
    }
    items
}

fn negatives(rng: &mut Rng) -> Vec<Item> {
    (0..2000)
        .map(|i| {
            let text = match i % 6 {
                0 => order_number(rng),
                1 => date_or_time(rng),
                2 => price(rng),
                3 => luhn_failing(rng),
                4 => tracking(rng),
                _ => other_number(rng),
            };
            Item {
                text,
                value: String::new(),
                kind: None,
            }
        })
        .collect()
}

#[test]
fn recall_and_false_positives_on_generated_texts() {
    let mut rng = Rng(0x5EED_F1257_u64);
    let positives = positives(&mut rng);
    let negatives = negatives(&mut rng);
    assert!(positives.len() >= 2000 && negatives.len() >= 2000);

    let mut per_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for item in &positives {
        let kind = item.kind.expect("positives have a kind");
        let found = find(&item.text)
            .iter()
            .any(|m| m.kind == kind && m.text == item.value);
        let entry = per_kind.entry(format!("{kind:?}")).or_default();
        entry.1 += 1;
        if found {
            entry.0 += 1;
        } else {
            misses.push(format!(
                "{kind:?}: {:?} → {:?}",
                item.text,
                find(&item.text)
            ));
        }
    }
    let mut false_positives = Vec::new();
    for item in &negatives {
        let found = find(&item.text);
        if !found.is_empty() {
            false_positives.push(format!("{:?} → {:?}", item.text, found));
        }
    }

    println!("pii recall on {} generated positives:", positives.len());
    for (kind, (hit, total)) in &per_kind {
        println!(
            "  {kind:<11} {hit:>4}/{total:<4} = {:.4}",
            *hit as f64 / *total as f64
        );
    }
    let clean = negatives.len() - false_positives.len();
    println!(
        "negatives clean: {clean}/{} = {:.4}",
        negatives.len(),
        clean as f64 / negatives.len() as f64
    );
    for miss in misses.iter().take(15) {
        println!("  missed {miss}");
    }
    for fp in false_positives.iter().take(15) {
        println!("  flagged {fp}");
    }

    for (kind, (hit, total)) in &per_kind {
        let recall = *hit as f64 / *total as f64;
        assert!(recall >= 0.99, "{kind} recall {recall:.4}");
    }
    assert!(
        false_positives.is_empty(),
        "{} of {} negatives flagged",
        false_positives.len(),
        negatives.len()
    );
}

/// The same sentences as reply drafts: the tone check's `personal_data`
/// issues.
#[test]
fn tone_check_flags_the_same_values_and_suggests_a_dm() {
    let mut rng = Rng(0x5EED_F1257_u64);
    let positives = positives(&mut rng);
    let negatives = negatives(&mut rng);
    let personal = |text: &str| -> Vec<(String, tone::Issue)> {
        tone::check(&Draft {
            text,
            ..Draft::default()
        })
        .issues
        .into_iter()
        .filter(|i| i.kind == IssueKind::PersonalData)
        .map(|i| {
            (
                text.chars().skip(i.start).take(i.end - i.start).collect(),
                i,
            )
        })
        .collect()
    };
    let mut found = 0;
    for item in &positives {
        let kind = item.kind.expect("positives have a kind");
        let Some((_, issue)) = personal(&item.text)
            .into_iter()
            .find(|(quoted, _)| *quoted == item.value)
        else {
            continue;
        };
        found += 1;
        assert!(issue.suggestion.contains("direct message"), "{issue:?}");
        let last_four: String = {
            let alnum: Vec<char> = item.value.chars().filter(|c| c.is_alphanumeric()).collect();
            alnum[alnum.len() - 4..].iter().collect()
        };
        match (kind, &issue.fix) {
            (PiiKind::CardNumber | PiiKind::Iban, Some(fix)) => {
                let kept: String = fix.chars().filter(|c| c.is_alphanumeric()).collect();
                assert!(kept.ends_with(&last_four) && fix.contains('•'), "{fix}");
                assert_eq!(fix.chars().count(), item.value.chars().count());
            }
            (PiiKind::CardNumber | PiiKind::Iban, None) => panic!("no mask for {}", item.value),
            (_, fix) => assert_eq!(*fix, None),
        }
    }
    let recall = found as f64 / positives.len() as f64;
    println!(
        "tone personal_data recall: {found}/{} = {recall:.4}",
        positives.len()
    );
    assert!(recall >= 0.99, "recall {recall:.4}");
    let flagged: Vec<_> = negatives
        .iter()
        .filter(|item| !personal(&item.text).is_empty())
        .map(|item| item.text.as_str())
        .collect();
    assert!(flagged.is_empty(), "negatives flagged: {flagged:?}");
}

/// A megabyte of the generated sentences, positives and negatives mixed.
#[test]
fn a_megabyte_is_fast() {
    let mut rng = Rng(7);
    let mut sentences: Vec<String> = positives(&mut rng).into_iter().map(|i| i.text).collect();
    sentences.extend(negatives(&mut rng).into_iter().map(|i| i.text));
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(&sentences[rng.below(sentences.len())]);
        text.push_str(". ");
    }
    // Best of three, so that a busy machine does not fail the test.
    let mut took = std::time::Duration::MAX;
    let mut found = Vec::new();
    for _ in 0..3 {
        let started = std::time::Instant::now();
        found = find(&text);
        took = took.min(started.elapsed());
    }
    println!(
        "1 MB ({} chars): {} findings in {took:?}",
        text.chars().count(),
        found.len()
    );
    let limit_ms = if cfg!(debug_assertions) { 3_000 } else { 100 };
    assert!(took.as_millis() < limit_ms, "took {took:?}");
}
