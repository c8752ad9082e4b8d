//! A surface sampled on a grid for drawing: values, the colour scale that maps them to [0, 1], and the
//! isolines of that scale.

use rayon::prelude::*;

use super::isolines;
use super::surface::View;
use super::surface::polynomial::Objective;
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
    /// ln(offset) and ln(max − min + offset) − ln(offset), kept so a pixel costs one logarithm.
    ln_lo: f64,
    ln_span: f64,
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
        let poly = surface.polynomial();
        values
            .par_chunks_mut(nx)
            .enumerate()
            .for_each(|(row, out)| {
                let y = view.y[1] - (row as f64 + 0.5) * dy;
                let at = |col: usize| V2::new(view.x[0] + (col as f64 + 0.5) * dx, y);
                let cells = out.iter_mut().enumerate();
                match poly {
                    // A polynomial's row loop has no call in it (see `surface::polynomial`).
                    Some(p) => cells.for_each(|(col, v)| *v = p.value_grad(surface, at(col)).0),
                    None => cells.for_each(|(col, v)| *v = surface.value(at(col))),
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

    /// Every `stride`-th sample in both directions, as a field of its own whose cell centres are exactly
    /// the samples kept (for tracing isolines on a coarser grid without evaluating f again).
    pub fn subsample(&self, stride: usize) -> Field {
        let s = stride.max(1);
        if s == 1 {
            return self.clone();
        }
        let (nx, ny) = (self.nx.div_ceil(s), self.ny.div_ceil(s));
        let size = self.view.size();
        let (dx, dy) = (size.x / self.nx as f64, size.y / self.ny as f64);
        let mut values = Vec::with_capacity(nx * ny);
        for row in (0..self.ny).step_by(s) {
            values.extend(
                self.values[row * self.nx..(row + 1) * self.nx]
                    .iter()
                    .step_by(s),
            );
        }
        // The kept samples sit at fine centres; the coarse cells are centred on them.
        let x0 = self.view.x[0] + 0.5 * dx - 0.5 * s as f64 * dx;
        let y1 = self.view.y[1] - 0.5 * dy + 0.5 * s as f64 * dy;
        let view = View::new(
            x0,
            x0 + nx as f64 * s as f64 * dx,
            y1 - ny as f64 * s as f64 * dy,
            y1,
        );
        Field {
            view,
            nx,
            ny,
            values,
        }
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
        Scale::new(log, min, max)
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
        // Sample (row, col) is the centre of its cell; rows run downwards from the top.
        let to_plane = |p: [f64; 2]| {
            V2::new(
                self.view.x[0] + (p[0] + 0.5) * dx,
                self.view.y[1] - (p[1] + 0.5) * dy,
            )
        };
        isolines::trace(normalized, self.nx, self.ny, &thresholds)
            .into_iter()
            .zip(thresholds)
            .map(|(lines, t)| Isoline {
                t,
                value: scale.value(t),
                lines: lines
                    .into_iter()
                    .map(|l| l.into_iter().map(to_plane).collect())
                    .collect(),
            })
            .collect()
    }
}

impl Scale {
    /// The scale from `min` to `max`, linear or logarithmic above `min` over six decades (enough to
    /// resolve a valley floor without drowning it in noise).
    pub fn new(log: bool, min: f64, max: f64) -> Self {
        Self::with_decades(log, min, max, 6.0)
    }

    /// The scale from `min` to `max`; a log scale covers `decades` below the span.
    pub fn with_decades(log: bool, min: f64, max: f64, decades: f64) -> Self {
        let span = (max - min).max(f64::MIN_POSITIVE);
        let offset = span * 10f64.powf(-decades.clamp(0.5, 12.0));
        let ln_lo = offset.ln();
        let ln_span = (span + offset).ln() - ln_lo;
        Self {
            log,
            min,
            max,
            offset,
            ln_lo,
            ln_span,
        }
    }

    /// A value's position on the scale, clamped to [0, 1]; non-finite values map to 1.
    #[inline]
    pub fn t(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return 1.0;
        }
        let t = if self.log {
            ((v - self.min + self.offset).max(self.offset).ln() - self.ln_lo) / self.ln_span
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
            (self.ln_lo + t * self.ln_span).exp() + self.min - self.offset
        } else {
            self.min + t * (self.max - self.min)
        }
    }
}

/// A scale cut into 256 colour steps, with the step boundaries kept as values of f: a value finds
/// its step with eight comparisons instead of a logarithm and a division, which is most of the cost
/// of colouring a million pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    /// `bounds[k]` is where step k + 1 starts; the last is +∞ so the search needs no bounds check.
    bounds: [f64; 256],
}

impl Scale {
    /// This scale's colour steps: step k holds the values whose position t rounds to k / 255.
    pub fn steps(&self) -> Steps {
        let mut bounds = [f64::INFINITY; 256];
        for (k, b) in bounds.iter_mut().take(255).enumerate() {
            *b = self.value((k as f64 + 0.5) / 255.0);
        }
        Steps { bounds }
    }
}

impl Steps {
    /// The step of `v`, 0 to 255: `round(255·t(v))`, but for values within rounding of a step
    /// boundary, which may land on either side. Non-finite values get the top step, as in [`Scale::t`].
    #[inline]
    pub fn index(&self, v: f64) -> u8 {
        if !v.is_finite() {
            return 255;
        }
        let mut i = 0;
        for half in [128, 64, 32, 16, 8, 4, 2, 1] {
            if self.bounds[i + half - 1] <= v {
                i += half;
            }
        }
        i as u8
    }
}

/// The colour of points where f has no value (NaN: `log(x)` for x < 0, say): a neutral grey that
/// viridis never takes, so an undefined region is not mistaken for the highest values.
pub const NO_VALUE: [u8; 3] = [96, 96, 96];

/// The viridis colour of position `t` ∈ [0, 1], as RGB.
pub fn viridis(t: f64) -> [u8; 3] {
    let c = colorous::VIRIDIS.eval_continuous(t.clamp(0.0, 1.0));
    [c.r, c.g, c.b]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SurfaceKind;

    #[test]
    fn a_subsample_keeps_the_positions_of_its_samples() {
        let s = Surface::new(SurfaceKind::Booth);
        let f = Field::sample(&s, View::new(-2.0, 2.0, -1.0, 3.0), 90, 60);
        let c = f.subsample(4);
        assert_eq!((c.nx, c.ny), (23, 15));
        for (row, col) in [(0, 0), (7, 11), (14, 22)] {
            let p = c.cell_centre(col as f64, row as f64);
            assert!(
                (s.value(p) - c.values[row * c.nx + col]).abs() < 1e-9,
                "{row},{col}"
            );
        }
    }

    #[test]
    fn isolines_lie_on_their_level() {
        let s = Surface::new(SurfaceKind::Quadratic);
        let f = Field::sample(&s, View::new(-3.0, 3.0, -3.0, 3.0), 200, 200);
        let scale = f.scale(false);
        let t = f.normalized(&scale);
        let isos = f.isolines(&t, &scale, 5);
        assert_eq!(isos.len(), 5);
        for iso in &isos {
            assert!(!iso.lines.is_empty());
            for p in iso.lines.iter().flatten() {
                let rel = (s.value(*p) - iso.value).abs() / (scale.max - scale.min);
                assert!(rel < 0.01, "{} vs {}", s.value(*p), iso.value);
            }
        }
    }

    #[test]
    fn the_log_scale_is_monotone_and_invertible() {
        let sc = Scale::new(true, 0.0, 1e4);
        let mut last = -1.0;
        for v in [0.0, 1e-3, 0.1, 1.0, 100.0, 1e4] {
            let t = sc.t(v);
            assert!(t > last && (0.0..=1.0).contains(&t));
            assert!((sc.value(t) - v).abs() <= 1e-9 * v.max(1.0));
            last = t;
        }
        assert_eq!(sc.t(f64::NAN), 1.0);
    }

    #[test]
    fn colour_steps_are_the_rounded_scale_positions() {
        for sc in [
            Scale::new(false, -3.0, 7.0),
            Scale::new(true, 1e-4, 2.5e3),
            Scale::new(true, -2.0, -1.9),
        ] {
            let steps = sc.steps();
            let (lo, hi) = (sc.min - 1.0, sc.max + 1.0);
            let mut last = 0;
            for i in 0..=200_000 {
                // Dense near the minimum too, where the log scale spends most of its steps.
                let u = i as f64 / 200_000.0;
                let v = lo + (hi - lo) * u.powi(if sc.log { 6 } else { 1 });
                let t = sc.t(v) * 255.0;
                let k = steps.index(v);
                let exact = (t + 0.5) as u8;
                // Off by one only within rounding of a step boundary.
                if k != exact {
                    assert!(
                        (t + 0.5 - (t + 0.5).round()).abs() < 1e-6,
                        "{sc:?} {v}: {k} vs {t}"
                    );
                    assert!(k.abs_diff(exact) == 1, "{sc:?} {v}");
                }
                assert!(k >= last, "steps rise with the value");
                last = k;
            }
            assert_eq!(steps.index(sc.max), 255);
            assert_eq!(steps.index(sc.min), 0);
            assert_eq!(steps.index(f64::NAN), 255);
            assert_eq!(steps.index(f64::INFINITY), 255);
            assert_eq!(steps.index(f64::NEG_INFINITY), 255);
        }
    }
}
