//! Fuzz target `engine_bytes`: see `copydesk_fuzz::engine_bytes` (fuzz/src/lib.rs) for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk_fuzz::engine_bytes(data));
