//! Backprop Playground core: a small fully-connected network trained by backpropagation, exactly as
//! the source text describes it, in plain Rust (no wasm types). `wasm.rs` is the only binding.

/// The one scalar type of the core. `f32` so that JS reads buffers as `Float32Array` views.
pub type Scalar = f32;

pub mod activation;
pub mod config;
pub mod csv;
pub mod dataset;
pub mod features;
pub mod gradient_check;
pub mod heatmap;
pub mod link;
pub mod loss;
pub mod model;
pub mod network;
pub mod optimizer;
pub mod presets;
pub mod rng;
pub mod trainer;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::{Config, ConfigError, FieldValue};
pub use network::Network;
pub use trainer::{Stats, Trainer};
