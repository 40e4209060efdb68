//! The data: seeded 2-D data sets and what the network sees of a point.

pub mod dataset;
pub mod features;
