//! A surface sampled on a grid for drawing: values, the colour scale that maps them to [0, 1], and the
//! isolines of that scale (marching squares from the `contour` crate).

use rayon::prelude::*;

use super::surface::View;
use super::{Surface, V2};

/// f sampled at the centres of an `nx × ny` grid of cells over `view`; row 0 is the top (largest y),
/// as images are stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub view: View,
    pub nx: usize,
    pub ny: usize,
    pub values: Vec<f64>,
}

/// How values become colours: linear, or logarithmic above the field's minimum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub log: bool,
    /// The smallest finite value in the field.
    pub min: f64,
    /// The largest finite value in the field.
    pub max: f64,
    /// The offset that keeps log(f − min + offset) finite at the minimum.
    offset: f64,
}

/// The points of one isoline level, as polylines in plane coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Isoline {
    /// The level on the [0, 1] colour scale.
    pub t: f64,
    /// The level as a value of f.
    pub value: f64,
    pub lines: Vec<Vec<V2>>,
}

impl Field {
    /// Samples `surface` over `view` (rows in parallel).
    pub fn sample(surface: &Surface, view: View, nx: usize, ny: usize) -> Self {
        let (nx, ny) = (nx.max(2), ny.max(2));
        let size = view.size();
        let (dx, dy) = (size.x / nx as f64, size.y / ny as f64);
        let mut values = vec![0.0; nx * ny];
        values
            .par_chunks_mut(nx)
            .enumerate()
            .for_each(|(row, out)| {
                let y = view.y[1] - (row as f64 + 0.5) * dy;
                for (col, v) in out.iter_mut().enumerate() {
                    *v = surface.value(V2::new(view.x[0] + (col as f64 + 0.5) * dx, y));
                }
            });
        Self {
            view,
            nx,
            ny,
            values,
        }
    }

    /// The plane coordinates of the centre of cell (`col`, `row`).
    pub fn cell_centre(&self, col: f64, row: f64) -> V2 {
        let size = self.view.size();
        V2::new(
            self.view.x[0] + (col + 0.5) * size.x / self.nx as f64,
            self.view.y[1] - (row + 0.5) * size.y / self.ny as f64,
        )
    }

    /// The colour scale of this field: `log` for surfaces whose values span decades.
    pub fn scale(&self, log: bool) -> Scale {
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for &v in self.values.iter().filter(|v| v.is_finite()) {
            min = min.min(v);
            max = max.max(v);
        }
        if !min.is_finite() {
            (min, max) = (0.0, 1.0);
        }
        let span = (max - min).max(f64::MIN_POSITIVE);
        // Six decades below the span resolve the valley floor without drowning it in noise.
        Scale {
            log,
            min,
            max,
            offset: span * 1e-6,
        }
    }

    /// Every value mapped to [0, 1] by `scale` (non-finite values go to 1).
    pub fn normalized(&self, scale: &Scale) -> Vec<f64> {
        self.values.par_iter().map(|&v| scale.t(v)).collect()
    }

    /// Isolines at `levels` evenly spaced steps of the colour scale, from already normalized values.
    pub fn isolines(&self, normalized: &[f64], scale: &Scale, levels: usize) -> Vec<Isoline> {
        if normalized.len() != self.nx * self.ny || levels == 0 {
            return Vec::new();
        }
        let size = self.view.size();
        let (dx, dy) = (size.x / self.nx as f64, size.y / self.ny as f64);
        let thresholds: Vec<f64> = (1..=levels)
            .map(|i| i as f64 / (levels + 1) as f64)
            .collect();
        thresholds
            .par_iter()
            .map(|&t| {
                // The grid's y runs downwards; flip it so the builder's coordinates are the plane's.
                let builder = contour::ContourBuilder::new(self.nx, self.ny, true)
                    .x_origin(self.view.x[0] + 0.5 * dx)
                    .x_step(dx)
                    .y_origin(self.view.y[1] - 0.5 * dy)
                    .y_step(-dy);
                let lines = builder
                    .lines(normalized, &[t])
                    .ok()
                    .and_then(|mut l| l.pop())
                    .map(|line| {
                        line.into_inner()
                            .0
                            .0
                            .into_iter()
                            .map(|ls| ls.0.into_iter().map(|c| V2::new(c.x, c.y)).collect())
                            .collect()
                    })
                    .unwrap_or_default();
                Isoline {
                    t,
                    value: scale.value(t),
                    lines,
                }
            })
            .collect()
    }
}

impl Scale {
    /// A value's position on the scale, clamped to [0, 1]; non-finite values map to 1.
    pub fn t(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return 1.0;
        }
        let t = if self.log {
            let lo = self.offset.ln();
            let hi = (self.max - self.min + self.offset).ln();
            ((v - self.min + self.offset).max(self.offset).ln() - lo) / (hi - lo)
        } else {
            (v - self.min) / (self.max - self.min).max(f64::MIN_POSITIVE)
        };
        if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// The value at position `t` of the scale (the inverse of [`Scale::t`]).
    pub fn value(&self, t: f64) -> f64 {
        if self.log {
            let lo = self.offset.ln();
            let hi = (self.max - self.min + self.offset).ln();
            (lo + t * (hi - lo)).exp() + self.min - self.offset
        } else {
            self.min + t * (self.max - self.min)
        }
    }
}

/// The viridis colour of position `t` ∈ [0, 1], as RGB.
pub fn viridis(t: f64) -> [u8; 3] {
    let c = colorous::VIRIDIS.eval_continuous(t.clamp(0.0, 1.0));
    [c.r, c.g, c.b]
}
