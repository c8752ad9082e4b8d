//! A small neural network on 2-D data, trained by the same update rules that move the balls: the
//! data sets (two moons, circles, XOR, a spiral) made from a seed, a multilayer perceptron with tanh
//! hidden layers, a sigmoid output and binary cross-entropy, its exact gradient by backpropagation,
//! and training runs that record every iterate's weights, loss and accuracy.

mod data;
pub mod experiment;
pub mod plane;

use std::any::Any;

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

    /// Buffers for one sample's activations and back-propagated errors, one per layer.
    fn scratch(&self) -> Scratch {
        Scratch {
            acts: self.sizes.iter().map(|&n| vec![0.0; n]).collect(),
            delta: self.sizes.iter().map(|&n| vec![0.0; n]).collect(),
        }
    }

    /// The output's logit for input `x`, leaving each layer's activations in `s.acts`.
    fn forward(&self, w: &[f64], x: [f64; 2], s: &mut Scratch) -> f64 {
        s.acts[0].copy_from_slice(&x);
        let mut at = 0;
        let layers = self.sizes.len() - 1;
        for k in 0..layers {
            let (n_in, n_out) = (self.sizes[k], self.sizes[k + 1]);
            let (below, above) = s.acts.split_at_mut(k + 1);
            let (input, out) = (&below[k], &mut above[0]);
            for (j, o) in out.iter_mut().enumerate() {
                let row = &w[at + j * (n_in + 1)..at + (j + 1) * (n_in + 1)];
                let z = row[n_in]
                    + row[..n_in]
                        .iter()
                        .zip(input)
                        .map(|(a, b)| a * b)
                        .sum::<f64>();
                *o = if k + 1 == layers { z } else { z.tanh() };
            }
            at += (n_in + 1) * n_out;
        }
        s.acts[layers][0]
    }

    /// One pass over the samples `idx`: the summed binary cross-entropy and the number classified
    /// right, adding the gradient of the mean loss to `grad` if given.
    fn pass(
        &self,
        w: &[f64],
        data: &Dataset,
        idx: &[usize],
        mut grad: Option<&mut [f64]>,
    ) -> (f64, usize) {
        let mut s = self.scratch();
        let layers = self.sizes.len() - 1;
        let scale = 1.0 / idx.len().max(1) as f64;
        let (mut loss, mut right) = (0.0, 0);
        for &i in idx {
            let (x, y) = (data.x[i], data.y[i]);
            let z = self.forward(w, x, &mut s);
            loss += bce_with_logit(z, y);
            right += usize::from((z > 0.0) == (y > 0.5));
            let Some(grad) = grad.as_deref_mut() else {
                continue;
            };
            // d loss / d z of a sigmoid with cross-entropy: σ(z) − y.
            s.delta[layers][0] = (sigmoid(z) - y) * scale;
            let mut at = w.len();
            for k in (0..layers).rev() {
                let (n_in, n_out) = (self.sizes[k], self.sizes[k + 1]);
                at -= (n_in + 1) * n_out;
                let (below, above) = s.delta.split_at_mut(k + 1);
                let (back, delta) = (&mut below[k], &above[0]);
                back.iter_mut().for_each(|b| *b = 0.0);
                let input = &s.acts[k];
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
            }
        }
        (loss, right)
    }

    /// Mean binary cross-entropy over the samples `idx` of `data`, and its gradient.
    pub fn loss_grad(&self, w: &[f64], data: &Dataset, idx: &[usize]) -> (f64, Vec<f64>) {
        let mut grad = vec![0.0; w.len()];
        let (loss, _) = self.pass(w, data, idx, Some(&mut grad));
        (loss / idx.len().max(1) as f64, grad)
    }

    /// Mean binary cross-entropy over all of `data`, and the share of it classified right
    /// (probability over one half means class 1).
    pub fn evaluate(&self, w: &[f64], data: &Dataset) -> (f64, f64) {
        let all: Vec<usize> = (0..data.len()).collect();
        let (loss, right) = self.pass(w, data, &all, None);
        let n = data.len().max(1) as f64;
        (loss / n, right as f64 / n)
    }

    /// Mean binary cross-entropy over all of `data`.
    pub fn loss(&self, w: &[f64], data: &Dataset) -> f64 {
        self.evaluate(w, data).0
    }

    /// The share of `data` classified right.
    pub fn accuracy(&self, w: &[f64], data: &Dataset) -> f64 {
        self.evaluate(w, data).1
    }

    /// The probability of class 1 at each of `points` (the decision map's pixels).
    pub fn probabilities(&self, w: &[f64], points: impl Iterator<Item = [f64; 2]>) -> Vec<f64> {
        let mut s = self.scratch();
        points
            .map(|x| sigmoid(self.forward(w, x, &mut s)))
            .collect()
    }
}

/// One sample's activations (input first) and errors, layer by layer.
struct Scratch {
    acts: Vec<Vec<f64>>,
    delta: Vec<Vec<f64>>,
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

/// A run part-way trained: its weights, the optimizer's memory and what it has recorded so far, so
/// training can go on a few steps at a time (a web page trains between frames).
pub struct Trainee {
    w: Vec<f64>,
    /// The update rule's state, kept as whatever type the optimizer's rule has (`None` before the
    /// first step).
    state: Option<Box<dyn Any + Send>>,
    rng: ChaCha8Rng,
    order: Vec<usize>,
    grad: Vec<f64>,
    /// The iterates recorded so far.
    recorded: usize,
    out: NetRun,
}

impl Trainee {
    /// Iterates recorded so far (the run is done at `steps + 1`).
    pub fn recorded(&self) -> usize {
        self.recorded
    }

    /// What the run recorded.
    pub fn finish(self) -> NetRun {
        self.out
    }
}

impl Training<'_> {
    /// Trains with `optimizer`'s update rule, the very code that moves the balls on the surfaces.
    pub fn run(&self, optimizer: &Optimizer) -> NetRun {
        let mut trainee = self.begin();
        self.resume(optimizer, &mut trainee, usize::MAX);
        trainee.finish()
    }

    /// A run at its start, nothing recorded yet.
    pub fn begin(&self) -> Trainee {
        let n = self.data.len();
        Trainee {
            w: self.start.to_vec(),
            state: None,
            rng: ChaCha8Rng::seed_from_u64(self.seed),
            order: (0..n).collect(),
            grad: vec![0.0; self.start.len()],
            recorded: 0,
            out: NetRun {
                weights: vec![self.start.to_vec()],
                losses: Vec::with_capacity(self.steps + 1),
                accuracy: Vec::with_capacity(self.steps + 1),
            },
        }
    }

    /// Records up to `iterates` more iterates of `trainee` (each after one more step); true once the
    /// run has all `steps + 1`. The numbers are the same however the run is split.
    pub fn resume(&self, optimizer: &Optimizer, trainee: &mut Trainee, iterates: usize) -> bool {
        optimizer.visit(Train {
            t: self,
            trainee,
            iterates,
        })
    }
}

struct Train<'a, 'b> {
    t: &'a Training<'b>,
    trainee: &'a mut Trainee,
    iterates: usize,
}

impl RuleVisitor for Train<'_, '_> {
    type Output = bool;

    fn visit<R: UpdateRule>(self, rule: &R) -> bool {
        let Train {
            t,
            trainee: tr,
            iterates,
        } = self;
        let n = t.data.len();
        let batch = t.batch.filter(|&b| b > 0 && b < n);
        let all: Vec<usize> = (0..n).collect();
        let mut state: R::State<Vec<f64>> = match tr.state.take().map(|b| b.downcast()) {
            Some(Ok(state)) => *state,
            _ => rule.init(&tr.w),
        };
        let end = tr.recorded.saturating_add(iterates).min(t.steps + 1);
        while tr.recorded < end {
            let step = tr.recorded;
            tr.grad.iter_mut().for_each(|g| *g = 0.0);
            let last = step == t.steps;
            // Full batch: the gradient's pass is also the iterate's loss and accuracy.
            let (loss, right) = match (batch, last) {
                (None, false) => t.net.pass(&tr.w, t.data, &all, Some(&mut tr.grad)),
                _ => t.net.pass(&tr.w, t.data, &all, None),
            };
            tr.out.losses.push(loss / n.max(1) as f64);
            tr.out.accuracy.push(right as f64 / n.max(1) as f64);
            tr.recorded += 1;
            if last {
                break;
            }
            if let Some(b) = batch {
                // A fresh draw of b samples: a partial Fisher–Yates shuffle.
                for k in 0..b {
                    let j = tr.rng.random_range(k..n);
                    tr.order.swap(k, j);
                }
                t.net
                    .pass(&tr.w, t.data, &tr.order[..b], Some(&mut tr.grad));
            }
            tr.w = rule.step(&mut state, &tr.w, &tr.grad).next;
            tr.out.weights.push(tr.w.clone());
        }
        tr.state = Some(Box::new(state));
        tr.recorded > t.steps
    }
}

#[cfg(test)]
mod tests;
