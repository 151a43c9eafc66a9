//! `url/malformed`: URLs that cannot work as written.
//!
//! # What it finds
//! TODO
//!
//! # Why it matters
//! TODO
//!
//! # Example
//! TODO
//!
//! # Fix safety
//! TODO

use crate::checks::{Check, Ctx, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static MALFORMED: Rule = Rule {
    id: "url/malformed",
    default_severity: Severity::Warning,
    summary: "A URL that cannot work as written",
    default_off: false,
    network: false,
};

static RULES: &[&Rule] = &[&MALFORMED];

pub struct UrlMalformed;

impl Check for UrlMalformed {
    fn name(&self) -> &'static str {
        "url_malformed"
    }
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }
    fn run(&self, _ctx: &Ctx<'_, '_>, _out: &mut Vec<Diagnostic>) {}
}
