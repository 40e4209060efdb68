//! A configuration changed field by field, with the fields that only followed a changed one
//! following it.

use super::{train_count, Config, ConfigError, FieldValue};

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
        if changed("dataset") || changed("problem") {
            followers.extend(["dataset", "problem", "outputActivation", "loss"]);
        }
        if changed("outputActivation") {
            followers.push("loss");
        }
        let mut fields: Vec<(String, FieldValue)> = self
            .to_fields()
            .into_iter()
            .filter(|(k, _)| !followers.contains(&k.as_str()) || changed(k))
            .collect();
        if !changed("batchSize") && (changed("numPoints") || changed("percTrainData")) {
            let probe = Config::from_fields(
                fields
                    .iter()
                    .filter(|(k, _)| k != "batchSize")
                    .cloned()
                    .chain(changes.iter().cloned()),
            )?;
            let fits = train_count(probe.num_points, probe.perc_train_data);
            fields.retain(|(k, _)| k != "batchSize");
            fields.push((
                "batchSize".into(),
                FieldValue::Number(self.batch_size.min(fits) as f64),
            ));
        }
        Config::from_fields(fields.into_iter().chain(changes))
    }
}
