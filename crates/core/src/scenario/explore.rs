//! Settings of the tools that run many copies of one run: the hyper-parameter sweep and the basin map.

use serde::{Deserialize, Serialize};

use super::{ScenarioError, err};
use crate::sim::MAX_STEPS;
use crate::sim::optim::hyper_names;
use crate::sim::sweep::{Axis, MAX_CELLS, Metric};

/// The sweep: which run, the two axes, how long each run goes and what each cell shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SweepSettings {
    /// The run swept, numbered from 0.
    pub run: usize,
    pub x: Axis,
    pub y: Axis,
    /// Steps of every run; `None` is the scenario's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
    pub metric: Metric,
}

/// The basin map: which run's optimizer, how many starts along each side, how long each run goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BasinSettings {
    pub run: usize,
    pub grid: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
}

impl Default for SweepSettings {
    fn default() -> Self {
        Self {
            run: 0,
            x: Axis::default(),
            y: Axis {
                name: "momentum".to_owned(),
                min: 0.0,
                max: 0.99,
                count: 64,
                log: false,
            },
            steps: None,
            metric: Metric::FinalLoss,
        }
    }
}

impl Default for BasinSettings {
    fn default() -> Self {
        Self {
            run: 0,
            grid: 128,
            steps: None,
        }
    }
}

fn check_run(path: &str, run: usize, runs: usize) -> Result<(), ScenarioError> {
    if run >= runs.max(1) {
        return Err(err(
            format!("{path}.run"),
            format!("run {run}, but the scenario has {runs} runs, numbered from 0"),
        ));
    }
    Ok(())
}

fn check_steps(path: &str, steps: Option<usize>) -> Result<(), ScenarioError> {
    match steps {
        Some(s) if !(1..=MAX_STEPS).contains(&s) => Err(err(
            format!("{path}.steps"),
            format!("{s}; allowed: 1 to {MAX_STEPS}"),
        )),
        _ => Ok(()),
    }
}

fn check_axis(path: &str, axis: &Axis) -> Result<(), ScenarioError> {
    let known = hyper_names().contains(&axis.name.as_str())
        || ["beta1", "beta2"].contains(&axis.name.as_str());
    if !known {
        return Err(err(
            format!("{path}.name"),
            format!(
                "`{}` is not a hyper-parameter; allowed: {}, beta1, beta2",
                super::clip(&axis.name),
                hyper_names().join(", ")
            ),
        ));
    }
    axis.check().map_err(|e| {
        let field = if e.field().is_some_and(|f| f.ends_with(".count")) {
            "count"
        } else {
            "min"
        };
        err(format!("{path}.{field}"), e.to_string())
    })
}

impl SweepSettings {
    /// Checks the settings against a scenario with `runs` runs. Whether the run's optimizer takes the
    /// axes' hyper-parameters is checked when the sweep starts, since the optimizer may change first.
    pub fn check(&self, runs: usize) -> Result<(), ScenarioError> {
        check_run("sweep", self.run, runs)?;
        check_axis("sweep.x", &self.x)?;
        check_axis("sweep.y", &self.y)?;
        if self.x.name == self.y.name {
            return Err(err(
                "sweep.y.name",
                format!(
                    "both axes sweep `{}`: the y axis would overwrite every value of the x axis; give y another hyper-parameter",
                    super::clip(&self.y.name)
                ),
            ));
        }
        if self.x.count * self.y.count > MAX_CELLS {
            return Err(err(
                "sweep",
                format!(
                    "{} × {} cells; at most {MAX_CELLS}",
                    self.x.count, self.y.count
                ),
            ));
        }
        check_steps("sweep", self.steps)
    }
}

impl BasinSettings {
    pub fn check(&self, runs: usize) -> Result<(), ScenarioError> {
        check_run("basins", self.run, runs)?;
        if !(2..=1024).contains(&self.grid) {
            return Err(err(
                "basins.grid",
                format!("{}; allowed: 2 to 1024 starts along each side", self.grid),
            ));
        }
        check_steps("basins", self.steps)
    }
}
