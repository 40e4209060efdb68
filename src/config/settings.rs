//! The settings table: each setting's name, default, bounds and choices, written once. The parser
//! (`Config::from_fields`) reads them from here, and `describe` hands the same table to the page
//! (`Playground.schema()`), with the labels and slider steps it shows (see `described.rs`).

use crate::data::dataset::{DatasetKind, Problem};
use crate::data::features::Feature;
use crate::network::activation::Activation;
use crate::network::loss::Loss;
use crate::network::optimizer::{OptimizerKind, Regularization};
use crate::network::Init;
use crate::tensorflow::Rules;

/// An enum chosen by name.
pub trait Choice: Copy + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

macro_rules! choice {
    ($t:ty, $all:expr) => {
        impl Choice for $t {
            const ALL: &'static [Self] = &$all;
            fn name(self) -> &'static str {
                <$t>::name(self)
            }
        }
    };
}
choice!(Feature, Feature::ALL);
choice!(DatasetKind, DatasetKind::ALL);
choice!(Problem, Problem::ALL);
choice!(Loss, Loss::ALL);
choice!(Init, Init::ALL);
choice!(OptimizerKind, OptimizerKind::ALL);
choice!(Regularization, Regularization::ALL);
choice!(Rules, Rules::ALL);

choice!(Activation, Activation::ALL);

/// Hidden layer widths: at most `max_layers` of them, each 1 to `max_neurons`.
pub struct ShapeSetting {
    pub name: &'static str,
    pub default: &'static [usize],
    pub max_layers: usize,
    pub max_neurons: usize,
}

/// One value of an enum, offered in the order of `values` and shown by its label.
pub struct ChoiceSetting<T: 'static> {
    pub name: &'static str,
    pub values: &'static [T],
    pub default: T,
    pub label: fn(T) -> &'static str,
    /// The problem each value belongs to (data sets only), so that the page can group them.
    pub problem: Option<fn(T) -> Problem>,
}

/// Some of the input features (`Feature::ALL`), at least one.
pub struct FeaturesSetting {
    pub name: &'static str,
    pub default: &'static [Feature],
    pub label: fn(Feature) -> &'static str,
}

/// How the page moves a number: by an even `step`, or only between listed values.
pub enum Steps {
    Every(f64),
    Marks(&'static [f64]),
}

/// A number from `min` to `max`.
pub struct NumberSetting {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub steps: Steps,
}

/// A whole number from `min` to `max`; the page moves it by `step`.
pub struct IntegerSetting {
    pub name: &'static str,
    pub default: u64,
    pub min: u64,
    pub max: u64,
    pub step: u64,
}

/// True or false.
pub struct BoolSetting {
    pub name: &'static str,
    pub default: bool,
}

pub const NETWORK_SHAPE: ShapeSetting = ShapeSetting {
    name: "networkShape",
    default: &[4, 2],
    max_layers: 16,
    max_neurons: 32,
};
pub const ACTIVATION: ChoiceSetting<Activation> = ChoiceSetting {
    name: "activation",
    values: &Activation::HIDDEN,
    default: Activation::Relu,
    label: activation_label,
    problem: None,
};
/// When it is not given it follows the problem (`Problem::default_output_activation`); this
/// default is the default problem's.
pub const OUTPUT_ACTIVATION: ChoiceSetting<Activation> = ChoiceSetting {
    name: "outputActivation",
    values: &Activation::OUTPUT,
    default: Activation::Sigmoid,
    label: activation_label,
    problem: None,
};
/// When it is not given it follows the output activation: cross-entropy for softmax.
pub const LOSS: ChoiceSetting<Loss> = ChoiceSetting {
    name: "loss",
    values: &Loss::ALL,
    default: Loss::Mse,
    label: |loss| match loss {
        Loss::Mse => "Squared error (MSE)",
        Loss::CrossEntropy => "Cross-entropy",
    },
    problem: None,
};
/// When it is not given it follows the data set.
pub const PROBLEM: ChoiceSetting<Problem> = ChoiceSetting {
    name: "problem",
    values: &Problem::ALL,
    default: Problem::Classification,
    label: |problem| match problem {
        Problem::Classification => "Classification",
        Problem::Regression => "Regression",
        Problem::Multiclass => "Multiclass",
    },
    problem: None,
};
/// When it is not given it follows the problem (that problem's first data set).
pub const DATASET: ChoiceSetting<DatasetKind> = ChoiceSetting {
    name: "dataset",
    values: &DatasetKind::ALL,
    default: DatasetKind::Circle,
    label: |dataset| match dataset {
        DatasetKind::Circle => "Circle",
        DatasetKind::Xor => "Exclusive or",
        DatasetKind::Gauss => "Two Gaussians",
        DatasetKind::Spiral => "Spiral",
        DatasetKind::RegPlane => "Plane",
        DatasetKind::RegGauss => "Multi-Gaussian",
        DatasetKind::Blobs => "Blobs",
        DatasetKind::SpiralK => "Spiral arms",
    },
    problem: Some(DatasetKind::problem),
};
/// For the multiclass data sets.
pub const CLASSES: IntegerSetting = IntegerSetting {
    name: "classes",
    default: 3,
    min: 2,
    max: 8,
    step: 1,
};
/// Output neurons for regression, each with its own target (a worked example's 2-2-2 network).
/// Like `classes` for multiclass, it is kept but means nothing for the other problems.
pub const OUTPUTS: IntegerSetting = IntegerSetting {
    name: "outputs",
    default: 1,
    min: 1,
    max: crate::data::dataset::MAX_OUTPUTS as u64,
    step: 1,
};
/// Display names only (the source text's y is the target, so the inputs are x₁, x₂); the names in
/// links and configs stay x, y, xSquared, … (features.rs).
pub const FEATURES: FeaturesSetting = FeaturesSetting {
    name: "features",
    default: &[Feature::X, Feature::Y],
    label: |feature| match feature {
        Feature::X => "x₁",
        Feature::Y => "x₂",
        Feature::XSquared => "x₁²",
        Feature::YSquared => "x₂²",
        Feature::XTimesY => "x₁x₂",
        Feature::SinX => "sin x₁",
        Feature::SinY => "sin x₂",
        Feature::CosX => "cos x₁",
        Feature::CosY => "cos x₂",
    },
};
/// Percent. (Number settings are f64 so that they read back exactly as given.)
pub const NOISE: NumberSetting = NumberSetting {
    name: "noise",
    default: 0.0,
    min: 0.0,
    max: 50.0,
    steps: Steps::Every(5.0),
};
/// Percent of the points used for training.
pub const PERC_TRAIN_DATA: NumberSetting = NumberSetting {
    name: "percTrainData",
    default: 50.0,
    min: 10.0,
    max: 90.0,
    steps: Steps::Every(10.0),
};
pub const NUM_POINTS: IntegerSetting = IntegerSetting {
    name: "numPoints",
    default: 500,
    min: 10,
    max: 2000,
    step: 50,
};
/// The parser's bound is the training set's size (and a default larger than it is lowered to
/// it); `max` is the largest training set there can be.
pub const BATCH_SIZE: IntegerSetting = IntegerSetting {
    name: "batchSize",
    default: 10,
    min: 1,
    max: NUM_POINTS.max * PERC_TRAIN_DATA.max as u64 / 100,
    step: 1,
};
pub const LEARNING_RATE: NumberSetting = NumberSetting {
    name: "learningRate",
    default: 0.1,
    min: 0.0,
    max: 10.0,
    steps: Steps::Marks(&[
        0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
    ]),
};
pub const OPTIMIZER: ChoiceSetting<OptimizerKind> = ChoiceSetting {
    name: "optimizer",
    values: &OptimizerKind::ALL,
    default: OptimizerKind::Sgd,
    label: |optimizer| match optimizer {
        OptimizerKind::Sgd => "SGD",
        OptimizerKind::Momentum => "SGD with momentum",
        OptimizerKind::Adam => "Adam",
    },
    problem: None,
};
pub const INIT: ChoiceSetting<Init> = ChoiceSetting {
    name: "init",
    values: &Init::ALL,
    default: Init::Uniform,
    label: |init| match init {
        Init::Uniform => "Uniform ±0.5",
        Init::Xavier => "Xavier",
        Init::He => "He",
        Init::Zero => "Zero",
    },
    problem: None,
};
pub const REGULARIZATION: ChoiceSetting<Regularization> = ChoiceSetting {
    name: "regularization",
    values: &Regularization::ALL,
    default: Regularization::None,
    label: |regularization| match regularization {
        Regularization::None => "None",
        Regularization::L1 => "L1",
        Regularization::L2 => "L2",
    },
    problem: None,
};
pub const REGULARIZATION_RATE: NumberSetting = NumberSetting {
    name: "regularizationRate",
    default: 0.0,
    min: 0.0,
    max: 10.0,
    steps: Steps::Marks(&[0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]),
};
pub const RESIDUAL: BoolSetting = BoolSetting {
    name: "residual",
    default: false,
};
pub const SHUFFLE: BoolSetting = BoolSetting {
    name: "shuffle",
    default: true,
};
/// Whose rules make the data, the initial weights and the training order: ours, or TensorFlow
/// Playground's (chosen by its links, so that they replay its own run).
pub const RULES: ChoiceSetting<Rules> = ChoiceSetting {
    name: "rules",
    values: &Rules::ALL,
    default: Rules::Playground,
    label: |rules| match rules {
        Rules::Playground => "This playground's",
        Rules::Tensorflow => "TensorFlow Playground's",
    },
    problem: None,
};
/// Seeds travel through JS numbers: `max` is the largest whole number they hold exactly.
pub const SEED: IntegerSetting = IntegerSetting {
    name: "seed",
    default: 1,
    min: 0,
    max: (1 << 53) - 1,
    step: 1,
};
/// Draw the test points too (display only).
pub const SHOW_TEST_DATA: BoolSetting = BoolSetting {
    name: "showTestData",
    default: false,
};
/// Colour the prediction by class only, without shades of confidence (display only).
pub const DISCRETIZE: BoolSetting = BoolSetting {
    name: "discretize",
    default: false,
};

/// Every setting's name, in the order of `Config::to_fields` and `describe`.
pub const FIELDS: &[&str] = &[
    NETWORK_SHAPE.name,
    ACTIVATION.name,
    OUTPUT_ACTIVATION.name,
    LOSS.name,
    PROBLEM.name,
    DATASET.name,
    CLASSES.name,
    OUTPUTS.name,
    FEATURES.name,
    NOISE.name,
    PERC_TRAIN_DATA.name,
    NUM_POINTS.name,
    BATCH_SIZE.name,
    LEARNING_RATE.name,
    OPTIMIZER.name,
    INIT.name,
    REGULARIZATION.name,
    REGULARIZATION_RATE.name,
    RESIDUAL.name,
    SHUFFLE.name,
    RULES.name,
    SEED.name,
    SHOW_TEST_DATA.name,
    DISCRETIZE.name,
];

/// Both activation settings show the same labels.
fn activation_label(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "ReLU",
        Activation::LeakyRelu => "Leaky ReLU",
        Activation::Elu => "ELU",
        Activation::Tanh => "Tanh",
        Activation::Sigmoid => "Sigmoid",
        Activation::Linear => "Linear",
        Activation::Softmax => "Softmax",
    }
}
