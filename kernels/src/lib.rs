//! Backprop Playground's hot code, in a crate of its own so that it is built for speed while the
//! rest of the playground (settings, links, files, the binding) is built for size: the network's
//! maths (`network`), the seeded random streams (`rng`) and a point's input features
//! (`features`). The playground re-exports all three; read them as its own modules.

/// The one scalar type of the core. `f32` so that JS reads buffers as `Float32Array` views.
pub type Scalar = f32;

pub mod features;
pub mod network;
pub mod rng;
