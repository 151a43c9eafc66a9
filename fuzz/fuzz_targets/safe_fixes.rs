//! Fuzz target `safe_fixes`: see `copydesk_fuzz::safe_fixes` (fuzz/src/lib.rs) for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk_fuzz::safe_fixes(data));
