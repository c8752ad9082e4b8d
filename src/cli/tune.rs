//! `optiscape tune`: a fair race. For each run of a preset, the learning rate on a log grid that
//! reaches the tolerance on ‖∇f‖ in the fewest steps (or gives the lowest final loss), as JSON or as
//! a picture of the metric over the rates.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::Failure;
use super::args::flag_of;
use super::many::{self, MetricArg};
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::sweep::{Axis, Metric};
use optiscape_core::sim::tune::{self, TunePlan, Tuned};
use optiscape_core::work::Progress;
use optiscape_picture::curves;

#[derive(Debug, Clone, Args)]
pub struct TuneArgs {
    /// A preset file, the name of a built-in preset, or a link
    #[arg(value_name = "PRESET")]
    pub preset: String,
    /// Only this run, numbered from 0 in preset order (default: every run)
    #[arg(long, value_name = "N")]
    pub run: Option<usize>,
    /// What makes a rate best: the fewest steps until ‖∇f‖ < tol (the preset's, else 1e-6), or the
    /// lowest final loss
    #[arg(long, value_enum, default_value = "steps_to_tol")]
    pub metric: MetricArg,
    /// The rates: MIN:MAX:COUNT, log-spaced, both ends included
    #[arg(long, value_name = "MIN:MAX:COUNT", default_value = "1e-5:1:61", value_parser = tune::parse_grid)]
    pub lr: Axis,
    /// Steps of every run (default: the preset's)
    #[arg(long, value_name = "S")]
    pub steps: Option<usize>,
    /// Output: .png, .svg or .json
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Picture size in pixels
    #[arg(long, value_name = "WxH", default_value = "1000x800", value_parser = super::render::size)]
    pub size: (u32, u32),
    /// Colours of the picture: the window's dark or light theme
    #[arg(long, value_name = "THEME", default_value = "dark", value_parser = ["dark", "light"])]
    pub theme: String,
}

/// `optiscape tune`.
pub fn run(a: &TuneArgs) -> Result<(), Failure> {
    let output = many::Output::of(&a.output)?;
    let (scenario, specs) = many::runs_of(&a.preset, a.steps)?;
    let chosen: Vec<usize> = match a.run {
        Some(n) if n >= specs.len() => {
            return Err(many::no_such_run(&a.preset, specs.len(), n));
        }
        Some(n) => vec![n],
        None => (0..specs.len()).collect(),
    };
    let metric = Metric::from(a.metric);
    let plans = chosen
        .iter()
        .map(|&i| {
            // The settings the run really has (a rolling ball decides its momentum).
            let mut config = scenario.runs[i].clone();
            config.settle();
            TunePlan::new(&specs[i], &config.optimizer.params(), &a.lr, metric)
                .map_err(|e| Failure::Usage(format!("{}: run {i}: {e}", flag_of(&e))))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Each run may be within the budget and all of them together not.
    tune::check_together(&plans).map_err(|e| Failure::Usage(format!("--steps: {e}")))?;
    let mut tuned = Vec::with_capacity(chosen.len());
    for (&i, plan) in chosen.iter().zip(&plans) {
        let t = plan
            .compute(&Progress::default())
            .ok_or_else(many::cancelled)?;
        tuned.push((i, t));
    }
    if output == many::Output::Json {
        return many::write_json(&a.output, &report(&scenario, metric, &a.lr, &tuned));
    }
    let runs: Vec<(String, [u8; 3], &Tuned)> = tuned
        .iter()
        .map(|(i, t)| {
            let run = &scenario.runs[*i];
            (run.label(), run.rgb(*i), t)
        })
        .collect();
    let title = format!("{}: {} by learning rate", scenario.title, metric.title());
    let chart = curves::tuning(&title, metric, &runs);
    let picture = curves::picture(&chart, a.size.0, a.size.1, many::theme(&a.theme));
    many::write_picture(&picture, output, &a.output)
}

/// The JSON of the issue: the metric's name, the grid, and per run its best rate and value and the
/// value at every rate (`null` where the run diverged or never reached the tolerance).
fn report(
    scenario: &Scenario,
    metric: Metric,
    grid: &Axis,
    tuned: &[(usize, Tuned)],
) -> serde_json::Value {
    let runs: Vec<serde_json::Value> = tuned
        .iter()
        .map(|(i, t)| {
            let run = &scenario.runs[*i];
            json!({
                "run": i,
                "name": run.label(),
                "optimizer": run.optimizer.name,
                "best_lr": t.best_lr(),
                "best": t.best_value(),
                "values": t.values,
            })
        })
        .collect();
    json!({
        "metric": metric.name(),
        "lr": grid.values(),
        "runs": runs,
    })
}
