//! Heatmaps: every neuron's value over the input plane, computed with one forward pass per grid
//! point for all neurons at once, and coloured straight into RGBA pixels for `putImageData`.

use crate::config::Config;
use crate::data::dataset::{Problem, DOMAIN};
use crate::data::features::Feature;
use crate::network::Network;
use crate::Scalar;

pub const MAX_RESOLUTION: usize = 256;

/// Diverging palette (colour-blind safe): orange for negative, grey at zero, blue for positive.
pub const NEGATIVE: [u8; 3] = [245, 147, 34];
pub const ZERO: [u8; 3] = [232, 234, 235];
pub const POSITIVE: [u8; 3] = [8, 119, 189];
/// Okabe–Ito categorical colours for multiclass.
pub const CLASS_COLOURS: [[u8; 3]; 8] = [
    [230, 159, 0],
    [86, 180, 233],
    [0, 158, 115],
    [240, 228, 66],
    [0, 114, 178],
    [213, 94, 0],
    [204, 121, 167],
    [110, 110, 110],
];

/// Node values over a `resolution`² grid, cached for one parameter version.
#[derive(Clone, Debug, Default)]
pub struct Heatmaps {
    resolution: usize,
    version: Option<u64>,
    /// `values[node * res² + cell]`, nodes numbered inputs first, then each layer's neurons.
    values: Vec<Scalar>,
    nodes: usize,
    pub pixels: Vec<u8>,
}

/// Heatmaps at up to two resolutions (the plot's and the thumbnails'), so that asking for one
/// does not throw the other's values away.
#[derive(Clone, Debug, Default)]
pub struct HeatmapCache {
    slots: [Heatmaps; 2],
    recent: usize,
}

impl HeatmapCache {
    /// The heatmaps for `resolution` (reusing the least recently used slot), and whether they
    /// already hold parameter `version`.
    pub fn slot(&mut self, version: u64, resolution: usize) -> (&mut Heatmaps, bool) {
        let k = self
            .slots
            .iter()
            .position(|h| h.version.is_some() && h.resolution == resolution)
            .unwrap_or(1 - self.recent);
        self.recent = k;
        let current = self.slots[k].is_current(version, resolution);
        (&mut self.slots[k], current)
    }
}

/// The x of grid column `c` (cell centres; row 0 is the top, y = +6).
pub fn cell_center(index: usize, resolution: usize) -> Scalar {
    -DOMAIN + (index as Scalar + 0.5) * (2.0 * DOMAIN / resolution as Scalar)
}

impl Heatmaps {
    /// Whether the values are those of parameter `version` at `resolution`.
    pub fn is_current(&self, version: u64, resolution: usize) -> bool {
        self.version == Some(version) && self.resolution == resolution
    }

    /// Computes every node's value over the grid with `network` (holding parameter `version`).
    pub fn update(
        &mut self,
        network: &mut Network,
        config: &Config,
        version: u64,
        resolution: usize,
    ) {
        let cells = resolution * resolution;
        let sizes = network.sizes();
        self.nodes = sizes.iter().sum();
        self.values.resize(self.nodes * cells, 0.0);
        let centres: Vec<Scalar> = (0..resolution)
            .map(|i| cell_center(i, resolution))
            .collect();
        network.grid_values(&config.features, &centres, &mut self.values);
        self.resolution = resolution;
        self.version = Some(version);
    }

    pub fn node_count(&self) -> usize {
        self.nodes
    }

    /// One node's value at every cell (for the tests: the page reads pixels).
    #[cfg(test)]
    fn values(&self, node: usize) -> &[Scalar] {
        let cells = self.resolution * self.resolution;
        &self.values[node * cells..(node + 1) * cells]
    }

    /// Colours one node's values into `pixels` on the diverging palette, −1..1 (clamped).
    pub fn paint_node(&mut self, node: usize) -> &[u8] {
        let cells = self.resolution * self.resolution;
        self.pixels.resize(cells * 4, 0);
        let values = &self.values[node * cells..(node + 1) * cells];
        for (px, &v) in self.pixels.chunks_exact_mut(4).zip(values) {
            put(px, diverging(v));
        }
        &self.pixels
    }

    /// Colours the network's prediction: the output on the diverging palette (a sigmoid's 0..1
    /// mapped to −1..1; output 0 when regression has several), or for multiclass the winning class's colour, paler where it is unsure;
    /// with `discretize`, only the decision.
    pub fn paint_output(&mut self, config: &Config) -> &[u8] {
        let cells = self.resolution * self.resolution;
        let outputs = config.outputs();
        let first = self.nodes - outputs;
        if config.problem != Problem::Multiclass {
            let sigmoid =
                config.output_activation == crate::network::activation::Activation::Sigmoid;
            self.pixels.resize(cells * 4, 0);
            let values = &self.values[first * cells..(first + 1) * cells];
            for (px, &v) in self.pixels.chunks_exact_mut(4).zip(values) {
                let v = if sigmoid { 2.0 * v - 1.0 } else { v };
                // Discretized: only the side of the decision boundary (TensorFlow Playground's
                // "discretize output"); zero stays grey.
                let v = if config.discretize {
                    v.signum() * (v != 0.0) as u8 as Scalar
                } else {
                    v
                };
                put(px, diverging(v));
            }
            return &self.pixels;
        }
        self.pixels.resize(cells * 4, 0);
        for cell in 0..cells {
            let (mut best, mut best_v, mut sum) = (0, Scalar::NEG_INFINITY, 0.0);
            for k in 0..outputs {
                let v = self.values[(first + k) * cells + cell];
                sum += v.max(0.0);
                if v > best_v {
                    best = k;
                    best_v = v;
                }
            }
            // Confidence of the winner among K classes: 1/K (unsure) .. 1 (certain).
            let share = if sum > 0.0 {
                best_v.max(0.0) / sum
            } else {
                0.0
            };
            let k = outputs as Scalar;
            let t = if config.discretize {
                1.0
            } else {
                ((share - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0)
            };
            let px = &mut self.pixels[cell * 4..cell * 4 + 4];
            put(
                px,
                mix(
                    ZERO,
                    CLASS_COLOURS[best % CLASS_COLOURS.len()],
                    0.25 + 0.75 * t,
                ),
            );
        }
        &self.pixels
    }
}

/// RGBA pixels of an input feature over the plane (for the feature toggles' thumbnails), each
/// feature scaled to about −1..1 over [−6, 6]².
pub fn feature_pixels(feature: Feature, resolution: usize) -> Vec<u8> {
    let scale = match feature {
        Feature::X | Feature::Y => 1.0 / DOMAIN,
        Feature::XSquared | Feature::YSquared | Feature::XTimesY => 1.0 / (DOMAIN * DOMAIN),
        _ => 1.0,
    };
    let mut pixels = Vec::with_capacity(resolution * resolution * 4);
    for r in 0..resolution {
        let y = -cell_center(r, resolution);
        for c in 0..resolution {
            let v = feature.value(cell_center(c, resolution), y) * scale;
            // Squares run 0..1: centre them so that both colours show.
            let v = match feature {
                Feature::XSquared | Feature::YSquared => 2.0 * v - 1.0,
                _ => v,
            };
            pixels.extend_from_slice(&diverging(v));
        }
    }
    pixels
}

// Inlined into the per-pixel loops: the size-built crate would otherwise call them per pixel.
// Rounded by + ½ and truncation (the channel is never negative): `round` is a library call per
// channel in wasm.
/// One pixel's RGBA into `px` (4 bytes): an array store, where `copy_from_slice` was a call per
/// pixel at opt-level "z".
#[inline(always)]
fn put(px: &mut [u8], rgba: [u8; 4]) {
    if let Ok(px) = <&mut [u8; 4]>::try_from(px) {
        *px = rgba;
    }
}

// (A closure for the channel was not inlined at opt-level "z": a call per channel, most of a
// thumbnail's cost.)
#[inline(always)]
fn mix(a: [u8; 3], b: [u8; 3], t: Scalar) -> [u8; 4] {
    [
        channel(a[0], b[0], t),
        channel(a[1], b[1], t),
        channel(a[2], b[2], t),
        255,
    ]
}

#[inline(always)]
fn channel(a: u8, b: u8, t: Scalar) -> u8 {
    (a as Scalar + (b as Scalar - a as Scalar) * t + 0.5) as u8
}

/// A value in −1..1 (clamped) on the orange–grey–blue palette; NaN is drawn black.
#[inline(always)]
pub fn diverging(v: Scalar) -> [u8; 4] {
    if v.is_nan() {
        return [0, 0, 0, 255];
    }
    let v = v.clamp(-1.0, 1.0);
    if v >= 0.0 {
        mix(ZERO, POSITIVE, v)
    } else {
        mix(ZERO, NEGATIVE, -v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, FieldValue, Trainer};

    #[test]
    fn the_cache_keeps_two_resolutions() {
        let config = Config::default();
        let mut t = Trainer::new(config.clone());
        let mut cache = HeatmapCache::default();
        for res in [16, 8] {
            let (maps, current) = cache.slot(0, res);
            assert!(!current);
            maps.update(t.scratch_network().0, &config, 0, res);
        }
        assert!(cache.slot(0, 16).1 && cache.slot(0, 8).1, "both stay");
        assert!(!cache.slot(1, 16).1, "a new version is not current");
    }

    #[test]
    fn palette_has_grey_at_zero_and_signs_on_either_side() {
        assert_eq!(diverging(0.0), [ZERO[0], ZERO[1], ZERO[2], 255]);
        assert_eq!(diverging(1.0)[..3], POSITIVE);
        assert_eq!(diverging(-5.0)[..3], NEGATIVE);
    }

    #[test]
    fn values_are_each_nodes_output_over_the_plane() {
        let config =
            Config::from_fields([("features".to_string(), FieldValue::Text("x,xTimesY".into()))])
                .unwrap();
        let mut t = Trainer::new(config.clone());
        let version = t.params_version();
        let mut maps = Heatmaps::default();
        assert!(!maps.is_current(version, 8));
        maps.update(t.scratch_network().0, &config, version, 8);
        assert!(maps.is_current(version, 8) && !maps.is_current(version + 1, 8));
        assert_eq!(maps.node_count(), 2 + 4 + 2 + 1);
        // Input node 0 is x: left to right across every row; node 1 is x·y.
        let x = maps.values(0);
        assert_eq!(x[0], cell_center(0, 8));
        assert_eq!(x[7], cell_center(7, 8));
        assert_eq!(maps.values(1)[0], cell_center(0, 8) * -cell_center(0, 8));
        // The output node equals a forward pass at that point.
        let net = t.scratch_network().0;
        net.forward(&[cell_center(2, 8), cell_center(2, 8) * -cell_center(5, 8)]);
        let expected = net.output()[0];
        assert_eq!(maps.values(8)[5 * 8 + 2], expected);
        assert_eq!(maps.paint_output(&config).len(), 8 * 8 * 4);
    }
}
