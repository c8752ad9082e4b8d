//! A surface known only on a grid: the loss of a network over a 2-D slice of its weight space,
//! interpolated bilinearly between the computed points (so it is exact at every one of them), with
//! no value outside the grid (it was not computed there, and the map shows it as such).

use crate::sim::V2;

use super::View;

/// Values over the grid `xs` × `ys` (both ascending), rows in ascending y.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampled {
    xs: Vec<f64>,
    ys: Vec<f64>,
    values: Vec<f64>,
}

/// Where `v` falls among the ascending `grid`: the cell's first index and the fraction across it.
fn locate(grid: &[f64], v: f64) -> (usize, f64) {
    let last = grid.len().saturating_sub(2);
    let i = grid
        .partition_point(|&g| g <= v)
        .saturating_sub(1)
        .min(last);
    let (a, b) = (grid[i], grid[(i + 1).min(grid.len() - 1)]);
    let t = if b > a { (v - a) / (b - a) } else { 0.0 };
    (i, t.clamp(0.0, 1.0))
}

impl Sampled {
    /// The grid with its rows of values; `None` unless both sides have at least two ascending
    /// points and every row one value per x.
    pub fn new(xs: Vec<f64>, ys: Vec<f64>, rows: &[Vec<f64>]) -> Option<Self> {
        let ascending = |g: &[f64]| g.len() >= 2 && g.windows(2).all(|w| w[0] < w[1]);
        if !ascending(&xs) || !ascending(&ys) || rows.len() != ys.len() {
            return None;
        }
        if rows.iter().any(|r| r.len() != xs.len()) {
            return None;
        }
        let values = rows.concat();
        Some(Self { xs, ys, values })
    }

    /// The grid's rectangle.
    pub fn extent(&self) -> View {
        let (x, y) = (&self.xs, &self.ys);
        View::new(x[0], x[x.len() - 1], y[0], y[y.len() - 1])
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.xs.len() + i]
    }

    /// The interpolated value and its gradient; NaN outside the grid.
    pub fn value_grad(&self, p: V2) -> (f64, V2) {
        if !self.extent().contains(p) {
            return (f64::NAN, V2::repeat(f64::NAN));
        }
        let (i, tx) = locate(&self.xs, p.x);
        let (j, ty) = locate(&self.ys, p.y);
        let (f00, f10) = (self.at(i, j), self.at(i + 1, j));
        let (f01, f11) = (self.at(i, j + 1), self.at(i + 1, j + 1));
        let value = f00 * (1.0 - tx) * (1.0 - ty)
            + f10 * tx * (1.0 - ty)
            + f01 * (1.0 - tx) * ty
            + f11 * tx * ty;
        let (dx, dy) = (self.xs[i + 1] - self.xs[i], self.ys[j + 1] - self.ys[j]);
        let gx = ((f10 - f00) * (1.0 - ty) + (f11 - f01) * ty) / dx;
        let gy = ((f01 - f00) * (1.0 - tx) + (f11 - f10) * tx) / dy;
        (value, V2::new(gx, gy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plane() -> Sampled {
        // f = 2x + 3y + 1 on a non-uniform grid: bilinear interpolation reproduces it exactly.
        let xs = vec![-1.0, 0.0, 0.5, 2.0];
        let ys = vec![-2.0, 1.0, 3.0];
        let rows: Vec<Vec<f64>> = ys
            .iter()
            .map(|y| xs.iter().map(|x| 2.0 * x + 3.0 * y + 1.0).collect())
            .collect();
        Sampled::new(xs, ys, &rows).expect("a valid grid")
    }

    #[test]
    fn exact_at_the_nodes_and_linear_between() {
        let s = plane();
        for (x, y) in [
            (-1.0, -2.0),
            (0.5, 1.0),
            (2.0, 3.0),
            (0.25, 0.3),
            (1.7, -1.9),
        ] {
            let (v, g) = s.value_grad(V2::new(x, y));
            assert!(
                (v - (2.0 * x + 3.0 * y + 1.0)).abs() < 1e-12,
                "at ({x}, {y})"
            );
            assert!(
                (g - V2::new(2.0, 3.0)).norm() < 1e-12,
                "gradient at ({x}, {y})"
            );
        }
        assert_eq!(s.extent(), View::new(-1.0, 2.0, -2.0, 3.0));
    }

    #[test]
    fn no_value_outside_the_grid() {
        let s = plane();
        for p in [
            V2::new(5.0, 1.0),
            V2::new(0.0, -2.5),
            V2::new(f64::NAN, 0.0),
        ] {
            let (v, g) = s.value_grad(p);
            assert!(v.is_nan() && g.x.is_nan() && g.y.is_nan(), "at {p:?}");
        }
    }

    #[test]
    fn refuses_grids_that_are_not_grids() {
        let rows = vec![vec![0.0; 2]; 2];
        assert!(Sampled::new(vec![0.0, 1.0], vec![0.0, 1.0], &rows).is_some());
        assert!(Sampled::new(vec![1.0, 0.0], vec![0.0, 1.0], &rows).is_none());
        assert!(Sampled::new(vec![0.0], vec![0.0, 1.0], &rows).is_none());
        assert!(Sampled::new(vec![0.0, 1.0, 2.0], vec![0.0, 1.0], &rows).is_none());
    }
}
