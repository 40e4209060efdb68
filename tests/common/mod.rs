//! Helpers shared by the integration tests.
#![allow(dead_code)]

use backprop_playground::{Config, FieldValue, Trainer};

/// A config from `key=value` pairs in their text form (as a link would give them).
pub fn config(pairs: &[(&str, &str)]) -> Config {
    Config::from_fields(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string()))),
    )
    .unwrap_or_else(|e| panic!("test config rejected: {e}"))
}

pub fn trainer(pairs: &[(&str, &str)]) -> Trainer {
    Trainer::new(config(pairs))
}

/// Every weight and bias, in order.
pub fn parameters(t: &Trainer) -> Vec<f32> {
    let mut p = vec![0.0; t.network.parameter_count()];
    t.network.save_parameters(&mut p);
    p
}
