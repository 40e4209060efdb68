//! CSV data: read for each kind of problem; a bad file is rejected by line, a good one imports and
//! trains.
#![no_main]

use backprop_playground::io::csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for (problem, classes) in oracle::CSV_PROBLEMS {
            oracle::check_csv(text, problem, classes, csv::parse(text, problem, classes));
        }
    }
});
