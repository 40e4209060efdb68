//! Share links: any fragment opens (bad values become named errors) into a trainer that can train.
#![no_main]

use backprop_playground::io::link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A fragment is text; the page never hands the parser anything else.
    if let Ok(fragment) = std::str::from_utf8(data) {
        oracle::check_link(fragment, link::open(fragment));
    }
});
