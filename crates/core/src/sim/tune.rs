//! Tuning a run's learning rate for a fair race: the sweep's metric ([`Metric`]) at every rate of a
//! log grid, and the rate that does best — the fewest steps until ‖∇f‖ < tol, or the lowest final loss.
//!
//! The runs are the sweep's own ([`SweepPlan`]): one row per rate, so what counts as reaching the
//! tolerance, the tolerance used when the scenario has none (1e-6), and which runs count as diverged
//! are the same as in a sweep of `lr`. A plan is a grid of one cell per rate ([`RowPlan`]) that the
//! sweep's row runner ([`crate::work::rows`]) computes over every core, a few rates at a time; the
//! window runs several plans together as one background job.

use thiserror::Error;

use super::sweep::{self, Axis, AxisError, Metric, SweepPlan};
use super::{HyperParams, RunSpec, SimError};
use crate::cost;
use crate::work::Progress;
use crate::work::rows::{self, RowPlan};

/// The default grid: 61 rates from 10⁻⁵ to 1, log-spaced (twelve per decade), both ends included.
pub fn default_grid() -> Axis {
    Axis {
        name: "lr".to_owned(),
        min: 1e-5,
        max: 1.0,
        count: 61,
        log: true,
    }
}

/// Why the text of a grid of rates (`MIN:MAX:COUNT`) was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum GridError {
    /// Not three parts separated by `:`.
    #[error("`{0}` is not written MIN:MAX:COUNT, e.g. 1e-5:1:61")]
    Form(String),
    /// A grid of one rate from a range of more than one.
    #[error("`{0}`: one rate needs MIN = MAX")]
    OneRate(String),
    /// A number, count or range the sweep's axis refuses.
    #[error(transparent)]
    Axis(#[from] AxisError),
}

/// `MIN:MAX:COUNT`, as `tune --lr` takes it: a log grid of learning rates, both ends included.
pub fn parse_grid(text: &str) -> Result<Axis, GridError> {
    if text.split(':').count() != 3 {
        return Err(GridError::Form(text.to_owned()));
    }
    // The sweep's parser checks the numbers, the count and that a log axis starts above zero.
    let grid = Axis::parse(&format!("lr:{text}:log"))?;
    if grid.count == 1 && grid.min != grid.max {
        return Err(GridError::OneRate(text.to_owned()));
    }
    Ok(grid)
}

/// The metric at each learning rate of a grid, for one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuned {
    pub metric: Metric,
    /// The rates, ascending.
    pub lr: Vec<f64>,
    /// Per rate: the metric, or `None` where the run diverged (or, for steps to tolerance, never
    /// reached it).
    pub values: Vec<Option<f64>>,
}

impl Tuned {
    /// The grid's rates with their values; values that are not finite count as missing.
    pub fn new(metric: Metric, lr: Vec<f64>, values: Vec<Option<f64>>) -> Self {
        let values = values
            .into_iter()
            .map(|v| v.filter(|v| v.is_finite()))
            .collect();
        Self { metric, lr, values }
    }

    /// The index of the best rate: the smallest value (fewest steps, lowest loss). On a tie the
    /// smaller rate wins — it is the safer choice, and the grid is ascending, so that is the first.
    pub fn best(&self) -> Option<usize> {
        best_index(&self.values)
    }

    /// The best rate, if any run counted.
    pub fn best_lr(&self) -> Option<f64> {
        self.best().and_then(|k| self.lr.get(k).copied())
    }

    /// The metric at the best rate.
    pub fn best_value(&self) -> Option<f64> {
        self.best()
            .and_then(|k| self.values.get(k).copied().flatten())
    }

    /// The end of the grid the best rate is on, if it is on one (and the grid has two rates or more):
    /// the rate that does best may then lie beyond the grid.
    pub fn best_at_end(&self) -> Option<GridEnd> {
        let k = self.best()?;
        match self.lr.len() {
            0 | 1 => None,
            n if k + 1 == n => Some(GridEnd::Largest),
            _ if k == 0 => Some(GridEnd::Smallest),
            _ => None,
        }
    }
}

/// An end of the grid of rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridEnd {
    Smallest,
    Largest,
}

/// The first index of the smallest value (see [`Tuned::best`]).
pub fn best_index(values: &[Option<f64>]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (k, v) in values.iter().enumerate() {
        if let Some(v) = v.filter(|v| v.is_finite())
            && best.is_none_or(|(_, b)| v < b)
        {
            best = Some((k, v));
        }
    }
    best.map(|(k, _)| k)
}

/// The sweep's axes for a grid of rates: one row per rate (y) and a single column (x) that also
/// names `lr`. The row's value is set after the column's, so the column only satisfies the sweep's
/// shape and each cell runs at its row's rate.
fn axes(grid: &Axis) -> (Axis, Axis) {
    let column = Axis {
        name: "lr".to_owned(),
        min: grid.min,
        max: grid.min,
        count: 1,
        log: false,
    };
    let rows = Axis {
        name: "lr".to_owned(),
        ..grid.clone()
    };
    (column, rows)
}

/// A checked tuning of one run, ready to be computed a rate at a time.
#[derive(Debug, Clone)]
pub struct TunePlan {
    plan: SweepPlan,
    lr: Vec<f64>,
    metric: Metric,
}

impl TunePlan {
    /// `base` runs with `params` (its optimizer's settings as written) and each rate of `grid` in turn.
    /// Refuses a malformed grid and a tuning over the budget; the grid's name is ignored (it is always
    /// `lr`).
    pub fn new(
        base: &RunSpec,
        params: &HyperParams,
        grid: &Axis,
        metric: Metric,
    ) -> Result<Self, SimError> {
        let (x, y) = axes(grid);
        let kind = base.optimizer.kind();
        let plan = SweepPlan::unchecked(base, kind, params, &x, &y, metric)?;
        sweep::check_axis_name(kind, "lr", "lr")?;
        plan.check_cost("a tuning")?;
        Ok(Self {
            plan,
            lr: y.values(),
            metric,
        })
    }

    /// The estimated cost of its runs, in nanoseconds ([`crate::cost`]).
    pub fn cost(&self) -> f64 {
        self.plan.cost()
    }

    /// The rates, ascending.
    pub fn lr(&self) -> &[f64] {
        &self.lr
    }

    /// The metric at the `k`-th rate (`None` past the grid's end).
    pub fn value(&self, k: usize) -> Option<f64> {
        self.plan.cell(k, 0)
    }

    /// The tuning from its values, one per rate.
    pub fn result(&self, values: Vec<Option<f64>>) -> Tuned {
        Tuned::new(self.metric, self.lr.clone(), values)
    }
}

/// Refuses tuning every one of `plans` together when that is over the budget (each alone may be
/// within it).
pub fn check_together(plans: &[TunePlan]) -> Result<(), SimError> {
    let total: f64 = plans.iter().map(TunePlan::cost).sum();
    let rates = plans.first().map_or(0, |p| p.lr.len());
    cost::check(
        total,
        "steps",
        || format!("tuning {} runs at {rates} rates each", plans.len()),
        "take fewer steps or rates, or tune one run at a time",
    )
    .map_err(SimError::OverBudget)
}

/// Runs `base` at every rate of `grid`, on every core; `None` if `progress` is cancelled first.
pub fn tune(
    base: &RunSpec,
    params: &HyperParams,
    grid: &Axis,
    metric: Metric,
    progress: &Progress,
) -> Result<Option<Tuned>, SimError> {
    let plan = TunePlan::new(base, params, grid, metric)?;
    Ok(plan.compute(progress))
}

impl TunePlan {
    /// Every rate, on every core; `None` if `progress` is cancelled first.
    pub fn compute(&self, progress: &Progress) -> Option<Tuned> {
        let rows = rows::collect(self, progress)?;
        Some(self.result(rows.into_iter().flatten().collect()))
    }
}

/// Row k is the k-th rate, its one cell the metric there.
impl RowPlan for TunePlan {
    type Cell = Option<f64>;

    fn rows(&self) -> usize {
        self.lr.len()
    }

    fn cols(&self) -> usize {
        1
    }

    fn cell(&self, row: usize, _col: usize) -> Option<f64> {
        self.value(row)
    }
}

#[cfg(test)]
#[path = "tune_tests.rs"]
mod tests;
