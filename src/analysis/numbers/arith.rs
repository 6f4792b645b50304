//! The arithmetic and number formatting the NUM rules share.

use super::ratio::Ratio;

/// An amount as a reader writes it: "£1.2m", "$3bn", "1.5 million", "1,500".
pub(crate) fn amount(v: Ratio, currency: Option<&str>) -> String {
    let money = currency.is_some();
    let cur = currency.unwrap_or("");
    for (scale, short, long) in [
        (1_000_000_000_000i128, "tn", " trillion"),
        (1_000_000_000, "bn", " billion"),
        (1_000_000, "m", " million"),
    ] {
        if let Some(x) = v.over(Ratio::int(scale))
            && Ratio::ONE.le(x.abs())
            && x.times(Ratio::int(100)).is_some_and(|y| y.is_integer())
        {
            return format!("{cur}{x}{}", if money { short } else { long });
        }
    }
    format!("{cur}{v}")
}

pub(crate) fn pct(r: Ratio) -> String {
    let s = r.to_string();
    if r.num >= 0 && !s.starts_with('≈') {
        format!("+{s}%")
    } else if r.num >= 0 {
        format!("≈+{}%", &s['≈'.len_utf8()..])
    } else {
        format!("{s}%")
    }
}

pub(crate) fn half(r: Ratio) -> Ratio {
    r.times(Ratio::new(1, 2).unwrap_or(Ratio::ONE)).unwrap_or(r)
}

pub(crate) fn signed(r: Ratio) -> String {
    if r.num >= 0 {
        format!("+{r}")
    } else {
        r.to_string()
    }
}

pub(crate) trait MaxR {
    fn max_r(self, o: Ratio) -> Ratio;
}
impl MaxR for Ratio {
    fn max_r(self, o: Ratio) -> Ratio {
        if self.lt(o) { o } else { self }
    }
}
