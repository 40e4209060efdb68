//! Data the user set (drawn, imported or typed into the worked-example editor) in a link, as
//! readable as the rest: `data=` the CSV text (`x,y,label` or `x,y,t0,t1,…` lines, see `csv`) and
//! `train=` how many of its points, the first, are for training. Generated data is not written:
//! the configuration makes the same points again.

use super::text::encode_component;
use crate::training::Trainer;

/// The `train=` and `data=` parts of a trainer whose data is its own (none otherwise).
#[inline(never)]
pub(super) fn parts(trainer: &Trainer) -> Vec<String> {
    if !trainer.has_custom_data() {
        return Vec::new();
    }
    vec![
        format!("train={}", trainer.train_samples().len()),
        format!("data={}", encode_component(&trainer.export_csv())),
    ]
}

/// Installs a link's points (checked as `importCsv` checks them); the error names the key.
#[inline(never)]
pub(super) fn load(trainer: &mut Trainer, data: &str, train: Option<&str>) -> Result<(), String> {
    // u64, as the counters are read: one parser in the wasm file.
    let train = match train.map(str::parse::<u64>) {
        None => None,
        Some(Ok(n)) => Some(n.min(usize::MAX as u64) as usize),
        Some(Err(_)) => return Err("train: not a whole number of points".into()),
    };
    match trainer.import_csv(data, train) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("data: {}", e.message)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fragment, open};
    use super::*;
    use crate::config::{Config, FieldValue};
    use crate::data::dataset::Point;

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
        assert!(!fragment(&regression("3"), None, false).contains("data="));
        assert!(
            link.contains("&train=2&data=x,y,t0,t1,t2%0A0.05,0.1,0.01,0.99,-250.5%0A"),
            "{link}"
        );
    }

    #[test]
    fn bad_points_in_a_link_are_named_and_the_data_set_s_own_are_used() {
        let t = regression("2");
        let base = fragment(&t, None, false);
        for (data, says) in [
            (
                "data=1,2,3",
                "data: line 1: expected 4 comma-separated values x,y,t0,t1, found 3",
            ),
            ("data=9,0,0.5,0.5", "data: line 1: x = 9 is outside"),
            (
                "data=0,0,0.5,2e7",
                "data: line 1: label 20000000 (output 1) is not allowed",
            ),
            ("data=0,0,1,1&train=x", "train: not a whole number"),
        ] {
            let (back, report) = open(&format!("{base}&{data}"));
            assert!(
                report.errors.iter().any(|e| e.contains(says)),
                "{data}: {report:?}"
            );
            assert!(!back.has_custom_data(), "{data}");
            assert_eq!(back.train_samples().len(), t.train_samples().len());
        }
        // A hand-written link: its points readable, the split by `train`.
        let (back, report) = open(&format!("{base}&train=1&data=0.05,0.1,0.01,0.99%0A1,1,0,0"));
        assert!(report.errors.is_empty(), "{report:?}");
        assert_eq!(
            back.train_samples().points,
            vec![Point::with_targets(0.05, 0.1, &[0.01, 0.99])]
        );
        assert_eq!(back.test_samples().len(), 1);
    }
}
