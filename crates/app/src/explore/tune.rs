//! Tools → Tune learning rate: every run's metric at each rate of a log grid ([`optiscape_core::sim::tune`]),
//! computed as the explorer's background job a rate at a time (row k: every run at the k-th rate),
//! the curves filling in as rates finish. "Use tuned rates" gives each run its best rate.
//!
//! The tuning does not depend on the runs' own rates (each run is tried at every rate of the grid), nor
//! on their names, colours or visibility, so none of those start it again — applying the tuned rates
//! leaves the result standing.

use super::{Action, Computing, Explorer, Inputs, Running};
use optiscape_core::scenario::{OptimizerConfig, RunConfig, Scenario};
use optiscape_core::sim::sweep::{Axis, Metric};
use optiscape_core::sim::tune::{self, TunePlan, Tuned};
use optiscape_core::work::rows::RowPlan;
use optiscape_picture::curves::{self, Chart};

/// What the tuning measures and over which rates (kept with the window, not the scenario).
#[derive(Debug, Clone, PartialEq)]
pub struct TuneSettings {
    pub metric: Metric,
    pub grid: Axis,
}

impl Default for TuneSettings {
    fn default() -> Self {
        Self {
            metric: Metric::StepsToTol,
            grid: tune::default_grid(),
        }
    }
}

/// The runs as the tuning sees them: settled (a rolling ball sets its momentum), with the rate,
/// name, colour and visibility cleared, since none of them changes the result.
pub(super) fn tuned_runs(s: &Scenario) -> Vec<RunConfig> {
    s.runs
        .iter()
        .map(|run| {
            let mut run = run.clone();
            run.settle();
            let mut params = run.optimizer.params();
            let _ = params.set("lr", None);
            RunConfig {
                name: String::new(),
                optimizer: OptimizerConfig::from_params(&run.optimizer.name, &params),
                color: None,
                visible: true,
                ..run
            }
        })
        .collect()
}

/// Every run tuned over one grid; row k is every run at the k-th rate, cell i of it run i's value.
struct TuneRows {
    plans: Vec<TunePlan>,
    rates: usize,
}

impl RowPlan for TuneRows {
    type Cell = Option<f64>;

    fn rows(&self) -> usize {
        self.rates
    }

    fn cols(&self) -> usize {
        self.plans.len()
    }

    fn cell(&self, row: usize, col: usize) -> Option<f64> {
        self.plans.get(col)?.value(row)
    }
}

/// Each run's tuning from the rows finished so far (rates not computed yet count as missing).
pub(super) fn results(
    rows: &[Option<Vec<Option<f64>>>],
    settings: &TuneSettings,
    runs: usize,
) -> Vec<Tuned> {
    let lr = settings.grid.values();
    (0..runs)
        .map(|i| {
            let values = rows
                .iter()
                .map(|r| r.as_ref().and_then(|r| r.get(i).copied().flatten()))
                .collect();
            Tuned::new(settings.metric, lr.clone(), values)
        })
        .collect()
}

/// The curves of `tuned`, in the runs' colours of the window's theme, for the window (which lists
/// the runs beside it).
pub(super) fn chart(
    tuned: &[Tuned],
    runs: &[RunConfig],
    metric: Metric,
    title: &str,
    dark: bool,
) -> Chart {
    let named: Vec<(String, [u8; 3], &Tuned)> = tuned
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let run = runs.get(i);
            let label = run.map_or_else(String::new, RunConfig::label);
            (label, run.map_or([200; 3], |r| r.rgb_in(i, dark)), t)
        })
        .collect();
    let mut chart = curves::tuning(title, metric, &named);
    chart.legend = false;
    chart
}

impl Explorer {
    /// Starts tuning every run of `inputs` (its runs as [`tuned_runs`] gives them).
    pub(super) fn start_tune(&mut self, inputs: Inputs) {
        let (settings, runs) = match &inputs.tune {
            Some((settings, runs)) => (settings.clone(), runs.clone()),
            None => return,
        };
        let scenario = Scenario {
            surface: inputs.surface.clone(),
            net: inputs.net.clone(),
            steps: inputs.steps,
            tol: inputs.tol,
            runs: runs.clone(),
            ..Scenario::default()
        };
        self.inputs = Some(inputs);
        let plans = scenario.compile().map_err(|e| e.to_string()).and_then(|c| {
            c.runs
                .iter()
                .zip(&runs)
                .map(|(spec, run)| {
                    let params = run.optimizer.params();
                    TunePlan::new(spec, &params, &settings.grid, settings.metric)
                        .map_err(|e| e.to_string())
                })
                .collect::<Result<Vec<_>, _>>()
        });
        // Each run may be within the budget and all of them together not.
        let plans = plans.and_then(|plans| {
            tune::check_together(&plans)
                .map(|()| plans)
                .map_err(|e| e.to_string())
        });
        match plans {
            Ok(plans) if !plans.is_empty() => {
                let rates = settings.grid.values().len();
                let rows = TuneRows { plans, rates };
                let running = Running::start(rows, super::own_pool().ok());
                self.job = Some(Computing::Tune(running));
            }
            Ok(_) => self.error = Some("the scenario has no run to tune".to_owned()),
            Err(e) => self.error = Some(e),
        }
    }

    /// Each run's tuning as far as it has gone (empty before the tool runs).
    pub fn tuned(&self) -> &[Tuned] {
        &self.tuned
    }

    /// Whether every rate of the tuning is done, so its best rates can be used.
    pub fn tuning_done(&self) -> bool {
        let finished = self.progress().is_some_and(|(d, t)| d == t && t > 0);
        matches!(self.open, Some(super::Tool::Tune)) && !self.running() && finished
    }

    /// What "Use tuned rates" does: each run that has a best rate gets it, unless the run changed
    /// optimizer since, or a rolling ball decides its rate.
    pub(crate) fn use_tuned(&self, scenario: &Scenario) -> Vec<Action> {
        let Some((_, runs)) = self.inputs.as_ref().and_then(|i| i.tune.as_ref()) else {
            return Vec::new();
        };
        self.tuned
            .iter()
            .zip(runs)
            .enumerate()
            .filter_map(|(i, (t, tuned_run))| {
                let run = scenario.runs.get(i)?;
                let lr = t.best_lr()?;
                if run.optimizer.name != tuned_run.optimizer.name || run.physics.is_some() {
                    return None;
                }
                let mut optimizer = run.optimizer.clone();
                optimizer.set_float("lr", lr);
                Some(Action::SetOptimizer(i, Box::new(optimizer)))
            })
            .collect()
    }
}
