//! One description of the core for the page (`Playground.schema()`): every setting from the
//! settings table, the presets, the controls a link may name, and the limits every input is
//! checked against, so that the page writes none of them again.

use crate::config::{self, Described, MAX_KEYS, MAX_LIST_ITEMS, MAX_POINTS, MAX_TEXT};
use crate::io::{csv, link, model};
use crate::presets::{Preset, PRESETS};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Schema {
    /// In the order of `Config::to_fields`.
    pub settings: Vec<Described>,
    /// As `Playground.presets()` gives them: `{ name, title, teaches }`.
    pub presets: &'static [Preset],
    /// Every control a link may hide or an embed may show, in `link::CONTROLS` order.
    pub controls: Vec<Control>,
    pub limits: Limits,
    /// What TensorFlow Playground's rules offer: the rest is refused under them, so not shown.
    pub tensorflow: Tensorflow,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Tensorflow {
    pub features: Vec<&'static str>,
    pub datasets: Vec<&'static str>,
}

/// A control, by its link key.
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Control {
    pub name: &'static str,
    /// Offered among the share dialog's embed choices.
    pub embed: bool,
    /// Shown in an embed whose link names no controls.
    pub embed_default: bool,
}

/// Bounds the JS side checks before calling in (`Playground.limits()`): one source for both.
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub link_chars: usize,
    pub model_bytes: usize,
    pub csv_bytes: usize,
    pub text_chars: usize,
    pub list_items: usize,
    pub keys: usize,
    pub points: usize,
}

pub fn limits() -> Limits {
    Limits {
        link_chars: link::MAX_FRAGMENT,
        model_bytes: model::MAX_BYTES,
        csv_bytes: csv::MAX_BYTES,
        text_chars: MAX_TEXT,
        list_items: MAX_LIST_ITEMS,
        keys: MAX_KEYS,
        points: MAX_POINTS,
    }
}

pub fn schema() -> Schema {
    Schema {
        settings: config::describe(),
        presets: PRESETS,
        controls: link::CONTROLS
            .iter()
            .map(|&name| Control {
                name,
                embed: link::EMBED_CONTROLS.contains(&name),
                embed_default: link::EMBED_DEFAULT_CONTROLS.contains(&name),
            })
            .collect(),
        limits: limits(),
        tensorflow: Tensorflow {
            features: config::TENSORFLOW_FEATURES
                .iter()
                .map(|f| f.name())
                .collect(),
            datasets: crate::data::dataset::DatasetKind::ALL
                .into_iter()
                .filter(|&d| crate::tensorflow::data::has(d))
                .map(|d| d.name())
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::settings::{BATCH_SIZE, NUM_POINTS, PERC_TRAIN_DATA};
    use crate::config::{field_names, train_count, Kind};
    use crate::data::dataset::Problem;
    use crate::{Config, FieldValue};
    use serde_json::json;

    fn parse(fields: &[(&str, FieldValue)]) -> Result<Config, crate::ConfigError> {
        Config::from_fields(fields.iter().map(|(k, v)| (k.to_string(), v.clone())))
    }
    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_string())
    }
    fn num(n: f64) -> FieldValue {
        FieldValue::Number(n)
    }
    /// The value of `field` in a configuration's `to_fields`.
    fn field(config: &Config, field: &str) -> FieldValue {
        config
            .to_fields()
            .into_iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("{field} is not in to_fields"))
    }

    #[test]
    fn settings_have_the_shape_the_page_reads() {
        let settings = serde_json::to_value(schema().settings).unwrap();
        let choices = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(value, label)| json!({ "value": value, "label": label }))
                .collect::<Vec<_>>()
        };
        let datasets: Vec<_> = [
            ("circle", "Circle", "classification"),
            ("xor", "Exclusive or", "classification"),
            ("gauss", "Two Gaussians", "classification"),
            ("spiral", "Spiral", "classification"),
            ("regPlane", "Plane", "regression"),
            ("regGauss", "Multi-Gaussian", "regression"),
            ("blobs", "Blobs", "multiclass"),
            ("spiralK", "Spiral arms", "multiclass"),
        ]
        .iter()
        .map(
            |(value, label, problem)| json!({ "value": value, "label": label, "problem": problem }),
        )
        .collect();
        let expected = json!([
            { "name": "networkShape", "kind": "shape", "default": [4, 2], "maxLayers": 16, "maxNeurons": 32 },
            { "name": "activation", "kind": "choice", "default": "relu", "choices": choices(&[
                ("relu", "ReLU"), ("leakyRelu", "Leaky ReLU"), ("elu", "ELU"), ("tanh", "Tanh"),
                ("sigmoid", "Sigmoid"), ("linear", "Linear")]) },
            { "name": "outputActivation", "kind": "choice", "default": "sigmoid", "choices": choices(&[
                ("sigmoid", "Sigmoid"), ("tanh", "Tanh"), ("linear", "Linear"), ("softmax", "Softmax")]) },
            { "name": "loss", "kind": "choice", "default": "mse", "choices": choices(&[
                ("mse", "Squared error (MSE)"), ("crossEntropy", "Cross-entropy")]) },
            { "name": "problem", "kind": "choice", "default": "classification", "choices": choices(&[
                ("classification", "Classification"), ("regression", "Regression"), ("multiclass", "Multiclass")]) },
            { "name": "dataset", "kind": "choice", "default": "circle", "choices": datasets },
            { "name": "classes", "kind": "integer", "default": 3, "min": 2, "max": 8, "step": 1 },
            { "name": "outputs", "kind": "integer", "default": 1, "min": 1, "max": 8, "step": 1 },
            { "name": "features", "kind": "features", "default": ["x", "y"], "choices": choices(&[
                ("x", "x₁"), ("y", "x₂"), ("xSquared", "x₁²"), ("ySquared", "x₂²"), ("xTimesY", "x₁x₂"),
                ("sinX", "sin x₁"), ("sinY", "sin x₂"), ("cosX", "cos x₁"), ("cosY", "cos x₂")]) },
            { "name": "noise", "kind": "number", "default": 0.0, "min": 0.0, "max": 50.0, "step": 5.0 },
            { "name": "percTrainData", "kind": "number", "default": 50.0, "min": 10.0, "max": 90.0, "step": 10.0 },
            { "name": "numPoints", "kind": "integer", "default": 500, "min": 10, "max": 2000, "step": 50 },
            { "name": "batchSize", "kind": "integer", "default": 10, "min": 1, "max": 1800, "step": 1 },
            { "name": "learningRate", "kind": "number", "default": 0.1, "min": 0.0, "max": 10.0,
              "steps": [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0] },
            { "name": "optimizer", "kind": "choice", "default": "sgd", "choices": choices(&[
                ("sgd", "SGD"), ("momentum", "SGD with momentum"), ("adam", "Adam")]) },
            { "name": "init", "kind": "choice", "default": "uniform", "choices": choices(&[
                ("uniform", "Uniform ±0.5"), ("xavier", "Xavier"), ("he", "He"), ("zero", "Zero")]) },
            { "name": "regularization", "kind": "choice", "default": "none", "choices": choices(&[
                ("none", "None"), ("L1", "L1"), ("L2", "L2")]) },
            { "name": "regularizationRate", "kind": "number", "default": 0.0, "min": 0.0, "max": 10.0,
              "steps": [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0] },
            { "name": "residual", "kind": "bool", "default": false },
            { "name": "shuffle", "kind": "bool", "default": true },
            { "name": "rules", "kind": "choice", "default": "playground", "choices": choices(&[
                ("playground", "This playground's"), ("tensorflow", "TensorFlow Playground's")]) },
            { "name": "seed", "kind": "integer", "default": 1, "min": 0, "max": 9007199254740991u64, "step": 1 },
            { "name": "showTestData", "kind": "bool", "default": false },
            { "name": "discretize", "kind": "bool", "default": false },
        ]);
        assert_eq!(settings, expected);
    }

    #[test]
    fn the_schema_names_every_field_of_the_configuration_in_its_order() {
        let described: Vec<&str> = schema().settings.iter().map(|s| s.name).collect();
        let fields: Vec<String> = Config::default()
            .to_fields()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(described, fields);
        assert_eq!(described, field_names());
    }

    #[test]
    fn each_default_is_the_default_configurations_value() {
        let defaults = Config::default();
        for setting in schema().settings {
            let default = match &setting.kind {
                Kind::Shape { default, .. } => {
                    FieldValue::List(default.iter().map(|&n| num(n as f64)).collect())
                }
                Kind::Choice { default, .. } => text(default),
                Kind::Features { default, .. } => {
                    FieldValue::List(default.iter().map(|f| text(f)).collect())
                }
                Kind::Integer { default, .. } => num(*default as f64),
                Kind::Number { default, .. } => num(*default),
                Kind::Bool { default } => FieldValue::Bool(*default),
            };
            assert_eq!(default, field(&defaults, setting.name), "{}", setting.name);
        }
    }

    #[test]
    fn every_choice_parses_and_nothing_else_does() {
        for setting in schema().settings {
            let name = setting.name;
            match &setting.kind {
                Kind::Choice { choices, .. } => {
                    for choice in choices {
                        // A choice may need its problem (a softmax output, a data set); one of
                        // the problems must take it, and it must read back as itself.
                        let parsed = std::iter::once(parse(&[(name, text(choice.value))]))
                            .chain(Problem::ALL.iter().map(|p| {
                                parse(&[(name, text(choice.value)), ("problem", text(p.name()))])
                            }))
                            .find_map(Result::ok)
                            .unwrap_or_else(|| panic!("{name}: {} is refused", choice.value));
                        assert_eq!(field(&parsed, name), text(choice.value));
                    }
                    // The parser's own message offers exactly these choices.
                    let offered: Vec<&str> = choices.iter().map(|c| c.value).collect();
                    let e = parse(&[(name, text("notAChoice"))]).unwrap_err();
                    assert!(e.message.ends_with(&offered.join(", ")), "{e}");
                }
                Kind::Features { choices, .. } => {
                    for choice in choices {
                        let parsed = parse(&[(name, text(choice.value))]).unwrap();
                        assert_eq!(
                            field(&parsed, name),
                            FieldValue::List(vec![text(choice.value)])
                        );
                    }
                    let all: Vec<&str> = choices.iter().map(|c| c.value).collect();
                    let parsed = parse(&[(name, text(&all.join(",")))]).unwrap();
                    assert_eq!(parsed.features.len(), choices.len());
                }
                _ => {}
            }
        }
        // The hidden activations do not include softmax, an output-only activation.
        assert!(parse(&[("activation", text("softmax"))]).is_err());
    }

    #[test]
    fn bounds_are_the_parsers_and_a_value_just_outside_is_refused() {
        // The batch size's real bound is the training set: at its largest, it is `max`.
        let largest_data = [
            ("numPoints", num(NUM_POINTS.max as f64)),
            ("percTrainData", num(PERC_TRAIN_DATA.max)),
        ];
        assert_eq!(
            BATCH_SIZE.max as usize,
            train_count(NUM_POINTS.max as usize, PERC_TRAIN_DATA.max)
        );
        for setting in schema().settings {
            let name = setting.name;
            let with = |value: FieldValue| {
                let mut fields = vec![(name, value)];
                if name == "batchSize" {
                    fields.extend(largest_data.iter().cloned());
                }
                parse(&fields)
            };
            match setting.kind {
                Kind::Integer { min, max, step, .. } => {
                    assert!(with(num(min as f64)).is_ok(), "{name} {min}");
                    assert!(with(num(max as f64)).is_ok(), "{name} {max}");
                    assert!(with(num(min as f64 - 1.0)).is_err(), "{name} below {min}");
                    assert!(with(num(max as f64 + 1.0)).is_err(), "{name} above {max}");
                    assert!(
                        with(num(min as f64 + 0.5)).is_err(),
                        "{name}: whole numbers"
                    );
                    assert!(step >= 1 && step <= max - min, "{name} step {step}");
                }
                Kind::Number {
                    min,
                    max,
                    step,
                    steps,
                    ..
                } => {
                    let just = (max - min) * 1e-6;
                    assert!(with(num(min)).is_ok() && with(num(max)).is_ok(), "{name}");
                    assert!(with(num(min - just)).is_err(), "{name} below {min}");
                    assert!(with(num(max + just)).is_err(), "{name} above {max}");
                    // Every value the page offers is taken.
                    let offered: Vec<f64> = match (step, steps) {
                        (Some(step), None) => (0..)
                            .map(|k| min + k as f64 * step)
                            .take_while(|v| *v <= max)
                            .collect(),
                        (None, Some(steps)) => steps.to_vec(),
                        _ => panic!("{name}: a number has a step or steps"),
                    };
                    assert_eq!(offered.last(), Some(&max), "{name}");
                    for v in offered {
                        assert!(with(num(v)).is_ok(), "{name} {v}");
                    }
                }
                Kind::Shape {
                    max_layers,
                    max_neurons,
                    ..
                } => {
                    let shape = |layers: usize, width: usize| {
                        FieldValue::List(vec![num(width as f64); layers])
                    };
                    assert!(with(shape(max_layers, max_neurons)).is_ok(), "{name}");
                    assert!(with(shape(max_layers + 1, 1)).is_err(), "{name} layers");
                    assert!(with(shape(1, max_neurons + 1)).is_err(), "{name} neurons");
                    assert!(with(shape(1, 0)).is_err(), "{name} empty layer");
                }
                _ => {}
            }
        }
    }

    #[test]
    fn every_control_is_described_with_its_embed_flags() {
        let controls = schema().controls;
        let names: Vec<&str> = controls.iter().map(|c| c.name).collect();
        assert_eq!(names, link::CONTROLS);
        let embed: Vec<&str> = controls
            .iter()
            .filter(|c| c.embed)
            .map(|c| c.name)
            .collect();
        // Every embed choice is a control, in the controls' order (a typo would drop one).
        assert_eq!(embed, link::EMBED_CONTROLS);
        let embed_default: Vec<&str> = controls
            .iter()
            .filter(|c| c.embed_default)
            .map(|c| c.name)
            .collect();
        assert_eq!(embed_default, link::EMBED_DEFAULT_CONTROLS);
        // Every listed embed control is a control (a typo would silently drop one).
        for name in link::EMBED_CONTROLS
            .iter()
            .chain(link::EMBED_DEFAULT_CONTROLS)
        {
            assert!(link::CONTROLS.contains(name), "{name}");
        }
        assert!(controls.iter().all(|c| c.embed || !c.embed_default));
    }

    #[test]
    fn presets_and_limits_are_the_ones_the_binding_gives() {
        let value = serde_json::to_value(schema()).unwrap();
        assert_eq!(value["presets"], serde_json::to_value(PRESETS).unwrap());
        assert_eq!(
            value["presets"][0],
            json!({ "name": PRESETS[0].name, "title": PRESETS[0].title, "teaches": PRESETS[0].teaches })
        );
        assert_eq!(
            value["limits"],
            json!({ "linkChars": 262144, "modelBytes": 4194304, "csvBytes": 1048576,
                    "textChars": 1000, "listItems": 64, "keys": 64, "points": 2000 })
        );
        assert_eq!(
            value["tensorflow"],
            json!({ "features": ["x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"],
                    "datasets": ["circle", "xor", "gauss", "spiral", "regPlane", "regGauss"] })
        );
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5);
    }
}
