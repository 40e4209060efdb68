//! TensorFlow Playground's links: how one is recognised, and its decimal seeds.

use crate::config::{self, MAX_SEED};
use crate::data::features::Feature;

/// Keys that only TensorFlow Playground writes: a link without our version that has one is its.
const TENSORFLOW_ONLY: &[&str] = &["regDataset", "collectStats", "initZero", "tutorial"];
/// The settings both playgrounds have, by the same name.
const TENSORFLOW_SETTINGS: &[&str] = &[
    "activation",
    "regularization",
    "regularizationRate",
    "batchSize",
    "dataset",
    "learningRate",
    "noise",
    "networkShape",
    "seed",
    "showTestData",
    "discretize",
    "percTrainData",
    "problem",
];

/// TensorFlow Playground toggles an input by its feature's own name (`sinX=true`): ours are the same.
pub(super) fn is_feature(key: &str) -> bool {
    Feature::ALL.iter().any(|f| f.name() == key)
}

/// A seed from a link: a whole number as it is; anything else (TensorFlow Playground's `0.59704`)
/// hashed deterministically (FNV-1a) into range.
pub fn seed_from_text(text: &str) -> u64 {
    if let Ok(n) = text.parse::<u64>() {
        if n <= MAX_SEED {
            return n;
        }
    }
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h & MAX_SEED
}

/// Whether a link is TensorFlow Playground's: no version of ours and no preset, and a key that
/// only it writes (its `<control>_hide` flags too: a course's link often carries little else),
/// but no setting that only this playground has. Page options (`embed=1`) may be added to it.
pub(super) fn is_tensorflow(pairs: &[(String, String)]) -> bool {
    let has = |key: &str| pairs.iter().any(|(k, _)| k == key);
    let marked = pairs.iter().any(|(k, _)| {
        TENSORFLOW_ONLY.contains(&k.as_str()) || is_feature(k) || k.ends_with("_hide")
    });
    let ours = pairs.iter().any(|(k, _)| {
        config::field_names().contains(&k.as_str()) && !TENSORFLOW_SETTINGS.contains(&k.as_str())
    });
    !has("v") && !has("preset") && marked && !ours
}
