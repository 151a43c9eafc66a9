//! `figure/percent`: a percentage that does not match the part and whole beside it.
//!
//! # What it finds
//! A part and a whole written next to the percentage they make — "12 of 40 respondents (35%)",
//! "9 out of 30 schools, or 25 percent", "40% (12 of 30)", "Of the 40 owners surveyed, 12 (35%)",
//! "9 out of 30 schools or 30 percent", "12 percent of the staff, or 14 of its 120 employees",
//! shares with their parts after a whole and a colon ("$800 million in sales: 60% ($480
//! million) via apps", or a list under "of the 2.4 billion accounts:" whose items read "1.2
//! billion accounts or 50% are active") — where the percentage is not the
//! part over the whole at the precision it is written to. Rounding and truncation are fine
//! ("2 of 3 (66%)" and "(67%)" both pass); a qualifier ("about 30%") widens the tolerance. A
//! percentage of something else ("35% of the budget") is not compared.
//!
//! # Why it matters
//! Readers check the arithmetic, and a percentage that does not match its own numbers
//! undermines the whole story. Usually one of the three figures was updated and the others
//! were not.
//!
//! # Example
//! ```text
//! Only 12 of 40 respondents (35%) said they would vote.
//! ```
//! 12 of 40 is 30%, not 35%: copydesk offers to change the percentage to 30%.
//!
//! # Fix safety
//! Safe: the percentage is replaced by the computed value, written to the same number of
//! decimal places. Check the part and the whole first if they are the newer figures.

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::figures::{Figure, Kind, Ledger, Scale, Tok, agrees, format_number};

pub static PERCENT: Rule = Rule {
    id: "figure/percent",
    default_severity: Severity::Warning,
    summary: "A percentage that does not match the part and whole beside it",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&PERCENT];

pub struct FigurePercent;

impl Check for FigurePercent {
    fn name(&self) -> &'static str {
        "figure_percent"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let l = ctx.figures();
        let f = &l.figures;
        for p in 0..f.len() {
            if f[p].kind != Kind::Percent || f[p].range_with.is_some() || f[p].value > 100.0 {
                continue;
            }
            // "A of B … (P%)"
            if p >= 2
                && let Some(d) = check(l, &f[p - 2], &f[p - 1], &f[p], true)
            {
                out.push(d);
                continue;
            }
            // "P% (A of B)"
            if p + 2 < f.len()
                && let Some(d) = check(l, &f[p + 1], &f[p + 2], &f[p], false)
            {
                out.push(d);
                continue;
            }
            // "Of the B …, A (P%)": the whole opens the sentence, the part comes later.
            if p >= 2
                && let Some(d) = whole_first(l, &f[p - 2], &f[p - 1], &f[p])
            {
                out.push(d);
                continue;
            }
            // "B in sales: P% (A) via …": the whole before a colon, shares with their parts after.
            if let Some(d) = whole_before_colon(l, p) {
                out.push(d);
            }
        }
    }
}

fn is_count(f: &Figure) -> bool {
    f.kind == Kind::Count && f.qualifier.is_none() && f.range_with.is_none()
}

fn check(l: &Ledger, a: &Figure, b: &Figure, p: &Figure, after: bool) -> Option<Diagnostic> {
    if !is_count(a) || !is_count(b) || a.sentence != p.sentence || b.sentence != p.sentence {
        return None;
    }
    if b.value <= 0.0 || a.value > b.value {
        return None;
    }
    // "A of B", "A out of B", "A in B", "A of the B"
    let (ae, bs) = (a.tokens.end, b.tokens.start);
    let link = match bs - ae {
        1 => l.is(ae, "of") || l.is(ae, "in"),
        2 => {
            (l.is(ae, "out") && l.is(ae + 1, "of"))
                || (l.is(ae, "of") && matches!(l.word(ae + 1), "the" | "its" | "their"))
        }
        3 => l.is(ae, "out") && l.is(ae + 1, "of") && l.is(ae + 2, "the"),
        _ => false,
    };
    if !link {
        return None;
    }
    // A percentage of something else: "35% of the budget" (unless its part and whole follow).
    if l.is(p.tokens.end, "of") && (after || l.is_punct(p.tokens.end, '(')) {
        return None;
    }
    let p_start = l.first_token(p);
    if after {
        // Between the whole and the percentage: the noun (a few words), then "(" / ", or" / "," / "—".
        let gap = p_start.checked_sub(b.tokens.end)?;
        if gap == 0 || gap > 7 {
            return None;
        }
        let mut k = p_start - 1;
        // "9 out of 30 schools or 30 percent": "or" after the noun, with no comma.
        let bare_or = l.is(k, "or") && l.tokens[k - 1].kind == Tok::Word;
        if l.is(k, "or") && !bare_or {
            k -= 1;
        }
        if !bare_or && !matches!(l.tokens[k].kind, Tok::Punct('(' | ',' | '—' | '–' | ':')) {
            return None;
        }
        if l.tokens[b.tokens.end..k].iter().any(|t| t.kind != Tok::Word) {
            return None;
        }
        // The whole's noun must not be followed by a verb phrase that changes the base:
        // only nouns and adjectives here.
        if (b.tokens.end..k)
            .any(|j| matches!(l.word(j), "said" | "were" | "are" | "was" | "is" | "have" | "had" | "and" | "but"))
        {
            return None;
        }
    } else if p.tokens.end + 1 == l.first_token(a) && l.is_punct(p.tokens.end, '(') {
        // "P% (A of B)": the parenthesis right after the percentage.
        if !l.is_punct(b.tokens.end, ')') {
            return None;
        }
    } else {
        // "P% of the staff, or A of its B employees": the percentage's own few words, then ", or".
        let a_start = l.first_token(a);
        if a_start < 2 || !l.is(a_start - 1, "or") || !l.is_punct(a_start - 2, ',') {
            return None;
        }
        let own = p.tokens.end..a_start - 2;
        if own.len() > 4 || l.tokens[own].iter().any(|t| t.kind != Tok::Word) {
            return None;
        }
    }
    compare(a, b, p)
}

/// "Of the 40 owners surveyed, 12 (35%) said yes": the whole right after the sentence's opening
/// "Of (the)", the part later in the same sentence with the percentage in brackets or after ", or"
/// straight after it.
fn whole_first(l: &Ledger, b: &Figure, a: &Figure, p: &Figure) -> Option<Diagnostic> {
    if !is_count(a) || !is_count(b) || a.sentence != p.sentence || b.sentence != p.sentence {
        return None;
    }
    if b.value <= 0.0 || a.value > b.value || a.noun.is_some() {
        return None;
    }
    let s = l.sentences[p.sentence].start;
    let mut k = s;
    if !l.is(k, "of") {
        return None;
    }
    k += 1;
    if matches!(l.word(k), "the" | "these" | "those" | "all" | "its" | "their") {
        k += 1;
    }
    if l.first_token(b) != k {
        return None;
    }
    // The whole's phrase ends at the comma before the part: "Of the 40 owners surveyed, 12".
    let a_start = l.first_token(a);
    if a_start == 0
        || !l.is_punct(a_start - 1, ',')
        || l.tokens[b.tokens.end..a_start - 1].iter().any(|t| t.kind != Tok::Word)
    {
        return None;
    }
    let p_start = l.first_token(p);
    let (ae, ps) = (a.tokens.end, p_start);
    let next = (ps == ae + 1 && l.is_punct(ae, '('))
        || (ps == ae + 2 && l.is_punct(ae, ',') && l.is(ae + 1, "or"))
        || (ps == ae + 1 && l.is(ae, "or"));
    if !next || l.is(p.tokens.end, "of") {
        return None;
    }
    compare(a, b, p)
}

/// "$639 million in sales came via phones: 71% ($456 million) via iOS and 28% ($180 million) via
/// Android", and a list after "of the 1.8 billion users:" whose items read "985 million people or
/// 53% are …": a share with its part beside it — in brackets right after the percentage, or
/// before it with "or" — and the whole as the last figure before the colon, in the same sentence
/// or in the sentence that opens the list (the items between each start with a figure). The
/// part and whole are of one kind (the same currency), the part no larger; a change ("up 20%
/// ($80 million)") is not a share.
fn whole_before_colon(l: &Ledger, p: usize) -> Option<Diagnostic> {
    let f = &l.figures;
    let share = &f[p];
    let ps = l.first_token(share);
    let plain = |g: &Figure| g.qualifier.is_none() && g.range_with.is_none() && g.value > 0.0;
    let like = |g: &Figure, h: &Figure| g.kind == h.kind && matches!(g.kind, Kind::Count | Kind::Money(_));
    if l.is(share.tokens.end, "of") || (ps >= 1 && crate::figures::direction(l.word(ps - 1)).is_some()) {
        return None;
    }
    // The part: "71% ($456 million)" or "985 million people or 53%".
    let part = if l.is_punct(share.tokens.end, '(')
        && let Some(a) = f.get(p + 1)
        && l.first_token(a) == share.tokens.end + 1
        && l.is_punct(a.tokens.end, ')')
    {
        p + 1
    } else if p >= 1
        && ps >= 2
        && l.is(ps - 1, "or")
        && f[p - 1].sentence == share.sentence
        && f[p - 1].tokens.end < ps - 1
        && ps - 1 - f[p - 1].tokens.end <= 3
        && l.tokens[f[p - 1].tokens.end..ps - 1].iter().all(|t| t.kind == Tok::Word)
    {
        p - 1
    } else {
        return None;
    };
    let a = &f[part];
    if !plain(a) || a.sentence != share.sentence {
        return None;
    }
    let first = l.first_token(&f[part.min(p)]);
    let mut s = share.sentence;
    let mut end = first;
    // Back through the sentence, then through list items that open with a figure of the part's
    // kind, to the colon.
    // Where a list item's words start: past a bullet read as punctuation ("* 985 million …").
    let opening = |s: usize| {
        let r = l.sentences[s].clone();
        r.clone().find(|&k| !matches!(l.tokens[k].kind, Tok::Punct('*' | '-' | '•' | '+'))).unwrap_or(r.end)
    };
    for _ in 0..8 {
        let start = l.sentences[s].start;
        if let Some(colon) = (start..end).rev().find(|&k| l.is_punct(k, ':')) {
            let whole = l.figures_in(s).rev().find(|&w| f[w].tokens.end <= colon)?;
            let b = &f[whole];
            if !plain(b) || !like(a, b) || a.value > b.value {
                return None;
            }
            return compare(a, b, share);
        }
        if s == 0 || opening(s) != first && s == share.sentence {
            return None;
        }
        s -= 1;
        end = l.sentences[s].end;
        // The item before must itself open with a figure of the part's kind, or end in the colon.
        let opens = l.figures_in(s).next().is_some_and(|w| l.first_token(&f[w]) == opening(s) && like(a, &f[w]));
        if !opens && !l.is_punct(end - 1, ':') {
            return None;
        }
    }
    None
}

/// The finding when the percentage is not part over whole at its precision.
fn compare(a: &Figure, b: &Figure, p: &Figure) -> Option<Diagnostic> {
    let computed = a.value / b.value * 100.0;
    if agrees(p.value, computed, p.decimals, p.qualifier) {
        return None;
    }
    let shown = format_number(computed, p.decimals);
    let stated = format_number(p.value, p.decimals);
    if shown == stated {
        return None;
    }
    // "1.2 billion" has one decimal as written, none once scaled.
    let places = |f: &Figure| if f.scale == Scale::None { f.decimals } else { 0 };
    let part = format_number(a.value, places(a));
    let whole = format_number(b.value, places(b));
    let msg = format!("{part} of {whole} is {shown}%, not {stated}%");
    let range = p.range.clone();
    let fix = Fix::safe(format!("Change to {shown}"), vec![Edit::replace(p.num.clone(), shown.clone())]);
    let mut d = Diagnostic::new(&PERCENT, range, msg).with_fix(fix);
    d = d.with_related(a.range.start.min(b.range.start)..a.range.end.max(b.range.end), format!("{part} of {whole}"));
    Some(d)
}
