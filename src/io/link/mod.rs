//! Links: the whole state in the URL fragment, versioned and readable (`#v=1&activation=relu&…`),
//! with the trained weights packed as base64url of the raw f32s when asked for. TensorFlow
//! Playground's fragments open too (its keys, its values, its decimal seeds). Nothing in a link
//! can fail the page: unknown keys become notices, bad values become errors that name the key and
//! are replaced by defaults, sizes are bounded.

mod base64url;
mod data;
mod tensorflow;
mod text;

pub use text::{fragment, VERSION};

pub use crate::config::seed_from_text;
use crate::config::{echo, Config, FieldValue};
use crate::data::features::Feature;
use crate::training::{Trainer, MAX_COUNTER};
use serde::Serialize;
use tensorflow::{is_feature, is_tensorflow};
use text::{decode_component, load_weights};

/// The largest network's weights (about 17 000 floats) fit with room to spare.
pub const MAX_FRAGMENT: usize = 256 * 1024;
/// A link has fewer settings than this (about 40 keys, and a `_hide` for each control).
pub const MAX_PAIRS: usize = 200;
/// Controls a link may hide or an embed may show, by their link key.
pub const CONTROLS: &[&str] = &[
    "play",
    "step",
    "reset",
    "learningRate",
    "activation",
    "regularization",
    "regularizationRate",
    "problem",
    "dataset",
    "noise",
    "percTrainData",
    "batchSize",
    "numPoints",
    "classes",
    "networkShape",
    "features",
    "showTestData",
    "discretize",
    "explain",
    "speed",
    "preset",
    "outputActivation",
    "loss",
    "init",
    "optimizer",
    "residual",
    "seed",
    "rules",
    "draw",
    "files",
    "lossChart",
    "gradients",
    "compare",
    "dead",
    "share",
];
/// The controls offered among the share dialog's embed choices.
pub const EMBED_CONTROLS: &[&str] = &[
    "play",
    "step",
    "reset",
    "learningRate",
    "activation",
    "dataset",
    "networkShape",
    "features",
    "explain",
    "speed",
    "lossChart",
    "gradients",
];
/// The controls an embed shows when its link names none.
pub const EMBED_DEFAULT_CONTROLS: &[&str] = &["play", "step", "reset", "learningRate"];

/// How the page should look, from the link.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageOptions {
    pub embed: bool,
    /// Controls to show in embed mode (`None`: the default set).
    pub controls: Option<Vec<String>>,
    pub autoplay: bool,
    pub theme: String,
    /// How training is paced: `paced` (at most one epoch per frame) or `fast` (a frame's budget).
    pub speed: String,
    /// Controls to hide (TensorFlow Playground's `<control>_hide`).
    pub hide: Vec<String>,
    pub hide_text: bool,
    pub preset: Option<String>,
}

/// What reading a link found besides the configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkReport {
    /// Keys ignored, and similar remarks.
    pub notices: Vec<String>,
    /// Bad values, each naming its key; the default was used instead.
    pub errors: Vec<String>,
    pub options: PageOptions,
    /// Whether trained weights were restored from the link.
    pub weights: bool,
    /// Whether the link was read as a TensorFlow Playground link.
    pub tensorflow: bool,
}

/// A key's value in a link's pairs: the last one given wins, as in a browser's URLSearchParams.
pub(super) fn last_value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn truthy(v: &str) -> Option<bool> {
    match v {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Reads a fragment (with or without the leading `#`) into a trainer and a report.
pub fn open(fragment: &str) -> (Trainer, LinkReport) {
    let mut report = LinkReport::default();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let fragment = if fragment.len() > MAX_FRAGMENT {
        report.errors.push(format!(
            "the link is {} characters long; at most {MAX_FRAGMENT} are read, so it was ignored",
            fragment.len()
        ));
        ""
    } else {
        fragment
    };
    let given = fragment.split('&').filter(|p| !p.is_empty()).count();
    if given > MAX_PAIRS {
        report.notices.push(format!(
            "the link has {given} parts; only the first {MAX_PAIRS} were read"
        ));
    }
    let pairs: Vec<(String, String)> = fragment
        .split('&')
        .filter(|p| !p.is_empty())
        .take(MAX_PAIRS)
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), "true".to_string()),
        })
        .collect();
    let get = |key: &str| last_value(&pairs, key);
    // TensorFlow Playground's links carry no version but always its own keys (the data set of the
    // other problem, the input toggles); a short hand-written link of ours has neither.
    report.tensorflow = is_tensorflow(&pairs);
    if let Some(v) = get("v") {
        if v != VERSION.to_string() {
            report.notices.push(format!(
                "this link is version {}; this playground reads version {VERSION}, and read what it could",
                echo(v)
            ));
        }
    }

    let mut fields: Vec<(String, FieldValue)> = Vec::new();
    let mut tf_features: Vec<&str> = Vec::new();
    let mut tf_feature_seen = false;
    let (mut weights, mut points, mut train): (Option<&str>, Option<&str>, Option<&str>) =
        (None, None, None);
    let (mut step, mut epoch) = (0u64, 0u64);
    let options = &mut report.options;
    options.theme = "light".into();
    options.speed = "paced".into();
    for (key, value) in &pairs {
        let text = |v: &str| FieldValue::Text(v.to_string());
        match key.as_str() {
            "v" | "collectStats" | "tutorial" => {}
            // Text as it is: TensorFlow Playground's stream keys on it, and ours hashes it.
            "seed" => fields.push((key.clone(), text(value))),
            "dataset" | "regDataset" => {} // resolved with the problem below
            "initZero" => {
                if truthy(value) == Some(true) {
                    fields.push(("init".into(), text("zero")));
                }
            }
            "preset" => {
                // Only a preset that exists is kept: the name goes into later links and snippets.
                if crate::presets::find(value).is_some() {
                    options.preset = Some(value.clone());
                    fields.push((key.clone(), text(value)));
                } else {
                    report.errors.push(format!(
                        "preset: {} is not a preset and was left out; the presets are {}",
                        echo(value),
                        crate::presets::PRESETS
                            .iter()
                            .map(|p| p.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
            "embed" => options.embed = truthy(value).unwrap_or(false),
            "autoplay" => options.autoplay = truthy(value).unwrap_or(false),
            "hideText" => options.hide_text = truthy(value).unwrap_or(false),
            // The points: read once the trainer is built, below.
            "data" => points = Some(value.as_str()),
            "train" => train = Some(value.as_str()),
            "theme" => match value.as_str() {
                "light" | "dark" => options.theme = value.clone(),
                _ => report.errors.push(format!(
                    "theme: {} is not allowed; use light or dark",
                    echo(value)
                )),
            },
            "speed" => match value.as_str() {
                "paced" | "fast" => options.speed = value.clone(),
                _ => report.errors.push(format!(
                    "speed: {} is not allowed; use paced or fast",
                    echo(value)
                )),
            },
            "controls" => {
                let mut shown = Vec::new();
                for c in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    if CONTROLS.contains(&c) {
                        shown.push(c.to_string());
                    } else {
                        report.notices.push(format!(
                            "controls: {} is not a control and was left out",
                            echo(c)
                        ));
                    }
                }
                options.controls = Some(shown);
            }
            "w" => weights = Some(value.as_str()),
            "step" | "epoch" => {
                // Whole numbers here; their bound is the trainer's (`set_counters`, below).
                let counter = if key == "step" { &mut step } else { &mut epoch };
                match value.parse::<u64>() {
                    Ok(n) => *counter = n,
                    Err(_) => report.errors.push(format!(
                        "{key}: {} is not allowed; use a whole number from 0 to {MAX_COUNTER}; it was ignored",
                        echo(value)
                    )),
                }
            }
            k if is_feature(k) => {
                tf_feature_seen = true;
                if truthy(value) == Some(true) {
                    tf_features.push(k);
                }
            }
            k if k.ends_with("_hide") => {
                let control = &k[..k.len() - 5];
                if truthy(value) == Some(true) {
                    if CONTROLS.contains(&control) || is_feature(control) {
                        options.hide.push(control.to_string());
                    } else {
                        report.notices.push(format!(
                            "{}: there is no control to hide by that name",
                            echo(k)
                        ));
                    }
                }
            }
            k if crate::config::field_names().contains(&k) => {
                fields.push((key.clone(), text(value)))
            }
            _ => report.notices.push(format!(
                "{} is not a setting of this playground and was ignored",
                echo(key)
            )),
        }
    }
    if report.tensorflow {
        let on = tensorflow::features(&pairs, &mut report.notices);
        if on.is_empty() {
            report.errors.push("x, y, …: the link turns every input of TensorFlow Playground's network off or hides it; this playground needs one, so x and y are on".into());
        } else {
            fields.push(("features".into(), FieldValue::Text(on.join(","))));
        }
    } else if tf_feature_seen {
        // In the playground's own order, whatever the link's.
        let ordered: Vec<&str> = Feature::ALL
            .iter()
            .map(|f| f.name())
            .filter(|f| tf_features.contains(f))
            .collect();
        fields.push(("features".into(), FieldValue::Text(ordered.join(","))));
    }
    // The data set: TensorFlow Playground keeps one per problem and the problem picks.
    let regression = get("problem") == Some("regression");
    let dataset = if regression && get("regDataset").is_some() {
        get("regDataset").map(|d| match d {
            "reg-plane" => "regPlane",
            "reg-gauss" => "regGauss",
            other => other,
        })
    } else {
        get("dataset")
    };
    if let Some(d) = dataset {
        fields.push(("dataset".into(), FieldValue::Text(d.to_string())));
    }
    if report.tensorflow {
        // TensorFlow Playground's network (a tanh output, linear for regression, on squared
        // error), and its rules: its data, weights and training order from its seed.
        let output = if regression { "linear" } else { "tanh" };
        fields.insert(
            0,
            ("outputActivation".into(), FieldValue::Text(output.into())),
        );
        fields.insert(0, ("loss".into(), FieldValue::Text("mse".into())));
        fields.insert(0, ("rules".into(), FieldValue::Text("tensorflow".into())));
        // Its defaults where ours differ, for the keys a short link leaves out (given ones win).
        fields.insert(0, ("activation".into(), FieldValue::Text("tanh".into())));
        fields.insert(0, ("learningRate".into(), FieldValue::Number(0.03)));
    }

    let config = configure(fields, &mut report.errors);
    let mut trainer = Trainer::new(config);
    if let Some(points) = points {
        if let Err(e) = data::load(&mut trainer, points, train) {
            report
                .errors
                .push(format!("{e}; the data set's own points were used"));
        }
    }
    if let Some(w) = weights {
        match load_weights(&mut trainer, w) {
            Ok(()) => {
                if let Err(e) = trainer.set_counters(step, epoch) {
                    report.errors.push(format!("{e}; the counters start at 0"));
                }
                report.weights = true;
            }
            Err(e) => report
                .errors
                .push(format!("w: {e}; the network starts untrained")),
        }
    }
    (trainer, report)
}

/// Builds the configuration, dropping each bad field (and saying so) until the rest is valid.
fn configure(mut fields: Vec<(String, FieldValue)>, errors: &mut Vec<String>) -> Config {
    for _ in 0..64 {
        match Config::from_fields(fields.clone()) {
            Ok(config) => return config,
            Err(e) => {
                errors.push(format!("{e}; the default was used"));
                let before = fields.len();
                fields.retain(|(k, _)| *k != e.field);
                if fields.len() == before {
                    // The error names a field that only followed others (say, an output that does
                    // not go with the given loss): drop what it followed.
                    let followed = ["loss", "outputActivation", "problem", "dataset", "preset"];
                    if let Some(k) = followed
                        .iter()
                        .find(|k| fields.iter().any(|(f, _)| f == *k))
                    {
                        fields.retain(|(f, _)| f != k);
                    } else {
                        fields.clear();
                    }
                }
            }
        }
    }
    Config::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Rng, Stream};
    use crate::Scalar;

    fn params(t: &Trainer) -> Vec<Scalar> {
        let mut p = vec![0.0; t.network.parameter_count()];
        t.network.save_parameters(&mut p);
        p
    }

    #[test]
    fn a_link_round_trips_the_configuration_and_the_weights() {
        let config = Config::from_fields([
            ("networkShape".to_string(), FieldValue::Text("5,3".into())),
            ("dataset".to_string(), FieldValue::Text("spiralK".into())),
            ("learningRate".to_string(), FieldValue::Number(0.003)),
            ("features".to_string(), FieldValue::Text("x,y,sinX".into())),
            ("seed".to_string(), FieldValue::Number(12345.0)),
        ])
        .unwrap();
        let mut t = Trainer::new(config.clone());
        t.step(33);
        let plain = fragment(&t, None, false);
        assert!(
            plain.starts_with("v=1&networkShape=5,3&activation=relu"),
            "{plain}"
        );
        let (back, report) = open(&format!("#{plain}"));
        assert_eq!(back.config(), &config);
        assert!(
            report.errors.is_empty() && report.notices.is_empty() && !report.weights,
            "{report:?}"
        );
        let with_weights = fragment(&t, Some("spiral"), true);
        let (mut back, report) = open(&with_weights);
        assert!(report.weights, "{report:?}");
        assert_eq!(params(&back), params(&t));
        assert_eq!(back.stats().step, 33);
        assert_eq!(back.stats().train_loss, t.stats().train_loss);
        assert_eq!(report.options.preset.as_deref(), Some("spiral"));
    }

    #[test]
    fn tensorflow_playground_links_open_with_the_same_configuration() {
        let tf = "#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false";
        let (t, report) = open(tf);
        assert!(
            report.tensorflow && report.errors.is_empty() && report.notices.is_empty(),
            "{report:?}"
        );
        let c = t.config();
        assert_eq!(c.network_shape, vec![4, 2]);
        assert_eq!(c.activation.name(), "tanh");
        assert_eq!(c.output_activation.name(), "tanh");
        assert_eq!(c.features.len(), 2);
        assert_eq!(c.rules, crate::tensorflow::Rules::Tensorflow);
        assert_eq!(
            c.seed,
            crate::config::Seed::Text("0.59704".into()),
            "its text, as it is"
        );
        assert_eq!((c.num_points, t.train_samples().len()), (500, 250));
        assert!(!c.shuffle, "one fixed order");
        let ours = fragment(&t, None, false);
        assert!(ours.contains("&rules=tensorflow&seed=0.59704&"), "{ours}");
        assert_eq!(
            open(&ours).0.config(),
            c,
            "our link of it keeps its rules and seed"
        );
        let (t, report) = open("#problem=regression&regDataset=reg-gauss&dataset=xor&sinX=true&cosY=true&x=false&initZero=true&regularization=L1&learningRate_hide=true&dataset_hide=true&hideText=true&y_hide=true&xSquared=");
        let c = t.config();
        assert_eq!(c.num_points, 1200, "its regression count");
        assert_eq!(
            (
                c.dataset.name(),
                c.output_activation.name(),
                c.init.name(),
                c.regularization.name()
            ),
            ("regGauss", "linear", "zero", "L1")
        );
        // y is on by default but hidden, so out of its network; it never had cos inputs.
        assert_eq!(
            c.features.iter().map(|f| f.name()).collect::<Vec<_>>(),
            vec!["sinX"]
        );
        assert_eq!(
            report.notices,
            vec!["cosY: TensorFlow Playground's network has no such input, so it was left out"]
        );
        assert_eq!(report.options.hide, vec!["learningRate", "dataset", "y"]);
        assert!(report.options.hide_text);
    }

    #[test]
    fn every_value_tensorflow_playground_offers_opens() {
        let base = "x=true&y=true&collectStats=false";
        for (key, values) in [
            ("activation", &["relu", "tanh", "sigmoid", "linear"][..]),
            ("regularization", &["none", "L1", "L2"]),
            ("dataset", &["circle", "xor", "gauss", "spiral"]),
            (
                "learningRate",
                &[
                    "0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3",
                    "10",
                ],
            ),
            (
                "regularizationRate",
                &[
                    "0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10",
                ],
            ),
            ("noise", &["0", "5", "10", "25", "50"]),
            ("percTrainData", &["10", "50", "90"]),
            ("batchSize", &["1", "10", "30"]),
            ("networkShape", &["", "1", "8,8,8,8,8,8"]),
        ] {
            for v in values {
                let (t, report) = open(&format!("#{base}&{key}={v}"));
                assert!(report.errors.is_empty(), "{key}={v}: {report:?}");
                let fields = t.config().to_fields();
                let got = &fields.iter().find(|(k, _)| k == key).unwrap().1;
                let expected = match got {
                    FieldValue::Number(n) => v.parse::<f64>().map(|x| x == *n).unwrap_or(false),
                    FieldValue::Text(s) => s == v,
                    FieldValue::List(items) => {
                        items.len() == v.split(',').filter(|x| !x.is_empty()).count()
                    }
                    FieldValue::Bool(_) => false,
                };
                assert!(expected, "{key}={v} opened as {got:?}");
            }
        }
        for (reg, ours) in [("reg-plane", "regPlane"), ("reg-gauss", "regGauss")] {
            let (t, _) = open(&format!("#{base}&problem=regression&regDataset={reg}"));
            assert_eq!(t.config().dataset.name(), ours);
        }
    }

    #[test]
    fn the_speed_is_a_page_option_paced_unless_the_link_says_fast() {
        assert_eq!(open("#v=1").1.options.speed, "paced");
        let (_, report) = open("#v=1&speed=fast");
        assert_eq!(report.options.speed, "fast");
        assert!(
            report.errors.is_empty() && report.notices.is_empty(),
            "{report:?}"
        );
    }

    #[test]
    fn a_short_link_of_ours_is_not_mistaken_for_tensorflow_playground() {
        let (t, report) = open("#preset=sourceText&embed=1&controls=play,step");
        assert!(!report.tensorflow);
        assert_eq!(
            t.config().output_activation.name(),
            "sigmoid",
            "the preset's own output"
        );
        assert!(
            report.options.embed && report.errors.is_empty(),
            "{report:?}"
        );
    }

    #[test]
    fn bad_values_are_named_and_replaced_unknown_keys_are_noticed() {
        let (t, report) = open(
            "#v=1&activation=swish&learningRate=99&networkShape=4,x&colour=red&w=@@@&theme=neon&speed=turbo",
        );
        let c = t.config();
        assert_eq!(
            (
                c.activation.name(),
                c.learning_rate,
                c.network_shape.clone()
            ),
            ("relu", 0.1, vec![4, 2])
        );
        let all = report.errors.join("\n");
        for key in [
            "activation: \"swish\"",
            "learningRate: \"99\"",
            "networkShape:",
            "w: not base64url",
            "theme: \"neon\"",
            "speed: \"turbo\"",
        ] {
            assert!(all.contains(key), "{key} missing in {all}");
        }
        assert_eq!(
            report.notices,
            vec!["\"colour\" is not a setting of this playground and was ignored"]
        );
        // An output that does not go with the loss: the followed field is dropped instead.
        let (t, report) = open("#v=1&loss=crossEntropy&outputActivation=tanh");
        assert_eq!(t.config().output_activation.name(), "sigmoid");
        assert_eq!(report.errors.len(), 1);
    }

    #[test]
    fn no_mangled_link_panics_or_grows_without_bound() {
        let good = fragment(&Trainer::new(Config::default()), Some("deadRelu"), true);
        let mut rng = Rng::new(5, Stream::Data);
        let alphabet: Vec<char> = "&=%#,.-_0123456789abcdefxyzAZ<>\"' \u{00e9}\u{1f600}"
            .chars()
            .collect();
        for round in 0..2000 {
            let mut chars: Vec<char> = good.chars().collect();
            for _ in 0..1 + round % 12 {
                let at = rng.below(chars.len().max(1));
                match rng.below(3) {
                    0 if !chars.is_empty() => {
                        chars.remove(at);
                    }
                    1 => chars.insert(at, alphabet[rng.below(alphabet.len())]),
                    _ => {
                        if !chars.is_empty() {
                            chars[at] = alphabet[rng.below(alphabet.len())];
                        }
                    }
                }
            }
            let text: String = chars.into_iter().collect();
            let (t, _) = open(&text);
            assert!(t.network.parameters_finite());
        }
        let (_, report) = open(&"a".repeat(MAX_FRAGMENT + 1));
        assert!(report.errors[0].contains("at most"));
    }

    #[test]
    fn an_unknown_preset_is_named_dropped_and_never_written_again() {
        let hostile = "%22%3E%3C%2Fbackprop-playground%3E%3Cscript%20src%3D%22https%3A%2F%2Fevil.example%2Fx.js%22%3E%3C%2Fscript%3E";
        let (t, report) = open(&format!("#v=1&preset={hostile}&learningRate=0.3"));
        assert_eq!(report.options.preset, None);
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.starts_with("preset: ") && e.contains("is not a preset")),
            "{report:?}"
        );
        assert!(
            report.errors.iter().all(|e| e.len() < 300),
            "the value is echoed short: {report:?}"
        );
        assert_eq!(t.config().learning_rate, 0.3, "the rest of the link opens");
        let link = fragment(&t, report.options.preset.as_deref(), false);
        assert!(
            !link.contains("preset") && !link.contains("script"),
            "{link}"
        );
    }

    #[test]
    fn parts_beyond_the_limit_are_named_not_dropped_silently() {
        let many: Vec<String> = (0..MAX_PAIRS + 5).map(|k| format!("k{k}=1")).collect();
        let (_, report) = open(&format!("#v=1&{}", many.join("&")));
        assert!(
            report
                .notices
                .iter()
                .any(|n| n.contains(&format!("{} parts", MAX_PAIRS + 6))
                    && n.contains(&format!("first {MAX_PAIRS}"))),
            "{:?}",
            report.notices.last()
        );
        let (_, report) = open("#v=1&learningRate=0.1");
        assert!(report.notices.is_empty());
    }

    #[test]
    fn a_short_tensorflow_playground_link_takes_its_defaults() {
        let (t, report) = open("#dataset=xor&seed=0.5&x=true&regularization=L1");
        assert!(report.tensorflow && report.errors.is_empty(), "{report:?}");
        let c = t.config();
        assert_eq!(
            (
                c.activation.name(),
                c.learning_rate,
                c.batch_size,
                c.network_shape.clone()
            ),
            ("tanh", 0.03, 10, vec![4, 2])
        );
        let names: Vec<_> = c.features.iter().map(|f| f.name()).collect();
        assert_eq!(names, ["x", "y"], "y is on unless the link turns it off");
        let (t, _) = open("#dataset=xor&seed=0.5&activation=relu&learningRate=0.3&y=false");
        assert_eq!(
            (t.config().activation.name(), t.config().learning_rate),
            ("relu", 0.3)
        );
        assert_eq!(t.config().features.len(), 1);
    }

    #[test]
    fn a_course_link_of_hide_flags_is_tensorflow_playground_s() {
        // A real link from a widely used course: a few keys and many `_hide` flags.
        let (t, report) = open("#dataset=gauss&networkShape=&showTestData_hide=true&percTrainData_hide=true&batchSize_hide=true&dataset_hide=false&activation_hide=true&problem=classification&problem_hide=true&regularization_hide=true&regularizationRate_hide=true&learningRate_hide=true&discretize_hide=true");
        assert!(report.tensorflow, "{report:?}");
        assert_eq!(t.config().output_activation.name(), "tanh");
        assert!(t.config().network_shape.is_empty());
        // Each key only TensorFlow Playground writes marks its links too.
        for key in [
            "tutorial=dropout",
            "collectStats=false",
            "initZero=false",
            "regDataset=reg-plane",
        ] {
            let (_, report) = open(&format!("#dataset=gauss&{key}"));
            assert!(report.tensorflow, "{key}");
        }
        // Page options may be added to one; a setting only ours has, a preset or a version may not.
        assert!(
            open("#dataset=xor&learningRate_hide=true&embed=1&controls=play")
                .1
                .tensorflow
        );
        for ours in [
            "v=1&",
            "preset=deadRelu&",
            "outputActivation=sigmoid&",
            "optimizer=adam&",
        ] {
            let (_, report) = open(&format!("#{ours}dataset=xor&learningRate_hide=true"));
            assert!(!report.tensorflow, "{ours}");
        }
    }

    #[test]
    fn echoed_values_stay_short() {
        let long = "x".repeat(50_000);
        let (_, report) = open(&format!(
            "#v=1&{long}=1&theme={long}&controls={long}&learningRate=1e308&step={long}"
        ));
        let all: Vec<&String> = report.errors.iter().chain(&report.notices).collect();
        assert!(all.len() >= 5, "{all:?}");
        for m in all {
            assert!(m.len() < 400, "{} characters: {}", m.len(), &m[..200]);
        }
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.starts_with("learningRate: \"1e308\" is not allowed")),
            "{:?}",
            report.errors
        );
    }
}
