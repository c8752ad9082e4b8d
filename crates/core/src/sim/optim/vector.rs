//! The little the update rules need of a parameter vector: its length, element access and
//! element-wise maps. Every rule is written once over [`Vector`], so the balls on a 2-D surface
//! ([`V2`], `[f64; 2]`) and a network's many weights (`Vec<f64>`) move by the very same code. For the
//! two-element types the maps are written out, so a 2-D step compiles to the same straight-line code
//! as a hand-written one.

use std::fmt::Debug;
use std::ops::{Index, IndexMut};

use crate::sim::V2;

/// A vector of parameters, as the update rules see it.
pub trait Vector:
    Clone + Debug + PartialEq + Send + Sync + 'static + Index<usize, Output = f64> + IndexMut<usize>
{
    /// How many parameters.
    fn len(&self) -> usize;

    /// Never empty in practice; for clippy's sake.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A vector as long as `self` with every element `v`.
    fn splat_like(&self, v: f64) -> Self {
        self.map(|_| v)
    }

    /// `f` applied to every element.
    #[inline(always)]
    fn map(&self, mut f: impl FnMut(f64) -> f64) -> Self {
        let mut out = self.clone();
        for i in 0..self.len() {
            out[i] = f(self[i]);
        }
        out
    }

    /// `f` applied to the elements of `self` and `other` pairwise.
    #[inline(always)]
    fn zip(&self, other: &Self, mut f: impl FnMut(f64, f64) -> f64) -> Self {
        let mut out = self.clone();
        for i in 0..self.len() {
            out[i] = f(self[i], other[i]);
        }
        out
    }
}

impl Vector for V2 {
    #[inline(always)]
    fn len(&self) -> usize {
        2
    }

    #[inline(always)]
    fn splat_like(&self, v: f64) -> Self {
        V2::repeat(v)
    }

    #[inline(always)]
    fn map(&self, mut f: impl FnMut(f64) -> f64) -> Self {
        V2::new(f(self.x), f(self.y))
    }

    #[inline(always)]
    fn zip(&self, other: &Self, mut f: impl FnMut(f64, f64) -> f64) -> Self {
        V2::new(f(self.x, other.x), f(self.y, other.y))
    }
}

impl Vector for [f64; 2] {
    #[inline(always)]
    fn len(&self) -> usize {
        2
    }

    #[inline(always)]
    fn map(&self, mut f: impl FnMut(f64) -> f64) -> Self {
        [f(self[0]), f(self[1])]
    }

    #[inline(always)]
    fn zip(&self, other: &Self, mut f: impl FnMut(f64, f64) -> f64) -> Self {
        [f(self[0], other[0]), f(self[1], other[1])]
    }
}

impl Vector for Vec<f64> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn map(&self, f: impl FnMut(f64) -> f64) -> Self {
        self.iter().copied().map(f).collect()
    }

    fn zip(&self, other: &Self, mut f: impl FnMut(f64, f64) -> f64) -> Self {
        self.iter().zip(other).map(|(a, b)| f(*a, *b)).collect()
    }
}
