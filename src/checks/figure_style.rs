//! `figure/style`: numbers written against the house style (off by default).
//!
//! # What it finds
//! With `[figures] style = "ap"` (the default) or `"bbc"`:
//! - a numeral from 1 to 9 counting something ("3 cities": spell out one to nine), and a
//!   spelled-out number from 10 to 99 ("twelve cities": figures from 10) — not ages,
//!   percentages, money, ordinals, ranges, dates, labels, table cells, or the start of a
//!   sentence;
//! - a sentence that starts with a numeral (years excepted);
//! - a percentage written against the percent style (`%` for both presets; `[figures] percent =
//!   "percent"` or `"per cent"` to change it);
//! - a scale in the other style: "5m" in an AP draft, "£5 million" in a BBC one, and the
//!   message says when the draft mixes both.
//!
//! # Why it matters
//! Consistent numbers read faster and look edited. Mixed styles in one story ("5 million" here,
//! "5m" there) are what readers notice.
//!
//! # Example
//! ```text
//! The council closed 3 libraries and cut 5 percent of its staff.
//! ```
//! With the AP preset: spell out "three"; write "5%".
//!
//! # Fix safety
//! Safe: spelling out one to nine, writing 10 to 99 in figures, and rewriting the percent style.
//! Sentence-initial numerals and scales have no fix: the sentence needs rewording, or the amount
//! a decision.

use crate::checks::{Check, Ctx, Rule};
use crate::config::{NumberStyle, PercentStyle};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::figures::{Kind, Scale, Tok};

pub static STYLE: Rule = Rule {
    id: "figure/style",
    default_severity: Severity::Info,
    summary: "A number written against the house style (AP or BBC preset)",
    default_off: true,
    network: false,
};

static RULES: &[&Rule] = &[&STYLE];

pub struct FigureStyle;

/// Units of measurement: AP writes them with figures ("5 miles", "2 Hz").
const MEASURES: &[&str] = &[
    "mile",
    "foot",
    "feet",
    "inch",
    "inche",
    "yard",
    "meter",
    "metre",
    "kilometer",
    "kilometre",
    "km",
    "kg",
    "lb",
    "pound",
    "ounce",
    "oz",
    "gallon",
    "liter",
    "litre",
    "degree",
    "mph",
    "hz",
    "mb",
    "gb",
    "kb",
    "tb",
    "cm",
    "mm",
    "acre",
    "hectare",
    "ton",
    "tonne",
    "point",
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "percent",
    "x",
];

const ONES: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

impl Check for FigureStyle {
    fn name(&self) -> &'static str {
        "figure_style"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        // Spelled-out numbers anywhere count here, so read every block (the shared ledger skips
        // blocks without digits); this rule is off by default.
        let full = crate::figures::Ledger::build_full(ctx.doc);
        let l = &full;
        let doc = ctx.doc;
        let style = ctx.config.figures.style;
        let percent = ctx.config.figures.percent_style();
        let has_word = l.figures.iter().any(|f| f.scale == Scale::Word && f.value >= 1e6);
        let has_abbrev = l.figures.iter().any(|f| f.scale == Scale::Abbrev && f.value >= 1e6);
        for f in &l.figures {
            if doc.block_at(f.range.start).is_some_and(|b| b.kind == BlockKind::TableCell) {
                continue;
            }
            let st = l.first_token(f);
            let sentence_start = l.sentences[f.sentence].start == st
                || (st >= 1
                    && l.sentences[f.sentence].start == st - 1
                    && matches!(l.tokens[st - 1].kind, Tok::Punct('"' | '“' | '‘' | '(')));
            let text = &doc.text[f.num.clone()];
            // A list marker ("1. ", "2) ") at the start of a line is not a sentence's numeral.
            let line_start = doc.text[..f.range.start].rsplit('\n').next().is_some_and(|b| b.trim().is_empty());
            let marker =
                line_start && matches!(l.tokens.get(f.tokens.end).map(|t| t.kind), Some(Tok::Punct('.' | ')')));
            // A sentence that starts with a numeral.
            if sentence_start && !marker && !f.spelled && f.kind != Kind::Year && f.kind != Kind::Label {
                out.push(Diagnostic::new(
                    &STYLE,
                    f.num.clone(),
                    format!("a sentence should not start with a numeral ({text}): spell it out or reword"),
                ));
                continue;
            }
            let plain_count = f.kind == Kind::Count
                && f.scale == Scale::None
                && f.range_with.is_none()
                && f.decimals == 0
                && !sentence_start
                && !marker
                // A thing counted, not a measurement: "3 libraries", not "2 Hz" or "5 miles".
                && f.noun.as_ref().is_some_and(|n| {
                    doc.text[n.clone()].starts_with(|c: char| c.is_lowercase()) && !MEASURES.contains(&full.noun_key(f))
                });
            if plain_count && !f.spelled && (1.0..=9.0).contains(&f.value) && f.value.fract() == 0.0 {
                let word = ONES[f.value as usize];
                out.push(
                    Diagnostic::new(&STYLE, f.num.clone(), format!("spell out one to nine: {text} → {word}"))
                        .with_fix(Fix::safe(format!("Write {word}"), vec![Edit::replace(f.num.clone(), word)])),
                );
            } else if plain_count && f.spelled && (10.0..100.0).contains(&f.value) && !matches!(l.word(st), "a" | "an")
            {
                let digits = format!("{}", f.value as u64);
                out.push(
                    Diagnostic::new(&STYLE, f.num.clone(), format!("use figures from 10: {text} → {digits}"))
                        .with_fix(Fix::safe(format!("Write {digits}"), vec![Edit::replace(f.num.clone(), digits)])),
                );
            }
            // Percent style.
            if f.kind == Kind::Percent
                && let Some(unit) = f.unit.clone()
            {
                let written = &doc.text[unit.clone()];
                let (want, label) = match percent {
                    PercentStyle::Sign => ("%", "%"),
                    PercentStyle::Percent => ("percent", "percent"),
                    PercentStyle::PerCent => ("per cent", "per cent"),
                };
                if !written.eq_ignore_ascii_case(want) && written != "pct" {
                    let touching = unit.start == f.num.end;
                    let (range, new) = if want == "%" {
                        (f.num.end..unit.end, "%".to_string())
                    } else if touching {
                        (unit.clone(), format!(" {want}"))
                    } else {
                        (unit.clone(), want.to_string())
                    };
                    out.push(
                        Diagnostic::new(
                            &STYLE,
                            unit,
                            format!("house style writes percentages with “{label}”: {written} → {want}"),
                        )
                        .with_fix(Fix::safe(format!("Write {label}"), vec![Edit::replace(range, new)])),
                    );
                }
            }
            // Scale style.
            if f.value >= 1e6 && f.scale != Scale::None {
                let money = matches!(f.kind, Kind::Money(_));
                let preferred = match style {
                    NumberStyle::Ap => Scale::Word,
                    NumberStyle::Bbc if money => Scale::Abbrev,
                    NumberStyle::Bbc => Scale::Word,
                };
                if f.scale != preferred {
                    let mixed = if has_word && has_abbrev { "; this draft mixes both styles" } else { "" };
                    let (want, got) = if preferred == Scale::Word {
                        ("“5 million”", "“5m”")
                    } else {
                        ("“5m”", "“5 million”")
                    };
                    out.push(Diagnostic::new(
                        &STYLE,
                        f.range.clone(),
                        format!("house style writes {want}, not {got}{mixed}"),
                    ));
                }
            }
        }
    }
}
