//! `date/sequence`: a dated link later than the draft's own date.
//!
//! # What it finds
//! A link whose path carries a date (`/2025/06/27/`, `/2025/06/`, `/2025-06-27-…`) later than
//! the draft's date — its front matter `date` (or `publishDate`, `published`), or else a dateline
//! near the top ("WASHINGTON, Sept. 12, 2022 —", "Posted: August 7, 2014", a date on a line of its
//! own, a byline's "… / Published September 16, 2012"), or else the dated address the draft gives as its own ("Original url:
//! https://example.com/2022/09/12/story"). A draft with no date of its own is not checked;
//! images are not checked.
//!
//! # Why it matters
//! A story cannot link to an article published after it. A "related" link from the future is a
//! link pasted from the wrong story, or a sign that the draft's date is wrong.
//!
//! # Example
//! ```text
//! ---
//! date: 2022-09-12
//! ---
//! Read more: https://example.com/2025/06/27/flood-report
//! ```
//! The link is dated 2025-06-27, after the draft's date, 2022-09-12.
//!
//! # Fix safety
//! No fix: the right link, or the right date, is for the writer to find.

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::figures::{draft_date, url_date};

pub static SEQUENCE: Rule = Rule {
    id: "date/sequence",
    default_severity: Severity::Warning,
    summary: "A dated link later than the draft's own date",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&SEQUENCE];

pub struct DateSequence;

impl Check for DateSequence {
    fn name(&self) -> &'static str {
        "date_sequence"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn needs_figures(&self) -> bool {
        true
    }
    fn run(&self, ctx: &Ctx<'_, '_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        // Cheap first: no dated link, no ledger needed.
        let dated: Vec<_> =
            doc.links.iter().filter(|l| !l.image).filter_map(|l| url_date(doc.link_dest(l)).map(|d| (l, d))).collect();
        if dated.is_empty() {
            return;
        }
        let Some(((y, m, d), drange)) = draft_date(doc, ctx.figures()) else { return };
        for (link, (ly, lm, ld)) in dated {
            // A bare URL in an HTML attribute (`src="…"`) of a plain-text draft is an image or embed.
            let before = &doc.text[..link.range.start];
            if link.kind == LinkKind::Bare && (before.ends_with("src=\"") || before.ends_with("src='")) {
                continue;
            }
            let later = match ld {
                Some(ld) => (ly, lm, ld) > (y, m, d),
                None => (ly, lm) > (y, m),
            };
            if !later {
                continue;
            }
            let link_date = match ld {
                Some(ld) => format!("{ly}-{lm:02}-{ld:02}"),
                None => format!("{ly}-{lm:02}"),
            };
            let msg = format!("the link is dated {link_date}, after this draft's date, {y}-{m:02}-{d:02}");
            out.push(
                Diagnostic::new(&SEQUENCE, link.dest.clone(), msg).with_related(drange.clone(), "the draft's date"),
            );
        }
    }
}
