//! `figure/points`: a change between two percentages given in percent, not percentage points.
//!
//! # What it finds
//! A move from one percentage to another ("from 10% to 15%") whose size is stated in percent
//! ("a 5% increase", "up 5 percent", or first in wire order: "rose 0.3 percent to 7.2 percent
//! from 6.9 percent", with a comma: "fell 1.2 percent, from 12.8% to 11.6%"; or after the move:
//! "from 3.5% to 4%, 0.5 percent higher") when the number is the difference of the two percentages
//! (5 points), not the relative change (50%).
//!
//! # Why it matters
//! Going from 10% to 15% is a rise of 5 percentage points, or of 50 percent. "A 5% rise" is wrong
//! either way and is one of the commonest number errors in news copy: readers of polls,
//! interest rates and unemployment figures take the percent literally.
//!
//! # Example
//! ```text
//! Support rose from 40% to 45%, a 5% gain.
//! ```
//! From 40% to 45% is 5 percentage points (a 12.5% relative increase): copydesk offers to write
//! "5 percentage points".
//!
//! # Fix safety
//! Safe: the percent sign or word is replaced by "percentage points"; the number stays.

use crate::checks::figure_change::{show, stated_change};
use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::figures::{Kind, agrees, direction, format_number};

pub static POINTS: Rule = Rule {
    id: "figure/points",
    default_severity: Severity::Warning,
    summary: "A change between two percentages given in percent instead of percentage points",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&POINTS];

pub struct FigurePoints;

impl Check for FigurePoints {
    fn name(&self) -> &'static str {
        "figure_points"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let l = ctx.figures();
        for (a, b) in l.from_to_pairs() {
            let (fa, fb) = (&l.figures[a], &l.figures[b]);
            if fa.kind != Kind::Percent || fa.value <= 0.0 || fa.qualifier.is_some() || fb.qualifier.is_some() {
                continue;
            }
            let Some((p, _)) = stated_change(l, a, b) else { continue };
            let fp = &l.figures[p];
            let Some(unit) = fp.unit.clone() else { continue };
            let diff = (fb.value - fa.value).abs();
            let relative = diff / fa.value * 100.0;
            if !agrees(fp.value, diff, fp.decimals, fp.qualifier)
                || agrees(fp.value, relative, fp.decimals, fp.qualifier)
            {
                continue;
            }
            let (from, to) = (show(fa), show(fb));
            let stated = format_number(fp.value, fp.decimals);
            let msg = format!(
                "from {from} to {to} is {} percentage points ({} − {}), a {}% relative change: write {stated} percentage points, not {stated}%",
                format_number(diff, fp.decimals.max(fa.decimals).max(fb.decimals)),
                format_number(fb.value.max(fa.value), fb.decimals.max(fa.decimals)),
                format_number(fb.value.min(fa.value), fb.decimals.max(fa.decimals)),
                format_number(relative, 1).trim_end_matches(".0"),
            );
            let touching = unit.start == fp.num.end;
            // "a 5 percentage point gain", "up 5 percentage points".
            let words =
                if direction(l.word(fp.tokens.end)).is_some() { "percentage point" } else { "percentage points" };
            let text = if touching { format!(" {words}") } else { words.to_string() };
            let span = fa.range.start.min(fb.range.start)..fa.range.end.max(fb.range.end);
            out.push(
                Diagnostic::new(&POINTS, fp.range.clone(), msg)
                    .with_related(span, format!("from {from} to {to}"))
                    .with_fix(Fix::safe(format!("Write {words}"), vec![Edit::replace(unit, text)])),
            );
        }
    }
}
