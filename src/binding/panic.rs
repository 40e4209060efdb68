//! Panics contained: a panic throws a JS Error the page can recognise instead of trapping.

use wasm_bindgen::prelude::*;

/// Starts every panic's message, so that JS can tell a panic from an ordinary error.
const PANIC_PREFIX: &str = "Backprop Playground core panic: ";

/// Makes a panic throw a JS Error carrying its message (`PANIC_PREFIX` first) instead of trapping
/// with a bare "unreachable". The instance is not usable afterwards (a Rust object may be left
/// mid-change): the JS engine then builds a new one.
#[wasm_bindgen(js_name = containPanics)]
pub fn contain_panics() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!("{PANIC_PREFIX}{info}"))
    }));
}

/// The prefix of a panic's message (see `containPanics`).
#[wasm_bindgen(js_name = panicPrefix)]
pub fn panic_prefix() -> String {
    PANIC_PREFIX.to_string()
}
