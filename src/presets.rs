//! Named starting points, each teaching one idea of the source text. They are plain data: fields
//! in their text form, which `Config::from_preset` reads like any others, so a link can name one
//! and override any field.

use serde::Serialize;

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    pub name: &'static str,
    pub title: &'static str,
    /// One or two sentences on what it teaches.
    pub teaches: &'static str,
    #[serde(skip)]
    pub fields: &'static [(&'static str, &'static str)],
}

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "sourceText",
        title: "The source text's network",
        teaches: "Two inputs, one ReLU hidden layer, a sigmoid output and squared error, trained one sample at a time. Step through it in Explain mode and every equation of the text appears with its numbers.",
        fields: &[
            ("dataset", "gauss"),
            ("networkShape", "3"),
            ("activation", "relu"),
            ("outputActivation", "sigmoid"),
            ("loss", "mse"),
            ("batchSize", "1"),
            ("learningRate", "0.1"),
            ("seed", "1"),
        ],
    },
    Preset {
        name: "deadRelu",
        title: "Dead ReLU",
        teaches: "A large first step (η = 1, linear output) pushes ReLU neurons to z ≤ 0 on every point: their gradient is exactly zero, so they never learn again. Switch to Leaky ReLU and they keep a small slope and recover.",
        fields: &[
            ("dataset", "circle"),
            ("networkShape", "8,8"),
            ("activation", "relu"),
            ("outputActivation", "linear"),
            ("learningRate", "1"),
            ("seed", "2"),
        ],
    },
    Preset {
        name: "learningRateTooLarge",
        title: "Learning rate too large",
        teaches: "With η = 3 each step overshoots the minimum by more than it corrects: the weights grow until the loss is no longer a finite number. The playground stops and offers the last finite weights back.",
        fields: &[
            ("dataset", "regPlane"),
            ("networkShape", "4,2"),
            ("activation", "relu"),
            ("learningRate", "3"),
            ("seed", "1"),
        ],
    },
    Preset {
        name: "learningRateTooSmall",
        title: "Learning rate too small",
        teaches: "With η = 0.0001 every step is tiny: the loss crawls down and thousands of epochs pass before the boundary takes shape.",
        fields: &[
            ("dataset", "circle"),
            ("networkShape", "4,2"),
            ("activation", "relu"),
            ("learningRate", "0.0001"),
            ("seed", "1"),
        ],
    },
    Preset {
        name: "vanishingGradients",
        title: "Vanishing gradients",
        teaches: "Ten sigmoid layers: each backward step multiplies the error signal by a weight and by σ′ ≤ 0.25, so the first layers' gradients are orders of magnitude smaller than the last's and they barely learn.",
        fields: &[
            ("dataset", "circle"),
            ("networkShape", "8,8,8,8,8,8,8,8,8,8"),
            ("activation", "sigmoid"),
            ("learningRate", "0.3"),
            ("seed", "1"),
        ],
    },
    Preset {
        name: "residualFix",
        title: "The residual fix",
        teaches: "The same ten layers with residual connections, a = a_prev + f(z): the gradient flows back through the skip edges undiminished and every layer learns.",
        fields: &[
            ("dataset", "circle"),
            ("networkShape", "8,8,8,8,8,8,8,8,8,8"),
            ("activation", "sigmoid"),
            ("residual", "true"),
            ("learningRate", "0.3"),
            ("seed", "1"),
        ],
    },
    Preset {
        name: "spiral",
        title: "The spiral challenge",
        teaches: "Two interleaved spirals from x and y alone. A small network fails; find the depth, width, features and learning rate that untangle them.",
        fields: &[
            ("dataset", "spiral"),
            ("networkShape", "8,8"),
            ("activation", "tanh"),
            ("learningRate", "0.03"),
            ("seed", "1"),
        ],
    },
];

pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_unique_name() {
        // That each is a valid configuration is tested where configurations are built (config).
        for (i, p) in PRESETS.iter().enumerate() {
            assert!(PRESETS[..i].iter().all(|q| q.name != p.name));
            assert!(find(p.name).is_some());
        }
    }
}
