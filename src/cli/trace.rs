//! `optiscape trace`: one run, printed as a JSON trace object.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::args::{HyperArgs, SurfaceArgs, finite, flag_of, point};
use super::{Failure, write_json};
use crate::sim::{HyperParams, MAX_STEPS, Optimizer, OptimizerKind, RunSpec, SimError, Status, V2};

#[derive(Debug, Clone, Args)]
pub struct TraceArgs {
    #[command(flatten)]
    pub surface: SurfaceArgs,
    /// Optimizer name (see `optiscape optimizers`)
    #[arg(long, value_name = "NAME")]
    pub optimizer: String,
    /// Start point
    #[arg(long, value_name = "X,Y", value_parser = point, allow_hyphen_values = true)]
    pub start: V2,
    /// Number of updates (at most 1000000)
    #[arg(long, value_name = "N")]
    pub steps: usize,
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
        }
    }
}

fn usage(e: &SimError) -> Failure {
    Failure::Usage(format!("{}: {e}", flag_of(e)))
}

/// Builds the run the flags describe, refusing anything the core refuses.
pub fn spec(a: &TraceArgs) -> Result<RunSpec, Failure> {
    let surface = a.surface.build().map_err(Failure::Usage)?;
    let kind = OptimizerKind::from_name(&a.optimizer).map_err(|e| usage(&e))?;
    let optimizer = Optimizer::with_params(kind, &a.hyper.params()).map_err(|e| usage(&e))?;
    if a.steps > MAX_STEPS {
        return Err(Failure::Usage(format!(
            "--steps: {} is over the cap of {MAX_STEPS} steps",
            a.steps
        )));
    }
    let spec = RunSpec {
        noise: a.noise,
        seed: a.seed,
        batch_size: a.batch_size,
        tol: a.tol,
        ..RunSpec::new(surface, optimizer, a.start, a.steps)
    };
    spec.validate().map_err(|e| usage(&e))?;
    Ok(spec)
}

pub fn run(a: &TraceArgs, out: &mut impl Write) -> Result<(), Failure> {
    let spec = spec(a)?;
    write_json(out, &TraceJson::of(&spec))
}
