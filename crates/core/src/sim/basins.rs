//! The basin map: which known minimum the run from each start of a grid reaches, computed by the
//! sweep's row runner ([`crate::work::rows`]) with progress and cancel.

use super::surface::View;
use super::trajectory::Status;
use super::{RunSpec, SimError, V2};
use crate::cost;
use crate::work::Progress;
use crate::work::rows::{self, RowPlan};

/// Where the run from one start point ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basin {
    /// Reached the known minimum with this index, in this many steps.
    Minimum {
        index: usize,
        steps: usize,
    },
    Diverged,
    /// Neither diverged nor came near a known minimum.
    NotConverged,
}

/// Which minimum each start of an `n × n` grid over `view` leads to; row 0 is the top (largest y).
#[derive(Debug, Clone, PartialEq)]
pub struct BasinMap {
    pub view: View,
    pub n: usize,
    pub minima: Vec<V2>,
    pub cells: Vec<Basin>,
    pub steps: usize,
}

/// Runs `base` from the centre of every cell of an `n × n` grid over `view`, on every core. A run
/// has reached a minimum when it ends within 1% of the view's diagonal of it; runs stop once
/// ‖∇f‖ < tol (1e-6 unless the run has its own), so the shading shows how fast each start
/// converges. Returns `None` if `progress` is cancelled first.
pub fn basins(
    base: &RunSpec,
    view: View,
    n: usize,
    progress: &Progress,
) -> Result<Option<BasinMap>, SimError> {
    let plan = BasinPlan::new(base, view, n)?;
    Ok(rows::collect(&plan, progress).map(|rows| plan.result(rows.concat())))
}

/// A checked basin map, ready to be computed a row at a time (row 0 is the top).
#[derive(Debug, Clone)]
pub struct BasinPlan {
    base: RunSpec,
    view: View,
    n: usize,
    minima: Vec<V2>,
    radius: f64,
}

impl BasinPlan {
    /// Refuses a grid outside 2..=1024, a surface without known minima, and a map over the budget
    /// ([`crate::cost`]).
    pub fn new(base: &RunSpec, view: View, n: usize) -> Result<Self, SimError> {
        if !(2..=1024).contains(&n) {
            return Err(SimError::invalid("grid", n, "must be from 2 to 1024"));
        }
        let minima = base.surface.minima();
        if minima.is_empty() {
            return Err(SimError::invalid(
                "surface",
                base.surface.kind(),
                "has no known minima to colour basins by; pick a surface with minima",
            ));
        }
        let per_step = cost::step(base);
        cost::check(
            cost::runs(n * n, base.steps, per_step),
            "grid",
            || {
                format!(
                    "a basin map of {n} × {n} runs of {} steps on {}",
                    base.steps,
                    cost::surface_name(&base.surface)
                )
            },
            "take fewer steps or a smaller grid",
        )
        .map_err(SimError::OverBudget)?;
        Ok(Self {
            base: RunSpec {
                tol: base.tol.or(Some(1e-6)),
                ..base.clone()
            },
            view,
            n,
            radius: 0.01 * view.size().norm(),
            minima,
        })
    }

    /// The known minima, in the order [`Basin::Minimum`] counts them.
    pub fn minima(&self) -> &[V2] {
        &self.minima
    }

    /// The map from its cells, row after row.
    pub fn result(&self, cells: Vec<Basin>) -> BasinMap {
        BasinMap {
            view: self.view,
            n: self.n,
            minima: self.minima.clone(),
            cells,
            steps: self.base.steps,
        }
    }
}

/// Row 0 is the top of the view, cell 0 of a row its left edge.
impl RowPlan for BasinPlan {
    type Cell = Basin;

    fn rows(&self) -> usize {
        self.n
    }

    fn cols(&self) -> usize {
        self.n
    }

    /// Where the run from the centre of cell (`row`, `col`) ends up.
    fn cell(&self, row: usize, col: usize) -> Basin {
        let (view, n) = (self.view, self.n as f64);
        let size = view.size();
        let start = V2::new(
            view.x[0] + (col as f64 + 0.5) * size.x / n,
            view.y[1] - (row as f64 + 0.5) * size.y / n,
        );
        let o = RunSpec {
            start,
            ..self.base.clone()
        }
        .outcome();
        classify(&o, &self.minima, self.radius)
    }
}

fn classify(o: &super::trajectory::Outcome, minima: &[V2], radius: f64) -> Basin {
    if o.status == Status::Diverged {
        return Basin::Diverged;
    }
    let Some((end, _)) = o.last else {
        return Basin::Diverged;
    };
    let nearest = minima
        .iter()
        .enumerate()
        .map(|(i, m)| (i, (m - end).norm()))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match nearest {
        Some((index, d)) if d <= radius => Basin::Minimum {
            index,
            steps: o.steps_taken,
        },
        _ => Basin::NotConverged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{HyperParams, Optimizer, OptimizerKind, Surface, SurfaceKind};

    #[test]
    fn himmelblau_has_four_basins() {
        let s = Surface::new(SurfaceKind::Himmelblau);
        let sgd =
            Optimizer::with_params(OptimizerKind::Sgd, &HyperParams::default().with("lr", 0.01))
                .unwrap();
        let base = RunSpec::new(s, sgd, V2::zeros(), 400);
        let map = basins(
            &base,
            View::new(-5.0, 5.0, -5.0, 5.0),
            24,
            &Progress::default(),
        )
        .expect("valid")
        .expect("done");
        assert_eq!(map.cells.len(), 24 * 24);
        for index in 0..4 {
            assert!(
                map.cells
                    .iter()
                    .any(|c| matches!(c, Basin::Minimum { index: i, .. } if *i == index)),
                "basin {index}"
            );
        }
        // The cell at the top right (x ≈ 4.8, y ≈ 4.8) drains into the minimum (3, 2).
        assert!(
            matches!(map.cells[23], Basin::Minimum { index: 0, .. }),
            "{:?}",
            map.cells[23]
        );
        let no_minima = RunSpec::new(
            Surface::new(SurfaceKind::Saddle),
            Optimizer::new(OptimizerKind::Sgd),
            V2::zeros(),
            10,
        );
        assert!(
            basins(
                &no_minima,
                View::new(-1.0, 1.0, -1.0, 1.0),
                4,
                &Progress::default()
            )
            .is_err()
        );
    }
}
