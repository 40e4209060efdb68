//! What every input to the three parsers must satisfy, whatever it is: a rejection names what was
//! wrong, and anything accepted is a trainer within the configuration's limits that can train.
//! Shared by the fuzz targets and `tests/robust_inputs.rs` (which includes this file as a module),
//! so the fuzzer and the property tests check the same things. Each check panics on a violation.

use backprop_playground::config::{
    field_names, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_LEARNING_RATE, MAX_NEURONS, MAX_POINTS,
    MAX_REGULARIZATION_RATE, MAX_SEED, MIN_CLASSES, MIN_POINTS,
};
use backprop_playground::data::dataset::{check_point, Point, Problem};
use backprop_playground::data::features::Feature;
use backprop_playground::io::link::LinkReport;
use backprop_playground::{Config, ConfigError, FieldValue, Trainer};

/// The problems a CSV file is read for: each labels points differently.
pub const CSV_PROBLEMS: [(Problem, usize); 3] = [
    (Problem::Classification, 2),
    (Problem::Regression, 2),
    (Problem::Multiclass, 3),
];

/// A trainer is within every limit of the configuration and takes a training step.
pub fn check_trainer(trainer: &mut Trainer) {
    let c = trainer.config().clone();
    assert!(
        c.network_shape.len() <= MAX_HIDDEN_LAYERS
            && c.network_shape
                .iter()
                .all(|n| (1..=MAX_NEURONS).contains(n)),
        "network shape {:?}",
        c.network_shape
    );
    assert!((MIN_CLASSES..=MAX_CLASSES).contains(&c.classes), "{c:?}");
    assert!((MIN_POINTS..=MAX_POINTS).contains(&c.num_points), "{c:?}");
    assert!(
        (1..=Feature::ALL.len()).contains(&c.features.len()),
        "{c:?}"
    );
    assert!(
        (0.0..=MAX_LEARNING_RATE).contains(&c.learning_rate),
        "{c:?}"
    );
    assert!(
        (0.0..=MAX_REGULARIZATION_RATE).contains(&c.regularization_rate),
        "{c:?}"
    );
    assert!(c.seed.number() <= MAX_SEED, "{c:?}");
    let (train, test) = (trainer.train_samples().len(), trainer.test_samples().len());
    assert!(train >= 1 && train + test <= MAX_POINTS, "{train} + {test}");
    assert!(
        (1..=train).contains(&c.batch_size),
        "batch {}",
        c.batch_size
    );
    assert_eq!(trainer.network.sizes(), c.layer_sizes());
    assert!(trainer.network.parameters_finite());
    // Counters reach JS as numbers: beyond 2^53 they would no longer count (nor, at u64::MAX,
    // survive the step's increment).
    let before = trainer.stats();
    assert!(
        before.step <= MAX_SEED && before.epoch <= MAX_SEED,
        "{before:?}"
    );
    assert_eq!(trainer.step(1), 1);
    assert_eq!(trainer.stats().step, before.step + 1);
}

/// `link::open`'s result: every error starts with the key it is about.
pub fn check_link(fragment: &str, opened: (Trainer, LinkReport)) {
    let (mut trainer, report) = opened;
    for error in &report.errors {
        let named = error.starts_with("the link is ")
            || error.split_once(": ").is_some_and(|(key, what)| {
                !what.is_empty()
                    && (field_names().contains(&key)
                        || [
                            "w", "step", "epoch", "theme", "speed", "preset", "data", "train",
                        ]
                        .contains(&key))
            });
        assert!(named, "error {error:?} names no key, for link {fragment:?}");
    }
    assert!(report.notices.iter().all(|n| !n.is_empty()));
    check_trainer(&mut trainer);
}

/// `model::import`'s result: a rejection says where in the file the problem is.
pub fn check_model(text: &str, imported: Result<Trainer, ConfigError>) {
    match imported {
        Ok(mut trainer) => check_trainer(&mut trainer),
        Err(e) => {
            let m = &e.message;
            // serde_json places its errors itself ("… at line 3 column 7").
            let placed = (m.starts_with("not a model file: ") && m.contains(" at line "))
                || [
                    "the file has ",
                    "format is ",
                    "version ",
                    "step: ",
                    "epoch: ",
                    "layers",
                ]
                .iter()
                .any(|p| m.starts_with(p))
                || m.strip_prefix("config.").is_some_and(names_a_field);
            assert!(
                e.field == "model" && placed,
                "error {e} says not where, for model {text:?}"
            );
        }
    }
}

/// `field: what was wrong`, the field one of the configuration's, or a key that is not one,
/// named again in quotes (it may be empty or hold ": ").
fn names_a_field(error: &str) -> bool {
    let known = field_names().iter().chain(&["preset"]);
    let unknown = ": unknown field ";
    known
        .into_iter()
        .any(|f| error.starts_with(&format!("{f}: ")))
        || error.match_indices(unknown).any(|(at, _)| {
            let (key, rest) = (&error[..at], &error[at + unknown.len()..]);
            // A long key is named by its shortened echo, quoted already ("…"… (44 characters)).
            rest.starts_with(&format!("{key:?};"))
                || (key.starts_with('"') && rest.starts_with(&format!("{key};")))
        })
}

/// A small trainer for the problem, to import CSV into.
pub fn csv_trainer(problem: Problem, classes: usize) -> Trainer {
    let fields = [
        ("problem", FieldValue::Text(problem.name().into())),
        ("classes", FieldValue::Number(classes as f64)),
        ("numPoints", FieldValue::Number(MIN_POINTS as f64)),
    ];
    let config = Config::from_fields(fields.map(|(k, v)| (k.to_string(), v)));
    Trainer::new(config.expect("a valid CSV trainer config"))
}

/// `csv::parse`'s result: a rejection names its line (one that is there and not blank); accepted
/// points are allowed for the problem, and `Trainer::import_csv` takes them and can train.
pub fn check_csv(
    text: &str,
    problem: Problem,
    classes: usize,
    parsed: Result<Vec<Point>, ConfigError>,
) {
    let mut trainer = csv_trainer(problem, classes);
    let imported = trainer.import_csv(text, None);
    match parsed {
        Ok(points) => {
            assert!((1..=MAX_POINTS).contains(&points.len()));
            for p in &points {
                assert_eq!(check_point(p, problem, classes, 1), Ok(()), "{p:?}");
            }
            let notice = imported.expect("import_csv refused what parse read");
            let batch = trainer.config().batch_size;
            assert!(batch <= trainer.train_samples().len().max(1));
            // A batch size lowered to fit is said, with the size it now has.
            if let Some(n) = notice {
                assert!(
                    n.starts_with("batchSize: ") && n.ends_with(&format!("now {batch}")),
                    "{n}"
                );
            }
            assert!(trainer.has_custom_data());
            check_trainer(&mut trainer);
        }
        Err(e) => {
            let line = e
                .message
                .strip_prefix("line ")
                .and_then(|rest| rest.split_once(": "))
                .and_then(|(n, _)| n.parse::<usize>().ok());
            let placed = match line {
                Some(n) => text
                    .lines()
                    .nth(n.wrapping_sub(1))
                    .is_some_and(|l| !l.trim().is_empty()),
                None => {
                    e.message.starts_with("no points")
                        || e.message
                            .starts_with(&format!("more than {MAX_POINTS} points"))
                }
            };
            assert!(
                e.field == "csv" && placed,
                "error {e} names no line, for CSV {text:?}"
            );
            assert_eq!(imported, Err(e), "import_csv disagrees with parse");
        }
    }
}
