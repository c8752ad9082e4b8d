//! The data sets, made from a seed: scikit-learn's two moons and circles (same shapes and noise), and
//! XOR and a two-armed spiral as TensorFlow Playground draws them. Nothing is downloaded.

use std::f64::consts::PI;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

/// Which data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Moons,
    Circles,
    Xor,
    Spiral,
}

impl DataKind {
    pub const ALL: [Self; 4] = [Self::Moons, Self::Circles, Self::Xor, Self::Spiral];

    pub fn name(self) -> &'static str {
        match self {
            Self::Moons => "moons",
            Self::Circles => "circles",
            Self::Xor => "xor",
            Self::Spiral => "spiral",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Points in the plane with labels 0 or 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub x: Vec<[f64; 2]>,
    pub y: Vec<f64>,
}

impl Dataset {
    /// `samples` points of `kind`, with Gaussian noise of standard deviation `noise` added to every
    /// coordinate, from `seed`.
    pub fn generate(kind: DataKind, samples: usize, noise: f64, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // scikit-learn's split: the first class gets half, rounded down.
        let n0 = samples / 2;
        let n1 = samples - n0;
        let line = |n: usize, end: f64, closed: bool| -> Vec<f64> {
            let steps = if closed {
                n.saturating_sub(1).max(1)
            } else {
                n.max(1)
            };
            (0..n).map(|i| end * i as f64 / steps as f64).collect()
        };
        let mut x = Vec::with_capacity(samples);
        let mut y = Vec::with_capacity(samples);
        match kind {
            DataKind::Moons => {
                // make_moons: the outer arc over [0, π], the inner one shifted right and down.
                for t in line(n0, PI, true) {
                    x.push([t.cos(), t.sin()]);
                    y.push(0.0);
                }
                for t in line(n1, PI, true) {
                    x.push([1.0 - t.cos(), 1.0 - t.sin() - 0.5]);
                    y.push(1.0);
                }
            }
            DataKind::Circles => {
                // make_circles with factor 0.8: both circles sampled without their end point.
                for t in line(n0, 2.0 * PI, false) {
                    x.push([t.cos(), t.sin()]);
                    y.push(0.0);
                }
                for t in line(n1, 2.0 * PI, false) {
                    x.push([0.8 * t.cos(), 0.8 * t.sin()]);
                    y.push(1.0);
                }
            }
            DataKind::Xor => {
                for _ in 0..samples {
                    let p = [rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0)];
                    y.push(if p[0] * p[1] > 0.0 { 1.0 } else { 0.0 });
                    x.push(p);
                }
            }
            DataKind::Spiral => {
                for (class, n) in [(0.0, n0), (1.0, n1)] {
                    for i in 0..n {
                        let r = i as f64 / n.max(1) as f64;
                        let t = 1.75 * r * 2.0 * PI + class * PI;
                        x.push([r * t.sin(), r * t.cos()]);
                        y.push(class);
                    }
                }
            }
        }
        for p in &mut x {
            for v in p.iter_mut() {
                let e: f64 = rng.sample(StandardNormal);
                *v += noise * e;
            }
        }
        Self { x, y }
    }

    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The square the points lie in, centred on them with a tenth of its side to spare on each
    /// edge: `[x0, x1, y0, y1]` (the decision map's window).
    pub fn bounds(&self) -> [f64; 4] {
        let finite = self.x.iter().filter(|p| p.iter().all(|v| v.is_finite()));
        let [x0, x1, y0, y1] = finite.fold(
            [
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ],
            |[a, b, c, d], p| [a.min(p[0]), b.max(p[0]), c.min(p[1]), d.max(p[1])],
        );
        if x0 > x1 {
            return [-1.0, 1.0, -1.0, 1.0];
        }
        let half = 0.6 * (x1 - x0).max(y1 - y0).max(1e-3);
        let (xc, yc) = (0.5 * (x0 + x1), 0.5 * (y0 + y1));
        [xc - half, xc + half, yc - half, yc + half]
    }
}
