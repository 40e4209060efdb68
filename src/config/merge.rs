//! A configuration changed field by field, with the fields that only followed a changed one
//! following it.

use super::settings::{
    BATCH_SIZE, DATASET, LOSS, NUM_POINTS, OUTPUT_ACTIVATION, PERC_TRAIN_DATA, PROBLEM, RULES,
    SHUFFLE,
};
use super::{Config, ConfigError, FieldValue};
use crate::tensorflow::Rules;

impl Config {
    /// This configuration with some fields changed. Fields that were only defaults of a changed
    /// field follow it: a new data set or problem brings its own output and loss, a new output
    /// activation its loss, and a batch size that no longer fits the training set shrinks to it.
    pub fn merged(
        &self,
        changes: impl IntoIterator<Item = (String, FieldValue)>,
    ) -> Result<Config, ConfigError> {
        self.merged_list(changes.into_iter().collect())
    }

    #[inline(never)]
    fn merged_list(&self, changes: Vec<(String, FieldValue)>) -> Result<Config, ConfigError> {
        let changed = |k: &str| changes.iter().any(|(c, _)| c == k);
        if changed("preset") {
            // A preset replaces the whole configuration; the other changes apply on top of it.
            return Config::from_fields(changes);
        }
        let mut followers: Vec<&str> = Vec::new();
        if changed(DATASET.name) || changed(PROBLEM.name) {
            followers.extend([
                DATASET.name,
                PROBLEM.name,
                OUTPUT_ACTIVATION.name,
                LOSS.name,
            ]);
        }
        if changed(OUTPUT_ACTIVATION.name) {
            followers.push(LOSS.name);
        }
        // The rules bring their own point count and shuffling; under TensorFlow Playground's the
        // point count follows the problem (500 or 1,200 points), as in that playground.
        if changed(RULES.name) {
            followers.extend([NUM_POINTS.name, SHUFFLE.name]);
        }
        let tensorflow = changes
            .iter()
            .rev()
            .find(|(k, _)| k == RULES.name)
            .map_or(self.rules == Rules::Tensorflow, |(_, v)| {
                *v == FieldValue::Text(Rules::Tensorflow.name().into())
            });
        if tensorflow && (changed(DATASET.name) || changed(PROBLEM.name)) {
            followers.push(NUM_POINTS.name);
        }
        let mut fields: Vec<(String, FieldValue)> = self
            .to_fields()
            .into_iter()
            .filter(|(k, _)| !followers.contains(&k.as_str()) || changed(k))
            .collect();
        let points_follow = followers.contains(&NUM_POINTS.name);
        if !changed(BATCH_SIZE.name)
            && (changed(NUM_POINTS.name) || changed(PERC_TRAIN_DATA.name) || points_follow)
        {
            let probe = Config::from_fields(
                fields
                    .iter()
                    .filter(|(k, _)| k != BATCH_SIZE.name)
                    .cloned()
                    .chain(changes.iter().cloned()),
            )?;
            let fits = probe.train_points();
            fields.retain(|(k, _)| k != BATCH_SIZE.name);
            fields.push((
                BATCH_SIZE.name.into(),
                FieldValue::Number(self.batch_size.min(fits) as f64),
            ));
        }
        Config::from_fields(fields.into_iter().chain(changes))
    }
}
