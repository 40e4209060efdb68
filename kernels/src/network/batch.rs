//! The mini-batch as matrix products. Samples sit side by side, four to a lane group (`Lanes`,
//! one f32x4 register in wasm SIMD or SSE), so that every step of the per-sample maths becomes the
//! same step on four samples at once: z = W·a + b is a small matrix product, f and f′ run over whole
//! tiles, and the backward pass's ∂L/∂W = δ·aᵀ and ∂L/∂a_prev = Wᵀ·δ are two more.
//!
//! A matrix of a layer with n neurons is stored group-major: `m[g * n + i]` holds neuron i of the
//! group g of four samples, so one group's column is the per-sample vector with `Lanes` for
//! scalars, and the loops read memory in order. Sample s is lane `s % 4` of group `s / 4`; the
//! padding lanes of a last, partial group carry zeros in and an error signal of exactly 0 back.
//!
//! Determinism: every sum has one fixed order that does not depend on the target (each lane adds
//! its samples in order, then the four lanes are added as (0 + 1) + (2 + 3)), and there is no FMA,
//! so native and wasm builds compute the same bits.

use crate::network::activation::{softmax, Activation};
use crate::network::lanes::V;
use crate::network::loss::OutputSignals;
use crate::network::Network;
use crate::Scalar;

pub use crate::network::lanes::Lanes;
pub const LANES: usize = 4;
/// Samples per block: a longer batch runs as several blocks, so that the matrices stay in cache.
pub const BLOCK: usize = 64;
const GROUPS: usize = BLOCK / LANES;

/// One layer's matrices over a block (each `GROUPS × outputs` lane groups), and its gradient sums
/// over the whole batch, kept per lane until the batch ends.
#[derive(Clone, Debug, Default)]
struct LayerBlock {
    pre_activations: Vec<Lanes>,
    activations: Vec<Lanes>,
    derivatives: Vec<Lanes>,
    /// ∂L/∂a.
    activation_grads: Vec<Lanes>,
    deltas: Vec<Lanes>,
    weight_grads: Vec<Lanes>,
    bias_grads: Vec<Lanes>,
    delta_squares: Lanes,
}

/// A network's workspace for batches: allocated on first use, reused after.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    /// Samples in the current block.
    len: usize,
    input: Vec<Lanes>,
    target: Vec<Lanes>,
    layers: Vec<LayerBlock>,
    /// One sample's output layer (z, a, y, f′, ∂L/∂a, δ), for softmax, whose maths is per sample.
    column: Vec<Scalar>,
}

impl Network {
    /// Forward and backward over `samples` (inputs, targets) with no weight change; leaves the mean
    /// gradients in the gradient buffers and the last sample's z, a, f′, ∂L/∂a and δ in the
    /// layers' per-sample buffers (what the page animates). Returns the mean loss.
    pub fn compute_gradients<'a>(
        &mut self,
        samples: impl Iterator<Item = (&'a [Scalar], &'a [Scalar])>,
    ) -> Scalar {
        self.ensure_batch();
        let mut samples = samples.fuse();
        for block in &mut self.batch.layers {
            block.weight_grads.fill([0.0; LANES]);
            block.bias_grads.fill([0.0; LANES]);
            block.delta_squares = [0.0; LANES];
        }
        let (mut total, mut n) = (0.0, 0);
        loop {
            let mut len = 0;
            for (input, target) in samples.by_ref().take(BLOCK) {
                self.put_sample(len, input, Some(target));
                len += 1;
            }
            if len == 0 {
                break;
            }
            self.start_block(len);
            self.forward_block();
            self.backward_block(&mut total);
            n += len;
            if len < BLOCK {
                break;
            }
        }
        if n == 0 {
            self.zero_grads();
            return 0.0;
        }
        self.keep(self.batch.len - 1, true);
        // A batch's gradient is the mean: each sum times 1/n.
        let scale = 1.0 / n as Scalar;
        for (layer, block) in self.layers.iter_mut().zip(&self.batch.layers) {
            mean_of_lanes(&mut layer.weight_grads, &block.weight_grads, scale);
            mean_of_lanes(&mut layer.bias_grads, &block.bias_grads, scale);
            layer.delta_square_sum = V::load(&block.delta_squares).sum();
        }
        total / n as Scalar
    }

    /// Forward passes over `inputs`, in blocks. For each sample in turn its z, a and f′ are put in
    /// the per-sample buffers (as `forward` leaves them) and `each(network, k)` is called, k
    /// counting the samples from 0.
    pub fn forward_each<'a>(
        &mut self,
        inputs: impl Iterator<Item = &'a [Scalar]>,
        mut each: impl FnMut(&Network, usize),
    ) {
        self.ensure_batch();
        let mut inputs = inputs.fuse();
        let mut done = 0;
        loop {
            let mut len = 0;
            for input in inputs.by_ref().take(BLOCK) {
                self.put_sample(len, input, None);
                len += 1;
            }
            if len == 0 {
                return;
            }
            self.start_block(len);
            self.forward_block();
            for s in 0..len {
                self.keep(s, false);
                each(self, done + s);
            }
            done += len;
        }
    }

    /// Every node's value (the inputs, then each layer's activations) over a square grid whose
    /// cell centres along either axis are `centres` (x left to right; y is −centre, so row 0 is the
    /// top), each input's features made by `features`: `values[node * cells + cell]`. The grid is
    /// one long batch, run forward in blocks.
    pub fn grid_values(
        &mut self,
        features: &[crate::features::Feature],
        centres: &[Scalar],
        values: &mut [Scalar],
    ) {
        self.ensure_batch();
        let resolution = centres.len();
        let cells = resolution * resolution;
        let mut input = vec![0.0; self.input.len()];
        let mut start = 0;
        while start < cells {
            let len = (cells - start).min(BLOCK);
            for s in 0..len {
                let cell = start + s;
                let (x, y) = (centres[cell % resolution], -centres[cell / resolution]);
                crate::features::fill(features, x, y, &mut input);
                self.put_sample(s, &input, None);
            }
            self.start_block(len);
            self.forward_block();
            let matrices = std::iter::once((&self.batch.input, self.input.len())).chain(
                self.batch
                    .layers
                    .iter()
                    .zip(&self.layers)
                    .map(|(b, l)| (&b.activations, l.outputs)),
            );
            let mut node = 0;
            for (m, n) in matrices {
                for i in 0..n {
                    let out = &mut values[(node + i) * cells + start..][..len];
                    for (s, v) in out.iter_mut().enumerate() {
                        *v = m[(s / LANES) * n + i][s % LANES];
                    }
                }
                node += n;
            }
            start += len;
        }
    }

    fn ensure_batch(&mut self) {
        if self.batch.layers.len() == self.layers.len() {
            return;
        }
        let lanes = |n: usize| vec![[0.0; LANES]; n];
        let o = self.output().len();
        self.batch = Batch {
            len: 0,
            input: lanes(GROUPS * self.input.len()),
            target: lanes(GROUPS * o),
            layers: self
                .layers
                .iter()
                .map(|l| LayerBlock {
                    pre_activations: lanes(GROUPS * l.outputs),
                    activations: lanes(GROUPS * l.outputs),
                    derivatives: lanes(GROUPS * l.outputs),
                    activation_grads: lanes(GROUPS * l.outputs),
                    deltas: lanes(GROUPS * l.outputs),
                    weight_grads: lanes(l.weights.len()),
                    bias_grads: lanes(l.outputs),
                    delta_squares: [0.0; LANES],
                })
                .collect(),
            column: vec![0.0; 6 * o],
        };
    }

    /// Puts sample `s` of the block: its inputs, and its targets when given.
    fn put_sample(&mut self, s: usize, input: &[Scalar], target: Option<&[Scalar]>) {
        let (g, lane) = (s / LANES, s % LANES);
        let (f, o) = (self.input.len(), self.output().len());
        for (cell, &x) in self.batch.input[g * f..][..f].iter_mut().zip(input) {
            cell[lane] = x;
        }
        if let Some(target) = target {
            for (cell, &y) in self.batch.target[g * o..][..o].iter_mut().zip(target) {
                cell[lane] = y;
            }
        }
    }

    /// Starts a block of the `len` samples put: the padding lanes of its last group get zeros.
    fn start_block(&mut self, len: usize) {
        debug_assert!(0 < len && len <= BLOCK);
        self.batch.len = len;
        let (g, used) = (len / LANES, len % LANES);
        if used != 0 {
            let (f, o) = (self.input.len(), self.output().len());
            let b = &mut self.batch;
            for cell in b.input[g * f..][..f]
                .iter_mut()
                .chain(&mut b.target[g * o..][..o])
            {
                cell[used..].fill(0.0);
            }
        }
    }

    /// The forward pass over the block: z = W·a_prev + b, then a = f(z), for every sample.
    fn forward_block(&mut self) {
        let groups = self.batch.len.div_ceil(LANES);
        let mut n_in = self.input.len();
        let Batch {
            input,
            layers,
            column,
            ..
        } = &mut self.batch;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = layers.split_at_mut(l);
            let prev = before.last().map_or(&input[..], |p| &p.activations);
            let block = &mut rest[0];
            let n = layer.outputs;
            let tiles = n / TILE * TILE;
            for g in 0..groups {
                let x = &prev[g * n_in..][..n_in];
                let z = &mut block.pre_activations[g * n..][..n];
                let (w, b) = (&layer.weights, &layer.biases);
                for i in (0..tiles).step_by(TILE) {
                    forward_rows::<TILE>(&w[i * n_in..], &b[i..], x, &mut z[i..]);
                }
                for i in tiles..n {
                    forward_rows::<1>(&w[i * n_in..], &b[i..], x, &mut z[i..]);
                }
            }
            let used = groups * n;
            if layer.activation == Activation::Softmax {
                softmax_block(block, groups, n, column);
            } else {
                layer.activation.apply_layer(
                    &block.pre_activations[..used],
                    &mut block.activations[..used],
                    &mut block.derivatives[..used],
                );
            }
            if layer.residual {
                for (a, p) in block.activations[..used].iter_mut().zip(prev) {
                    *a = (V::load(a) + V::load(p)).get();
                }
            }
            n_in = n;
        }
    }

    /// The backward pass over the block: the output's error signal, then layer by layer from the
    /// right ∂L/∂W += δ·a_prevᵀ, ∂L/∂b += δ and ∂L/∂a_prev = Wᵀ·δ, gated by f′ into the previous
    /// layer's δ. Adds each sample's loss to `total`, in sample order.
    fn backward_block(&mut self, total: &mut Scalar) {
        let len = self.batch.len;
        let groups = len.div_ceil(LANES);
        self.output_signals_block(total);
        for l in (0..self.layers.len()).rev() {
            let layer = &self.layers[l];
            let (n_in, n) = (layer.inputs, layer.outputs);
            let (before, rest) = self.batch.layers.split_at_mut(l);
            let block = &mut rest[0];
            let (prev, mut prev_grads) = match before.last_mut() {
                Some(p) => (&p.activations[..], Some(&mut p.activation_grads[..])),
                None => (&self.batch.input[..], None),
            };
            for g in 0..groups {
                let x = &prev[g * n_in..][..n_in];
                let deltas = &block.deltas[g * n..][..n];
                let mut pg = prev_grads
                    .as_deref_mut()
                    .map(|p| &mut p[g * n_in..][..n_in]);
                if let Some(pg) = pg.as_deref_mut() {
                    pg.fill([0.0; LANES]); // the rows below add to it
                }
                let mut squares = V::load(&block.delta_squares);
                let tiles = n / TILE * TILE;
                let (w, gw, gb) = (
                    &layer.weights,
                    &mut block.weight_grads,
                    &mut block.bias_grads,
                );
                for i in (0..tiles).step_by(TILE) {
                    let (gw, gb) = (&mut gw[i * n_in..], &mut gb[i..]);
                    let pg = pg.as_deref_mut();
                    let d = &deltas[i..];
                    backward_rows::<TILE>(&w[i * n_in..], d, x, gw, gb, &mut squares, pg);
                }
                for i in tiles..n {
                    let (gw, gb) = (&mut gw[i * n_in..], &mut gb[i..]);
                    let pg = pg.as_deref_mut();
                    let d = &deltas[i..];
                    backward_rows::<1>(&w[i * n_in..], d, x, gw, gb, &mut squares, pg);
                }
                block.delta_squares = squares.get();
                if let (Some(pg), true) = (pg, layer.residual) {
                    // a = a_prev + f(z): ∂L/∂a reaches a_prev directly too.
                    for (p, a) in pg.iter_mut().zip(&block.activation_grads[g * n..][..n]) {
                        *p = (V::load(p) + V::load(a)).get();
                    }
                }
            }
            if let Some(p) = before.last_mut() {
                // δ = ∂L/∂a · f′(z): the gate by the activation's derivative.
                let used = groups * p.deltas.len() / GROUPS;
                for ((d, g), f) in p.deltas[..used]
                    .iter_mut()
                    .zip(&p.activation_grads)
                    .zip(&p.derivatives)
                {
                    *d = (V::load(g) * V::load(f)).get();
                }
            }
        }
    }

    /// The error signal entering from the right (∂L/∂ŷ and δ = ∂L/∂z of the output layer) for
    /// every sample, zero in the padding lanes; adds each sample's loss to `total` in order.
    fn output_signals_block(&mut self, total: &mut Scalar) {
        let len = self.batch.len;
        let last = self.layers.len() - 1;
        let (act, loss, o) = (
            self.layers[last].activation,
            self.loss,
            self.layers[last].outputs,
        );
        let b = &mut self.batch;
        let block = &mut b.layers[last];
        for g in 0..len.div_ceil(LANES) {
            let lanes = (len - g * LANES).min(LANES);
            let at = g * o;
            if act == Activation::Softmax {
                let target = &b.target[at..at + o];
                softmax_signals(block, target, &mut b.column, loss, lanes, at, total);
                continue;
            }
            let mut sample_loss = [0.0; LANES];
            for i in at..at + o {
                for (k, sample_loss) in sample_loss.iter_mut().enumerate() {
                    let (grad, delta, term) = loss.element_signals(
                        block.pre_activations[i][k],
                        block.activations[i][k],
                        b.target[i][k],
                        block.derivatives[i][k],
                    );
                    let real = k < lanes;
                    block.activation_grads[i][k] = if real { grad } else { 0.0 };
                    block.deltas[i][k] = if real { delta } else { 0.0 };
                    *sample_loss += term;
                }
            }
            for term in &sample_loss[..lanes] {
                *total += loss.sample_loss(*term);
            }
        }
    }

    /// Sample `s`'s lane of the block's matrices into the per-sample buffers; with `backward`,
    /// ∂L/∂a and δ too.
    fn keep(&mut self, s: usize, backward: bool) {
        let (g, lane) = (s / LANES, s % LANES);
        let copy = |mine: &mut [Scalar], lanes: &[Lanes]| {
            let n = mine.len();
            for (v, cell) in mine.iter_mut().zip(&lanes[g * n..][..n]) {
                *v = cell[lane];
            }
        };
        copy(&mut self.input, &self.batch.input);
        for (layer, block) in self.layers.iter_mut().zip(&self.batch.layers) {
            copy(&mut layer.pre_activations, &block.pre_activations);
            copy(&mut layer.activations, &block.activations);
            copy(&mut layer.derivatives, &block.derivatives);
            if backward {
                copy(&mut layer.activation_grads, &block.activation_grads);
                copy(&mut layer.deltas, &block.deltas);
            }
        }
    }
}

/// out[k] = the sum of `lanes[k]`'s four lanes, times `scale`: four at a time (one transpose and
/// three adds), the same bits as one at a time.
fn mean_of_lanes(out: &mut [Scalar], lanes: &[Lanes], scale: Scalar) {
    let mut outs = out.chunks_exact_mut(LANES);
    let mut ins = lanes.chunks_exact(LANES);
    for (o, l) in (&mut outs).zip(&mut ins) {
        let sums = V::sums([0, 1, 2, 3].map(|k| V::load(&l[k])));
        o.copy_from_slice(&(sums * V::splat(scale)).get());
    }
    for (o, l) in outs.into_remainder().iter_mut().zip(ins.remainder()) {
        *o = V::load(l).sum() * scale;
    }
}

/// Rows of W at a time (a tile's accumulators stay in registers; the rest go one by one).
const TILE: usize = 4;

/// Rows i..i+R of z = W·x + b for one group of samples: `weights` from row i, `biases` and `z`
/// from i. Each x is loaded once for the R rows.
#[inline(always)]
fn forward_rows<const R: usize>(
    weights: &[Scalar],
    biases: &[Scalar],
    x: &[Lanes],
    z: &mut [Lanes],
) {
    let n_in = x.len();
    // Row slices of x's length: the loop below then needs no bounds checks.
    let rows: [&[Scalar]; R] = std::array::from_fn(|r| &weights[r * n_in..][..n_in]);
    let mut acc: [V; R] = std::array::from_fn(|r| V::splat(biases[r]));
    for (j, x) in x.iter().enumerate() {
        let x = V::load(x);
        for (acc, row) in acc.iter_mut().zip(&rows) {
            *acc = acc.mul_add(V::splat(row[j]), x);
        }
    }
    for (z, acc) in z[..R].iter_mut().zip(acc) {
        *z = acc.get();
    }
}

/// Rows i..i+R of the backward pass for one group: ∂L/∂W[i][j] += δᵢ·x[j] and ∂L/∂bᵢ += δᵢ (each
/// lane its own sample), Σ δ² into `squares`, and ∂L/∂a_prev[j] += Σᵢ W[i][j]·δᵢ in row order.
/// Slices start at row i (`deltas`, `weights`, `weight_grads`, `bias_grads`).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn backward_rows<const R: usize>(
    weights: &[Scalar],
    deltas: &[Lanes],
    x: &[Lanes],
    weight_grads: &mut [Lanes],
    bias_grads: &mut [Lanes],
    squares: &mut V,
    prev_grads: Option<&mut [Lanes]>,
) {
    let n_in = x.len();
    let d: [V; R] = std::array::from_fn(|r| V::load(&deltas[r]));
    for (gb, d) in bias_grads[..R].iter_mut().zip(d) {
        *gb = (V::load(gb) + d).get();
        *squares = squares.mul_add(d, d);
    }
    // Row slices of x's length: the loops below then need no bounds checks.
    let rows: [&[Scalar]; R] = std::array::from_fn(|r| &weights[r * n_in..][..n_in]);
    let mut grads = weight_grads[..R * n_in].chunks_exact_mut(n_in);
    let mut grads: [&mut [Lanes]; R] = std::array::from_fn(|_| grads.next().unwrap());
    for (j, x) in x.iter().enumerate() {
        let x = V::load(x);
        for (grads, d) in grads.iter_mut().zip(&d) {
            grads[j] = V::load(&grads[j]).mul_add(*d, x).get();
        }
    }
    if let Some(prev_grads) = prev_grads {
        for (j, p) in prev_grads[..n_in].iter_mut().enumerate() {
            let mut acc = V::load(p);
            for (row, d) in rows.iter().zip(&d) {
                acc = acc.mul_add(V::splat(row[j]), *d);
            }
            *p = acc.get();
        }
    }
}

/// The output signals of one group on a softmax layer, whose maths is per sample: each real lane
/// gathered into `column` (z, a, y, f′, ∂L/∂ŷ, δ), `Loss::output_signals`, and back; zero signals
/// in the padding lanes. Adds each sample's loss to `total`, in order.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn softmax_signals(
    block: &mut LayerBlock,
    target: &[Lanes],
    column: &mut [Scalar],
    loss: crate::network::loss::Loss,
    lanes: usize,
    at: usize,
    total: &mut Scalar,
) {
    let o = target.len();
    for lane in 0..LANES {
        let (z, rest) = column.split_at_mut(o);
        let (a, rest) = rest.split_at_mut(o);
        let (y, rest) = rest.split_at_mut(o);
        let (f, rest) = rest.split_at_mut(o);
        let (grads, deltas) = rest.split_at_mut(o);
        let rows = at..at + o;
        if lane >= lanes {
            grads.fill(0.0);
            deltas.fill(0.0);
        } else {
            let gather = |out: &mut [Scalar], from: &[Lanes]| {
                for (v, cell) in out.iter_mut().zip(from) {
                    *v = cell[lane];
                }
            };
            gather(z, &block.pre_activations[rows.clone()]);
            gather(a, &block.activations[rows.clone()]);
            gather(y, target);
            gather(f, &block.derivatives[rows.clone()]);
            let signals = OutputSignals {
                loss_grads: grads,
                derivatives: f,
                deltas,
            };
            *total += loss.output_signals(Activation::Softmax, z, a, y, signals);
        }
        for (cell, &g) in block.activation_grads[rows.clone()].iter_mut().zip(&*grads) {
            cell[lane] = g;
        }
        for (cell, &d) in block.deltas[rows].iter_mut().zip(&*deltas) {
            cell[lane] = d;
        }
    }
}

/// Softmax over each sample's outputs, and the Jacobian's diagonal a(1 − a) for f′.
fn softmax_block(block: &mut LayerBlock, groups: usize, n: usize, scratch: &mut [Scalar]) {
    let (z, rest) = scratch.split_at_mut(n);
    let a = &mut rest[..n];
    for g in 0..groups {
        for lane in 0..LANES {
            let at = g * n..(g + 1) * n;
            for (z, cell) in z.iter_mut().zip(&block.pre_activations[at.clone()]) {
                *z = cell[lane];
            }
            softmax(z, a);
            let cells = block.activations[at.clone()].iter_mut();
            for ((out, f), &a) in cells.zip(&mut block.derivatives[at]).zip(&*a) {
                (out[lane], f[lane]) = (a, a * (1.0 - a));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::loss::Loss;
    use crate::network::Init;
    use crate::rng::{Rng, Stream};

    fn network(hidden: Activation, output: Activation, loss: Loss, outputs: usize) -> Network {
        let mut net = Network::new(&[3, 5, 5, 4, outputs], hidden, output, loss, true);
        net.initialize(Init::Xavier, &mut Rng::new(7, Stream::Init));
        net
    }

    fn samples(n: usize, outputs: usize, seed: u64) -> (Vec<Scalar>, Vec<Scalar>) {
        let mut rng = Rng::new(seed, Stream::Data);
        let inputs = (0..n * 3).map(|_| rng.uniform(-2.0, 2.0)).collect();
        let mut targets = vec![0.0; n * outputs];
        for t in targets.chunks_exact_mut(outputs) {
            t[rng.below(outputs)] = 1.0;
        }
        (inputs, targets)
    }

    fn gradients(net: &Network) -> Vec<Scalar> {
        let grads = net
            .layers
            .iter()
            .flat_map(|l| l.weight_grads.iter().chain(&l.bias_grads));
        grads.copied().collect()
    }

    #[test]
    fn a_batch_is_the_mean_of_its_samples_over_partial_groups_and_several_blocks() {
        let cases = [
            (Activation::Tanh, Activation::Sigmoid, Loss::CrossEntropy, 1),
            (Activation::Relu, Activation::Softmax, Loss::CrossEntropy, 3),
            (Activation::Elu, Activation::Softmax, Loss::Mse, 3),
            (Activation::Sigmoid, Activation::Linear, Loss::Mse, 2),
        ];
        for (hidden, output, loss, o) in cases {
            for n in [1, 3, 4, 5, 63, 64, 65, 130] {
                let mut net = network(hidden, output, loss, o);
                let (inputs, targets) = samples(n, o, n as u64);
                let pairs = || inputs.chunks_exact(3).zip(targets.chunks_exact(o));
                let mut mean = vec![0.0f64; net.parameter_count()];
                let mut loss_sum = 0.0f64;
                for (x, y) in pairs() {
                    loss_sum += net.compute_gradients(std::iter::once((x, y))) as f64;
                    for (m, g) in mean.iter_mut().zip(gradients(&net)) {
                        *m += g as f64 / n as f64;
                    }
                }
                let last = net.clone();
                let batch_loss = net.compute_gradients(pairs());
                let what = format!("{} {} n={n}", hidden.name(), output.name());
                assert!(
                    ((batch_loss as f64 - loss_sum / n as f64) / loss_sum).abs() < 1e-5,
                    "{what}"
                );
                for (g, m) in gradients(&net).iter().zip(&mean) {
                    assert!(
                        (*g as f64 - m).abs() <= 1e-5 * (1.0 + m.abs()),
                        "{what}: {g} vs {m}"
                    );
                }
                // The per-sample buffers are the last sample's, bit for bit.
                assert_eq!(net.input, last.input, "{what}");
                for (a, b) in net.layers.iter().zip(&last.layers) {
                    for (x, y) in [
                        (&a.pre_activations, &b.pre_activations),
                        (&a.activations, &b.activations),
                        (&a.derivatives, &b.derivatives),
                        (&a.activation_grads, &b.activation_grads),
                        (&a.deltas, &b.deltas),
                    ] {
                        assert_eq!(x, y, "{what}");
                    }
                }
            }
        }
    }

    #[test]
    fn padding_lanes_hold_nothing_from_an_earlier_batch() {
        let mut used = network(Activation::Tanh, Activation::Tanh, Loss::Mse, 1);
        let mut fresh = used.clone();
        let (inputs, targets) = samples(8, 1, 1);
        used.compute_gradients(inputs.chunks_exact(3).zip(targets.chunks_exact(1)));
        let (inputs, targets) = samples(5, 1, 2);
        let a = used.compute_gradients(inputs.chunks_exact(3).zip(targets.chunks_exact(1)));
        let b = fresh.compute_gradients(inputs.chunks_exact(3).zip(targets.chunks_exact(1)));
        assert_eq!(a.to_bits(), b.to_bits());
        assert_eq!(gradients(&used), gradients(&fresh));
    }

    #[test]
    fn the_grid_is_every_cell_passed_forward() {
        use crate::features::Feature;
        let features = [Feature::X, Feature::Y, Feature::SinX];
        let mut net = network(Activation::Tanh, Activation::Tanh, Loss::Mse, 2);
        let centres: Vec<Scalar> = (0..9).map(|k| -4.0 + k as Scalar).collect();
        let cells = 81;
        let nodes: usize = net.sizes().iter().sum();
        let mut values = vec![0.0; nodes * cells];
        net.grid_values(&features, &centres, &mut values);
        let mut input = [0.0; 3];
        for cell in 0..cells {
            let (x, y) = (centres[cell % 9], -centres[cell / 9]);
            crate::features::fill(&features, x, y, &mut input);
            net.forward(&input);
            let all = net
                .input
                .iter()
                .chain(net.layers.iter().flat_map(|l| &l.activations));
            for (node, v) in all.enumerate() {
                assert_eq!(
                    values[node * cells + cell].to_bits(),
                    v.to_bits(),
                    "{node} {cell}"
                );
            }
        }
    }
}
