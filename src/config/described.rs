//! The settings table as the page reads it: `{ name, kind, default, … }` per setting, with the
//! kind's bounds, steps and labelled choices.

use super::settings::{
    BoolSetting, Choice, ChoiceSetting, FeaturesSetting, IntegerSetting, NumberSetting,
    ShapeSetting, Steps, ACTIVATION, BATCH_SIZE, CLASSES, DATASET, DISCRETIZE, FEATURES, INIT,
    LEARNING_RATE, LOSS, NETWORK_SHAPE, NOISE, NUM_POINTS, OPTIMIZER, OUTPUTS, OUTPUT_ACTIVATION,
    PERC_TRAIN_DATA, PROBLEM, REGULARIZATION, REGULARIZATION_RATE, RESIDUAL, RULES, SEED,
    SHOW_TEST_DATA, SHUFFLE,
};
use crate::data::features::Feature;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A setting as the page reads it: `{ name, kind, default, … }` with the kind's own keys.
#[derive(Clone, Debug, PartialEq)]
pub struct Described {
    pub name: &'static str,
    pub kind: Kind,
}

/// Each kind of setting with what the page needs to offer its values.
#[derive(Clone, Debug, PartialEq)]
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
        /// Either an even step, or the only values offered.
        step: Option<f64>,
        steps: Option<&'static [f64]>,
    },
    Bool {
        default: bool,
    },
}

/// Written out by hand: `#[serde(flatten)]` with a tagged enum buffers every value and cost 2 KB
/// of gzipped wasm for this one small table.
impl Serialize for Described {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Setting", 6)?;
        out.serialize_field("name", self.name)?;
        match &self.kind {
            Kind::Shape {
                default,
                max_layers,
                max_neurons,
            } => {
                out.serialize_field("kind", "shape")?;
                out.serialize_field("default", default)?;
                out.serialize_field("maxLayers", max_layers)?;
                out.serialize_field("maxNeurons", max_neurons)?;
            }
            Kind::Choice { default, choices } => {
                out.serialize_field("kind", "choice")?;
                out.serialize_field("default", default)?;
                out.serialize_field("choices", choices)?;
            }
            Kind::Integer {
                default,
                min,
                max,
                step,
            } => {
                out.serialize_field("kind", "integer")?;
                out.serialize_field("default", default)?;
                out.serialize_field("min", min)?;
                out.serialize_field("max", max)?;
                out.serialize_field("step", step)?;
            }
            Kind::Features { default, choices } => {
                out.serialize_field("kind", "features")?;
                out.serialize_field("default", default)?;
                out.serialize_field("choices", choices)?;
            }
            Kind::Number {
                default,
                min,
                max,
                step,
                steps,
            } => {
                out.serialize_field("kind", "number")?;
                out.serialize_field("default", default)?;
                out.serialize_field("min", min)?;
                out.serialize_field("max", max)?;
                if let Some(step) = step {
                    out.serialize_field("step", step)?;
                }
                if let Some(steps) = steps {
                    out.serialize_field("steps", steps)?;
                }
            }
            Kind::Bool { default } => {
                out.serialize_field("kind", "bool")?;
                out.serialize_field("default", default)?;
            }
        }
        out.end()
    }
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
        OUTPUTS.describe(),
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
        RULES.describe(),
        SEED.describe(),
        SHOW_TEST_DATA.describe(),
        DISCRETIZE.describe(),
    ]
}
