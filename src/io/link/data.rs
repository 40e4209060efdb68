//! Data the user set (drawn, imported or typed into the worked-example editor) in a link:
//! `train=` and `test=`, each base64url of little-endian f32s, per point x, y and its labels (one,
//! or a target per output for regression with several), so that the link opens the same points.

use super::text::{pack, unpack};
use crate::data::dataset::Point;
use crate::training::Trainer;

/// The `train=` and `test=` parts of a trainer whose data is its own (none otherwise: the
/// configuration makes the same points again).
pub(super) fn parts(trainer: &Trainer) -> Vec<String> {
    if !trainer.has_custom_data() {
        return Vec::new();
    }
    let per = trainer.config().labels_per_point();
    let values = |points: &[Point]| {
        let mut values = Vec::with_capacity(points.len() * (2 + per));
        for p in points {
            values.extend([p.x, p.y]);
            values.extend((0..per).map(|k| p.target(k)));
        }
        pack(&values)
    };
    vec![
        format!("train={}", values(&trainer.train_samples().points)),
        format!("test={}", values(&trainer.test_samples().points)),
    ]
}

fn points(name: &str, text: &str, per: usize) -> Result<Vec<Point>, String> {
    let values = unpack(text).map_err(|e| format!("{name}: {e}"))?;
    if values.len() % (2 + per) != 0 {
        return Err(format!(
            "{name}: {} numbers are not whole points of {} (x, y and {per} labels)",
            values.len(),
            2 + per
        ));
    }
    Ok(values
        .chunks_exact(2 + per)
        .map(|v| Point::with_targets(v[0], v[1], &v[2..]))
        .collect())
}

/// Installs a link's points (checked as `setData` checks them); the error says what was wrong.
pub(super) fn load(trainer: &mut Trainer, train: &str, test: &str) -> Result<(), String> {
    let per = trainer.config().labels_per_point();
    let (train, test) = (points("train", train, per)?, points("test", test, per)?);
    trainer
        .set_data(train, test)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::{fragment, open};
    use super::*;
    use crate::config::{Config, FieldValue};

    fn regression(outputs: &str) -> Trainer {
        let fields = [
            ("problem", "regression"),
            ("outputs", outputs),
            ("outputActivation", "sigmoid"),
        ];
        Trainer::new(
            Config::from_fields(
                fields.map(|(k, v)| (k.to_string(), FieldValue::Text(v.to_string()))),
            )
            .unwrap(),
        )
    }

    #[test]
    fn points_with_several_targets_and_the_weights_round_trip() {
        let mut t = regression("3");
        let train = vec![
            Point::with_targets(0.05, 0.1, &[0.01, 0.99, -250.5]),
            Point::with_targets(-6.0, 6.0, &[1e6, 0.0, 1.0 / 3.0]),
        ];
        let test = vec![Point::with_targets(1.0, 2.0, &[3.0, 4.0, 5.0])];
        t.set_data(train.clone(), test.clone()).unwrap();
        let weights: Vec<f32> = (0..t.network.layers[1].weights.len())
            .map(|k| k as f32 * 0.1 - 0.4)
            .collect();
        t.set_params(1, &weights, &t.network.layers[1].biases.clone())
            .unwrap();
        let link = fragment(&t, None, true);
        let (back, report) = open(&link);
        assert!(
            report.errors.is_empty() && report.notices.is_empty(),
            "{report:?}"
        );
        assert!(back.has_custom_data());
        assert_eq!(back.config(), t.config());
        assert_eq!(back.train_samples().points, train);
        assert_eq!(back.test_samples().points, test);
        assert_eq!(back.network.layers[1].weights, t.network.layers[1].weights);
        // Generated data is not written: the configuration makes it again.
        assert!(!fragment(&regression("3"), None, false).contains("train="));
    }

    #[test]
    fn bad_points_in_a_link_are_named_and_the_data_set_s_own_are_used() {
        let t = regression("2");
        let base = fragment(&t, None, false);
        let far = pack(&[9.0, 0.0, 0.5, 0.5]);
        for (data, says) in [
            // "abc" decodes to 2 bytes: not even one f32; "AAAAAA" to 4 bytes: one number.
            ("train=abc", "train: 2 bytes is not a whole number of f32s"),
            ("train=AAAAAA", "train: 1 numbers are not whole points of 4"),
            ("train=***", "train: not base64url"),
            (&format!("train={far}") as &str, "point 0: x = 9 is outside"),
        ] {
            let (back, report) = open(&format!("{base}&{data}"));
            assert!(
                report.errors.iter().any(|e| e.contains(says)),
                "{data}: {report:?}"
            );
            assert!(!back.has_custom_data(), "{data}");
            assert_eq!(back.train_samples().len(), t.train_samples().len());
        }
    }
}
