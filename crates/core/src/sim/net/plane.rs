//! A 2-D slice through weight space: a plane (an origin and two directions), the coordinates of a
//! weight vector in it with its distance from it, and the loss over a grid of the plane. Three
//! planes, after Li et al. 2018: the two principal directions of all runs' iterates, centred on the
//! first run's final weights (§7); filter-normalised random directions through those weights; and
//! the plane through the common start and two runs' end points, which holds all three exactly.

use nalgebra::{DMatrix, SymmetricEigen};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

use super::{Dataset, Mlp};

/// Which plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaneKind {
    Pca,
    Random,
    Endpoints,
}

impl PlaneKind {
    pub const ALL: [Self; 3] = [Self::Pca, Self::Random, Self::Endpoints];

    pub fn name(self) -> &'static str {
        match self {
            Self::Pca => "pca",
            Self::Random => "random",
            Self::Endpoints => "endpoints",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A plane through weight space: `origin + a·d1 + b·d2`.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    pub kind: PlaneKind,
    pub origin: Vec<f64>,
    pub d1: Vec<f64>,
    pub d2: Vec<f64>,
    /// For the PCA plane, the share of the iterates' variance along each direction.
    pub explained: Option<[f64; 2]>,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn minus(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x - y).collect()
}

impl Plane {
    /// The two principal directions of the iterates of every run (each a list of weight vectors),
    /// measured from `centre`; iterates whose squared distance from it is not finite are left out.
    ///
    /// With k iterates of n weights it never builds an n × n matrix when k ≤ n: the eigenvectors of
    /// the covariance XᵀX are Xᵀu/σ for the eigenvectors u of the k × k Gram matrix XXᵀ, with the
    /// same eigenvalues. Either way it costs about min(k, n)² · max(k, n) multiply-adds and
    /// min(k, n)³ for the eigen-solver (counted by [`crate::cost`]).
    pub fn pca(runs: &[&[Vec<f64>]], centre: &[f64]) -> Self {
        let iterates = finite_iterates(runs, centre);
        if iterates.len() > centre.len() {
            pca_by_covariance(&iterates, centre)
        } else {
            pca_by_gram(&iterates, centre)
        }
    }

    /// Two Gaussian directions from `seed`, each neuron's incoming weights scaled to the norm of
    /// that neuron's weights in `centre` and its bias left out (Li et al.'s filter normalisation).
    pub fn random(net: &Mlp, centre: &[f64], seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut direction = || {
            let mut d = vec![0.0; centre.len()];
            for (row, len) in net.rows() {
                let w = &centre[row..row + len];
                let mut r: Vec<f64> = (0..len).map(|_| StandardNormal.sample(&mut rng)).collect();
                let scale = dot(w, w).sqrt() / dot(&r, &r).sqrt().max(f64::MIN_POSITIVE);
                r.iter_mut().for_each(|v| *v *= scale);
                d[row..row + len].copy_from_slice(&r);
            }
            d
        };
        let (d1, d2) = (direction(), direction());
        Self {
            kind: PlaneKind::Random,
            origin: centre.to_vec(),
            d1,
            d2,
            explained: None,
        }
    }

    /// The plane through `start` and the end points `a` and `b`: they lie at (0, 0), (1, 0) and
    /// (0, 1).
    pub fn endpoints(start: &[f64], a: &[f64], b: &[f64]) -> Self {
        Self {
            kind: PlaneKind::Endpoints,
            origin: start.to_vec(),
            d1: minus(a, start),
            d2: minus(b, start),
            explained: None,
        }
    }

    /// The point at plane coordinates (`a`, `b`).
    pub fn point(&self, a: f64, b: f64) -> Vec<f64> {
        self.origin
            .iter()
            .zip(self.d1.iter().zip(&self.d2))
            .map(|(o, (x, y))| o + a * x + b * y)
            .collect()
    }

    /// The coordinates of the point of the plane nearest `w`, and the distance from `w` to it.
    pub fn project(&self, w: &[f64]) -> ([f64; 2], f64) {
        let v = minus(w, &self.origin);
        let (g11, g12, g22) = (
            dot(&self.d1, &self.d1),
            dot(&self.d1, &self.d2),
            dot(&self.d2, &self.d2),
        );
        let (r1, r2) = (dot(&self.d1, &v), dot(&self.d2, &v));
        let det = g11 * g22 - g12 * g12;
        let [a, b] = if det.abs() > 1e-300 {
            [(g22 * r1 - g12 * r2) / det, (g11 * r2 - g12 * r1) / det]
        } else if g11 > 0.0 {
            [r1 / g11, 0.0]
        } else {
            [0.0, 0.0]
        };
        let off = minus(&v, &minus(&self.point(a, b), &self.origin));
        ([a, b], dot(&off, &off).sqrt())
    }
}

/// The iterates whose squared distance from `centre` is finite: a diverged iterate (or one so far
/// out that its square overflows) would poison the whole matrix, and the eigen-solver with it.
pub(super) fn finite_iterates<'a>(runs: &[&'a [Vec<f64>]], centre: &[f64]) -> Vec<&'a [f64]> {
    runs.iter()
        .flat_map(|r| r.iter())
        .filter(|w| {
            let d = minus(w, centre);
            dot(&d, &d).is_finite()
        })
        .map(Vec::as_slice)
        .collect()
}

/// (wᵢ − c) · (wⱼ − c), without building either difference.
fn centred_dot(a: &[f64], b: &[f64], c: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .zip(c)
        .map(|((x, y), o)| (x - o) * (y - o))
        .sum()
}

/// The PCA plane from the eigen-decomposition of an `m × m` matrix (the covariance, or the Gram
/// matrix) and what turns its `k`-th eigenvector into a direction in weight space (`None` where
/// that direction vanishes).
fn pca_plane(
    eigen: &SymmetricEigen<f64, nalgebra::Dyn>,
    centre: &[f64],
    direction: impl Fn(&[f64]) -> Option<Vec<f64>>,
) -> Plane {
    let m = eigen.eigenvalues.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| eigen.eigenvalues[j].total_cmp(&eigen.eigenvalues[i]));
    let total: f64 = eigen.eigenvalues.iter().map(|v| v.max(0.0)).sum();
    let found = |k: usize| -> Option<Vec<f64>> {
        let &i = order.get(k)?;
        let u: Vec<f64> = eigen.eigenvectors.column(i).iter().copied().collect();
        direction(&u)
    };
    let share = |k: usize| {
        order.get(k).map_or(0.0, |&i| {
            eigen.eigenvalues[i].max(0.0) / total.max(f64::MIN_POSITIVE)
        })
    };
    let d1 = found(0).unwrap_or_else(|| completion(centre.len(), &[]));
    let d2 = found(1).unwrap_or_else(|| completion(centre.len(), &[&d1]));
    Plane {
        kind: PlaneKind::Pca,
        origin: centre.to_vec(),
        d1,
        d2,
        explained: Some([share(0), share(1)]),
    }
}

/// More iterates than weights: the n × n covariance of the iterates about `centre`.
pub(super) fn pca_by_covariance(iterates: &[&[f64]], centre: &[f64]) -> Plane {
    let n = centre.len();
    let mut cov = DMatrix::<f64>::zeros(n, n);
    for w in iterates {
        let v = nalgebra::DVector::from_vec(minus(w, centre));
        cov.ger(1.0, &v, &v, 1.0);
    }
    let eigen = SymmetricEigen::new(cov);
    pca_plane(&eigen, centre, |u| Some(u.to_vec()))
}

/// As many weights as iterates or more: the k × k Gram matrix of the centred iterates, each
/// eigenvector u mapped back to the direction Xᵀu (normalised), which is the covariance's.
pub(super) fn pca_by_gram(iterates: &[&[f64]], centre: &[f64]) -> Plane {
    let k = iterates.len();
    let rows: Vec<Vec<f64>> = (0..k)
        .into_par_iter()
        .map(|i| {
            (0..=i)
                .map(|j| centred_dot(iterates[i], iterates[j], centre))
                .collect()
        })
        .collect();
    let gram = DMatrix::<f64>::from_fn(k, k, |i, j| if j <= i { rows[i][j] } else { rows[j][i] });
    let eigen = SymmetricEigen::new(gram);
    pca_plane(&eigen, centre, |u| {
        let mut d = vec![0.0; centre.len()];
        for (w, &c) in iterates.iter().zip(u) {
            for ((d, x), o) in d.iter_mut().zip(*w).zip(centre) {
                *d += c * (x - o);
            }
        }
        let norm = dot(&d, &d).sqrt();
        // An eigenvalue of zero (fewer distinct iterates than directions) has no direction here.
        (norm > 1e-150 && norm.is_finite()).then(|| d.iter().map(|v| v / norm).collect())
    })
}

/// A unit vector of `n` coordinates orthogonal to every one of `taken` (unit vectors): the first
/// axis that keeps something once they are projected out. The covariance's eigen-solver gives such
/// a vector for an eigenvalue of zero; the Gram matrix has none to give.
fn completion(n: usize, taken: &[&Vec<f64>]) -> Vec<f64> {
    let mut best = vec![0.0; n];
    for axis in 0..n {
        let mut e = vec![0.0; n];
        e[axis] = 1.0;
        for t in taken {
            let along = t.get(axis).copied().unwrap_or(0.0);
            e.iter_mut()
                .zip(t.iter())
                .for_each(|(v, x)| *v -= along * x);
        }
        let norm = dot(&e, &e).sqrt();
        if norm > 0.5 {
            return e.iter().map(|v| v / norm).collect();
        }
        if norm > dot(&best, &best).sqrt() && norm > 0.0 {
            best = e.iter().map(|v| v / norm).collect();
        }
    }
    best
}

/// The loss over the grid `xs` × `ys` of `plane`: rows in ascending y, one value per x, rows
/// computed in parallel.
pub fn slice(net: &Mlp, data: &Dataset, plane: &Plane, xs: &[f64], ys: &[f64]) -> Vec<Vec<f64>> {
    ys.par_iter()
        .map(|&b| {
            xs.iter()
                .map(|&a| net.loss(&plane.point(a, b), data))
                .collect()
        })
        .collect()
}

/// `n` values evenly from `lo` to `hi`.
pub fn grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let steps = n.saturating_sub(1).max(1) as f64;
    (0..n).map(|i| lo + (hi - lo) * i as f64 / steps).collect()
}
