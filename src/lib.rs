//! Backprop Playground core: a small fully-connected network trained by backpropagation, exactly as
//! the source text describes it, in plain Rust (no wasm types). `binding` is the only binding.
//!
//! The modules, each using only those listed before it:
//! - `rng`: the portable seeded random streams;
//! - `network`: the maths (activations, losses, forward and backward passes, optimisers);
//! - `data`: the data sets and the input features of a point;
//! - `tensorflow`: TensorFlow Playground's random stream, data sets and initial weights;
//! - `presets`: named starting points, as plain data;
//! - `config`: the settings table and the validated configuration;
//! - `training`: the mini-batch loop, its diagnostics and the teaching probes;
//! - `io`: a trainer as a link, a model file or CSV data;
//! - `heatmap`: every node's value over the plane, as pixels;
//! - `schema`: one description of the settings, presets, controls and limits for the page;
//! - `binding`: the wasm-bindgen `Playground` class (wasm32 only).

// The hot code lives in the `backprop-kernels` crate (kernels/), built for speed while this
// crate is built for size; it is re-exported so that its modules read as this crate's own.
pub use backprop_kernels::{network, rng, Scalar};

#[cfg(target_arch = "wasm32")]
pub mod binding;
pub mod config;
pub mod data;
pub mod heatmap;
pub mod io;
pub mod presets;
pub mod schema;
pub mod tensorflow;
pub mod training;

pub use config::{Config, ConfigError, FieldValue};
pub use network::Network;
pub use training::{Stats, Trainer};
