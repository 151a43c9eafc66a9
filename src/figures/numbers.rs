//! Numbers: numerals ("1,250.5"), spelled-out numbers ("twenty-five", "a dozen", "two-thirds"),
//! scales ("million", "bn"), currencies (signs, ISO codes, names), and the arithmetic the checks
//! share: formatting a number as a reader writes it and whether a stated figure agrees with a
//! computed one at its precision.

use super::words::{ORDINAL_WORDS, TENS_WORDS, UNIT_WORDS};
use super::{Figure, Kind, Ledger, Qualifier, Tok};

pub(super) fn unit_word(w: &str) -> Option<f64> {
    UNIT_WORDS.get(w)
}

pub(super) fn tens_word(w: &str) -> Option<f64> {
    TENS_WORDS.get(w)
}

pub(super) fn ordinal_word(w: &str) -> Option<f64> {
    ORDINAL_WORDS.get(w)
}

/// A word added here goes into [`WORD_CLASS_WORDS`] too (`figure_at` asks the table first).
pub(super) fn scale_word(w: &str) -> Option<f64> {
    let v = match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" | "trillions" => 1e12,
        _ => return None,
    };
    Some(v)
}

/// The value of a number token ("1,250.5" → 1250.5) and its decimal places, group separators
/// left out; `None` past 40 digits.
///
/// Up to 15 digits the digits are summed as an integer and divided by a power of ten: both are
/// exact in an `f64`, so the one rounding of the division gives the same value as parsing the
/// text would. Longer numbers are parsed.
pub(super) fn number_value(word: &str) -> Option<(f64, u8)> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    let (mut mantissa, mut digits, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
    for &c in word.as_bytes() {
        if c.is_ascii_digit() {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            digits += 1;
            decimals += usize::from(point);
        } else if c == b'.' {
            point = true;
        }
    }
    if digits + usize::from(point) > 40 {
        return None;
    }
    if digits <= 15 {
        return Some((mantissa as f64 / POW10[decimals], decimals as u8));
    }
    let mut buf = [0u8; 40];
    let mut len = 0;
    for &c in word.as_bytes() {
        if c.is_ascii_digit() || c == b'.' {
            buf[len] = c;
            len += 1;
        }
    }
    let text = std::str::from_utf8(&buf[..len]).ok()?;
    Some((text.parse().ok()?, decimals as u8))
}

/// A number written with `,` thousands separators, parsed without them (no allocation for
/// numbers of up to 63 bytes).
pub(super) fn parse_without_commas(w: &str) -> Option<f64> {
    let mut buf = [0u8; 63];
    let mut len = 0;
    for &c in w.as_bytes() {
        if c != b',' {
            *buf.get_mut(len)? = c;
            len += 1;
        }
    }
    std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
}

pub(super) fn currency_symbol(c: char) -> Option<&'static str> {
    match c {
        '$' => Some("USD"),
        '£' => Some("GBP"),
        '€' => Some("EUR"),
        '¥' => Some("JPY"),
        '₹' => Some("INR"),
        '₽' => Some("RUB"),
        '₴' => Some("UAH"),
        _ => None,
    }
}

/// A word added here goes into [`WORD_CLASS_WORDS`] too (`figure_at` asks the table first).
pub(super) fn currency_code(w: &str) -> Option<&'static str> {
    let c = match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "chf" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        "cny" => "CNY",
        "inr" => "INR",
        "rub" => "RUB",
        "uah" => "UAH",
        _ => return None,
    };
    Some(c)
}

/// A word added here goes into [`WORD_CLASS_WORDS`] too (`figure_at` asks the table first).
pub(super) fn currency_word(w: &str) -> Option<&'static str> {
    let c = match w {
        "dollars" | "dollar" => "USD",
        "euros" | "euro" => "EUR",
        "yen" => "JPY",
        "rupees" => "INR",
        "rubles" | "roubles" => "RUB",
        "hryvnias" | "hryvnia" => "UAH",
        "yuan" => "CNY",
        _ => return None,
    };
    Some(c)
}

impl Ledger {
    /// A spelled-out number at token `i`: value, decimals 0, next token.
    pub(super) fn spelled_at(&self, i: usize) -> Option<(f64, usize, Kind)> {
        let w = self.word(i);
        if self.tokens.get(i)?.kind != Tok::Word {
            return None;
        }
        // "a dozen", "a third", "a quarter", "a hundred", "a thousand"
        if w == "a" || w == "an" {
            let v = self.word(i + 1);
            return match v {
                "dozen" => Some((12.0, i + 2, Kind::Count)),
                // "a third of": a share; "a third time" is an ordinal, not a figure.
                "third" if self.is(i + 2, "of") => Some((100.0 / 3.0, i + 2, Kind::Fraction)),
                "quarter" if self.is(i + 2, "of") => Some((25.0, i + 2, Kind::Fraction)),
                "hundred" => Some((100.0, i + 2, Kind::Count)),
                "thousand" => Some((1000.0, i + 2, Kind::Count)),
                _ => None,
            };
        }
        if w == "half" && self.is(i + 1, "of") {
            return Some((50.0, i + 1, Kind::Fraction));
        }
        if w == "dozen" {
            return None;
        }
        let mut value;
        let mut next;
        if let Some(t) = tens_word(w) {
            value = t;
            next = i + 1;
            if self.is_punct(i + 1, '-')
                && self.touching(i)
                && self.touching(i + 1)
                && let Some(u) = unit_word(self.word(i + 2))
                && u < 10.0
            {
                value += u;
                next = i + 3;
            }
        } else if let Some(u) = unit_word(w) {
            value = u;
            next = i + 1;
            // "two-thirds", "three-quarters"
            if self.is_punct(i + 1, '-') && self.touching(i) && self.touching(i + 1) {
                let share = match self.word(i + 2) {
                    "thirds" => Some(100.0 / 3.0),
                    "quarters" => Some(25.0),
                    "fifths" => Some(20.0),
                    _ => None,
                };
                if let Some(s) = share {
                    return Some((u * s, i + 3, Kind::Fraction));
                }
            }
        } else if let Some(o) = ordinal_word(w) {
            // "second" is also a unit of time; only count "the second …" style ordinals.
            if w == "second" && !self.is(i.wrapping_sub(1), "the") {
                return None;
            }
            return Some((o, i + 1, Kind::Ordinal));
        } else {
            return None;
        }
        // "two hundred", "three thousand", "two dozen"
        if self.is(next, "hundred") {
            value *= 100.0;
            next += 1;
        }
        if self.is(next, "dozen") {
            value *= 12.0;
            next += 1;
        }
        Some((value, next, Kind::Count))
    }
}

/// A number as a reader writes it: thousands separated by commas, `decimals` places, no
/// trailing `.0`.
pub fn format_number(v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", usize::from(decimals), v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 && int.len() > 4 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Whether `stated` is `computed` at the stated precision: rounded or truncated to `decimals`
/// places. A qualifier ("about 35%", "nearly a third") widens the tolerance to 10% of the value
/// (at least 2 units), in its direction.
pub fn agrees(stated: f64, computed: f64, decimals: u8, qualifier: Option<Qualifier>) -> bool {
    let unit = 10f64.powi(-i32::from(decimals));
    let eps = 1e-9 * stated.abs().max(1.0);
    // Rounded (half up or half down) or truncated.
    let exact = computed >= stated - unit / 2.0 - eps && computed < stated + unit + eps;
    if exact {
        return true;
    }
    let slack = (stated.abs() * 0.1).max(2.0 * unit).max(2.0);
    match qualifier {
        None => false,
        Some(Qualifier::About) => (computed - stated).abs() <= slack,
        Some(Qualifier::AtMost) => computed <= stated + unit && computed >= stated - slack,
        Some(Qualifier::AtLeast) => computed >= stated - unit / 2.0 && computed <= stated + slack * 5.0,
    }
}

/// Two figures of the same kind and unit (both counts, both percentages, both in one currency),
/// neither approximate nor a label.
pub fn comparable(a: &Figure, b: &Figure) -> bool {
    a.kind == b.kind
        && matches!(a.kind, Kind::Count | Kind::Percent | Kind::Money(_) | Kind::Points)
        && a.qualifier.is_none()
        && b.qualifier.is_none()
}

/// The direction a word gives a change: +1 for a rise, -1 for a fall.
pub fn direction(word: &str) -> Option<i8> {
    let d = match word {
        "increase" | "increases" | "rise" | "rises" | "jump" | "gain" | "gains" | "growth" | "hike" | "surge"
        | "climb" | "boost" | "uptick" | "rose" | "risen" | "increased" | "grew" | "grown" | "climbed" | "jumped"
        | "soared" | "surged" | "gained" | "up" | "higher" | "more" => 1,
        "decrease" | "decreases" | "drop" | "drops" | "fall" | "falls" | "decline" | "declines" | "cut" | "cuts"
        | "reduction" | "loss" | "dip" | "slide" | "plunge" | "slump" | "fell" | "fallen" | "dropped" | "declined"
        | "decreased" | "plunged" | "slumped" | "slid" | "dipped" | "shrank" | "reduced" | "down" | "lower"
        | "less" | "fewer" => -1,
        _ => return None,
    };
    Some(d)
}
