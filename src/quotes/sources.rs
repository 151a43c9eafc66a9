//! Who is quoted: the attributed quotations grouped by speaker, for `copydesk sources` and the
//! language server's document symbols.

use super::speakers::{is_org, same_person, surname};
use super::{SpeakerKind, Via, analyze};
use crate::config::Config;
use crate::document::Document;
use std::collections::HashSet;
use std::ops::Range;

/// One person or body quoted in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SpeakerKind,
    /// The name as used after the first reference (a surname for people introduced in full).
    pub speaker: String,
    /// The first reference as written (`Defense Ministry spokesman Igor Konashenkov`).
    pub first_reference: String,
    pub first_reference_range: Range<usize>,
    /// The quotations attributed to this source, in text order.
    pub quotes: Vec<Range<usize>>,
}

/// Who is quoted in the draft: one entry per speaker, in order of first quotation. Quotations
/// attributed to a pronoun count for the nearest named speaker before them when there is one.
pub fn sources(doc: &Document<'_>, config: &Config) -> Vec<Source> {
    let a = analyze(doc, &config.quotes);
    let mut out: Vec<Source> = Vec::new();
    let mut last_named: Option<usize> = None;
    let mut counted_runs: HashSet<usize> = HashSet::new();
    for (qi, q) in a.quotes.iter().enumerate() {
        let Some(att) = q.attribution() else { continue };
        if att.via == Via::Introduction {
            continue;
        }
        if let Some(r) = q.run
            && !counted_runs.insert(r)
        {
            continue;
        }
        let _ = qi;
        let sp = &att.speaker;
        let idx = match sp.kind {
            SpeakerKind::Pronoun if last_named.is_some() => last_named,
            SpeakerKind::Name => {
                let found = out.iter().position(|s| s.kind == SpeakerKind::Name && same_person(&s.speaker, &sp.name));
                match found {
                    Some(i) => {
                        // A full name after a surname-only first mention: keep the fuller form.
                        if sp.name.split(' ').count() > out[i].speaker.split(' ').count() {
                            out[i].speaker = sp.name.clone();
                        }
                        Some(i)
                    }
                    None => None,
                }
            }
            _ => out.iter().position(|s| s.kind == sp.kind && s.speaker.eq_ignore_ascii_case(&sp.name)),
        };
        let i = match idx {
            Some(i) => i,
            None => {
                out.push(Source {
                    kind: sp.kind.clone(),
                    speaker: sp.name.clone(),
                    first_reference: doc.text[sp.reference.clone()].split_whitespace().collect::<Vec<_>>().join(" "),
                    first_reference_range: sp.reference.clone(),
                    quotes: Vec::new(),
                });
                out.len() - 1
            }
        };
        if sp.kind == SpeakerKind::Name {
            last_named = Some(i);
        }
        out[i].quotes.push(q.range.clone());
    }
    for s in &mut out {
        if s.kind == SpeakerKind::Name && s.speaker.contains(' ') && !is_org(&s.speaker) {
            s.speaker = surname(&s.speaker).to_string();
        }
    }
    out
}
