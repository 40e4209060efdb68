//! TensorFlow Playground's links: how one is recognised, and its decimal seeds.

use crate::config;
use crate::config::TENSORFLOW_FEATURES;
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

/// The input features a TensorFlow Playground link turns on, in its network's order: the toggles
/// that are on, less those whose control is hidden (`x_hide=true` takes x out of its network).
/// Its state has `cosX` and `cosY`, but its network never had them: those are noted and left out.
pub(super) fn features(pairs: &[(String, String)], notices: &mut Vec<String>) -> Vec<&'static str> {
    let value = |key: &str| super::last_value(pairs, key);
    let mut on = Vec::new();
    for f in Feature::ALL {
        // Its defaults: x and y on. Any value but "false" turns a toggle on, as it reads them.
        let toggled = match value(f.name()) {
            Some(v) if !v.trim().is_empty() => v != "false",
            _ => matches!(f, Feature::X | Feature::Y),
        };
        let hidden = value(&format!("{}_hide", f.name())) == Some("true");
        if !toggled || hidden {
            continue;
        }
        if TENSORFLOW_FEATURES.contains(&f) {
            on.push(f.name());
        } else {
            notices.push(format!(
                "{}: TensorFlow Playground's network has no such input, so it was left out",
                f.name()
            ));
        }
    }
    on
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
