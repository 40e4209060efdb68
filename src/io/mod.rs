//! A trainer in and out of text: a link's fragment, a model file, the data set as CSV. These know
//! the trainer; the trainer knows no file format.

pub mod csv;
pub mod link;
pub mod model;
