//! The settings table as the page reads it: `{ name, kind, default, … }` per setting, with the
//! kind's bounds, steps and labelled choices.

use super::settings::{
    BoolSetting, Choice, ChoiceSetting, FeaturesSetting, IntegerSetting, NumberSetting,
    ShapeSetting, Steps, ACTIVATION, BATCH_SIZE, CLASSES, DATASET, DISCRETIZE, FEATURES, INIT,
    LEARNING_RATE, LOSS, NETWORK_SHAPE, NOISE, NUM_POINTS, OPTIMIZER, OUTPUT_ACTIVATION,
    PERC_TRAIN_DATA, PROBLEM, REGULARIZATION, REGULARIZATION_RATE, RESIDUAL, SEED, SHOW_TEST_DATA,
    SHUFFLE,
};
use crate::data::features::Feature;
use serde::Serialize;

/// A setting as the page reads it: `{ name, kind, default, … }` with the kind's own keys.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Described {
    pub name: &'static str,
    #[serde(flatten)]
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Kind {
    Shape {
        default: &'static [usize],
        max_layers: usize,
        max_neurons: usize,
    },
    Choice {
        default: &'static str,
        choices: Vec<Label>,
    },
    Integer {
        default: u64,
        min: u64,
        max: u64,
        step: u64,
    },
    Features {
        default: Vec<&'static str>,
        choices: Vec<Label>,
    },
    Number {
        default: f64,
        min: f64,
        max: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        step: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        steps: Option<&'static [f64]>,
    },
    Bool {
        default: bool,
    },
}

/// One choice: the value the parser takes and the label the page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    pub value: &'static str,
    pub label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<&'static str>,
}

impl ShapeSetting {
    pub fn describe(&self) -> Described {
        Described {
            name: self.name,
            kind: Kind::Shape {
                default: self.default,
                max_layers: self.max_layers,
                max_neurons: self.max_neurons,
            },
        }
    }
}

impl<T: Choice> ChoiceSetting<T> {
    pub fn describe(&self) -> Described {
        let choices = self
            .values
            .iter()
            .map(|&value| Label {
                value: value.name(),
                label: (self.label)(value),
                problem: self.problem.map(|problem| problem(value).name()),
            })
            .collect();
        Described {
            name: self.name,
            kind: Kind::Choice {
                default: self.default.name(),
                choices,
            },
        }
    }
}

impl FeaturesSetting {
    pub fn describe(&self) -> Described {
        let choices = Feature::ALL
            .iter()
            .map(|&value| Label {
                value: value.name(),
                label: (self.label)(value),
                problem: None,
            })
            .collect();
        Described {
            name: self.name,
            kind: Kind::Features {
                default: self.default.iter().map(|f| f.name()).collect(),
                choices,
            },
        }
    }
}

impl NumberSetting {
    pub fn describe(&self) -> Described {
        let (step, steps) = match self.steps {
            Steps::Every(step) => (Some(step), None),
            Steps::Marks(marks) => (None, Some(marks)),
        };
        Described {
            name: self.name,
            kind: Kind::Number {
                default: self.default,
                min: self.min,
                max: self.max,
                step,
                steps,
            },
        }
    }
}

impl IntegerSetting {
    pub fn describe(&self) -> Described {
        Described {
            name: self.name,
            kind: Kind::Integer {
                default: self.default,
                min: self.min,
                max: self.max,
                step: self.step,
            },
        }
    }
}

impl BoolSetting {
    pub fn describe(&self) -> Described {
        Described {
            name: self.name,
            kind: Kind::Bool {
                default: self.default,
            },
        }
    }
}

/// Every setting as the page reads it, in the order of `FIELDS`.
pub fn describe() -> Vec<Described> {
    vec![
        NETWORK_SHAPE.describe(),
        ACTIVATION.describe(),
        OUTPUT_ACTIVATION.describe(),
        LOSS.describe(),
        PROBLEM.describe(),
        DATASET.describe(),
        CLASSES.describe(),
        FEATURES.describe(),
        NOISE.describe(),
        PERC_TRAIN_DATA.describe(),
        NUM_POINTS.describe(),
        BATCH_SIZE.describe(),
        LEARNING_RATE.describe(),
        OPTIMIZER.describe(),
        INIT.describe(),
        REGULARIZATION.describe(),
        REGULARIZATION_RATE.describe(),
        RESIDUAL.describe(),
        SHUFFLE.describe(),
        SEED.describe(),
        SHOW_TEST_DATA.describe(),
        DISCRETIZE.describe(),
    ]
}
