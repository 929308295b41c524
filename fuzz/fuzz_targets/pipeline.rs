//! Arbitrary bytes through decode -> normalize -> segment -> extract -> merge:
//! no panic, every line number within the file, every value finite.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::check(data) {
        panic!("invariant broken: {e}");
    }
});
