//! Input features: what the network sees of a point (x, y).

use crate::Scalar;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Feature {
    X,
    Y,
    XSquared,
    YSquared,
    XTimesY,
    SinX,
    SinY,
    CosX,
    CosY,
}

impl Feature {
    pub const ALL: [Feature; 9] = [
        Feature::X,
        Feature::Y,
        Feature::XSquared,
        Feature::YSquared,
        Feature::XTimesY,
        Feature::SinX,
        Feature::SinY,
        Feature::CosX,
        Feature::CosY,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Feature::X => "x",
            Feature::Y => "y",
            Feature::XSquared => "xSquared",
            Feature::YSquared => "ySquared",
            Feature::XTimesY => "xTimesY",
            Feature::SinX => "sinX",
            Feature::SinY => "sinY",
            Feature::CosX => "cosX",
            Feature::CosY => "cosY",
        }
    }

    pub fn value(self, x: Scalar, y: Scalar) -> Scalar {
        match self {
            Feature::X => x,
            Feature::Y => y,
            Feature::XSquared => x * x,
            Feature::YSquared => y * y,
            Feature::XTimesY => x * y,
            Feature::SinX => libm::sinf(x),
            Feature::SinY => libm::sinf(y),
            Feature::CosX => libm::cosf(x),
            Feature::CosY => libm::cosf(y),
        }
    }
}

/// Writes the feature vector of (x, y) into `out` (one slot per feature).
pub fn fill(features: &[Feature], x: Scalar, y: Scalar, out: &mut [Scalar]) {
    for (o, f) in out.iter_mut().zip(features) {
        *o = f.value(x, y);
    }
}
