//! Property tests of the one offset ↔ line/column module, on the characters drafts are made of:
//! curly quotes, apostrophes, dashes, emoji, accented letters, CRLF and lone CR line ends.

use copydesk::position::{Encoding, LineCol, LineIndex};
use proptest::prelude::*;

const PIECES: &[&str] =
    &["a", "Z", " ", "“", "”", "‘", "’", "—", "–", "😀", "👍🏽", "é", "\n", "\r\n", "\r", "\t", "…", "ß", "𝄞"];

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Scalar];

/// An independent, slow model: split lines by hand, count units by hand.
fn naive(text: &str, offset: usize, enc: Encoding) -> LineCol {
    let mut line = 0;
    let mut col = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    // The \n that follows ends the line; an offset between \r and \n stays on it.
                    if i + 1 >= offset {
                        break;
                    }
                    chars.next();
                }
                line += 1;
                col = 0;
            }
            _ => {
                col += match enc {
                    Encoding::Utf8 => c.len_utf8(),
                    Encoding::Utf16 => c.len_utf16(),
                    Encoding::Scalar => 1,
                }
            }
        }
    }
    LineCol { line, col: col as u32 }
}

fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn agrees_with_a_naive_model(text in draft()) {
        let idx = LineIndex::new(&text);
        for o in boundaries(&text) {
            for enc in ENCODINGS {
                let got = idx.line_col(&text, o, enc);
                // An offset on a line terminator reports the line it ends.
                let on_terminator = matches!(text.as_bytes().get(o), Some(b'\n') if o > 0 && text.as_bytes()[o - 1] == b'\r');
                if !on_terminator {
                    prop_assert_eq!(got, naive(&text, o, enc), "offset {} in {:?} ({:?})", o, text, enc);
                }
            }
        }
    }

    #[test]
    fn round_trips_at_every_char_boundary(text in draft()) {
        let idx = LineIndex::new(&text);
        for o in boundaries(&text) {
            let b = text.as_bytes();
            // Inside a CRLF pair there is no position of its own.
            if o > 0 && o < b.len() && b[o - 1] == b'\r' && b[o] == b'\n' {
                continue;
            }
            for enc in ENCODINGS {
                let lc = idx.line_col(&text, o, enc);
                prop_assert_eq!(idx.offset(&text, lc, enc), Some(o), "offset {} in {:?} via {:?} {:?}", o, text, enc, lc);
            }
        }
    }

    #[test]
    fn any_position_maps_to_a_char_boundary_on_its_line(text in draft(), line in 0u32..20, col in 0u32..80) {
        let idx = LineIndex::new(&text);
        for enc in ENCODINGS {
            match idx.offset(&text, LineCol { line, col }, enc) {
                Some(o) => {
                    prop_assert!(text.is_char_boundary(o));
                    let r = idx.line_range(line as usize).unwrap();
                    prop_assert!(r.start <= o && o <= r.end);
                }
                None => prop_assert!(line as usize >= idx.line_count()),
            }
        }
    }

    #[test]
    fn scalar_columns_never_exceed_utf16_or_utf8(text in draft()) {
        let idx = LineIndex::new(&text);
        for o in boundaries(&text) {
            let s = idx.line_col(&text, o, Encoding::Scalar).col;
            let u16 = idx.line_col(&text, o, Encoding::Utf16).col;
            let u8 = idx.line_col(&text, o, Encoding::Utf8).col;
            prop_assert!(s <= u16 && u16 <= u8);
        }
    }
}

/// Long lines (over the 4 KiB checkpoint stride) with a rare line break.
fn long_draft() -> impl Strategy<Value = String> {
    let piece = prop_oneof![20 => prop::sample::select(&PIECES[..12]), 1 => Just("\n"), 1 => Just("\r\n")];
    prop::collection::vec(piece, 2000..6000).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn long_lines_round_trip_and_agree_with_the_model(text in long_draft()) {
        let idx = LineIndex::new(&text);
        for o in boundaries(&text).into_iter().step_by(37) {
            let b = text.as_bytes();
            if o > 0 && o < b.len() && b[o - 1] == b'\r' && b[o] == b'\n' {
                continue;
            }
            for enc in ENCODINGS {
                let lc = idx.line_col(&text, o, enc);
                prop_assert_eq!(lc, naive(&text, o, enc));
                prop_assert_eq!(idx.offset(&text, lc, enc), Some(o));
            }
        }
    }
}
