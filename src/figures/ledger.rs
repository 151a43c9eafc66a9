//! The figures: at each candidate token, the figure that starts there — numeral or spelled-out
//! number, with its scale, currency, percent or points unit, ordinal, age, year, qualifier, noun
//! and owner — or a label ("G20", "COVID-19", "No. 5") that is no figure; then ranges ("10-15",
//! "between 10 and 15") and "from A to B" pairs.

use std::ops::Range;

use crate::document::Document;

use super::numbers::{currency_code, currency_symbol, currency_word, number_value, parse_without_commas, scale_word};
use super::words::{COUNTED_NOUNS, YEAR_BEFORE_WORDS, class};
use super::{Figure, Kind, Ledger, Qualifier, Scale, Tok, comparable};

impl Ledger {
    pub(super) fn find_figures(&mut self, doc: &Document<'_>, candidates: &[usize]) {
        // Tokens that dates consumed (day numbers, years of dates) are not figures.
        let date_tokens: Vec<Range<usize>> =
            self.dates.iter().map(|d| self.token_at(d.range.start)..self.token_at(d.range.end)).collect();
        let mut di = 0;
        let mut next = 0;
        let mut keys = std::mem::take(&mut self.noun_keys);
        // Most candidates are figures, most figures have a noun (a key of about six bytes).
        self.figures.reserve(candidates.len());
        keys.reserve(candidates.len() * 8);
        for &i in candidates {
            while di < date_tokens.len() && date_tokens[di].end <= i {
                di += 1;
            }
            let in_date = di < date_tokens.len() && date_tokens[di].start <= i;
            if i < next || in_date {
                continue;
            }
            if let Some(f) = self.figure_at(doc, i, &mut keys) {
                next = f.tokens.end.max(i + 1);
                self.figures.push(f);
            }
        }
        self.noun_keys = keys;
        self.link_ranges();
    }

    /// Pair "10-15", "10 to 15", "between 10 and 15".
    pub(super) fn link_ranges(&mut self) {
        for k in 1..self.figures.len() {
            let (a, b) = (&self.figures[k - 1], &self.figures[k]);
            // A year and a count are no range: "from 52,000 in 2003 to 41,600" is a move.
            if a.sentence != b.sentence || (a.kind == Kind::Year) != (b.kind == Kind::Year) {
                continue;
            }
            let (ea, sb) = (a.tokens.end, b.tokens.start);
            let dash = sb == ea + 1
                && matches!(self.tokens[ea].kind, Tok::Punct('-' | '–'))
                && self.touching(ea - 1)
                && self.touching(ea);
            // Not "rose 0.3 percent to 7.2 percent from 6.9 percent": a change, then a move.
            let move_follows = self.is(b.tokens.end, "from");
            let to = sb == ea + 1 && (self.is(ea, "to") || self.is_punct(ea, '–')) && !move_follows;
            let from = a.tokens.start >= 1 && self.is(a.tokens.start - 1, "from")
                || a.qualifier_range
                    .as_ref()
                    .is_some_and(|q| self.token_at(q.start) >= 1 && self.is(self.token_at(q.start) - 1, "from"));
            let between =
                sb == ea + 1 && self.is(ea, "and") && a.tokens.start >= 1 && self.is(a.tokens.start - 1, "between");
            if dash || (to && !from) || between {
                self.figures[k - 1].range_with = Some(k);
                self.figures[k].range_with = Some(k - 1);
                // "10 to 15 people": the noun belongs to both.
                if self.figures[k - 1].noun.is_none() {
                    let (noun, key) = (self.figures[k].noun.clone(), self.figures[k].noun_key.clone());
                    self.figures[k - 1].noun = noun;
                    self.figures[k - 1].noun_key = key;
                }
            }
        }
    }

    /// The figure starting at token `i`, if there is one; its noun key goes into `keys`.
    pub(super) fn figure_at(&self, doc: &Document<'_>, i: usize, keys: &mut String) -> Option<Figure> {
        let tk = &self.tokens;
        let t = tk.get(i)?;
        let sentence = t.sentence as usize;
        let mut kind = Kind::Count;
        let mut start_tok = i;
        // What the word before the number is (currency code, month, "aged", …): asked once.
        let before = if i >= 1 { self.classes(i - 1) } else { 0 };
        // Currency symbol right before the number.
        let (value, decimals, mut next, spelled) = match t.kind {
            Tok::Number => {
                let (value, decimals) = number_value(self.word(i))?;
                (value, decimals, i + 1, false)
            }
            Tok::Word => {
                let (v, next, k) = self.spelled_at(i)?;
                kind = k;
                (v, 0, next, true)
            }
            Tok::Punct(c) => {
                let code = currency_symbol(c)?;
                if tk.get(i + 1)?.kind != Tok::Number || !self.touching(i) {
                    return None;
                }
                let mut f = self.figure_at(doc, i + 1, keys)?;
                if f.kind != Kind::Count {
                    return None;
                }
                // "US$", "A$", "C$"
                let mut code = code;
                if c == '$' && i >= 1 && self.touching(i - 1) && tk[i - 1].kind == Tok::Word {
                    code = match self.word(i - 1) {
                        "us" => "USD",
                        "a" | "au" => "AUD",
                        "c" | "ca" => "CAD",
                        "nz" => "NZD",
                        "hk" => "HKD",
                        _ => code,
                    };
                }
                f.kind = Kind::Money(code);
                let (q, qr) = self.qualifier_before(i);
                f.qualifier = f.qualifier.or(q);
                f.qualifier_range = f.qualifier_range.or(qr);
                f.range.start = t.range.start;
                return Some(f);
            }
        };
        // The number as written: one token, or the words of a spelled-out number ("a dozen").
        let num = t.range.start..tk[next - 1].range.end;
        if !spelled {
            // A number glued to letters or other numbers names something: "G20", "A4", "COVID-19",
            // "9:30", "1/2", "202-331-1986", "No. 5", "Section 215", "iPhone 12".
            // A currency code before the number is money, glued or not ("USD 500", "EUR5").
            let code_before = before & class::CODE != 0;
            if i >= 1 && self.touching(i - 1) {
                match tk[i - 1].kind {
                    Tok::Word if code_before => {}
                    Tok::Word => return Some(self.label(i, sentence)),
                    Tok::Punct(c @ ('-' | '/' | ':' | '.' | '#' | '_' | '+' | '=' | '@' | '&')) => {
                        let prev2 = i >= 2 && self.touching(i - 2);
                        if c != '-' || prev2 {
                            return Some(self.label(i, sentence));
                        }
                    }
                    _ => {}
                }
            }
            if self.touching(i)
                && matches!(tk.get(i + 1).map(|t| t.kind), Some(Tok::Punct(':' | '/' | '_' | '@')))
                && tk.get(i + 2).is_some_and(|t| t.kind == Tok::Number)
                && self.touching(i + 1)
            {
                return Some(self.label(i, sentence));
            }
            // Phone numbers and other chains: 202-331-1986.
            if self.is_punct(i + 1, '-')
                && self.touching(i)
                && self.touching(i + 1)
                && tk.get(i + 2).is_some_and(|t| t.kind == Tok::Number)
                && self.is_punct(i + 3, '-')
                && self.touching(i + 2)
            {
                return Some(self.label(i, sentence));
            }
            if i >= 1
                && !code_before
                && tk[i - 1].kind == Tok::Word
                && self.capitalized(doc, i - 1)
                && !self.sentence_start(i - 1)
            {
                let w = self.word(i - 1);
                let label_words = !w.ends_with("'s")
                    && !w.ends_with("’s")
                    && before & (class::MONTH | class::WEEKDAY | class::NOT_LABEL) == 0;
                // A share after a name is no label: "Park 45 percent", "Cho 5%".
                let share = self.is_punct(i + 1, '%') || self.classes(i + 1) & class::PERCENT != 0;
                if label_words && !share {
                    return Some(self.label(i, sentence));
                }
            }
            if i >= 2
                && self.is_punct(i - 1, '.')
                && self.touching(i - 2)
                && matches!(self.word(i - 2), "no" | "nos" | "vol" | "pp" | "fig" | "p")
            {
                return Some(self.label(i, sentence));
            }
            if i >= 1 && self.is_punct(i - 1, '#') {
                return Some(self.label(i, sentence));
            }
        }
        let mut value = value;
        let mut scale = Scale::None;
        // Scale words and abbreviations.
        if !spelled || matches!(kind, Kind::Count) {
            if self.classes(next) & class::SCALE != 0
                && let Some(s) = scale_word(self.word(next))
            {
                // "hundred" after a numeral is rare; accept all scale words.
                value *= s;
                scale = Scale::Word;
                next += 1;
            } else if !spelled && self.touching(next - 1) && tk.get(next).is_some_and(|t| t.kind == Tok::Word) {
                let w = self.word(next);
                let money_ctx = before & class::CODE != 0
                    || (i >= 1
                        && self.touching(i - 1)
                        && matches!(tk[i - 1].kind, Tok::Punct(c) if currency_symbol(c).is_some()));
                match w {
                    "bn" | "tn" => {
                        value *= if w == "bn" { 1e9 } else { 1e12 };
                        scale = Scale::Abbrev;
                        next += 1;
                    }
                    "m" | "k" | "b" if money_ctx => {
                        value *= match w {
                            "m" => 1e6,
                            "k" => 1e3,
                            _ => 1e9,
                        };
                        scale = Scale::Abbrev;
                        next += 1;
                    }
                    "st" | "nd" | "rd" | "th" => {
                        kind = Kind::Ordinal;
                        next += 1;
                    }
                    // "1990s", "5km", "10am", "3D": a unit or a label, not a count of things.
                    _ => return Some(self.label(i, sentence)),
                }
            }
        }
        let mut unit = None;
        // Percent and points.
        let next_classes = self.classes(next);
        if self.is_punct(next, '%') || next_classes & class::PERCENT != 0 {
            kind = Kind::Percent;
            unit = Some(tk[next].range.clone());
            next += 1;
        } else if next_classes & class::PER != 0 && self.is(next + 1, "cent") {
            kind = Kind::Percent;
            unit = Some(tk[next].range.start..tk[next + 1].range.end);
            next += 2;
        } else if next_classes & class::PERCENTAGE != 0 && (self.is(next + 1, "points") || self.is(next + 1, "point")) {
            kind = Kind::Points;
            unit = Some(tk[next].range.start..tk[next + 1].range.end);
            next += 2;
        } else if next_classes & class::PP != 0 {
            kind = Kind::Points;
            unit = Some(tk[next].range.clone());
            next += 1;
        }
        // Currency codes and words.
        if kind == Kind::Count {
            if i >= 1
                && !spelled
                && before & class::CODE != 0
                && let Some(code) = currency_code(self.word(i - 1))
            {
                kind = Kind::Money(code);
                start_tok = i - 1;
            } else if self.classes(next) & (class::CODE | class::CURRENCY) != 0
                && let Some(code) = currency_code(self.word(next)).or_else(|| currency_word(self.word(next)))
            {
                kind = Kind::Money(code);
                next += 1;
            }
        }
        // Ages: "46-year-old", "aged 46", "Smith, 45,".
        let mut entity = None;
        if kind == Kind::Count
            && self.is_punct(next, '-')
            && self.touching(next - 1)
            && self.is(next + 1, "year")
            && self.is_punct(next + 2, '-')
            && self.is(next + 3, "old")
        {
            kind = Kind::Age;
            next += 4;
            entity = self.age_entity_around(doc, start_tok, next);
        } else if kind == Kind::Count && !spelled && decimals == 0 && value <= 120.0 {
            if before & class::AGED != 0 {
                kind = Kind::Age;
                let k = if i >= 2 && self.is_punct(i - 2, ',') { i - 2 } else { i - 1 };
                entity = self.name_before(doc, k);
            } else if i >= 2
                && self.is_punct(i - 1, ',')
                && (self.is_punct(next, ',') || (self.is_punct(next, '.') && !self.is_punct(next + 1, '.')))
                && let Some(e) = self.name_before_opening(doc, i - 1, self.is_punct(next, ','))
            {
                // "Smith, 45, said": a name, then the number alone between commas.
                kind = Kind::Age;
                entity = Some(e);
            }
        }
        // Years, but for a count of people or land ("2000 people", "1900 acres") unless a word that
        // takes a year comes before it ("in 2000 people fled").
        if kind == Kind::Count
            && !spelled
            && decimals == 0
            && scale == Scale::None
            && self.word(i).len() == 4
            && (1800.0..=2100.0).contains(&value)
            && (!COUNTED_NOUNS.contains(self.word(next)) || (i >= 1 && YEAR_BEFORE_WORDS.contains(self.word(i - 1))))
        {
            kind = Kind::Year;
        }
        let (qualifier, mut qualifier_range) = self.qualifier_before(start_tok);
        let mut qualifier = qualifier;
        // "or so", "or more", "plus", "+"
        if qualifier.is_none() {
            if self.classes(next) & class::OR != 0 && (self.is(next + 1, "so") || self.is(next + 1, "more")) {
                qualifier = Some(if self.is(next + 1, "so") { Qualifier::About } else { Qualifier::AtLeast });
                qualifier_range = Some(tk[next].range.start..tk[next + 1].range.end);
            } else if self.is_punct(next, '+') && self.touching(next - 1) {
                qualifier = Some(Qualifier::AtLeast);
                qualifier_range = Some(tk[next].range.clone());
            }
        }
        if qualifier.is_none() && i >= 1 && self.is_punct(start_tok.wrapping_sub(1), '~') {
            qualifier = Some(Qualifier::About);
        }
        let end = tk[next - 1].range.end;
        let (noun, noun_key) = if matches!(kind, Kind::Count | Kind::Money(_) | Kind::Percent | Kind::Points) {
            self.noun_after(doc, next, keys)
        } else {
            (None, 0..0)
        };
        if entity.is_none()
            && start_tok >= 2
            && self.is(start_tok - 1, "s")
            && matches!(tk[start_tok - 2].kind, Tok::Punct('\'' | '’'))
        {
            // "Ukraine's 250 soldiers" (the tokenizer keeps "Ukraine's" whole unless quoted oddly).
            entity = self.name_before(doc, start_tok - 2);
        } else if entity.is_none()
            && start_tok >= 1
            && tk[start_tok - 1].kind == Tok::Word
            && (self.word(start_tok - 1).ends_with("'s") || self.word(start_tok - 1).ends_with("’s"))
            && self.capitalized(doc, start_tok - 1)
        {
            entity = Some(tk[start_tok - 1].range.clone());
        }
        Some(Figure {
            range: tk[start_tok].range.start..end,
            num,
            value,
            decimals,
            kind,
            unit,
            scale,
            spelled,
            qualifier,
            qualifier_range,
            noun,
            noun_key,
            entity,
            sentence,
            range_with: None,
            tokens: i..next,
        })
    }

    pub(super) fn sentence_start(&self, i: usize) -> bool {
        self.sentences.get(self.tokens[i].sentence as usize).is_some_and(|s| s.start == i)
            || (i >= 1 && matches!(self.tokens[i - 1].kind, Tok::Punct('“' | '"' | '(' | '‘' | ':' | '—')))
    }

    pub(super) fn label(&self, i: usize, sentence: usize) -> Figure {
        let r = self.tokens[i].range.clone();
        Figure {
            range: r.clone(),
            num: r,
            value: parse_without_commas(self.word(i)).unwrap_or(0.0),
            decimals: 0,
            kind: Kind::Label,
            unit: None,
            scale: Scale::None,
            spelled: false,
            qualifier: None,
            qualifier_range: None,
            noun: None,
            noun_key: 0..0,
            entity: None,
            sentence,
            range_with: None,
            tokens: i..i + 1,
        }
    }

    /// "from A to B" and "to B from A" pairs of comparable figures: `(from, to)` indices into
    /// `figures`, in text order of the first.
    pub fn from_to_pairs(&self) -> Vec<(usize, usize)> {
        let f = &self.figures;
        let mut out = Vec::new();
        for k in 1..f.len() {
            let x = &f[k - 1];
            let (end, next) = self.end_of_move_start(k - 1);
            let Some(y) = f.get(next) else { continue };
            if x.sentence != y.sentence || !self.move_ends(x, y) {
                continue;
            }
            // A noun after the first figure must be the second's too ("to 900 tonnes from 300
            // tonnes", "from 535 million visits to 1.89 billion"), not another quantity's.
            let noun_after = x
                .noun
                .as_ref()
                .is_some_and(|n| self.tokens.get(x.tokens.end).is_some_and(|t| t.range.start == n.start));
            if noun_after && !y.noun_key.is_empty() && self.noun_key(x) != self.noun_key(y) {
                continue;
            }
            let (xs, ys) = (self.move_token(x), self.move_token(y));
            let joined = |word: &str| self.is(end, word) && ys == end + 1;
            if xs >= 1 && self.is(xs - 1, "from") && joined("to") {
                out.push((k - 1, next));
            } else if xs >= 1 && self.is(xs - 1, "to") && joined("from") {
                out.push((next, k - 1));
            }
        }
        for (x, fx) in f.iter().enumerate() {
            let xs = self.first_token(fx);
            if xs >= 1 && self.is(xs - 1, "to") {
                out.extend(self.start_after_an_aside(x).map(|from| (from, x)));
            }
        }
        out.sort_by_key(|&(a, b)| a.min(b));
        out
    }

    /// A move's end read as exact when it is only "about" ("from about 14.82 billion to about
    /// 23.33 billion": the checks then allow for the rounding); "nearly", "more than" and the like
    /// keep it out of moves.
    fn move_ends(&self, x: &Figure, y: &Figure) -> bool {
        let exact_enough = |f: &Figure| {
            f.qualifier.is_none() || (f.qualifier == Some(Qualifier::About) && self.qualifier_right_before(f))
        };
        x.kind == y.kind
            && matches!(x.kind, Kind::Count | Kind::Percent | Kind::Money(_) | Kind::Points)
            && exact_enough(x)
            && exact_enough(y)
    }

    /// Whether the figure's qualifier is the word right before it ("about 23.33 billion").
    fn qualifier_right_before(&self, f: &Figure) -> bool {
        f.qualifier_range.as_ref().is_some_and(|q| self.token_at(q.end) == self.first_token(f))
    }

    /// Where a figure starts as an end of a move: at its qualifier when that is right before it.
    pub fn move_token(&self, f: &Figure) -> usize {
        match &f.qualifier_range {
            Some(q) if self.qualifier_right_before(f) => self.token_at(q.start),
            _ => self.first_token(f),
        }
    }

    /// Where the first figure of a move ends (the token after it) and which figure may be its
    /// other end: past the figure's noun ("from 300 tonnes to 900 tonnes") and its year ("from
    /// 52,000 in 2003 to 41,000 in 2004", whose next figure is the year).
    fn end_of_move_start(&self, x: usize) -> (usize, usize) {
        let f = &self.figures;
        let mut end = f[x].tokens.end;
        if let Some(noun) = &f[x].noun
            && end < self.tokens.len()
            && self.tokens[end].range.start == noun.start
        {
            end = self.token_at(noun.end);
        }
        let mut next = x + 1;
        if let Some(year) = f.get(next)
            && year.kind == Kind::Year
            && year.sentence == f[x].sentence
            && self.is(end, "in")
            && self.first_token(year) == end + 1
        {
            end = year.tokens.end;
            next += 1;
            // "in 2019-2020": the span's second year too.
            if let Some(to) = f.get(next)
                && matches!(to.kind, Kind::Year | Kind::Label)
                && (self.is_punct(end, '-') || self.is_punct(end, '–'))
                && self.first_token(to) == end + 1
            {
                end = to.tokens.end;
                next += 1;
            }
        }
        (end, next)
    }

    /// "to $30 million, or 45 cents a share, in the quarter, from $7 million": the "from" figure
    /// of "to X" after an aside that opens with a comma right after X and ends with a comma
    /// before "from" (a few words, no other move, no second clause).
    fn start_after_an_aside(&self, x: usize) -> Option<usize> {
        let f = &self.figures;
        let end = f[x].tokens.end;
        if !self.is_punct(end, ',') {
            return None;
        }
        let j = (end + 1..(end + 16).min(self.tokens.len())).find(|&j| {
            matches!(self.word(j), "from" | "to" | "and" | "but" | "while" | "than") || self.is_punct(j, ';')
        })?;
        if !self.is(j, "from") || !self.is_punct(j - 1, ',') {
            return None;
        }
        (x + 1..f.len())
            .take_while(|&y| f[y].sentence == f[x].sentence)
            .find(|&y| self.first_token(&f[y]) == j + 1)
            .filter(|&y| comparable(&f[x], &f[y]))
    }
}
