//! Many runs at once: a hyper-parameter sweep (a metric over a grid of two hyper-parameters) and a
//! basin map (which minimum each start point of a grid leads to). A plan of either is a grid of
//! rows ([`RowPlan`]) that the one row runner ([`crate::work::rows`]) computes over every core, a
//! few rows at a time, with progress and cancel.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::optim::{HyperParams, HyperValue};
use super::trajectory::Status;
use super::{Optimizer, OptimizerKind, RunSpec, SimError};
use crate::cost;
use crate::work::Progress;
use crate::work::rows::{self, RowPlan};

// The basin map shares the sweep's grid limits; its items are reachable from here too.
pub use super::basins::{Basin, BasinMap, BasinPlan, basins};

/// One axis of a sweep: a hyper-parameter (`lr`, `momentum`, `beta1`, `beta2`, `alpha`, …) over a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Axis {
    pub name: String,
    pub min: f64,
    pub max: f64,
    pub count: usize,
    pub log: bool,
}

impl Default for Axis {
    fn default() -> Self {
        Self {
            name: "lr".to_owned(),
            min: 1e-5,
            max: 1e-1,
            count: 64,
            log: true,
        }
    }
}

/// What a sweep measures for each cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// The loss at the end of the run.
    #[default]
    FinalLoss,
    /// The step at which ‖∇f‖ fell below the tolerance.
    StepsToTol,
}

impl Metric {
    pub fn name(self) -> &'static str {
        match self {
            Self::FinalLoss => "final_loss",
            Self::StepsToTol => "steps_to_tol",
        }
    }

    /// The name for people: "final loss", "steps to tolerance".
    pub fn title(self) -> &'static str {
        match self {
            Self::FinalLoss => "final loss",
            Self::StepsToTol => "steps to tolerance",
        }
    }
}

/// The most cells one sweep or basin map may have.
pub const MAX_CELLS: usize = 1 << 20;

/// Why the text of an axis (`NAME:MIN:MAX:COUNT[:log]`) was refused; each names the part at fault.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AxisError {
    /// Not four or five parts separated by `:`.
    #[error("`{0}` is not written NAME:MIN:MAX:COUNT[:log]")]
    Form(String),
    /// A bound that is not a finite number.
    #[error("`{0}` is not a finite number")]
    Number(String),
    /// A count that is not a whole number.
    #[error("`{0}` is not a count")]
    Count(String),
    /// A scale other than `log`, `lin`, `linear` or nothing.
    #[error("`{0}`: the scale is `log` or nothing")]
    Scale(String),
    /// Written right, with a range or count that is not allowed ([`Axis::check`]).
    #[error(transparent)]
    Range(#[from] SimError),
}

impl Axis {
    /// `NAME:MIN:MAX:COUNT[:log]`, as on the command line.
    pub fn parse(text: &str) -> Result<Self, AxisError> {
        let parts: Vec<&str> = text.split(':').collect();
        let (name, rest) = match parts.as_slice() {
            [name, min, max, count] => (*name, [*min, *max, *count, ""]),
            [name, min, max, count, scale] => (*name, [*min, *max, *count, *scale]),
            _ => return Err(AxisError::Form(text.to_owned())),
        };
        let num = |s: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| AxisError::Number(s.to_owned()))
        };
        let count = rest[2]
            .trim()
            .parse::<usize>()
            .map_err(|_| AxisError::Count(rest[2].to_owned()))?;
        let log = match rest[3] {
            "" | "lin" | "linear" => false,
            "log" => true,
            other => return Err(AxisError::Scale(other.to_owned())),
        };
        let axis = Self {
            name: name.trim().to_owned(),
            min: num(rest[0])?,
            max: num(rest[1])?,
            count,
            log,
        };
        axis.check()?;
        Ok(axis)
    }

    /// Checks the range and count.
    pub fn check(&self) -> Result<(), SimError> {
        if !(1..=1024).contains(&self.count) {
            return Err(SimError::invalid(
                format!("{}.count", self.name),
                self.count,
                "must be from 1 to 1024",
            ));
        }
        if !(self.min.is_finite() && self.max.is_finite() && self.min <= self.max) {
            return Err(SimError::invalid(
                &self.name,
                format!("{}:{}", self.min, self.max),
                "needs finite min ≤ max",
            ));
        }
        if self.log && self.min <= 0.0 {
            return Err(SimError::invalid(
                &self.name,
                self.min,
                "a log axis needs min > 0",
            ));
        }
        Ok(())
    }

    /// The values along the axis, evenly spaced (in log space on a log axis).
    pub fn values(&self) -> Vec<f64> {
        let n = self.count.max(1);
        (0..n)
            .map(|i| {
                // The ends exactly as given, not as exp(ln(·)) returns them.
                if i == 0 {
                    return self.min;
                }
                if i == n - 1 {
                    return self.max;
                }
                let f = i as f64 / (n - 1) as f64;
                if self.log {
                    (self.min.ln() + f * (self.max.ln() - self.min.ln())).exp()
                } else {
                    self.min + f * (self.max - self.min)
                }
            })
            .collect()
    }
}

/// Sets the hyper-parameter an axis is about (`beta1`/`beta2` set one of `betas`).
pub fn set_axis(
    kind: OptimizerKind,
    params: &mut HyperParams,
    name: &str,
    value: f64,
) -> Result<(), SimError> {
    let filled = params.filled(kind);
    match name {
        "beta1" | "beta2" => {
            let Some(HyperValue::P(b1, b2)) = filled.get("betas") else {
                return Err(not_taken(kind, "betas"));
            };
            let betas = if name == "beta1" {
                HyperValue::P(value, b2)
            } else {
                HyperValue::P(b1, value)
            };
            params.set("betas", Some(betas))
        }
        _ => match kind.spec(name).map(|s| s.default) {
            Some(HyperValue::F(_)) => params.set(name, Some(HyperValue::F(value))),
            _ => Err(not_taken(kind, name)),
        },
    }
}

/// The names a sweep axis can take for `kind`: its float hyper-parameters, and β₁ / β₂ of `betas`.
pub fn axis_names(kind: OptimizerKind) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = kind
        .takes()
        .iter()
        .filter(|s| matches!(s.default, HyperValue::F(_)))
        .map(|s| s.name)
        .collect();
    if kind.spec("betas").is_some() {
        names.extend(["beta1", "beta2"]);
    }
    names
}

fn not_taken(kind: OptimizerKind, name: &str) -> SimError {
    SimError::NotTaken {
        optimizer: kind.name().to_owned(),
        name: name.to_owned(),
        takes: axis_names(kind).join(", "),
    }
}

/// Why `kind` cannot sweep `name` along the axis `axis` (`x` or `y`), if it cannot: the true cause
/// (an on/off setting, a pair, a choice, a name it does not take) with the names it can sweep.
pub fn check_axis_name(kind: OptimizerKind, axis: &str, name: &str) -> Result<(), SimError> {
    let (optimizer, takes) = (kind.name(), axis_names(kind).join(", "));
    let why = match (name, kind.spec(name).map(|s| s.default)) {
        ("beta1" | "beta2", _) if kind.spec("betas").is_some() => return Ok(()),
        ("beta1" | "beta2", _) => {
            format!("`{name}` is a coefficient of betas, and optimizer `{optimizer}` has no betas")
        }
        (_, Some(HyperValue::F(_))) => return Ok(()),
        ("betas", Some(HyperValue::P(..))) => format!(
            "`betas` of {optimizer} is a pair (β₁, β₂) and an axis sweeps one number: sweep beta1 or beta2"
        ),
        (_, Some(HyperValue::P(..))) => format!(
            "`{name}` of {optimizer} is a pair of numbers and an axis sweeps one number, so it cannot be swept (set it in the run)"
        ),
        (_, Some(HyperValue::B(_))) => format!(
            "`{name}` of {optimizer} is an on/off setting (true or false), so it cannot be swept (set it in the run)"
        ),
        (_, Some(HyperValue::C(_))) => format!(
            "`{name}` of {optimizer} is a choice of named variants, so it cannot be swept (set it in the run)"
        ),
        (_, None) => format!("optimizer `{optimizer}` does not take `{name}`"),
    };
    Err(SimError::Axis {
        axis: axis.to_owned(),
        message: format!("{why}; a sweep axis of {optimizer} is one of: {takes}"),
    })
}

/// Refuses two axes naming the same hyper-parameter (the y axis would set it over the x axis's
/// value, and the x axis would show nothing).
fn check_different(x: &Axis, y: &Axis) -> Result<(), SimError> {
    if x.name == y.name {
        return Err(SimError::Axis {
            axis: "y".to_owned(),
            message: format!(
                "both axes sweep `{}`: the y axis would overwrite every value of the x axis; give y another hyper-parameter",
                x.name
            ),
        });
    }
    Ok(())
}

/// A finished (or partly finished) sweep: one row per y value, one entry per x value; `None` where the
/// run diverged, never met the tolerance, or its settings were not allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepResult {
    pub x: Axis,
    pub y: Axis,
    pub metric: Metric,
    pub values: Vec<Vec<Option<f64>>>,
}

/// Runs `base` (of optimizer `kind` with `params`) for every (x, y) of the axes, on every core.
/// Returns `None` if `progress` is cancelled first.
pub fn sweep(
    base: &RunSpec,
    kind: OptimizerKind,
    params: &HyperParams,
    x: &Axis,
    y: &Axis,
    metric: Metric,
    progress: &Progress,
) -> Result<Option<SweepResult>, SimError> {
    let plan = SweepPlan::new(base, kind, params, x, y, metric)?;
    Ok(rows::collect(&plan, progress).map(|rows| plan.result(rows)))
}

/// A checked sweep, ready to be computed a row at a time (row k is the k-th value of the y axis).
#[derive(Debug, Clone)]
pub struct SweepPlan {
    base: RunSpec,
    kind: OptimizerKind,
    params: HyperParams,
    x: Axis,
    y: Axis,
    xs: Vec<f64>,
    ys: Vec<f64>,
    metric: Metric,
}

impl SweepPlan {
    /// Refuses axes that are malformed, too many cells, names the optimizer cannot sweep, both axes
    /// on one name, and a sweep over the budget ([`crate::cost`]).
    pub fn new(
        base: &RunSpec,
        kind: OptimizerKind,
        params: &HyperParams,
        x: &Axis,
        y: &Axis,
        metric: Metric,
    ) -> Result<Self, SimError> {
        let plan = Self::unchecked(base, kind, params, x, y, metric)?;
        check_axis_name(kind, "x", &x.name)?;
        check_axis_name(kind, "y", &y.name)?;
        check_different(x, y)?;
        plan.check_cost("a sweep")?;
        Ok(plan)
    }

    /// The plan with its axes' ranges and cells checked, but not their names nor its cost (the
    /// tuning's rows and column both name `lr`).
    pub(super) fn unchecked(
        base: &RunSpec,
        kind: OptimizerKind,
        params: &HyperParams,
        x: &Axis,
        y: &Axis,
        metric: Metric,
    ) -> Result<Self, SimError> {
        x.check()?;
        y.check()?;
        if x.count * y.count > MAX_CELLS {
            return Err(SimError::invalid(
                "cells",
                x.count * y.count,
                format!("at most {MAX_CELLS}"),
            ));
        }
        let base = RunSpec {
            tol: if metric == Metric::StepsToTol {
                base.tol.or(Some(1e-6))
            } else {
                base.tol
            },
            ..base.clone()
        };
        Ok(Self {
            base,
            kind,
            params: *params,
            x: x.clone(),
            y: y.clone(),
            xs: x.values(),
            ys: y.values(),
            metric,
        })
    }

    /// The estimated cost of every cell's run, in nanoseconds ([`crate::cost`]).
    pub fn cost(&self) -> f64 {
        let per_step = cost::step(&self.base);
        cost::runs(self.xs.len() * self.ys.len(), self.base.steps, per_step)
    }

    /// Refuses the plan when its runs are over the budget; `what` names the tool.
    pub(super) fn check_cost(&self, what: &str) -> Result<(), SimError> {
        let (x, y) = (self.xs.len(), self.ys.len());
        cost::check(
            self.cost(),
            "steps",
            || {
                format!(
                    "{what} of {x} × {y} runs of {} steps on {}",
                    self.base.steps,
                    cost::surface_name(&self.base.surface)
                )
            },
            "take fewer steps, or fewer values along an axis",
        )
        .map_err(SimError::OverBudget)
    }

    /// The metric of the run at x value `vx` and y value `vy`.
    fn metric_at(&self, vx: f64, vy: f64) -> Option<f64> {
        let mut p = self.params;
        set_axis(self.kind, &mut p, &self.x.name, vx).ok()?;
        set_axis(self.kind, &mut p, &self.y.name, vy).ok()?;
        let optimizer = Optimizer::with_params(self.kind, &p).ok()?;
        let o = RunSpec {
            optimizer,
            ..self.base.clone()
        }
        .outcome();
        match (self.metric, o.status) {
            (_, Status::Diverged) => None,
            (Metric::FinalLoss, _) => o.last.map(|(_, f)| f),
            (Metric::StepsToTol, Status::Converged) => o.stopped_at.map(|k| k as f64),
            (Metric::StepsToTol, _) => None,
        }
    }

    /// The sweep from its rows.
    pub fn result(&self, values: Vec<Vec<Option<f64>>>) -> SweepResult {
        SweepResult {
            x: self.x.clone(),
            y: self.y.clone(),
            metric: self.metric,
            values,
        }
    }
}

/// Row k is the k-th value of the y axis, cell j of it the j-th value of the x axis.
impl RowPlan for SweepPlan {
    type Cell = Option<f64>;

    fn rows(&self) -> usize {
        self.ys.len()
    }

    fn cols(&self) -> usize {
        self.xs.len()
    }

    fn cell(&self, row: usize, col: usize) -> Option<f64> {
        self.metric_at(*self.xs.get(col)?, *self.ys.get(row)?)
    }
}

#[cfg(test)]
#[path = "sweep_tests.rs"]
mod tests;
