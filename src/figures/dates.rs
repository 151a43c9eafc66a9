//! Dates: the calendar (weekdays of proleptic Gregorian dates, month and weekday names), the
//! dates written in the prose ("Monday, March 5, 2024", "5 March 2024", "Sept. 12",
//! "2024-03-05", with the weekday before them), the draft's own date (front matter or dateline)
//! and the dates in URL paths.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::document::Document;

use super::{DateRef, Ledger, Tok};

pub const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub const MONTHS: [&str; 12] = [
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

/// The proleptic Gregorian date `y`-`m`-`d`, if there is one (chrono's calendar).
pub fn date(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d))
}

/// Days from `a` to `b` (negative when `b` is earlier); `None` unless both are dates.
pub fn days_between(a: (i32, u8, u8), b: (i32, u8, u8)) -> Option<i64> {
    Some((date(b.0, b.1, b.2)? - date(a.0, a.1, a.2)?).num_days())
}

/// The weekday of a date, 0 = Monday … 6 = Sunday (`None` when there is no such date).
pub fn weekday(y: i32, m: u8, d: u8) -> Option<u8> {
    date(y, m, d).map(|dt| dt.weekday().num_days_from_monday() as u8)
}

/// Whether `d` is a day of month `m` of year `y`.
pub fn valid_date(y: i32, m: u8, d: u8) -> bool {
    date(y, m, d).is_some()
}

/// A month name or abbreviation (lowercase, without its period) → 1..=12.
pub fn month_number(word: &str) -> Option<u8> {
    let m = match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

pub(crate) fn weekday_number(word: &str) -> Option<u8> {
    let w = match word {
        "monday" | "mon" => 0,
        "tuesday" | "tue" | "tues" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thu" | "thur" | "thurs" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    };
    Some(w)
}

impl Ledger {
    pub(super) fn find_dates(&mut self, doc: &Document<'_>, candidates: &[usize]) {
        let prose = doc.prose.as_bytes();
        let mut next = 0;
        for &i in candidates {
            let t = &self.tokens[i];
            // Dates start with a capitalized weekday or month, or a number ("5 March", ISO).
            let start = match t.kind {
                Tok::Word => prose[t.range.start].is_ascii_uppercase(),
                Tok::Number => t.range.len() <= 4,
                Tok::Punct(_) => false,
            };
            if i < next || !start {
                continue;
            }
            if let Some((date, end)) = self.date_at(i) {
                self.dates.push(date);
                next = end;
            }
        }
    }

    /// Parse a date starting at token `i` (optionally with its weekday). Returns it and the next
    /// token index.
    pub(super) fn date_at(&self, i: usize) -> Option<(DateRef, usize)> {
        let tk = &self.tokens;
        let mut j = i;
        let mut weekday_tok = None;
        // Abbreviated weekdays need their period ("Sun." but not the "Edmonton Sun").
        if tk[j].kind == Tok::Word
            && let Some(w) = weekday_number(self.word(j))
            && (self.word(j).ends_with("day") || (self.is_punct(j + 1, '.') && self.touching(j)))
        {
            weekday_tok = Some((w, tk[j].range.clone()));
            j += 1;
            if self.is_punct(j, '.') && self.touching(j - 1) {
                j += 1;
            }
            if self.is_punct(j, ',') {
                j += 1;
            }
            if self.is(j, "the") {
                j += 1;
            }
        }
        let start = tk.get(i)?.range.start;
        let sentence = tk[i].sentence as usize;
        // ISO: 2024-03-05
        if tk.get(j)?.kind == Tok::Number
            && self.word(j).len() == 4
            && self.is_punct(j + 1, '-')
            && self.touching(j)
            && self.touching(j + 1)
            && self.word(j + 2).len() == 2
            && self.is_punct(j + 3, '-')
            && self.touching(j + 2)
            && self.touching(j + 3)
            && self.word(j + 4).len() == 2
            && tk.get(j + 4).is_some_and(|t| t.kind == Tok::Number)
        {
            let y: i32 = self.word(j).parse().ok()?;
            let m: u8 = self.word(j + 2).parse().ok()?;
            let d: u8 = self.word(j + 4).parse().ok()?;
            if valid_date(y, m, d) {
                let end = tk[j + 4].range.end;
                return Some((
                    DateRef { range: start..end, year: Some(y), month: m, day: d, weekday: weekday_tok, sentence },
                    j + 5,
                ));
            }
            return None;
        }
        let day_at = |k: usize| -> Option<(u8, usize)> {
            let t = tk.get(k)?;
            if t.kind != Tok::Number {
                return None;
            }
            let w = self.word(k);
            if w.len() > 2 {
                return None;
            }
            let d: u8 = w.parse().ok()?;
            // "5th"
            let mut next = k + 1;
            if self.touching(k) && matches!(self.word(k + 1), "st" | "nd" | "rd" | "th") {
                next += 1;
            }
            (1..=31).contains(&d).then_some((d, next))
        };
        let month_at = |k: usize| -> Option<(u8, usize)> {
            let t = tk.get(k)?;
            if t.kind != Tok::Word {
                return None;
            }
            let w = self.word(k);
            let m = month_number(w)?;
            let mut next = k + 1;
            if w.len() <= 4 && self.is_punct(k + 1, '.') && self.touching(k) {
                next += 1;
            }
            Some((m, next))
        };
        let year_at = |k: usize| -> Option<(i32, usize)> {
            let t = tk.get(k)?;
            if t.kind != Tok::Number || self.word(k).len() != 4 {
                return None;
            }
            let y: i32 = self.word(k).parse().ok()?;
            // "3 March 1500 GMT" is a time.
            let time = matches!(
                self.word(k + 1),
                "gmt"
                    | "utc"
                    | "bst"
                    | "cet"
                    | "cest"
                    | "est"
                    | "edt"
                    | "cst"
                    | "cdt"
                    | "pst"
                    | "pdt"
                    | "hours"
                    | "hrs"
                    | "local"
            );
            ((1000..=2999).contains(&y) && !time).then_some((y, k + 1))
        };
        // Month Day[, Year]
        let (month, day, mut next) = if let Some((m, k)) = month_at(j)
            && let Some((d, k2)) = day_at(k)
        {
            (m, d, k2)
        } else if let Some((d, k)) = day_at(j)
            && let Some((m, k2)) = month_at(k)
        {
            (m, d, k2)
        } else {
            return None;
        };
        let mut year = None;
        let mut end = tk[next - 1].range.end;
        let after_comma = if self.is_punct(next, ',') { next + 1 } else { next };
        if let Some((y, k)) = year_at(after_comma) {
            year = Some(y);
            end = tk[k - 1].range.end;
            next = k;
        }
        if let Some(y) = year
            && !valid_date(y, month, day)
        {
            return None;
        }
        Some((DateRef { range: start..end, year, month, day, weekday: weekday_tok, sentence }, next))
    }
}

/// The draft's own date and where it is written: the front matter's `date` (or `publishDate`,
/// `published`, `pubDate`), else a dateline near the top ("Tuesday, September 22, 2015" on a line
/// of its own, "Posted: August 7, 2014", "WASHINGTON, Sept. 12, 2022 —", a byline's "… / Published
/// September 16, 2012").
pub fn draft_date(doc: &Document<'_>, l: &Ledger) -> Option<((i32, u8, u8), Range<usize>)> {
    if let Some(fm) = &doc.front_matter {
        for key in ["date", "publishDate", "published", "pubDate", "publishdate"] {
            if let Some(f) = fm.get(key)
                && let Some(d) = parse_date_value(&f.value)
            {
                return Some((d, f.range.clone()));
            }
        }
    }
    let top: Vec<_> = doc.blocks.iter().take(4).collect();
    for d in &l.dates {
        let Some(y) = d.year else { continue };
        let Some(block) = top.iter().find(|b| b.range.start <= d.range.start && d.range.end <= b.range.end) else {
            if top.last().is_none_or(|b| d.range.start > b.range.end) {
                break;
            }
            continue;
        };
        let before = doc.text[block.range.start..d.range.start].trim();
        let after = doc.text[d.range.end..block.range.end].trim();
        let label = before.trim_end_matches(':').trim();
        let labelled = before.ends_with(':')
            && label.split_whitespace().all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "posted" | "published" | "updated" | "date" | "dated" | "released" | "on"
                )
            });
        let alone = before.is_empty() && (after.is_empty() || after.starts_with(['—', '–', '-', '(']));
        let dateline = before.ends_with(',')
            && before.len() < 40
            && before.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            && after.starts_with(['—', '–', '-', '(']);
        // A byline's "… / Published September 16, 2012" (capitalized, after a separator).
        let byline = ["Published", "Posted", "Updated"].iter().any(|w| {
            before.strip_suffix(w).is_some_and(|rest| {
                let rest = rest.trim_end();
                rest.is_empty() || rest.ends_with(['/', '|', '·', '•'])
            })
        });
        if labelled || alone || dateline || byline {
            return Some(((y, d.month, d.day), d.range.clone()));
        }
    }
    own_url_date(doc)
}

/// The date in the draft's own address, when the draft gives it on a labelled line ("Original
/// url: https://example.com/2022/09/12/story"): a copy editor dates the article by it.
fn own_url_date(doc: &Document<'_>) -> Option<((i32, u8, u8), Range<usize>)> {
    doc.links.iter().find_map(|link| {
        let line_start = doc.text[..link.range.start].rfind('\n').map_or(0, |i| i + 1);
        let mut label = doc.text[line_start..link.range.start].trim();
        // The label alone on the line before ("Original url:" then the address).
        if label.is_empty() && line_start > 0 {
            let prev = doc.text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            label = doc.text[prev..line_start - 1].trim();
        }
        let label = label.trim_end_matches(':').trim().to_ascii_lowercase();
        if !matches!(label.as_str(), "original url" | "original link" | "source url" | "canonical url" | "permalink") {
            return None;
        }
        let (y, m, d) = url_date(doc.link_dest(link))?;
        Some(((y, m, d?), link.dest.clone()))
    })
}

/// "2022-09-12", "2022-09-12T10:00:00Z", "September 12, 2022", "12 September 2022".
pub fn parse_date_value(v: &str) -> Option<(i32, u8, u8)> {
    let v = v.trim();
    let b = v.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && v.is_char_boundary(10) {
        let y: i32 = v[..4].parse().ok()?;
        let m: u8 = v[5..7].parse().ok()?;
        let d: u8 = v[8..10].parse().ok()?;
        return valid_date(y, m, d).then_some((y, m, d));
    }
    let words: Vec<String> = v
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for w in &words {
        if let Some(m) = month_number(w) {
            month = Some(m);
        } else if let Ok(n) = w.trim_end_matches(|c: char| c.is_alphabetic()).parse::<i32>() {
            if n > 31 {
                year = Some(n);
            } else {
                day = Some(n as u8);
            }
        }
    }
    let (y, m, d) = (year?, month?, day?);
    valid_date(y, m, d).then_some((y, m, d))
}

/// A dated URL path: `/2025/06/27/`, `/2025/06/` or `/2025-06-27-`. The day is `None` when the path
/// has only a year and month.
pub fn url_date(url: &str) -> Option<(i32, u8, Option<u8>)> {
    let b = url.as_bytes();
    let digits = |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit);
    let mut from = 0;
    while let Some(i) = year_slash(b, from) {
        from = i + 1;
        if !digits(i + 1, 4) {
            continue;
        }
        let y: i32 = url[i + 1..i + 5].parse().ok()?;
        if !(1990..=2100).contains(&y) {
            continue;
        }
        let sep = b.get(i + 5).copied();
        if !matches!(sep, Some(b'/' | b'-')) || !digits(i + 6, 2) {
            continue;
        }
        let m: u8 = url[i + 6..i + 8].parse().ok()?;
        if !(1..=12).contains(&m) {
            continue;
        }
        let after = b.get(i + 8).copied();
        if after == sep && digits(i + 9, 2) && b.get(i + 11).is_none_or(|c| !c.is_ascii_digit()) {
            let d: u8 = url[i + 9..i + 11].parse().ok()?;
            if valid_date(y, m, d) {
                return Some((y, m, Some(d)));
            }
        }
        if sep == Some(b'/') && matches!(after, Some(b'/') | None) {
            return Some((y, m, None));
        }
    }
    None
}

/// The first `i` at or after `from`, with four bytes after it, where `b[i]` is a slash and `b[i + 1]`
/// a `1` or `2` (a year's first digit). Sixteen bytes at a time, both tests folded together
/// without a branch, then the bytes of the sixteen that passed: a URL's letters and its other
/// slashes cost no branch each.
pub(super) fn year_slash(b: &[u8], from: usize) -> Option<usize> {
    let end = b.len().saturating_sub(4);
    let hit = |x: u8, y: u8| (x == b'/') & (y.wrapping_sub(b'1') < 2);
    let mut i = from;
    while let (Some(x), Some(y)) = (b.get(i..i + 16).filter(|_| i + 16 <= end), b.get(i + 1..i + 17)) {
        if x.iter().zip(y).fold(0u8, |acc, (&x, &y)| acc | u8::from(hit(x, y))) != 0 {
            break;
        }
        i += 16;
    }
    (i..end).find(|&k| hit(b[k], b[k + 1]))
}
