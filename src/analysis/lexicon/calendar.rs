//! Month and weekday names: the one list every layer reads (dates, sentence boundaries, figures,
//! names that are not people).

use std::sync::LazyLock;

use super::hash::FxHashMap;
use super::lines;

/// A month's name in the forms copydesk reads and writes.
pub struct Month {
    /// "September".
    pub name: &'static str,
    /// "september".
    pub lower: &'static str,
    /// As AP style writes it before a day: "Sept.", "March".
    pub ap: &'static str,
}

/// A weekday's name.
pub struct Weekday {
    /// "Thursday".
    pub name: &'static str,
    /// "thursday".
    pub lower: &'static str,
}

/// The months, January first (`data/calendar/months.tsv`).
pub static MONTHS: LazyLock<Vec<Month>> = LazyLock::new(|| {
    lines(include_str!("../data/calendar/months.tsv"))
        .filter_map(|l| {
            let mut cells = l.split('\t');
            Some(Month {
                name: cells.next()?,
                lower: cells.next()?,
                ap: cells.next()?,
            })
        })
        .collect()
});

/// The weekdays, Monday (0) first (`data/calendar/weekdays.tsv`).
pub static WEEKDAYS: LazyLock<Vec<Weekday>> = LazyLock::new(|| {
    lines(include_str!("../data/calendar/weekdays.tsv"))
        .filter_map(|l| {
            let (name, lower) = l.split_once('\t')?;
            Some(Weekday { name, lower })
        })
        .collect()
});

/// The abbreviation of September besides its first three letters.
const SEPT: &str = "sept";

/// Lower-case month words and their month: full names, first three letters, "sept".
static MONTH_WORDS: LazyLock<FxHashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut words = FxHashMap::default();
    for (m, n) in MONTHS.iter().zip(1u8..) {
        words.insert(m.lower, n);
        words.insert(three_letters(m), n);
    }
    words.insert(SEPT, 9);
    words
});

fn three_letters(m: &Month) -> &'static str {
    m.lower.get(..3).unwrap_or(m.lower)
}

/// The month (1 = January) a lower-case word names: its full name ("march"), its first three
/// letters ("mar", "may") or "sept".
pub fn month_of(lc: &str) -> Option<u8> {
    if lc.len() < 3 || lc.len() > 9 {
        return None;
    }
    MONTH_WORDS.get(lc).copied()
}

/// The weekday (0 = Monday) a lower-case word names ("thursday").
pub fn weekday_of(lc: &str) -> Option<u8> {
    WEEKDAYS
        .iter()
        .position(|d| d.lower == lc)
        .and_then(|i| u8::try_from(i).ok())
}

/// The month abbreviations written with a period ("jan", "sept"; not "may"), lower case.
pub fn abbreviations() -> impl Iterator<Item = &'static str> {
    MONTHS
        .iter()
        .filter(|m| m.lower.len() > 3)
        .map(three_letters)
        .chain([SEPT])
}

/// Every lower-case month and weekday word: full names, abbreviations ("jan", "may", "sept").
pub fn words() -> impl Iterator<Item = &'static str> {
    MONTHS
        .iter()
        .flat_map(|m| [m.lower, three_letters(m)])
        .chain([SEPT])
        .chain(WEEKDAYS.iter().map(|d| d.lower))
}

/// "Thursday" for weekday 3 ("" past Sunday).
pub fn weekday_name(weekday: u8) -> &'static str {
    WEEKDAYS.get(usize::from(weekday)).map_or("", |d| d.name)
}

/// "September" for month 9 ("" outside 1..=12).
pub fn month_name(month: u8) -> &'static str {
    get(month).map_or("", |m| m.name)
}

/// "Sept." for month 9, as AP style writes it before a day ("" outside 1..=12).
pub fn month_ap(month: u8) -> &'static str {
    get(month).map_or("", |m| m.ap)
}

fn get(month: u8) -> Option<&'static Month> {
    MONTHS.get(usize::from(month).checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month_of("march"), Some(3));
        assert_eq!(month_of("may"), Some(5));
        assert_eq!(month_of("sept"), Some(9));
        assert_eq!(month_of("sep"), Some(9));
        assert_eq!(month_of("March"), None);
        assert_eq!(month_of("marc"), None);
        assert_eq!(weekday_of("thursday"), Some(3));
        assert_eq!(weekday_name(3), "Thursday");
        assert_eq!(month_name(9), "September");
        assert_eq!(month_ap(9), "Sept.");
        assert_eq!(month_ap(0), "");
        let abbr: Vec<&str> = abbreviations().collect();
        assert_eq!(
            abbr,
            [
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sept"
            ]
        );
        assert_eq!(words().count(), 12 * 2 + 1 + 7);
        assert_eq!((MONTHS.len(), WEEKDAYS.len()), (12, 7));
        for m in MONTHS.iter() {
            assert_eq!(m.lower, m.name.to_lowercase());
        }
        for d in WEEKDAYS.iter() {
            assert_eq!(d.lower, d.name.to_lowercase());
        }
    }
}
