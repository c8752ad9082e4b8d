//! Data-backed surfaces: the loss is a mean over 256 synthetic samples, so a mini-batch gradient is a
//! real, exact mean over a subset of them (as in the lecture's batch vs mini-batch vs stochastic).
//!
//! The samples come from a fixed seed, so every machine sees the same surface.

use std::sync::LazyLock;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use crate::sim::V2;

/// How many samples each data-backed surface averages over.
pub const SAMPLES: usize = 256;

/// What one sample's loss is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Model {
    /// (w·φ − y)²: least squares.
    Squared,
    /// log(1 + e^{w·φ}) − y·w·φ with y ∈ {0, 1}: the logistic loss.
    Logistic,
}

/// Samples (features φᵢ, targets yᵢ) and the loss model that turns them into a surface over w.
#[derive(Debug, Clone)]
pub struct Dataset {
    model: Model,
    features: Vec<V2>,
    targets: Vec<f64>,
    minimum: V2,
}

static LINREG: LazyLock<Dataset> = LazyLock::new(make_linreg);
static LOGREG: LazyLock<Dataset> = LazyLock::new(make_logreg);

/// y ≈ w₀ + w₁·x over 256 points.
pub fn linreg() -> &'static Dataset {
    &LINREG
}

/// A two-weight logistic classifier over 256 labelled points.
pub fn logreg() -> &'static Dataset {
    &LOGREG
}

impl Dataset {
    /// The number of samples.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// Whether there are no samples (never true for the built-in sets).
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// The weights that minimise the full loss.
    pub fn minimum(&self) -> V2 {
        self.minimum
    }

    /// The samples as (φᵢ, yᵢ), for drawing the data next to the surface.
    pub fn samples(&self) -> impl Iterator<Item = (V2, f64)> + '_ {
        self.features
            .iter()
            .copied()
            .zip(self.targets.iter().copied())
    }

    /// Loss and gradient of one sample.
    #[inline]
    fn sample(&self, w: V2, i: usize) -> (f64, V2) {
        let phi = self.features[i];
        let y = self.targets[i];
        let z = w.dot(&phi);
        match self.model {
            Model::Squared => {
                let r = z - y;
                (r * r, phi * (2.0 * r))
            }
            Model::Logistic => {
                // softplus(z) written so that neither branch overflows.
                let softplus = z.max(0.0) + (-z.abs()).exp().ln_1p();
                let sigma = if z >= 0.0 {
                    1.0 / (1.0 + (-z).exp())
                } else {
                    z.exp() / (1.0 + z.exp())
                };
                (softplus - y * z, phi * (sigma - y))
            }
        }
    }

    /// The mean loss and gradient over all samples.
    pub fn value_grad(&self, w: V2) -> (f64, V2) {
        let (mut value, mut grad) = (0.0, V2::zeros());
        for i in 0..self.len() {
            let (v, g) = self.sample(w, i);
            value += v;
            grad += g;
        }
        let n = self.len() as f64;
        (value / n, grad / n)
    }

    /// The exact mean gradient over the samples with the given indices (out-of-range indices are
    /// skipped; an empty batch has a zero gradient).
    pub fn batch_grad(&self, w: V2, batch: &[u32]) -> V2 {
        let mut grad = V2::zeros();
        let mut n = 0usize;
        for &i in batch {
            if (i as usize) < self.len() {
                grad += self.sample(w, i as usize).1;
                n += 1;
            }
        }
        if n == 0 { grad } else { grad / n as f64 }
    }
}

fn make_linreg() -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(0x11_2e_9e);
    let mut features = Vec::with_capacity(SAMPLES);
    let mut targets = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        // x is not centred, so w₀ and w₁ are correlated and the valley is tilted, as in real data.
        let x: f64 = rng.random_range(-1.0..3.0);
        let noise: f64 = rng.sample(StandardNormal);
        features.push(V2::new(1.0, x));
        targets.push(1.0 + 2.0 * x + 0.5 * noise);
    }
    // Least squares by the normal equations (ΦᵀΦ) w = Φᵀy.
    let (mut a, mut b) = (nalgebra::Matrix2::<f64>::zeros(), V2::zeros());
    for (phi, y) in features.iter().zip(&targets) {
        a += phi * phi.transpose();
        b += phi * *y;
    }
    let minimum = a.lu().solve(&b).unwrap_or_else(V2::zeros);
    Dataset {
        model: Model::Squared,
        features,
        targets,
        minimum,
    }
}

fn make_logreg() -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(0x10_9e_9e);
    let truth = V2::new(2.0, -1.0);
    let mut features = Vec::with_capacity(SAMPLES);
    let mut targets = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let p = V2::new(rng.sample(StandardNormal), rng.sample(StandardNormal));
        let prob = 1.0 / (1.0 + (-truth.dot(&p)).exp());
        let label = if rng.random::<f64>() < prob { 1.0 } else { 0.0 };
        features.push(p);
        targets.push(label);
    }
    let mut set = Dataset {
        model: Model::Logistic,
        features,
        targets,
        minimum: V2::zeros(),
    };
    set.minimum = newton_minimum(&set);
    set
}

/// The logistic loss is strictly convex on non-separable data, so Newton's method from 0 converges.
fn newton_minimum(set: &Dataset) -> V2 {
    let mut w = V2::zeros();
    for _ in 0..50 {
        let mut hess = nalgebra::Matrix2::<f64>::zeros();
        let mut grad = V2::zeros();
        for (i, phi) in set.features.iter().enumerate() {
            let s = 1.0 / (1.0 + (-w.dot(phi)).exp());
            grad += phi * (s - set.targets[i]);
            hess += phi * phi.transpose() * (s * (1.0 - s));
        }
        let Some(delta) = hess.lu().solve(&grad) else {
            break;
        };
        w -= delta;
        if delta.norm() < 1e-15 {
            break;
        }
    }
    w
}
