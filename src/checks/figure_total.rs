//! `figure/total`: parts that do not add up to the total they are given as.
//!
//! # What it finds
//! - A sentence that opens with a total ("Of the 120 victims, …") and then breaks it down into
//!   counts that add up to more than the total, or to less when the parts are the two halves
//!   of a whole (men and women, boys and girls, male and female, for and against, yes and no):
//!   "Of 120 victims, 70 were men and 40 women" (70 + 40 = 110).
//! - Shares of one whole in one sentence that add up to more than 100% beyond rounding:
//!   "45% of voters backed the plan, 40% opposed it and 20% were undecided"; a poll's shares
//!   after a verb such as won, leads or carried: "Lee won 60 percent, Park 45 percent and Cho 5
//!   percent", "Lee leads Park 52 percent to 48 percent". A pair joined by "to" after a poll
//!   verb or before "ratio", "split" or "margin" is added on its own, whatever other
//!   percentages its sentence holds and even when approximate ("edged mobile, about 49% to 47%
//!   respectively, and tablets 4%": an "about" share may be a unit of its last place off).
//! - A breakdown of labelled shares between semicolons that adds up to more than 100%: "80%
//!   desktop; 12% tablet; 18% mobile" (not with "off", "up", "more" … between them).
//!
//! Approximate parts, parts of parts ("40 of them"), changes ("up 20%"), percentages of
//! different wholes ("60% of men and 70% of women") and answers to a question with several
//! answers ("Asked to name their top issues, 55% chose the economy and 52% health care") are
//! not added.
//!
//! # Why it matters
//! A breakdown that does not add up is the first thing a sharp reader notices, and it usually
//! means one figure was revised and the others were not.
//!
//! # Example
//! ```text
//! Of the 120 victims, 70 were men and 40 were women.
//! ```
//! 70 + 40 = 110, not 120.
//!
//! # Fix safety
//! No fix: only the writer knows which figure is wrong.

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::figures::{Figure, Kind, Ledger, Qualifier, Tok, format_number};

pub static TOTAL: Rule = Rule {
    id: "figure/total",
    default_severity: Severity::Warning,
    summary: "Parts that do not add up to the total they are given as",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&TOTAL];

pub struct FigureTotal;

impl Check for FigureTotal {
    fn name(&self) -> &'static str {
        "figure_total"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let l = ctx.figures();
        // The sentences with two figures or more, walking the figures (in sentence order) rather
        // than searching them for every sentence.
        let mut a = 0;
        while let Some(f) = l.figures.get(a) {
            let s = f.sentence;
            let b = a + l.figures[a..].iter().take_while(|g| g.sentence == s).count();
            if b - a >= 2 {
                of_total(l, s, out);
                if !shares(ctx.doc, l, s, out) {
                    share_pair(l, s, out);
                    breakdown(l, s, out);
                }
            }
            a = b;
        }
    }
}

/// Pairs of words that split a whole in two.
const HALVES: &[(&str, &str)] =
    &[("men", "women"), ("male", "female"), ("males", "females"), ("boys", "girls"), ("for", "against"), ("yes", "no")];

fn of_total(l: &Ledger, s: usize, out: &mut Vec<Diagnostic>) {
    let sent = l.sentences[s].clone();
    let mut k = sent.start;
    if !l.is(k, "of") {
        return;
    }
    k += 1;
    if matches!(l.word(k), "the" | "these" | "those" | "all") {
        k += 1;
    }
    let figs = l.figures_in(s);
    let total = &l.figures[figs.start];
    if l.first_token(total) != k || total.kind != Kind::Count || total.qualifier.is_some() || total.range_with.is_some()
    {
        return;
    }
    let parts: Vec<&Figure> = l.figures[figs.start + 1..figs.end].iter().filter(|f| f.kind != Kind::Year).collect();
    if parts.len() < 2
        || parts.iter().any(|f| {
            f.kind != Kind::Count
                || f.qualifier.is_some()
                || f.range_with.is_some()
                || l.is(f.tokens.end, "of")
                || f.spelled && f.value == 1.0 && !l.is(f.tokens.end, "was")
        })
    {
        return;
    }
    let sum: f64 = parts.iter().map(|f| f.value).sum();
    let eps = 1e-9 * total.value.max(1.0);
    let short = sum < total.value - eps && {
        // The words after each part: a complementary pair.
        let words: Vec<String> = parts
            .iter()
            .map(|f| {
                let mut w = f.tokens.end;
                while matches!(l.word(w), "were" | "was" | "are" | "is" | "voted" | "said") {
                    w += 1;
                }
                l.word(w).to_string()
            })
            .collect();
        parts.len() == 2
            && HALVES.iter().any(|(a, b)| (words[0] == *a && words[1] == *b) || (words[0] == *b && words[1] == *a))
    };
    if sum > total.value + eps || short {
        let sum_text = parts.iter().map(|f| format_number(f.value, f.decimals)).collect::<Vec<_>>().join(" + ");
        let msg = format!(
            "{sum_text} = {}, not {}: the parts do not add up to the total",
            format_number(sum, 2).trim_end_matches(".00"),
            format_number(total.value, total.decimals)
        );
        let range = parts[0].range.start..parts[parts.len() - 1].range.end;
        out.push(Diagnostic::new(&TOTAL, range, msg).with_related(total.range.clone(), "the total"));
    }
}

/// Words after a percentage that make it a share of a group ("45% said", "40% voted").
const SHARE_VERBS: &[&str] = &[
    "said",
    "say",
    "says",
    "voted",
    "vote",
    "were",
    "are",
    "was",
    "is",
    "supported",
    "support",
    "supports",
    "backed",
    "opposed",
    "oppose",
    "chose",
    "preferred",
    "prefer",
    "favoured",
    "favored",
    "approved",
    "disapproved",
    "agreed",
    "disagreed",
    "answered",
    "responded",
    "went",
    "came",
    "had",
    "have",
    "did",
    "do",
    "for",
    "against",
    "remained",
];

/// Words before a poll's shares that make them shares of one vote ("Lee won 60 percent, Park 45
/// percent", "Lee leads Park 52 percent to 44 percent", "carried the county 58% to 39%").
const POLL_VERBS: &[&str] = &[
    "won", "wins", "took", "takes", "leads", "led", "leading", "carried", "carries", "beat", "beats", "defeated",
    "trails", "trailed", "trailing", "edged", "edges", "polled", "polls", "received", "receives",
];

/// Shares of one vote: a poll verb before the first share, and either "N percent to M percent"
/// (two shares joined by "to") or every later share right after a name ("Park 45 percent").
fn poll(doc: &Document<'_>, l: &Ledger, s: usize, pct: &[&Figure]) -> (bool, bool) {
    let start = l.sentences[s].start;
    let first = l.first_token(pct[0]);
    if !(start..first).any(|k| POLL_VERBS.contains(&l.word(k))) {
        return (false, false);
    }
    let to_pair = pct.len() == 2 && l.is(pct[0].tokens.end, "to") && l.first_token(pct[1]) == pct[0].tokens.end + 1;
    let named = pct[1..].iter().all(|f| {
        let k = l.first_token(f);
        k >= 1 && l.capitalized(doc, k - 1)
    });
    (to_pair || named, to_pair)
}

/// Words that say a question had several answers ("Asked to name their top issues, 55% chose
/// the economy and 52% chose health care"): its shares are of different answers, not of one
/// whole.
const SEVERAL_ANSWERS: &[&str] = &["name", "named", "top", "apply", "multiple", "several", "also"];

/// Shares of one whole in the sentence that add up to more than 100%: whether it was reported.
fn shares(doc: &Document<'_>, l: &Ledger, s: usize, out: &mut Vec<Diagnostic>) -> bool {
    let figs = l.figures_in(s);
    let pct: Vec<&Figure> = l.figures[figs.clone()].iter().filter(|f| f.kind == Kind::Percent).collect();
    if pct.len() < 2 || l.sentences[s].clone().any(|k| SEVERAL_ANSWERS.contains(&l.word(k))) {
        return false;
    }
    let (poll, to_pair) = poll(doc, l, s, &pct);
    // Only plain shares: no approximations, ranges, changes or comparisons.
    for (i, f) in pct.iter().enumerate() {
        let st = l.first_token(f);
        let before = if st >= 1 { l.word(st - 1) } else { "" };
        let before = if to_pair && i == 1 { "" } else { before };
        let after = l.word(f.tokens.end);
        if f.qualifier.is_some()
            || (f.range_with.is_some() && !to_pair)
            || f.value > 100.0
            || matches!(
                before,
                "by" | "from" | "to" | "up" | "down" | "than" | "another" | "additional" | "extra" | "a" | "an"
            )
            || crate::figures::direction(before).is_some()
            || crate::figures::direction(after).is_some()
            || matches!(
                after,
                "rate"
                    | "chance"
                    | "probability"
                    | "interest"
                    | "tax"
                    | "discount"
                    | "stake"
                    | "share"
                    | "margin"
                    | "point"
                    | "points"
            )
        {
            return false;
        }
    }
    // The same whole: "of X" after the first, and after the others either the same or nothing.
    let of_object = |f: &Figure| -> Option<String> {
        if !l.is(f.tokens.end, "of") {
            return None;
        }
        let mut k = f.tokens.end + 1;
        if matches!(l.word(k), "the" | "all" | "those" | "these") {
            k += 1;
        }
        Some(l.word(k).to_string())
    };
    let objects: Vec<Option<String>> = pct.iter().map(|f| of_object(f)).collect();
    let first = objects.iter().flatten().next().cloned();
    let share_verb = |f: &Figure| SHARE_VERBS.contains(&l.word(f.tokens.end));
    let same_whole = match &first {
        Some(x) => {
            objects[0].is_some()
                && objects.iter().zip(&pct).all(|(o, f)| match o {
                    Some(y) => y == x,
                    None => poll || share_verb(f),
                })
        }
        None => poll || pct.iter().all(|f| share_verb(f)),
    };
    // One list: no clause that changes the subject between the shares.
    let from = l.token_at(pct[0].range.start);
    let to = l.token_at(pct[pct.len() - 1].range.start);
    let one_list = (from..to).all(|k| {
        !matches!(l.word(k), "where" | "while" | "whereas" | "compared" | "but" | "than" | "versus" | "vs" | "when")
            && !matches!(l.tokens[k].kind, Tok::Punct('—' | '–' | '(' | ';'))
    });
    if !one_list {
        return false;
    }
    if !same_whole {
        return false;
    }
    over_a_whole(&pct, out)
}

/// Reports shares of one whole that add up to more than 100% (each share may be rounded by half
/// a unit of its last place); whether it did.
fn over_a_whole(pct: &[&Figure], out: &mut Vec<Diagnostic>) -> bool {
    let sum: f64 = pct.iter().map(|f| f.value).sum();
    let slack: f64 = pct.iter().map(|f| 0.5 * 10f64.powi(-i32::from(f.decimals))).sum();
    if sum <= 100.0 + slack + 1e-9 {
        return false;
    }
    let sum_text =
        pct.iter().map(|f| format!("{}%", format_number(f.value, f.decimals))).collect::<Vec<_>>().join(" + ");
    let msg = format!(
        "{sum_text} = {}%: shares of one whole add up to more than 100%",
        format_number(sum, 1).trim_end_matches(".0")
    );
    let mut d = Diagnostic::new(&TOTAL, pct[0].range.start..pct[pct.len() - 1].range.end, msg);
    for f in &pct[1..] {
        d = d.with_related(f.range.clone(), "a share");
    }
    out.push(d);
    true
}

/// Words after a pair of shares that make them shares of one whole ("a 55% to 43% ratio").
const PAIR_NOUNS: &[&str] = &["ratio", "split", "margin"];

/// Two shares of one whole joined by "to" ("edged mobile traffic, about 49% to 47%
/// respectively", "by about a 55% to 43% ratio"), after a poll verb or before "ratio", "split"
/// or "margin", whatever other percentages the sentence holds ("…, and tablets 4%"). An
/// approximate share ("about 49%") may be a unit of its last place off; a pair of upper bounds
/// ("under 60%") is not added.
fn share_pair(l: &Ledger, s: usize, out: &mut Vec<Diagnostic>) {
    let figs = l.figures_in(s);
    let pct: Vec<&Figure> = l.figures[figs].iter().filter(|f| f.kind == Kind::Percent).collect();
    let start = l.sentences[s].start;
    for w in pct.windows(2) {
        let (a, b) = (w[0], w[1]);
        let first = l.first_token(a);
        let joined = l.is(a.tokens.end, "to") && l.first_token(b) == a.tokens.end + 1;
        let before = if first > start { l.word(first - 1) } else { "" };
        let marked =
            (start..first).any(|k| POLL_VERBS.contains(&l.word(k))) || PAIR_NOUNS.contains(&l.word(b.tokens.end));
        if !joined
            || !marked
            || matches!(before, "from" | "to" | "by" | "up" | "down")
            || crate::figures::direction(before).is_some()
            || [a, b].iter().any(|f| f.value > 100.0 || f.qualifier.is_some_and(|q| q == Qualifier::AtMost))
        {
            continue;
        }
        let unit = |f: &Figure| 10f64.powi(-i32::from(f.decimals));
        let slack: f64 = [a, b].iter().map(|f| if f.qualifier.is_some() { unit(f) } else { 0.5 * unit(f) }).sum();
        let sum = a.value + b.value;
        if sum > 100.0 + slack + 1e-9 {
            let msg = format!(
                "{}% + {}% = {}%: shares of one whole add up to more than 100%",
                format_number(a.value, a.decimals),
                format_number(b.value, b.decimals),
                format_number(sum, 1).trim_end_matches(".0")
            );
            out.push(Diagnostic::new(&TOTAL, a.range.start..b.range.end, msg).with_related(b.range.clone(), "a share"));
        }
    }
}

/// Words between shares that make them something other than parts of one whole ("30% off
/// shoes; 20% off hats").
const NOT_A_BREAKDOWN: &[&str] =
    &["off", "discount", "more", "less", "higher", "lower", "up", "down", "increase", "decrease", "growth", "of"];

/// A breakdown written as labelled shares between semicolons ("80% desktop; 12% tablet; 8%
/// mobile", "Direct 66%; organic 27%; Referrals 7%"): three shares or more, a label of a word or
/// two beside each and nothing else between them, adding up to more than 100%.
fn breakdown(l: &Ledger, s: usize, out: &mut Vec<Diagnostic>) {
    let figs = l.figures_in(s);
    let pct: Vec<&Figure> = l.figures[figs].iter().filter(|f| f.kind == Kind::Percent).collect();
    if pct.len() < 3 || pct.iter().any(|f| f.qualifier.is_some() || f.value > 100.0 || f.range_with.is_some()) {
        return;
    }
    let labelled = pct.windows(2).all(|w| {
        let between = w[0].tokens.end..l.first_token(w[1]);
        let words = between.clone().filter(|&k| l.tokens[k].kind == Tok::Word).count();
        let semicolons = between.clone().filter(|&k| l.is_punct(k, ';')).count();
        semicolons == 1
            && words <= 4
            && between.len() == words + 1
            && !between.clone().any(|k| NOT_A_BREAKDOWN.contains(&l.word(k)))
    });
    if !labelled {
        return;
    }
    over_a_whole(&pct, out);
}

#[cfg(test)]
mod tests {
    use super::SEVERAL_ANSWERS;
    use crate::{Config, DocKind, engine};

    fn totals(text: &str) -> usize {
        engine::check(text, DocKind::Markdown, &Config::default()).iter().filter(|d| d.rule == "figure/total").count()
    }

    #[test]
    fn every_word_of_several_answers_keeps_shares_apart() {
        for w in SEVERAL_ANSWERS {
            let text = format!("Asked about the port ({w}), 55% chose the ferries and 52% chose the bridge.");
            assert_eq!(totals(&text), 0, "{w}");
        }
        // Near-miss: the same shares of one answer still add up to too much.
        assert_eq!(totals("Asked about the port, 55% chose the ferries and 52% chose the bridge."), 1);
    }
}
