//! `date/weekday`: a weekday that does not match its date.
//!
//! # What it finds
//! A weekday written with a date — "Monday, March 5, 2024", "Tuesday 5 March 2024", "Thu.,
//! Sept. 12" — when the date fell on another day. A date without a year is checked against the
//! year that puts it nearest the draft's own date (front matter `date` or dateline); with neither,
//! it is not checked. A time with its zone after the date is not a year ("Sunday, 3 March 1500
//! GMT").
//!
//! # Why it matters
//! Readers plan around "Thursday". A weekday that contradicts its date sends some of them on the
//! wrong day, and it is the error a calendar catches in a second.
//!
//! # Example
//! ```text
//! The hearing is on Monday, March 5, 2024.
//! ```
//! March 5, 2024 was a Tuesday: copydesk offers to change "Monday" to "Tuesday".
//!
//! # Fix safety
//! Safe: the weekday is replaced by the date's real weekday, in the same form (full or
//! abbreviated). If it is the date that is wrong, undo the fix and correct the date.

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::figures::{MONTHS, WEEKDAYS, days_between, draft_date, weekday};

pub static WEEKDAY: Rule = Rule {
    id: "date/weekday",
    default_severity: Severity::Warning,
    summary: "A weekday that does not match its date",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&WEEKDAY];

pub struct DateWeekday;

impl Check for DateWeekday {
    fn name(&self) -> &'static str {
        "date_weekday"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let l = ctx.figures();
        if l.dates.iter().all(|d| d.weekday.is_none()) {
            return;
        }
        let draft = draft_date(ctx.doc, l).map(|(d, _)| d);
        for d in &l.dates {
            let Some((stated, wrange)) = d.weekday.clone() else { continue };
            let year = match (d.year, draft) {
                (Some(y), _) => y,
                (None, Some((dy, dm, dd))) => {
                    // The year that puts the date nearest the draft's.
                    let Some(y) = [dy - 1, dy, dy + 1]
                        .into_iter()
                        .filter_map(|y| Some((days_between((dy, dm, dd), (y, d.month, d.day))?.abs(), y)))
                        .min()
                        .map(|(_, y)| y)
                    else {
                        continue;
                    };
                    y
                }
                (None, None) => continue,
            };
            let Some(real) = weekday(year, d.month, d.day) else { continue };
            if real == stated {
                continue;
            }
            let written = &ctx.doc.text[wrange.clone()];
            let full = WEEKDAYS[usize::from(real)];
            let mut new = if written.len() >= 6 { full.to_string() } else { full[..written.len().min(3)].to_string() };
            if written.len() == 4 && written.starts_with("Tue") {
                new = full[..3].to_string();
            }
            if written.chars().all(|c| c.is_uppercase()) {
                new = new.to_uppercase();
            } else if written.chars().all(|c| c.is_lowercase()) {
                new = new.to_lowercase();
            }
            let year_note = if d.year.is_some() { String::new() } else { format!(" (taking the year as {year})") };
            let msg = format!(
                "{} {}, {year} was a {full}, not a {}{year_note}",
                MONTHS[usize::from(d.month - 1)],
                d.day,
                WEEKDAYS[usize::from(stated)]
            );
            out.push(
                Diagnostic::new(&WEEKDAY, wrange.clone(), msg)
                    .with_related(d.range.clone(), "the date")
                    .with_fix(Fix::safe(format!("Change to {new}"), vec![Edit::replace(wrange, new)])),
            );
        }
    }
}
