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
                // In the builder's grid coordinates sample i sits at i + 0.5.
                let builder = contour::ContourBuilder::new(self.nx, self.ny, true);
                let rings: Vec<Vec<[f64; 2]>> = builder
                    .lines(normalized, &[t])
                    .ok()
                    .and_then(|mut l| l.pop())
                    .map(|line| {
                        let rings = line.into_inner().0.0;
                        rings
                            .into_iter()
                            .map(|ls| ls.0.into_iter().map(|c| [c.x, c.y]).collect())
                            .collect()
                    })
                    .unwrap_or_default();
                let (nx, ny) = (self.nx as f64, self.ny as f64);
                // The builder closes every ring around the grid's border; those stretches are not on
                // the level and are cut away.
                let inside = |p: &[f64; 2]| {
                    (0.5..=nx - 0.5).contains(&p[0]) && (0.5..=ny - 0.5).contains(&p[1])
                };
                let to_plane =
                    |p: [f64; 2]| V2::new(self.view.x[0] + p[0] * dx, self.view.y[1] - p[1] * dy);
                let mut lines = Vec::new();
                for ring in rings {
                    let mut current: Vec<V2> = Vec::new();
                    for p in ring {
                        if inside(&p) {
                            current.push(to_plane(p));
                        } else if current.len() > 1 {
                            lines.push(std::mem::take(&mut current));
                        } else {
                            current.clear();
                        }
                    }
                    if current.len() > 1 {
                        lines.push(current);
                    }
                }
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
        let sc = Scale {
            log: true,
            min: 0.0,
            max: 1e4,
            offset: 1e-2,
        };
        let mut last = -1.0;
        for v in [0.0, 1e-3, 0.1, 1.0, 100.0, 1e4] {
            let t = sc.t(v);
            assert!(t > last && (0.0..=1.0).contains(&t));
            assert!((sc.value(t) - v).abs() <= 1e-9 * v.max(1.0));
            last = t;
        }
        assert_eq!(sc.t(f64::NAN), 1.0);
    }
}
