//! Model files: a bad one is rejected with where it is bad; a good one gives a trainer that trains.
#![no_main]

use backprop_playground::io::model;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        oracle::check_model(text, model::import(text));
    }
});
