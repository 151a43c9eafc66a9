//! Fuzz target `incremental_sync`: see `copydesk_fuzz::incremental_sync` (fuzz/src/lib.rs) for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk_fuzz::incremental_sync(data));
