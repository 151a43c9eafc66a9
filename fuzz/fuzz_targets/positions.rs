//! Fuzz target `positions`: see `copydesk_fuzz::positions` (fuzz/src/lib.rs) for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk_fuzz::positions(data));
