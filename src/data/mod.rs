//! The data: seeded 2-D data sets and what the network sees of a point.

pub mod dataset;
/// Input features live with the hot code (`backprop-kernels`): the heatmaps compute them per pixel.
pub use backprop_kernels::features;
