//! A small neural network on 2-D data, trained by the same update rules that move the balls: the
//! data sets (two moons, circles, XOR, a spiral) made from a seed, a multilayer perceptron with tanh
//! hidden layers, a sigmoid output and binary cross-entropy, its exact gradient by backpropagation,
//! and training runs that record every iterate's weights, loss and accuracy.

mod data;
pub mod plane;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use data::{DataKind, Dataset};

use super::optim::{Optimizer, RuleVisitor, UpdateRule};

/// A multilayer perceptron from 2 inputs through tanh hidden layers to one sigmoid output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mlp {
    /// Layer widths, input to output: `[2, h₁, …, 1]`.
    sizes: Vec<usize>,
}

impl Mlp {
    /// The network 2 → `hidden` → 1.
    pub fn new(hidden: &[usize]) -> Self {
        let mut sizes = vec![2];
        sizes.extend(hidden.iter().map(|&h| h.max(1)));
        sizes.push(1);
        Self { sizes }
    }

    /// How many weights and biases.
    pub fn params(&self) -> usize {
        self.sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum()
    }

    /// Where each neuron's incoming weights start in the weight vector, and how many there are (its
    /// bias follows them).
    pub fn rows(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        for l in self.sizes.windows(2) {
            for _ in 0..l[1] {
                out.push((at, l[0]));
                at += l[0] + 1;
            }
        }
        out
    }

    /// Weights as torch's `nn.Linear` starts them: each layer's weights and biases uniform in
    /// ±1/√fan_in, from `seed`.
    pub fn init(&self, seed: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut w = Vec::with_capacity(self.params());
        for l in self.sizes.windows(2) {
            let bound = 1.0 / (l[0] as f64).sqrt();
            for _ in 0..(l[0] + 1) * l[1] {
                w.push(rng.random_range(-bound..bound));
            }
        }
        w
    }

    /// The output probability for input `x`, keeping each layer's activations in `acts` (input
    /// first) for backpropagation.
    fn forward(&self, w: &[f64], x: [f64; 2], acts: &mut Vec<Vec<f64>>) -> f64 {
        acts.clear();
        acts.push(x.to_vec());
        let mut at = 0;
        let layers = self.sizes.len() - 1;
        for (k, l) in self.sizes.windows(2).enumerate() {
            let (n_in, n_out) = (l[0], l[1]);
            let input = &acts[k];
            let mut out = Vec::with_capacity(n_out);
            for j in 0..n_out {
                let row = &w[at + j * (n_in + 1)..at + (j + 1) * (n_in + 1)];
                let z = row[n_in]
                    + row[..n_in]
                        .iter()
                        .zip(input)
                        .map(|(a, b)| a * b)
                        .sum::<f64>();
                out.push(if k + 1 == layers { z } else { z.tanh() });
            }
            at += (n_in + 1) * n_out;
            acts.push(out);
        }
        acts.last().map_or(0.0, |o| o[0])
    }

    /// Mean binary cross-entropy over the samples `idx` of `data`, and its gradient.
    pub fn loss_grad(&self, w: &[f64], data: &Dataset, idx: &[usize]) -> (f64, Vec<f64>) {
        let mut grad = vec![0.0; w.len()];
        let mut loss = 0.0;
        let mut acts = Vec::new();
        let mut delta: Vec<f64> = Vec::new();
        let layers = self.sizes.len() - 1;
        let scale = 1.0 / idx.len().max(1) as f64;
        for &i in idx {
            let (x, y) = (data.x[i], data.y[i]);
            let z = self.forward(w, x, &mut acts);
            loss += bce_with_logit(z, y);
            // d loss / d z of a sigmoid with cross-entropy: σ(z) − y.
            delta.clear();
            delta.push((sigmoid(z) - y) * scale);
            let mut at = w.len();
            for k in (0..layers).rev() {
                let (n_in, n_out) = (self.sizes[k], self.sizes[k + 1]);
                at -= (n_in + 1) * n_out;
                let input = &acts[k];
                let mut back = vec![0.0; n_in];
                for (j, d) in delta.iter().enumerate() {
                    let row = at + j * (n_in + 1);
                    for (m, a) in input.iter().enumerate() {
                        grad[row + m] += d * a;
                        back[m] += d * w[row + m];
                    }
                    grad[row + n_in] += d;
                }
                if k > 0 {
                    // Through the tanh of the layer below: 1 − a².
                    for (b, a) in back.iter_mut().zip(input) {
                        *b *= 1.0 - a * a;
                    }
                }
                delta = back;
            }
        }
        (loss * scale, grad)
    }

    /// Mean binary cross-entropy over all of `data`.
    pub fn loss(&self, w: &[f64], data: &Dataset) -> f64 {
        let mut acts = Vec::new();
        let sum: f64 = (0..data.len())
            .map(|i| bce_with_logit(self.forward(w, data.x[i], &mut acts), data.y[i]))
            .sum();
        sum / data.len().max(1) as f64
    }

    /// The share of `data` classified right (probability over one half means class 1).
    pub fn accuracy(&self, w: &[f64], data: &Dataset) -> f64 {
        let mut acts = Vec::new();
        let right = (0..data.len())
            .filter(|&i| (self.forward(w, data.x[i], &mut acts) > 0.0) == (data.y[i] > 0.5))
            .count();
        right as f64 / data.len().max(1) as f64
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// −[y log σ(z) + (1 − y) log(1 − σ(z))], computed from the logit so it never takes log 0 (as
/// torch's `BCEWithLogitsLoss`).
fn bce_with_logit(z: f64, y: f64) -> f64 {
    z.max(0.0) - z * y + (-z.abs()).exp().ln_1p()
}

/// A training run: every iterate's weights, full-data loss and training accuracy.
#[derive(Debug, Clone, PartialEq)]
pub struct NetRun {
    pub weights: Vec<Vec<f64>>,
    pub losses: Vec<f64>,
    pub accuracy: Vec<f64>,
}

/// How a run is trained: the network, its data, the start, the steps and the mini-batches.
#[derive(Debug, Clone)]
pub struct Training<'a> {
    pub net: &'a Mlp,
    pub data: &'a Dataset,
    pub start: &'a [f64],
    pub steps: usize,
    /// Samples per mini-batch (the whole set when `None` or at least its size), drawn without
    /// replacement from `seed`.
    pub batch: Option<usize>,
    pub seed: u64,
}

impl Training<'_> {
    /// Trains with `optimizer`'s update rule, the very code that moves the balls on the surfaces.
    pub fn run(&self, optimizer: &Optimizer) -> NetRun {
        optimizer.visit(Train(self))
    }
}

struct Train<'a, 'b>(&'a Training<'b>);

impl RuleVisitor for Train<'_, '_> {
    type Output = NetRun;

    fn visit<R: UpdateRule>(self, rule: &R) -> NetRun {
        let t = self.0;
        let n = t.data.len();
        let batch = t.batch.filter(|&b| b > 0 && b < n);
        let mut rng = ChaCha8Rng::seed_from_u64(t.seed);
        let mut order: Vec<usize> = (0..n).collect();
        let mut w = t.start.to_vec();
        let mut state = rule.init(&w);
        let mut out = NetRun {
            weights: vec![w.clone()],
            losses: vec![t.net.loss(&w, t.data)],
            accuracy: vec![t.net.accuracy(&w, t.data)],
        };
        for _ in 0..t.steps {
            let idx: &[usize] = match batch {
                Some(b) => {
                    // A fresh draw of b samples: a partial Fisher–Yates shuffle.
                    for k in 0..b {
                        let j = rng.random_range(k..n);
                        order.swap(k, j);
                    }
                    &order[..b]
                }
                None => &order,
            };
            let (_, grad) = t.net.loss_grad(&w, t.data, idx);
            w = rule.step(&mut state, &w, &grad).next;
            out.losses.push(t.net.loss(&w, t.data));
            out.accuracy.push(t.net.accuracy(&w, t.data));
            out.weights.push(w.clone());
        }
        out
    }
}

#[cfg(test)]
mod tests;
