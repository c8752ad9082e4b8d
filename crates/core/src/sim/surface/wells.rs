//! The local minima in a window of a surface, found numerically so that every surface has them (a
//! typed function too): a grid of samples, the cells lower than their eight neighbours, each refined
//! by Newton steps on the gradient until it stops moving. The landscape marks them with their values,
//! so a shallow well is seen for what it is.

use super::{Surface, View};
use crate::sim::V2;

/// Samples per side of the search grid.
const GRID: usize = 48;

/// A local minimum: where it is and f there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Well {
    pub at: V2,
    pub value: f64,
}

/// A surface's landmarks in a window of the plane: its minima, its other local minima (wells, with
/// the minima among them) and its saddles; what the markers show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Landmarks {
    pub minima: Vec<V2>,
    pub wells: Vec<Well>,
    pub saddles: Vec<V2>,
}

impl Landmarks {
    /// The landmarks of `surface` with its `wells` already found.
    pub fn new(surface: &Surface, wells: Vec<Well>) -> Self {
        Self {
            minima: surface.minima(),
            wells,
            saddles: surface.saddles(),
        }
    }

    /// The landmarks of `surface` inside `view`, finding its wells.
    pub fn find(surface: &Surface, view: View) -> Self {
        Self::new(surface, local_minima(surface, view))
    }
}

/// The local minima of `surface` inside `view`, lowest first. A well that Newton's steps cannot
/// settle (a flat valley floor, a kink) is left out rather than guessed.
pub fn local_minima(surface: &Surface, view: View) -> Vec<Well> {
    let size = view.size();
    if !(size.x > 0.0 && size.y > 0.0 && size.x.is_finite() && size.y.is_finite()) {
        return Vec::new();
    }
    let at = |i: usize, j: usize| {
        V2::new(
            view.x[0] + size.x * (i as f64 + 0.5) / GRID as f64,
            view.y[0] + size.y * (j as f64 + 0.5) / GRID as f64,
        )
    };
    let f: Vec<f64> = (0..GRID * GRID)
        .map(|k| surface.value(at(k % GRID, k / GRID)))
        .collect();
    let known = surface.minima();
    let mut wells: Vec<Well> = Vec::new();
    for j in 1..GRID - 1 {
        for i in 1..GRID - 1 {
            let k = j * GRID + i;
            let v = f[k];
            // Lower than every neighbour; of equal samples (a minimum between them) the first.
            let lowest = v.is_finite()
                && (-1i64..=1).all(|dj| {
                    (-1i64..=1).all(|di| {
                        let n = ((j as i64 + dj) as usize) * GRID + (i as i64 + di) as usize;
                        n == k || v < f[n] || (v == f[n] && n > k)
                    })
                });
            if !lowest {
                continue;
            }
            let Some(mut p) = settle(surface, at(i, j), size.x.max(size.y)) else {
                continue;
            };
            // A known minimum is where it is known to be (Newton's last digits are rounding).
            if let Some(m) = known
                .iter()
                .find(|m| (*m - p).norm() <= 1e-6 * (1.0 + m.norm()))
            {
                p = *m;
            }
            let inside =
                p.x >= view.x[0] && p.x <= view.x[1] && p.y >= view.y[0] && p.y <= view.y[1];
            let new = wells
                .iter()
                .all(|w| (w.at - p).norm() > 1e-3 * size.x.max(size.y));
            if inside && new {
                wells.push(Well {
                    at: p,
                    value: surface.value(p),
                });
            }
        }
    }
    wells.sort_by(|a, b| a.value.total_cmp(&b.value));
    wells
}

/// Newton's steps from `p` on ∇f (the Hessian by central differences of the gradient), kept within
/// `reach` of the start; the point where the gradient vanishes and the Hessian is positive definite.
fn settle(surface: &Surface, mut p: V2, reach: f64) -> Option<V2> {
    let start = p;
    let h = 1e-5 * reach;
    for _ in 0..50 {
        let g = surface.grad(p);
        let (gxp, gxm) = (
            surface.grad(p + V2::new(h, 0.0)),
            surface.grad(p - V2::new(h, 0.0)),
        );
        let (gyp, gym) = (
            surface.grad(p + V2::new(0.0, h)),
            surface.grad(p - V2::new(0.0, h)),
        );
        let (a, b) = ((gxp.x - gxm.x) / (2.0 * h), (gxp.y - gxm.y) / (2.0 * h));
        let (c, d) = ((gyp.x - gym.x) / (2.0 * h), (gyp.y - gym.y) / (2.0 * h));
        // Symmetrised; a minimum needs a positive definite Hessian.
        let (hxx, hxy, hyy) = (a, 0.5 * (b + c), d);
        let det = hxx * hyy - hxy * hxy;
        if !(hxx > 0.0 && det > 0.0 && det.is_finite()) {
            return None;
        }
        let step = V2::new((hyy * g.x - hxy * g.y) / det, (hxx * g.y - hxy * g.x) / det);
        p -= step;
        if !(p.x.is_finite() && p.y.is_finite()) || (p - start).norm() > 0.1 * reach {
            return None;
        }
        if step.norm() <= 1e-12 * reach.max(p.norm()) {
            return Some(p);
        }
    }
    (surface.grad(p).norm() < 1e-8).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SurfaceKind;

    #[test]
    fn the_six_hump_camel_has_its_six_minima_at_their_known_values() {
        let s = Surface::new(SurfaceKind::SixHumpCamel);
        let wells = local_minima(&s, View::new(-3.0, 3.0, -2.0, 2.0));
        let values: Vec<f64> = wells.iter().map(|w| w.value).collect();
        // Two global (−1.0316), two at −0.2155 and two at 2.1043.
        assert_eq!(wells.len(), 6, "{wells:?}");
        for (v, want) in values
            .iter()
            .zip([-1.0316, -1.0316, -0.2155, -0.2155, 2.1043, 2.1043])
        {
            assert!((v - want).abs() < 1e-4, "{values:?}");
        }
        for w in &wells {
            assert!(s.grad(w.at).norm() < 1e-8);
        }
    }

    #[test]
    fn a_bowl_has_one_minimum_and_a_saddle_none() {
        let bowl = Surface::new(SurfaceKind::Quadratic);
        let wells = local_minima(&bowl, View::new(-3.0, 3.0, -3.0, 3.0));
        assert_eq!(wells.len(), 1);
        assert_eq!(
            (wells[0].at, wells[0].value),
            (V2::zeros(), 0.0),
            "snapped to the known minimum"
        );
        let saddle = Surface::new(SurfaceKind::Saddle);
        assert!(local_minima(&saddle, View::new(-2.0, 2.0, -2.0, 2.0)).is_empty());
        // A minimum outside the window is not listed.
        assert!(local_minima(&bowl, View::new(1.0, 3.0, 1.0, 3.0)).is_empty());
    }
}
