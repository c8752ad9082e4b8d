//! `optiscape trace`: one run, printed as a JSON trace object.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::args::{HyperArgs, SurfaceArgs, finite, flag_of, point};
use super::{Failure, write_json};
use optiscape_core::sim::{
    HyperParams, MAX_STEPS, Optimizer, OptimizerKind, RunSpec, SimError, Status, V2,
};

#[derive(Debug, Clone, Args)]
pub struct TraceArgs {
    /// Trace every run of a preset (a file or a built-in preset's name) and print a JSON array
    #[arg(long, value_name = "FILE", conflicts_with_all = ["surface", "optimizer", "start", "steps", "params", "expr"])]
    pub preset: Option<String>,
    /// Surface name (see `optiscape surfaces`)
    #[arg(long, value_name = "NAME", required_unless_present = "preset")]
    pub surface: Option<String>,
    /// Set a surface parameter, e.g. `--param kappa=50` (repeatable)
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = super::args::name_value)]
    pub params: Vec<(String, f64)>,
    /// f(x, y) of `--surface custom`, e.g. '(1-x)^2 + 100*(y-x^2)^2'
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub expr: Option<String>,
    /// Optimizer name (see `optiscape optimizers`)
    #[arg(long, value_name = "NAME", required_unless_present = "preset")]
    pub optimizer: Option<String>,
    /// Start point
    #[arg(long, value_name = "X,Y", value_parser = point, allow_hyphen_values = true, required_unless_present = "preset")]
    pub start: Option<V2>,
    /// Number of updates (at most 1000000)
    #[arg(long, value_name = "N", required_unless_present = "preset")]
    pub steps: Option<usize>,
    /// Standard deviation σ of Gaussian noise added to every gradient coordinate
    #[arg(long, value_name = "S", value_parser = finite, default_value_t = 0.0)]
    pub noise: f64,
    /// Samples per mini-batch (linreg, logreg); default: the full batch
    #[arg(long, value_name = "B")]
    pub batch_size: Option<usize>,
    /// Seed of the noise and of the mini-batch shuffling
    #[arg(long, value_name = "K", default_value_t = 0)]
    pub seed: u64,
    /// Stop when ‖∇f‖ < T
    #[arg(long, value_name = "T", value_parser = finite)]
    pub tol: Option<f64>,
    #[command(flatten)]
    pub hyper: HyperArgs,
}

/// The JSON trace object; a contract shared with scripts and `trace --preset`.
#[derive(Debug, Serialize)]
pub struct TraceJson {
    pub surface: String,
    pub optimizer: String,
    pub hyper: HyperParams,
    pub start: [f64; 2],
    pub points: Vec<[f64; 2]>,
    pub losses: Vec<f64>,
    pub status: Status,
    pub stopped_at: Option<usize>,
    /// With `--preset`: the run's name as the window shows it …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// … and its colour (`#rrggbb`) as drawn in the default dark theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

impl TraceJson {
    /// Runs `spec` and packs the result.
    pub fn of(spec: &RunSpec) -> Self {
        let trajectory = spec.run();
        Self {
            surface: spec.surface.kind().name().to_owned(),
            optimizer: spec.optimizer.kind().name().to_owned(),
            hyper: spec.optimizer.params(),
            start: [spec.start.x, spec.start.y],
            points: trajectory.points.iter().map(|p| [p.x, p.y]).collect(),
            losses: trajectory.losses,
            status: trajectory.status,
            stopped_at: trajectory.stopped_at,
            name: None,
            colour: None,
        }
    }
}

fn usage(e: &SimError) -> Failure {
    Failure::Usage(format!("{}: {e}", flag_of(e)))
}

/// Builds the run the flags describe, refusing anything the core refuses.
pub fn spec(a: &TraceArgs) -> Result<RunSpec, Failure> {
    let missing = |flag: &str| Failure::Usage(format!("{flag}: missing (or give --preset FILE)"));
    let surface = SurfaceArgs {
        surface: a.surface.clone().ok_or_else(|| missing("--surface"))?,
        params: a.params.clone(),
        expr: a.expr.clone(),
    };
    let surface = surface.build().map_err(Failure::Usage)?;
    let kind = OptimizerKind::from_name(
        a.optimizer
            .as_deref()
            .ok_or_else(|| missing("--optimizer"))?,
    )
    .map_err(|e| usage(&e))?;
    let optimizer = Optimizer::with_params(kind, &a.hyper.params()).map_err(|e| usage(&e))?;
    let steps = a.steps.ok_or_else(|| missing("--steps"))?;
    let start = a.start.ok_or_else(|| missing("--start"))?;
    if steps > MAX_STEPS {
        return Err(Failure::Usage(format!(
            "--steps: {steps} is over the cap of {MAX_STEPS} steps"
        )));
    }
    let spec = RunSpec {
        noise: a.noise,
        seed: a.seed,
        batch_size: a.batch_size,
        tol: a.tol,
        ..RunSpec::new(surface, optimizer, start, steps)
    };
    spec.validate().map_err(|e| usage(&e))?;
    Ok(spec)
}

pub fn run(a: &TraceArgs, out: &mut impl Write) -> Result<(), Failure> {
    if let Some(preset) = &a.preset {
        let flags = a.hyper.params();
        if flags != optiscape_core::sim::HyperParams::default()
            || a.batch_size.is_some()
            || a.tol.is_some()
            || a.noise != 0.0
            || a.seed != 0
        {
            return Err(Failure::Usage(
                "--preset: run settings come from the preset; drop the other flags".to_owned(),
            ));
        }
        let scenario = optiscape_files::resolve(preset)
            .map_err(|e| Failure::Usage(format!("--preset: {e}")))?;
        let compiled = scenario
            .compile()
            .map_err(|e| Failure::Usage(format!("--preset: {preset}: {e}")))?;
        let traces: Vec<TraceJson> = compiled
            .runs
            .iter()
            .zip(&scenario.runs)
            .enumerate()
            .map(|(i, (spec, run))| {
                let [r, g, b] = run.rgb_in(i, true);
                TraceJson {
                    name: Some(run.label()),
                    colour: Some(format!("#{r:02x}{g:02x}{b:02x}")),
                    ..TraceJson::of(spec)
                }
            })
            .collect();
        return write_json(out, &traces);
    }
    let spec = spec(a)?;
    write_json(out, &TraceJson::of(&spec))
}
