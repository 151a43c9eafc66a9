//! Fuzz target `engine_utf8`: see `copydesk_fuzz::engine_utf8` (fuzz/src/lib.rs) for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk_fuzz::engine_utf8(data));
