//! Proleptic Gregorian calendar dates with exact day arithmetic (no time zones, no clock).

use super::lexicon::calendar;

/// A calendar date. Always valid when built through [`Date::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when the month or day does not exist (Feb. 30).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(-100_000..=100_000).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (optionally followed by a time, which is ignored).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
        let date_part = s.get(..10)?;
        let mut it = date_part.split('-');
        let y: i32 = it.next()?.parse().ok()?;
        let m: u8 = it.next()?.parse().ok()?;
        let d: u8 = it.next()?.parse().ok()?;
        if it.next().is_some() || date_part.len() != 10 {
            return None;
        }
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(z: i64) -> Option<Date> {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Calendar-month addition, clamping the day (Jan. 31 + 1 month = Feb. 28/29).
    pub fn add_months(self, months: i64) -> Option<Date> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + months;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u8::try_from(total.rem_euclid(12) + 1).ok()?;
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (index 3).
        u8::try_from((self.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0)
    }

    pub fn weekday_name(self) -> &'static str {
        calendar::weekday_name(self.weekday())
    }

    pub fn month_name(self) -> &'static str {
        calendar::month_name(self.month)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_weekdays() {
        assert_eq!(Date::new(2022, 2, 24).unwrap().weekday_name(), "Thursday");
        assert_eq!(Date::new(2022, 3, 24).unwrap().weekday_name(), "Thursday");
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday_name(), "Tuesday");
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday_name(), "Thursday");
    }

    #[test]
    fn arithmetic() {
        let d = Date::new(2022, 2, 24).unwrap();
        assert_eq!(d.add_days(28), Date::new(2022, 3, 24));
        assert_eq!(d.add_months(1), Date::new(2022, 3, 24));
        assert_eq!(
            Date::new(2023, 1, 31).unwrap().add_months(1),
            Date::new(2023, 2, 28)
        );
        assert_eq!(Date::new(1900, 2, 29), None);
        assert_eq!(Date::parse_iso("2022-03-24"), Date::new(2022, 3, 24));
        assert_eq!(Date::parse_iso("2022-3-24"), None);
        for z in [-1_000_000i64, -1, 0, 1, 19_000, 2_000_000] {
            assert_eq!(
                Date::from_days_since_epoch(z).unwrap().days_since_epoch(),
                z
            );
        }
    }
}
