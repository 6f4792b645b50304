//! Exact rational numbers (i128 numerator / denominator) for figure arithmetic. Every operation is
//! checked: an overflow gives `None`, and callers then make no finding.

use std::cmp::Ordering;

/// A normalised fraction: `den > 0`, `gcd(num, den) == 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    pub num: i128,
    pub den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    i128::try_from(a).unwrap_or(1)
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };
    pub const HUNDRED: Ratio = Ratio { num: 100, den: 1 };

    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (mut n, mut d) = (num / g, den / g);
        if d < 0 {
            n = n.checked_neg()?;
            d = d.checked_neg()?;
        }
        Some(Ratio { num: n, den: d })
    }

    pub const fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub fn plus(self, o: Ratio) -> Option<Ratio> {
        let n = self
            .num
            .checked_mul(o.den)?
            .checked_add(o.num.checked_mul(self.den)?)?;
        Ratio::new(n, self.den.checked_mul(o.den)?)
    }

    pub fn minus(self, o: Ratio) -> Option<Ratio> {
        self.plus(Ratio {
            num: o.num.checked_neg()?,
            den: o.den,
        })
    }

    pub fn times(self, o: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        Ratio::new(
            (self.num / g1).checked_mul(o.num / g2)?,
            (self.den / g2).checked_mul(o.den / g1)?,
        )
    }

    pub fn over(self, o: Ratio) -> Option<Ratio> {
        if o.num == 0 {
            return None;
        }
        self.times(Ratio::new(o.den, o.num)?)
    }

    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Exact comparison (cross-multiplication); falls back to floats only on overflow.
    pub fn cmp_exact(self, o: Ratio) -> Ordering {
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self
                .to_f64()
                .partial_cmp(&o.to_f64())
                .unwrap_or(Ordering::Equal),
        }
    }

    pub fn lt(self, o: Ratio) -> bool {
        self.cmp_exact(o) == Ordering::Less
    }

    pub fn le(self, o: Ratio) -> bool {
        self.cmp_exact(o) != Ordering::Greater
    }

    pub fn abs(self) -> Ratio {
        // `saturating_abs` keeps i128::MIN from overflowing.
        Ratio {
            num: self.num.saturating_abs(),
            den: self.den,
        }
    }

    /// The value rounded half away from zero to `places` decimal places ("1.02"), without `≈`.
    pub fn rounded(self, places: u32) -> String {
        let scale = 10i128.pow(places.min(6));
        let Some(n2) = self.num.checked_mul(scale * 2) else {
            return format!("{:.*}", places as usize, self.to_f64());
        };
        let q = match n2
            .checked_add(self.den.saturating_mul(self.num.signum()))
            .zip(self.den.checked_mul(2))
        {
            Some((n, d)) => n / d,
            None => return format!("{:.*}", places as usize, self.to_f64()),
        };
        match Ratio::new(q, scale) {
            Some(r) => r.to_string(),
            None => String::new(),
        }
    }

    /// Parses digits with optional `,` thousands separators and one `.` decimal point ("1,500",
    /// "2.5"). Returns the value and the size of one unit of its last digit (1 for "1,500", 1/10
    /// for "2.5").
    pub fn parse_numeral(s: &str) -> Option<(Ratio, Ratio)> {
        let (int_part, frac_part) = match s.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        if int_part.is_empty() {
            return None;
        }
        // Thousands separators must group by three ("1,500", not "1,5").
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups.len() > 1
            && (groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3))
        {
            return None;
        }
        let mut num: i128 = 0;
        for c in int_part.chars().filter(|&c| c != ',') {
            let d = c.to_digit(10)?;
            num = num.checked_mul(10)?.checked_add(i128::from(d))?;
        }
        let mut den: i128 = 1;
        if let Some(frac) = frac_part {
            if frac.is_empty() || frac.contains(['.', ',']) || frac.len() > 12 {
                return None;
            }
            for c in frac.chars() {
                let d = c.to_digit(10)?;
                num = num.checked_mul(10)?.checked_add(i128::from(d))?;
                den = den.checked_mul(10)?;
            }
        }
        Some((Ratio::new(num, den)?, Ratio::new(1, den)?))
    }
}

/// Groups an integer's digits by three ("1500" -> "1,500").
fn group(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for Ratio {
    /// Integers with thousands separators; terminating decimals in full (up to 4 places); other
    /// fractions rounded to one decimal place with a leading `≈`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.den == 1 {
            return f.write_str(&group(self.num));
        }
        let mut den = self.den;
        let mut places = 0u32;
        while den % 2 == 0 || den % 5 == 0 {
            if den % 2 == 0 {
                den /= 2;
            }
            if den % 5 == 0 {
                den /= 5;
            }
            places += 1;
        }
        if den == 1
            && places <= 4
            && let Some(scaled) = self.num.checked_mul(10i128.pow(places) / self.den)
        {
            let scale = 10i128.pow(places);
            let int = scaled / scale;
            let frac = (scaled % scale).abs();
            let sign = if scaled < 0 && int == 0 { "-" } else { "" };
            let frac = format!("{frac:0width$}", width = places as usize);
            return write!(f, "{sign}{}.{}", group(int), frac.trim_end_matches('0'));
        }
        // Round half away from zero to one decimal place.
        let Some(tenths) = self
            .num
            .checked_mul(20)
            .and_then(|n| n.checked_add(self.den.checked_mul(self.num.signum())?))
            .and_then(|n| Some(n / self.den.checked_mul(2)?))
        else {
            return write!(f, "≈{:.1}", self.to_f64());
        };
        let sign = if tenths < 0 { "-" } else { "" };
        let t = tenths.abs();
        if t % 10 == 0 {
            write!(f, "≈{sign}{}", group(t / 10))
        } else {
            write!(f, "≈{sign}{}.{}", group(t / 10), t % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_show() {
        let (v, u) = Ratio::parse_numeral("1,500").unwrap();
        assert_eq!((v, u), (Ratio::int(1500), Ratio::ONE));
        assert_eq!(v.to_string(), "1,500");
        let (v, u) = Ratio::parse_numeral("2.5").unwrap();
        assert_eq!(v, Ratio::new(5, 2).unwrap());
        assert_eq!(u, Ratio::new(1, 10).unwrap());
        assert_eq!(v.to_string(), "2.5");
        assert_eq!(Ratio::parse_numeral("1,5"), None);
        assert_eq!(Ratio::new(1, 3).unwrap().to_string(), "≈0.3");
        assert_eq!(Ratio::new(100, 3).unwrap().to_string(), "≈33.3");
        assert_eq!(Ratio::new(-1, 4).unwrap().to_string(), "-0.25");
        assert!(Ratio::new(1, 3).unwrap().lt(Ratio::new(34, 100).unwrap()));
        // Huge values never overflow while printing.
        let big = Ratio::new(i128::MAX / 3, 7).unwrap();
        assert!(!big.to_string().is_empty());
        assert!(!big.rounded(2).is_empty());
        assert!(Ratio::new(i128::MIN + 1, 2).is_some());
    }
}
