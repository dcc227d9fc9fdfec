//! Today's date and the time of day, written the way each language writes
//! them, for the `{{date}}` and `{{time}}` of a reply ("23 ноября 2026 г.",
//! "2026年11月23日", "23. November 2026").
//!
//! Time is passed in, never read: the moment in milliseconds since the Unix
//! epoch and the offset of the agent's time zone, as the browser knows them.

/// A moment and the local time zone's offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub utc_ms: i64,
    /// Minutes east of UTC (UTC+3 is 180).
    pub offset_minutes: i32,
}

/// `(date, time)` of `at` in language `lang` (ISO 639-1; English for the
/// languages without their own form here).
pub fn local_date_time(at: LocalTime, lang: &str) -> (String, String) {
    let local_ms = at.utc_ms + i64::from(at.offset_minutes) * 60_000;
    let days = local_ms.div_euclid(86_400_000);
    let minute_of_day = local_ms.rem_euclid(86_400_000) / 60_000;
    let (year, month, day) = civil_from_days(days);
    let (hour, minute) = (minute_of_day / 60, minute_of_day % 60);
    let month_name = |names: &[&'static str; 12]| names[month as usize - 1];
    let date = match lang {
        "ru" => format!("{day} {} {year} г.", month_name(&RU)),
        "uk" => format!("{day} {} {year} р.", month_name(&UK)),
        "be" => format!("{day} {} {year} г.", month_name(&BE)),
        "zh" => format!("{year}年{month}月{day}日"),
        "es" => format!("{day} de {} de {year}", month_name(&ES)),
        "pt" => format!("{day} de {} de {year}", month_name(&PT)),
        "de" => format!("{day}. {} {year}", month_name(&DE)),
        "fr" => format!("{day} {} {year}", month_name(&FR)),
        "af" => format!("{day} {} {year}", month_name(&AF)),
        _ => format!("{day} {} {year}", month_name(&EN)),
    };
    let time = match lang {
        "en" => {
            let h12 = if hour % 12 == 0 { 12 } else { hour % 12 };
            format!("{h12}:{minute:02} {}", if hour < 12 { "AM" } else { "PM" })
        }
        _ => format!("{hour:02}:{minute:02}"),
    };
    (date, time)
}

/// Year, month (1–12) and day of the proleptic Gregorian calendar for a
/// count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Russian months in the genitive, as dates use them.
const RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// Ukrainian months in the genitive.
const UK: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];
/// Belarusian months in the genitive.
const BE: [&str; 12] = [
    "студзеня",
    "лютага",
    "сакавіка",
    "красавіка",
    "мая",
    "чэрвеня",
    "ліпеня",
    "жніўня",
    "верасня",
    "кастрычніка",
    "лістапада",
    "снежня",
];
const ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const PT: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];
const DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const AF: [&str; 12] = [
    "Januarie",
    "Februarie",
    "Maart",
    "April",
    "Mei",
    "Junie",
    "Julie",
    "Augustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-23T21:30:00Z.
    const AT: i64 = 1_795_469_400_000;

    #[test]
    fn dates_as_each_language_writes_them() {
        let utc = LocalTime {
            utc_ms: AT,
            offset_minutes: 0,
        };
        let date = |lang| local_date_time(utc, lang).0;
        assert_eq!(date("en"), "23 November 2026");
        assert_eq!(date("ru"), "23 ноября 2026 г.");
        assert_eq!(date("uk"), "23 листопада 2026 р.");
        assert_eq!(date("be"), "23 лістапада 2026 г.");
        assert_eq!(date("zh"), "2026年11月23日");
        assert_eq!(date("es"), "23 de noviembre de 2026");
        assert_eq!(date("pt"), "23 de novembro de 2026");
        assert_eq!(date("de"), "23. November 2026");
        assert_eq!(date("fr"), "23 novembre 2026");
        assert_eq!(date("af"), "23 November 2026");
        assert_eq!(
            date("it"),
            "23 November 2026",
            "English where there is no form"
        );
        assert_eq!(local_date_time(utc, "en").1, "9:30 PM");
        assert_eq!(local_date_time(utc, "de").1, "21:30");
    }

    #[test]
    fn the_time_zone_moves_the_day() {
        let moscow = LocalTime {
            utc_ms: AT,
            offset_minutes: 180,
        };
        assert_eq!(
            local_date_time(moscow, "ru"),
            ("24 ноября 2026 г.".into(), "00:30".into())
        );
        let hawaii = LocalTime {
            utc_ms: AT - 22 * 3_600_000,
            offset_minutes: -600,
        };
        assert_eq!(local_date_time(hawaii, "en").0, "22 November 2026");
    }

    #[test]
    fn calendar_edges() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1));
    }
}
