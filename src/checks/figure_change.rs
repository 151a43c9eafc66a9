//! `figure/change`: a stated change that does not match the figures it goes between.
//!
//! # What it finds
//! A move "from A to B" (or "to B from A") with, in the same sentence, a percentage change that
//! is not (B − A) / A — "rose from 200 to 250, a 20% increase" (it is 25%) — or a direction the
//! figures contradict ("fell from 200 to 250", a change verb right before the move with or without
//! a stated percentage: every inflection of rise, fall, grow, climb, slide, plunge, ease …); and "doubled", "tripled", "quadrupled" or
//! "halved" from A to B when B / A is not within 10% of that factor. The first figure may carry
//! its noun or its year ("to 1,200 tonnes from 300 tonnes", "from 52,000 in 2003 to 41,600 in
//! 2004"); the change may come before the move with a comma ("a 60% increase, from 500 to 800").
//! An "about" end stands for a unit of its last digit either way ("from about 14.82 billion
//! to about 23.33 billion, up 57%" is checked; "from about 2 million to about 3 million" allows
//! anything from 0% to 300%); a span of years may sit inside the move ("from 578 million in
//! 2019-2020 to about 2.05 billion"), and words after "by" ("increased by a staggering 57%, from
//! …"). "More than doubled" only
//! needs at least double; "nearly doubled" and other approximate figures are not checked.
//! Changes between two percentages stated in percentage points belong to `figure/points`.
//!
//! # Why it matters
//! A reader can redo the sum in their head. A wrong percentage change usually means one of the
//! figures was updated after the sentence was written, or the change was computed the wrong way
//! round (against the new figure instead of the old one).
//!
//! # Example
//! ```text
//! Enrolment rose from 200 to 250, a 20% increase.
//! Its budget doubled from $10 million to $25 million.
//! ```
//! From 200 to 250 is a 25% increase, not 20%; from 10 to 25 is 2.5 times, not double.
//!
//! # Fix safety
//! Not safe (offered, not applied by `copydesk fix`): replacing the stated percentage with the
//! computed one, because either figure could be the wrong one. Factors ("doubled") have no fix.

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::figures::{Figure, Kind, Ledger, Qualifier, Tok, agrees, change_verb, direction, format_number};

pub static CHANGE: Rule = Rule {
    id: "figure/change",
    default_severity: Severity::Warning,
    summary: "A stated change that does not match the figures it goes between",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&CHANGE];

pub struct FigureChange;

impl Check for FigureChange {
    fn name(&self) -> &'static str {
        "figure_change"
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
            if fa.value <= 0.0 || fa.range_with.is_some() || fb.range_with.is_some() {
                continue;
            }
            // "from about 14.82 billion to about 23.33 billion": a stated change is then held to
            // a qualifier's tolerance, and neither a factor nor a verb's direction is checked.
            let approximate = fa.qualifier.is_some() || fb.qualifier.is_some();
            if !approximate && let Some(d) = factor(l, fa, fb) {
                out.push(d);
                continue;
            }
            if let Some((p, dir)) = stated_change(l, a, b) {
                if let Some(d) = percent_change(fa, fb, &l.figures[p], dir, approximate) {
                    out.push(d);
                }
            } else if !approximate && let Some(d) = verb_against_move(l, fa, fb) {
                out.push(d);
            }
        }
    }
}

/// Show a figure with its currency or percent sign.
pub(crate) fn show(f: &Figure) -> String {
    let decimals = if f.scale == crate::figures::Scale::None { f.decimals.min(2) } else { 0 };
    let v = format_number(f.value, decimals);
    match f.kind {
        Kind::Percent => format!("{v}%"),
        Kind::Money("USD") => format!("${v}"),
        Kind::Money("GBP") => format!("£{v}"),
        Kind::Money("EUR") => format!("€{v}"),
        _ => v,
    }
}

/// A percentage in the same sentence that states the change between figures `a` and `b`, with
/// its direction if the wording gives one (0 if not).
pub(crate) fn stated_change(l: &Ledger, a: usize, b: usize) -> Option<(usize, i8)> {
    let f = &l.figures;
    let s = f[a].sentence;
    // The move's first token, its "about" included ("from about 14.82 billion").
    let first = l.move_token(&f[a]).min(l.move_token(&f[b]));
    let last = f[a].tokens.end.max(f[b].tokens.end);
    for p in l.figures_in(s) {
        if p == a || p == b || f[p].kind != Kind::Percent || f[p].range_with.is_some() {
            continue;
        }
        // The change must not itself be a from/to end ("from 10% to 15%").
        let ps = l.token_at(f[p].range.start);
        let qs = f[p].qualifier_range.as_ref().map_or(ps, |q| l.token_at(q.start));
        let before = if qs >= 1 { l.word(qs - 1) } else { "" };
        let before2 = if qs >= 2 { l.word(qs - 2) } else { "" };
        let after = l.word(f[p].tokens.end);
        if matches!(before, "from" | "to") || l.is(f[p].tokens.end, "of") {
            continue;
        }
        // Right before the pair ("rose 25% from 200 to 250"), or after it in the same clause.
        // A change noun and a comma between allowed: "fell 1.2 percent, from 12.8% to 11.6%",
        // "a 253% increase, from 535 million to 1.89 billion".
        let mut k = f[p].tokens.end;
        if direction(l.word(k)).is_some() {
            k += 1;
        }
        if l.is_punct(k, ',') {
            k += 1;
        }
        let right_before = first >= 1 && matches!(l.word(first - 1), "from" | "to") && k + 1 == first;
        let same_clause = qs >= last
            && (last..qs).all(|k| {
                !matches!(l.word(k), "and" | "while" | "whereas" | "but" | "compared" | "than" | "when")
                    && !l.is_punct(k, ';')
            });
        if !right_before && !same_clause {
            continue;
        }
        // "a 20% increase", "an increase of 20%", "up 20%", "rose by 20%", "a 20% drop".
        let dir = if let Some(d) =
            direction(after).filter(|_| !matches!(after, "more" | "less" | "fewer" | "higher" | "lower"))
        {
            d
        } else if matches!(before, "up" | "down") {
            direction(before).unwrap_or(0)
        } else if let Some(d) = direction(before).filter(|_| before.ends_with('d') || before.ends_with('e')) {
            // "rose 20%", "declined 5%", "increased 5 percent" (verbs, not "more" or "less").
            if matches!(before, "more" | "reduced") {
                continue;
            }
            d
        } else if let Some(d) = change_verb(before) {
            // "fell 4% to 41% from 45%", "slid 5 percent".
            d
        } else if let Some(d) = direction(after).filter(|_| {
            // Right after the move, comparing with its start: "from 3.5% to 4%, 0.5 percent
            // higher" (not "…, 5% higher than the rival's").
            matches!(after, "higher" | "lower")
                && qs == last + 1
                && l.is_punct(last, ',')
                && !l.is(f[p].tokens.end + 1, "than")
        }) {
            d
        } else if before == "or" && qs == last + 2 && l.is_punct(last, ',') {
            // The change after the move: "fell from 9,400 to 8,100, or 24%" (its direction is the
            // move's own).
            0
        } else if before == "by" {
            direction(before2).unwrap_or(0)
        } else if let Some(by) = (qs.saturating_sub(4)..qs).rev().find(|&k| l.is(k, "by")).filter(|_| right_before)
            && by >= 1
            && let Some(d) = direction(l.word(by - 1))
            && (by + 1..qs).all(|k| l.tokens[k].kind == Tok::Word)
        {
            // "increased by a staggering 57%, from …": words between "by" and the change.
            d
        } else if before == "of" && qs >= 2 {
            match direction(before2) {
                Some(d) => d,
                None => continue,
            }
        } else if matches!(after, "more" | "higher") && l.is(f[p].tokens.end + 1, "than") {
            1
        } else {
            continue;
        };
        if before == "by" && dir == 0 {
            continue;
        }
        return Some((p, dir));
    }
    None
}

/// The unit of a figure's last written digit: 0.01 billion for "14.82 billion", a hundred for
/// "14,800", a million for "2 million".
fn last_digit(f: &Figure) -> f64 {
    let mut unit = 10f64.powi(-i32::from(f.decimals));
    while unit * 10.0 <= f.value.abs()
        && ((f.value / (unit * 10.0)).round() * unit * 10.0 - f.value).abs() < unit * 1e-3
    {
        unit *= 10.0;
    }
    unit
}

/// The sizes of change (in percent) an approximate move may stand for: each "about" end taken
/// a unit of its last digit either way ("from about 2 million to about 3 million" is anything
/// from 0% to 300%; "from about 14.82 billion to about 23.33 billion" is 57.2% to 57.6%).
fn change_span(a: &Figure, b: &Figure) -> (f64, f64) {
    let ends = |f: &Figure| {
        let u = if f.qualifier.is_some() { last_digit(f) } else { 0.0 };
        [f.value - u, f.value + u]
    };
    let (mut lo, mut hi) = (f64::INFINITY, 0f64);
    for x in ends(a) {
        for y in ends(b) {
            if x <= 0.0 {
                return (0.0, f64::INFINITY);
            }
            let c = (y - x) / x * 100.0;
            if (c >= 0.0) != (b.value >= a.value) {
                lo = 0.0;
            }
            lo = lo.min(c.abs());
            hi = hi.max(c.abs());
        }
    }
    (lo, hi)
}

fn percent_change(a: &Figure, b: &Figure, p: &Figure, dir: i8, approximate: bool) -> Option<Diagnostic> {
    if approximate {
        // Held to the nearest size the approximate ends allow.
        let (lo, hi) = change_span(a, b);
        if agrees(p.value, p.value.clamp(lo, hi.max(lo)), p.decimals, p.qualifier) {
            return None;
        }
    }
    // "$1.2 billion" has one decimal as written, none once scaled.
    let places = |f: &Figure| if f.scale == crate::figures::Scale::None { f.decimals.min(2) } else { 0 };
    let change = (b.value - a.value) / a.value * 100.0;
    let span = a.range.start.min(b.range.start)..a.range.end.max(b.range.end);
    // Two percentages: a change stated in points belongs to figure/points.
    if a.kind == Kind::Percent && agrees(p.value, (b.value - a.value).abs(), p.decimals, p.qualifier) {
        return None;
    }
    let about = |f: &Figure| if f.qualifier.is_some() { format!("about {}", show(f)) } else { show(f) };
    let (from, to) = (about(a), about(b));
    let word = if change >= 0.0 { "increase" } else { "decrease" };
    let computed = format_number(change.abs(), p.decimals);
    let stated = format_number(p.value, p.decimals);
    if dir != 0 && (dir > 0) != (change >= 0.0) && change != 0.0 {
        let said = if dir > 0 { "an increase" } else { "a decrease" };
        let article = if change >= 0.0 { "an" } else { "a" };
        let msg = format!("from {from} to {to} is {article} {word} of {computed}%, not {said}");
        return Some(Diagnostic::new(&CHANGE, p.range.clone(), msg).with_related(span, format!("from {from} to {to}")));
    }
    if agrees(p.value, change.abs(), p.decimals, p.qualifier) || computed == stated {
        return None;
    }
    // Stated against the new figure instead of the old ("from 200 to 250, a 20% increase" is
    // 50/250): say so.
    let against_new = (b.value - a.value).abs() / b.value * 100.0;
    let hint = if agrees(p.value, against_new, p.decimals, p.qualifier) {
        format!(" ({stated}% is the change over the new figure, {to})")
    } else {
        String::new()
    };
    let msg = format!(
        "from {from} to {to} is a {computed}% {word} ({} / {} = {:.3}), not {stated}%{hint}",
        format_number(b.value - a.value, places(a).max(places(b))),
        format_number(a.value, places(a)),
        change / 100.0,
    );
    Some(
        Diagnostic::new(&CHANGE, p.range.clone(), msg)
            .with_related(span, format!("from {from} to {to}"))
            .with_fix(Fix::unsafe_(format!("Change to {computed}"), vec![Edit::replace(p.num.clone(), computed)])),
    )
}

/// "doubled from A to B": B / A against the factor.
fn factor(l: &Ledger, a: &Figure, b: &Figure) -> Option<Diagnostic> {
    let first = l.token_at(a.range.start.min(b.range.start));
    let sentence = &l.sentences[a.sentence];
    let lo = first.saturating_sub(6).max(sentence.start);
    let (k, factor, name) = (lo..first).rev().find_map(|k| {
        let f = match l.word(k) {
            "doubled" | "doubling" | "doubles" => (2.0, "double"),
            "tripled" | "trebled" | "tripling" | "triples" => (3.0, "triple"),
            "quadrupled" | "quadrupling" => (4.0, "quadruple"),
            "halved" | "halving" | "halves" => (0.5, "half"),
            _ => return None,
        };
        Some((k, f.0, f.1))
    })?;
    let prev = if k >= 1 { l.word(k - 1) } else { "" };
    let prev2 = if k >= 2 { l.word(k - 2) } else { "" };
    let qualifier = match (prev2, prev) {
        ("more" | "less", "than") => Some(Qualifier::AtLeast),
        (
            _,
            "nearly" | "almost" | "about" | "roughly" | "around" | "approximately" | "virtually" | "effectively"
            | "practically" | "some",
        ) => Some(Qualifier::About),
        (_, "over" | "easily") => Some(Qualifier::AtLeast),
        _ => None,
    };
    let ratio = b.value / a.value;
    let ok = match qualifier {
        None => (ratio / factor - 1.0).abs() <= 0.1,
        Some(Qualifier::AtLeast) if factor >= 1.0 => ratio >= factor * 0.95,
        Some(Qualifier::AtLeast) => ratio <= factor * 1.05,
        _ => true,
    };
    if ok {
        return None;
    }
    let (from, to) = (show(a), show(b));
    let times = if ratio >= 1.0 {
        format!(
            "{} times as much",
            format_number(ratio, if (ratio * 10.0).fract() == 0.0 { 1 } else { 2 }).trim_end_matches(".0")
        )
    } else {
        format!("{}% of it", format_number(ratio * 100.0, 0))
    };
    let range = l.tokens[k].range.clone();
    let msg = format!("from {from} to {to} is {times} ({to} / {from} = {:.2}), not {name}", ratio);
    let span = a.range.start.min(b.range.start)..a.range.end.max(b.range.end);
    Some(Diagnostic::new(&CHANGE, range, msg).with_related(span, format!("from {from} to {to}")))
}

/// "fell from 200 to 250": a change verb right before the move (an adverb between allowed:
/// "fell sharply from") whose direction the figures contradict. The verbs and their directions
/// are data: [`change_verb`].
fn verb_against_move(l: &Ledger, a: &Figure, b: &Figure) -> Option<Diagnostic> {
    if a.qualifier.is_some() || b.qualifier.is_some() || a.value == b.value {
        return None;
    }
    // The first word of the move: "from" in "from A to B", "to" in "to B from A".
    let first = l.first_token(if a.range.start < b.range.start { a } else { b });
    let mut k = first.checked_sub(2)?;
    if l.word(k).ends_with("ly") && k >= 1 {
        k -= 1;
    }
    let said = change_verb(l.word(k))?;
    let rise = b.value > a.value;
    if (said > 0) == rise {
        return None;
    }
    let change = (b.value - a.value) / a.value * 100.0;
    let (from, to) = (show(a), show(b));
    let is = if rise { "an increase" } else { "a decrease" };
    let not = if said > 0 { "an increase" } else { "a decrease" };
    let msg =
        format!("from {from} to {to} is {is} of {}%, but “{}” says {not}", format_number(change.abs(), 0), l.word(k));
    let span = a.range.start.min(b.range.start)..a.range.end.max(b.range.end);
    Some(Diagnostic::new(&CHANGE, l.tokens[k].range.clone(), msg).with_related(span, format!("from {from} to {to}")))
}
