//! A whole network experiment, as the window, the exports and `optiscape net` share it: the data,
//! the network and its common start, one training run per optimizer, the plane through their
//! iterates, the loss over a grid of that plane, and every iterate's place on it. It is computed in
//! small units (a few dozen steps of a run, a row of the slice, a stretch of a run's slice values)
//! so the window can show its progress and a web page can compute it between frames.

use rayon::prelude::*;

mod preview;
pub use preview::Preview;
use preview::path_of;

use super::plane::{Plane, PlaneKind, grid};
use super::{DataKind, Dataset, Mlp, NetRun, Trainee, Training};
use crate::cost::NetSize;
use crate::sim::surface::sampled::Sampled;
use crate::sim::{Optimizer, Trajectory};

/// Most updates a network run may take: every iterate's weights are kept for the plane.
pub const MAX_NET_STEPS: usize = 20_000;
/// Most runs (optimizers) one experiment trains, as many as a scenario holds.
pub const MAX_NET_RUNS: usize = 64;

/// The data, the network and the slice.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    pub data: DataKind,
    pub samples: usize,
    /// σ of the Gaussian noise on the data's coordinates.
    pub data_noise: f64,
    /// Seed of the data, the start weights and the random plane.
    pub seed: u64,
    pub hidden: Vec<usize>,
    pub plane: PlaneKind,
    /// Grid points along each side of the slice.
    pub grid: usize,
    pub steps: usize,
}

/// One run: its optimizer and its mini-batches.
#[derive(Debug, Clone, PartialEq)]
pub struct RunPlan {
    pub optimizer: Optimizer,
    /// Samples per mini-batch; `None` is the full batch.
    pub batch: Option<usize>,
    /// Seed of the mini-batch draws.
    pub seed: u64,
}

/// An experiment to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    pub setup: Setup,
    pub runs: Vec<RunPlan>,
}

/// Everything computed: the training runs and the slice with every iterate on it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub net: Mlp,
    pub data: Dataset,
    pub plane: Plane,
    pub runs: Vec<NetRun>,
    /// The grid's coordinates along the plane's two directions.
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// The loss over the grid, rows in ascending y.
    pub values: Vec<Vec<f64>>,
    /// Per run, each iterate's plane coordinates and its distance from the plane.
    pub projected: Vec<Vec<([f64; 2], f64)>>,
    /// Per run, the loss at each iterate's projection into the plane.
    pub slice_losses: Vec<Vec<f64>>,
}

impl Experiment {
    /// Why this experiment cannot be computed, if it cannot: the setting (`data_noise`) and a
    /// sentence.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        let s = &self.setup;
        if s.steps > MAX_NET_STEPS {
            return Err(("steps", format!("at most {MAX_NET_STEPS}, not {}", s.steps)));
        }
        if !(2..=10_000).contains(&s.samples) {
            return Err(("samples", format!("from 2 to 10000, not {}", s.samples)));
        }
        if !(s.data_noise.is_finite() && (0.0..=10.0).contains(&s.data_noise)) {
            return Err(("data_noise", format!("from 0 to 10, not {}", s.data_noise)));
        }
        if s.hidden.is_empty()
            || s.hidden.len() > 4
            || s.hidden.iter().any(|h| !(1..=64).contains(h))
        {
            return Err(("hidden", "1 to 4 layers, each 1 to 64 wide".to_owned()));
        }
        if !(3..=201).contains(&s.grid) {
            return Err(("grid", format!("from 3 to 201, not {}", s.grid)));
        }
        if s.plane == PlaneKind::Endpoints && self.runs.len() != 2 {
            return Err((
                "plane",
                format!(
                    "endpoints needs exactly two optimizers, not {}",
                    self.runs.len()
                ),
            ));
        }
        if let Some(b) = self.runs.iter().find_map(|r| r.batch.filter(|&b| b == 0)) {
            return Err(("batch_size", format!("at least 1, not {b}")));
        }
        if self.runs.len() > MAX_NET_RUNS {
            return Err((
                "optimizer",
                format!(
                    "{} runs, one per optimizer; at most {MAX_NET_RUNS}",
                    self.runs.len()
                ),
            ));
        }
        // Every iterate's weights kept, the training, the plane and the slice within the one
        // budget (crate::cost).
        self.size().check().map_err(|over| ("steps", over.message))
    }

    /// The sizes the experiment's cost depends on ([`crate::cost`]).
    pub fn size(&self) -> NetSize {
        let s = &self.setup;
        NetSize {
            runs: self.runs.len(),
            steps: s.steps,
            params: Mlp::new(&s.hidden).params(),
            neurons: s.hidden.iter().sum(),
            samples: s.samples,
            // One full-batch run costs the most per step.
            batch: self
                .runs
                .iter()
                .map(|r| r.batch)
                .collect::<Option<Vec<usize>>>()
                .and_then(|b| b.into_iter().max()),
            grid: s.grid,
            pca: s.plane == PlaneKind::Pca,
        }
    }

    /// The whole experiment at once (on every core).
    pub fn compute(&self) -> Outcome {
        let mut work = Computation::new(self.clone());
        while work.done() < work.total() {
            work.advance(rayon::current_num_threads().max(1));
        }
        work.finish()
    }
}

/// An experiment part-way computed: first the runs, a few steps at a time, then the slice's rows,
/// then each run's values on the slice.
pub struct Computation {
    experiment: Experiment,
    net: Mlp,
    data: Dataset,
    start: Vec<f64>,
    /// The runs while they train, and once every one has finished, what they recorded.
    trainees: Vec<Trainee>,
    runs: Vec<NetRun>,
    /// Iterates a run records per unit of work.
    chunk: usize,
    frame: Option<Frame>,
    rows: Vec<Vec<f64>>,
    slice_losses: Vec<Vec<f64>>,
}

/// Multiply-adds in one unit of training: about 10 ms of a web page's frame.
const UNIT_WORK: usize = 1_500_000;

/// The plane and its grid, fixed once the runs are trained.
struct Frame {
    plane: Plane,
    xs: Vec<f64>,
    ys: Vec<f64>,
    projected: Vec<Vec<([f64; 2], f64)>>,
}

impl Computation {
    /// Makes the data, the network and the common start.
    pub fn new(experiment: Experiment) -> Self {
        let s = &experiment.setup;
        let net = Mlp::new(&s.hidden);
        let data = Dataset::generate(s.data, s.samples, s.data_noise, s.seed);
        let start = net.init(s.seed);
        let chunk = (UNIT_WORK / (net.params() * data.len()).max(1)).max(1);
        let mut work = Self {
            experiment,
            net,
            data,
            start,
            trainees: Vec::new(),
            runs: Vec::new(),
            chunk,
            frame: None,
            rows: Vec::new(),
            slice_losses: Vec::new(),
        };
        work.trainees = work
            .experiment
            .runs
            .iter()
            .map(|plan| {
                training(&work.net, &work.data, &work.start, &work.experiment, plan).begin()
            })
            .collect();
        work
    }

    /// Units of training in one run.
    fn run_units(&self) -> usize {
        (self.experiment.setup.steps + 1).div_ceil(self.chunk)
    }

    /// Iterates whose slice value is found per unit: a loss without its gradient costs about a
    /// third of a training step.
    fn slice_chunk(&self) -> usize {
        3 * self.chunk
    }

    /// Units of slice values in one run.
    fn slice_units(&self) -> usize {
        (self.experiment.setup.steps + 1).div_ceil(self.slice_chunk())
    }

    /// Units in all: a run's steps a chunk each, a row of the grid each, and a run's slice values
    /// a chunk each.
    pub fn total(&self) -> usize {
        let n = self.experiment.runs.len();
        n * (self.run_units() + self.slice_units()) + self.experiment.setup.grid
    }

    /// Units done.
    pub fn done(&self) -> usize {
        let trained = if self.trainees.is_empty() {
            self.runs.len() * self.run_units()
        } else {
            self.trainees
                .iter()
                .map(|t| t.recorded().div_ceil(self.chunk))
                .sum()
        };
        let sliced: usize = self
            .slice_losses
            .iter()
            .map(|l| l.len().div_ceil(self.slice_chunk()))
            .sum();
        trained + self.rows.len() + sliced
    }

    /// Computes up to `units` more units of the current stage in parallel; returns units done.
    pub fn advance(&mut self, units: usize) -> usize {
        let units = units.max(1);
        let n = self.experiment.runs.len();
        if !self.trainees.is_empty() {
            let total = self.experiment.setup.steps + 1;
            let next: Vec<usize> = (0..n)
                .filter(|&i| self.trainees[i].recorded() < total)
                .take(units)
                .collect();
            let mut trainees = std::mem::take(&mut self.trainees);
            let (net, data, start, experiment) =
                (&self.net, &self.data, &self.start, &self.experiment);
            let chunk = self.chunk;
            trainees
                .par_iter_mut()
                .zip(&experiment.runs)
                .enumerate()
                .filter(|(i, _)| next.contains(i))
                .for_each(|(_, (t, plan))| {
                    training(net, data, start, experiment, plan).resume(&plan.optimizer, t, chunk);
                });
            if trainees.iter().all(|t| t.recorded() >= total) {
                self.runs = trainees.into_iter().map(Trainee::finish).collect();
                self.frame = Some(self.frame());
            } else {
                self.trainees = trainees;
            }
            return self.done();
        }
        let Some(frame) = &self.frame else {
            self.frame = Some(self.frame());
            return self.done();
        };
        if self.rows.len() < frame.ys.len() {
            let at = self.rows.len();
            let end = (at + units).min(frame.ys.len());
            let (net, data) = (&self.net, &self.data);
            let fresh: Vec<Vec<f64>> = frame.ys[at..end]
                .par_iter()
                .map(|&b| {
                    frame
                        .xs
                        .iter()
                        .map(|&a| net.loss(&frame.plane.point(a, b), data))
                        .collect()
                })
                .collect();
            self.rows.extend(fresh);
        } else {
            self.slice_losses.resize_with(n, Vec::new);
            let next: Vec<usize> = (0..n)
                .filter(|&i| self.slice_losses[i].len() < frame.projected[i].len())
                .take(units)
                .collect();
            let (net, data, chunk) = (&self.net, &self.data, self.slice_chunk());
            self.slice_losses
                .par_iter_mut()
                .zip(&frame.projected)
                .enumerate()
                .filter(|(i, _)| next.contains(i))
                .for_each(|(_, (losses, proj))| {
                    let at = losses.len();
                    let end = (at + chunk).min(proj.len());
                    losses.extend(
                        proj[at..end]
                            .iter()
                            .map(|(p, _)| net.loss(&frame.plane.point(p[0], p[1]), data)),
                    );
                });
        }
        self.done()
    }

    /// The plane the setup asks for through the trained runs, and a grid holding every iterate.
    fn frame(&self) -> Frame {
        let start = &self.start;
        let end = |k: usize| {
            self.runs
                .get(k)
                .and_then(|r| r.weights.last())
                .unwrap_or(start)
        };
        // A diverged first run cannot centre the plane; its start can.
        let centre = Some(end(0))
            .filter(|w| w.iter().all(|v| v.is_finite()))
            .unwrap_or(start);
        let kind = self.experiment.setup.plane;
        let plane = match kind {
            PlaneKind::Pca => {
                let all: Vec<&[Vec<f64>]> =
                    self.runs.iter().map(|r| r.weights.as_slice()).collect();
                Plane::pca(&all, centre)
            }
            PlaneKind::Random => Plane::random(&self.net, centre, self.experiment.setup.seed),
            PlaneKind::Endpoints => Plane::endpoints(start, end(0), end(1)),
        };
        let projected: Vec<Vec<([f64; 2], f64)>> = self
            .runs
            .par_iter()
            .map(|r| r.weights.iter().map(|w| plane.project(w)).collect())
            .collect();
        // One range for both directions: the map shows them at the same scale.
        let coords = projected.iter().flatten().flat_map(|(p, _)| *p);
        let xs = side(kind, coords, self.experiment.setup.grid);
        let ys = xs.clone();
        Frame {
            plane,
            xs,
            ys,
            projected,
        }
    }

    /// The finished experiment (computing whatever is left).
    pub fn finish(mut self) -> Outcome {
        while self.done() < self.total() {
            self.advance(rayon::current_num_threads().max(1));
        }
        let frame = match self.frame.take() {
            Some(f) => f,
            None => self.frame(),
        };
        Outcome {
            net: self.net,
            data: self.data,
            plane: frame.plane,
            runs: self.runs,
            xs: frame.xs,
            ys: frame.ys,
            values: self.rows,
            projected: frame.projected,
            slice_losses: self.slice_losses,
        }
    }
}

/// How the run `plan` of `experiment` trains.
fn training<'a>(
    net: &'a Mlp,
    data: &'a Dataset,
    start: &'a [f64],
    experiment: &Experiment,
    plan: &RunPlan,
) -> Training<'a> {
    Training {
        net,
        data,
        start,
        steps: experiment.setup.steps,
        batch: plan.batch,
        seed: plan.seed,
    }
}

/// The grid along each side, holding every coordinate in `coords`: symmetric about the plane's
/// origin for PCA and random planes (so an odd grid has the origin in its middle), around the
/// start and the ends for the endpoints plane.
fn side(kind: PlaneKind, coords: impl Iterator<Item = f64> + Clone, n: usize) -> Vec<f64> {
    let finite = coords.filter(|v| v.is_finite());
    match kind {
        PlaneKind::Pca | PlaneKind::Random => {
            let reach = finite.fold(0.0f64, |m, v| m.max(v.abs()));
            let r = if reach > 0.0 { 1.2 * reach } else { 1.0 };
            grid(-r, r, n)
        }
        PlaneKind::Endpoints => {
            let (lo, hi) = finite.fold((0.0f64, 1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
            let margin = 0.2 * (hi - lo);
            grid(lo - margin, hi + margin, n)
        }
    }
}

impl Outcome {
    /// What the slice is, as the window and the exports say it.
    pub fn caption(&self) -> String {
        format!("2-D slice of a {}-dimensional landscape", self.net.params())
    }

    /// The slice as a surface to draw: the loss over the grid, between its points interpolated.
    pub fn surface_grid(&self) -> Option<Sampled> {
        Sampled::new(self.xs.clone(), self.ys.clone(), &self.values)
    }

    /// Run `run`'s weights at `step` (its last iterate beyond its end).
    pub fn weights(&self, run: usize, step: usize) -> Option<&[f64]> {
        let w = &self.runs.get(run)?.weights;
        w.get(step.min(w.len().checked_sub(1)?)).map(Vec::as_slice)
    }

    /// Run `run`'s path over the slice: each iterate's projection with the slice's value there (so
    /// a ball sits on the surface drawn) or, with `training`, its full-data loss. A diverged run
    /// ends at its first iterate whose loss is not finite.
    pub fn path(&self, run: usize, training: bool) -> Trajectory {
        let (Some(r), Some(projected), Some(slice)) = (
            self.runs.get(run),
            self.projected.get(run),
            self.slice_losses.get(run),
        ) else {
            return Trajectory::default();
        };
        path_of(r, projected, if training { &r.losses } else { slice })
    }
}
