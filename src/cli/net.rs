//! `optiscape net`: optimizers training a small network on 2-D data, and the 2-D slice of its loss
//! landscape they are drawn on, as one JSON object.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::args::finite;
use super::{Failure, write_json};
use optiscape_core::sim::net::DataKind;
use optiscape_core::sim::net::experiment::{Experiment, RunPlan, Setup};
use optiscape_core::sim::net::plane::PlaneKind;
use optiscape_core::sim::{HyperParams, Optimizer, OptimizerKind};

#[derive(Debug, Clone, Args)]
pub struct NetArgs {
    /// Data set: moons, circles, xor or spiral
    #[arg(long, value_name = "NAME", default_value = "moons")]
    pub data: String,
    /// Optimizers, comma-separated (see `optiscape optimizers`); all start from the same weights
    #[arg(
        long,
        value_name = "NAME[,NAME…]",
        value_delimiter = ',',
        required = true
    )]
    pub optimizer: Vec<String>,
    /// Learning rates: one for every optimizer, or one each
    #[arg(long, value_name = "LR[,LR…]", value_delimiter = ',', value_parser = finite)]
    pub lr: Vec<f64>,
    /// Updates per run (at most 20000)
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub steps: usize,
    /// Seed of the data, the start weights, the mini-batches and the random plane
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub seed: u64,
    /// Points in the data set (2 to 10000)
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub samples: usize,
    /// Standard deviation of the Gaussian noise on the data's coordinates
    #[arg(long, value_name = "S", value_parser = finite, default_value_t = 0.1)]
    pub data_noise: f64,
    /// Samples per mini-batch; default: the full batch
    #[arg(long, value_name = "B")]
    pub batch_size: Option<usize>,
    /// Hidden layer widths, comma-separated (up to 4 layers of 1 to 64)
    #[arg(
        long,
        value_name = "H[,H…]",
        value_delimiter = ',',
        default_value = "8,8"
    )]
    pub hidden: Vec<usize>,
    /// The slice: pca (of all runs' iterates), random (filter-normalised) or endpoints (through
    /// the start and two runs' ends; needs exactly two optimizers)
    #[arg(long, value_name = "PLANE", default_value = "pca")]
    pub plane: String,
    /// Grid points along each side of the slice (3 to 201)
    #[arg(long, value_name = "N", default_value_t = 41)]
    pub grid: usize,
}

/// One run: its optimizer, learning rate, and per iterate the full-data loss, the training
/// accuracy, its plane coordinates, the slice's value there and its distance from the plane.
#[derive(Debug, Serialize)]
pub struct NetRunJson {
    pub optimizer: String,
    pub lr: f64,
    pub losses: Vec<f64>,
    pub accuracy: Vec<f64>,
    pub path: Vec<[f64; 2]>,
    pub slice_losses: Vec<f64>,
    pub off_plane: Vec<f64>,
}

/// The slice: its plane, the grid's coordinates, and the loss in rows of ascending y.
#[derive(Debug, Serialize)]
pub struct SliceJson {
    pub plane: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explained_variance: Option<[f64; 2]>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub values: Vec<Vec<f64>>,
}

/// The object `optiscape net` prints; a contract shared with scripts.
#[derive(Debug, Serialize)]
pub struct NetJson {
    pub data: String,
    pub samples: usize,
    pub hidden: Vec<usize>,
    pub params: usize,
    pub runs: Vec<NetRunJson>,
    pub slice: SliceJson,
}

fn usage(s: impl Into<String>) -> Failure {
    Failure::Usage(s.into())
}

/// Checks the flags and builds the optimizers.
fn optimizers(a: &NetArgs) -> Result<Vec<Optimizer>, Failure> {
    let lrs = match a.lr.len() {
        0 => vec![None; a.optimizer.len()],
        1 => vec![a.lr.first().copied(); a.optimizer.len()],
        n if n == a.optimizer.len() => a.lr.iter().copied().map(Some).collect(),
        n => {
            return Err(usage(format!(
                "--lr: {n} learning rates for {} optimizers; give one, or one each",
                a.optimizer.len()
            )));
        }
    };
    a.optimizer
        .iter()
        .zip(lrs)
        .map(|(name, lr)| {
            let kind = OptimizerKind::from_name(name.trim())
                .map_err(|e| usage(format!("--optimizer: {e}")))?;
            let mut params = HyperParams::default();
            if let Some(lr) = lr {
                params = params.with("lr", lr);
            }
            Optimizer::with_params(kind, &params).map_err(|e| usage(format!("--lr: {e}")))
        })
        .collect()
}

pub fn run(a: &NetArgs, out: &mut impl Write) -> Result<(), Failure> {
    let kind = DataKind::from_name(&a.data).ok_or_else(|| {
        usage(format!(
            "--data: `{}` is not moons, circles, xor or spiral",
            a.data
        ))
    })?;
    let plane_kind = PlaneKind::from_name(&a.plane).ok_or_else(|| {
        usage(format!(
            "--plane: `{}` is not pca, random or endpoints",
            a.plane
        ))
    })?;
    let optimizers = optimizers(a)?;
    let experiment = Experiment {
        setup: Setup {
            data: kind,
            samples: a.samples,
            data_noise: a.data_noise,
            seed: a.seed,
            hidden: a.hidden.clone(),
            plane: plane_kind,
            grid: a.grid,
            steps: a.steps,
        },
        runs: optimizers
            .iter()
            .map(|&optimizer| RunPlan {
                optimizer,
                batch: a.batch_size,
                seed: a.seed,
            })
            .collect(),
    };
    experiment
        .check()
        .map_err(|(field, e)| usage(format!("--{}: {e}", field.replace('_', "-"))))?;
    let done = experiment.compute();
    let runs = done
        .runs
        .into_iter()
        .zip(&optimizers)
        .zip(done.projected)
        .zip(done.slice_losses)
        .map(|(((r, o), proj), slice_losses)| NetRunJson {
            optimizer: o.kind().name().to_owned(),
            lr: o.lr(),
            losses: r.losses,
            accuracy: r.accuracy,
            slice_losses,
            off_plane: proj.iter().map(|(_, d)| *d).collect(),
            path: proj.into_iter().map(|(p, _)| p).collect(),
        })
        .collect();
    let json = NetJson {
        data: kind.name().to_owned(),
        samples: a.samples,
        hidden: a.hidden.clone(),
        params: done.net.params(),
        runs,
        slice: SliceJson {
            plane: plane_kind.name().to_owned(),
            explained_variance: done.plane.explained,
            x: done.xs,
            y: done.ys,
            values: done.values,
        },
    };
    write_json(out, &json)
}
