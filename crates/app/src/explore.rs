//! Tools → Hyper-parameter sweep…, Basin map… and Tune learning rate…: many copies of one run (or of
//! every run, for the tuning: [`tune`]) computed as a background [`Job`] a few rows at a time (rayon
//! inside, on a pool of its own), the picture filling in row by row with a progress bar and a Cancel
//! button.
//! Clicking a sweep cell gives the run those hyper-parameters; clicking a basin cell moves its start.
//! The picture recomputes by itself whenever its settings, the run or the surface change.

use std::time::Duration;

use egui::TextureHandle;
use tiny_skia::Pixmap;

use super::Action;
use crate::jobs::{Job, Outcome, Progress, Work};
use optiscape_core::scenario::{
    BasinSettings, OptimizerConfig, RunConfig, Scenario, SurfaceConfig,
};
use optiscape_core::sim::surface::View;
use optiscape_core::sim::sweep::{self, Basin, BasinMap, BasinPlan, SweepPlan, SweepResult};
use optiscape_core::sim::tune::Tuned;
use optiscape_core::sim::{RunSpec, V2};
use optiscape_core::work::rows::{Row, RowPlan, Rows};
use optiscape_picture::curves::{self, Chart};
use optiscape_picture::grid::{self, GridPicture};
use optiscape_picture::picture::Theme;

mod tune;
pub use tune::TuneSettings;

/// Size of the tool pictures, in pixels (shown scaled to the window).
pub(super) const PICTURE: (u32, u32) = (900, 720);
/// Cells not computed yet.
const PENDING: [u8; 3] = [60, 60, 60];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Sweep,
    Basins,
    Tune,
}

impl Tool {
    pub fn title(self) -> &'static str {
        match self {
            Self::Sweep => "Hyper-parameter sweep",
            Self::Basins => "Basin map",
            Self::Tune => "Tune learning rate",
        }
    }
}

/// Everything a result depends on: when it changes, the tool computes again.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Inputs {
    tool: Tool,
    sweep: optiscape_core::scenario::SweepSettings,
    basins: BasinSettings,
    run: Option<RunConfig>,
    surface: SurfaceConfig,
    /// A network scenario's section: the tools run on 2-D surfaces and refuse it.
    net: Option<optiscape_core::scenario::NetConfig>,
    steps: usize,
    tol: Option<f64>,
    view: View,
    /// The tuning's settings and every run as it sees them.
    tune: Option<(TuneSettings, Vec<RunConfig>)>,
}

impl Inputs {
    pub(super) fn of(s: &Scenario, tool: Tool, tuning: &TuneSettings) -> Self {
        // The tuning is of every run, not of one.
        let run = match tool {
            Tool::Sweep => s.runs.get(s.sweep.run),
            Tool::Basins => s.runs.get(s.basins.run),
            Tool::Tune => None,
        };
        Self {
            tool,
            sweep: s.sweep.clone(),
            basins: s.basins.clone(),
            run: run.cloned(),
            surface: s.surface.clone(),
            net: s.net.clone(),
            steps: s.steps,
            tol: s.tol,
            view: s.view_or_default(),
            tune: (tool == Tool::Tune).then(|| (tuning.clone(), tune::tuned_runs(s))),
        }
    }
}

/// A tool's rows on the pool of its own ([`own_pool`]), or on rayon's where none could start.
struct Pooled<W> {
    work: W,
    pool: Option<rayon::ThreadPool>,
}

impl<W: Work> Work for Pooled<W> {
    type Output = W::Output;
    type Piece = W::Piece;

    fn total(&self) -> usize {
        self.work.total()
    }

    fn advance(&mut self, pieces: &mut Vec<W::Piece>) -> usize {
        let work = &mut self.work;
        match &self.pool {
            Some(pool) => pool.install(|| work.advance(pieces)),
            None => work.advance(pieces),
        }
    }

    fn finish(self: Box<Self>) -> W::Output {
        Box::new(self.work).finish()
    }
}

/// A tool's rows as far as they have come, and the job computing the rest.
struct Running<C: Send + 'static> {
    job: Job<(), Row<C>>,
    /// `None` where a row has not arrived yet.
    rows: Vec<Option<Vec<C>>>,
    /// Set when rows arrive (and at the start, for the empty picture), cleared when it is redrawn.
    fresh: bool,
}

impl<C: Send + 'static> Running<C> {
    /// Starts computing `plan`'s rows as a job, on `pool` where there is one.
    fn start<P: RowPlan<Cell = C> + 'static>(plan: P, pool: Option<rayon::ThreadPool>) -> Self {
        let rows = std::iter::repeat_with(|| None).take(plan.rows()).collect();
        let job = Job::start(Pooled {
            work: Rows::new(plan),
            pool,
        });
        Self {
            job,
            rows,
            fresh: true,
        }
    }
}

/// What the window asks of a tool's job, whatever its cells.
trait Watched {
    fn progress(&self) -> &Progress;
    fn running(&self) -> bool;
    /// Moves the job on and puts the rows that arrived in place; says why it failed, if it did.
    fn poll(&mut self) -> Option<String>;
    /// Whether rows arrived since the last call.
    fn take_fresh(&mut self) -> bool;
}

impl<C: Send + 'static> Watched for Running<C> {
    fn progress(&self) -> &Progress {
        self.job.progress()
    }

    fn running(&self) -> bool {
        self.job.running()
    }

    fn poll(&mut self) -> Option<String> {
        let ended = self.job.poll(Duration::from_millis(8));
        for row in self.job.take_pieces() {
            if let Some(slot) = self.rows.get_mut(row.index) {
                *slot = Some(row.cells);
                self.fresh = true;
            }
        }
        match ended {
            Some(Outcome::Failed(e)) => Some(e),
            _ => None,
        }
    }

    fn take_fresh(&mut self) -> bool {
        std::mem::take(&mut self.fresh)
    }
}

/// The running tool's rows.
enum Computing {
    Sweep(Running<Option<f64>>),
    /// With the known minima and the runs' steps, which the picture shows.
    Basins(Running<Basin>, Vec<V2>, usize),
    /// Per rate, every run's value.
    Tune(Running<Option<f64>>),
}

impl Computing {
    fn watched(&self) -> &dyn Watched {
        match self {
            Self::Sweep(r) | Self::Tune(r) => r,
            Self::Basins(r, ..) => r,
        }
    }

    fn watched_mut(&mut self) -> &mut dyn Watched {
        match self {
            Self::Sweep(r) | Self::Tune(r) => r,
            Self::Basins(r, ..) => r,
        }
    }
}

/// The open tool window, its running job and its picture.
#[derive(Default)]
pub struct Explorer {
    pub open: Option<Tool>,
    pub(super) inputs: Option<Inputs>,
    job: Option<Computing>,
    /// The last error (an axis the optimizer does not take, say).
    pub error: Option<String>,
    pub(super) picture: Option<GridPicture>,
    /// The tuning's curves, where a grid picture would be.
    chart: Option<Chart>,
    pub(super) texture: Option<TextureHandle>,
    /// What the tuning measures, over which rates.
    pub tune: TuneSettings,
    /// Each run's tuning as far as it has gone.
    tuned: Vec<Tuned>,
    /// The window's theme, which the tuning's curves are drawn in.
    dark: bool,
}

impl Explorer {
    /// Rows done and all rows of the current computation.
    pub fn progress(&self) -> Option<(usize, usize)> {
        Some(self.job.as_ref()?.watched().progress().get())
    }

    /// Whether a computation is still running.
    pub fn running(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.watched().running())
    }

    pub fn cancel(&mut self) {
        if let Some(job) = &self.job {
            job.watched().progress().cancel();
        }
    }

    /// The picture as it is now (partial while running).
    pub fn picture(&self) -> Option<&GridPicture> {
        self.picture.as_ref()
    }

    pub(super) fn start(&mut self, inputs: Inputs) {
        self.cancel();
        self.error = None;
        self.picture = None;
        self.chart = None;
        self.tuned.clear();
        self.job = None;
        let started = match inputs.tool {
            Tool::Tune => return self.start_tune(inputs),
            Tool::Sweep => run_of(&inputs).and_then(|spec| sweep_job(&inputs, spec)),
            Tool::Basins => run_of(&inputs).and_then(|spec| basin_job(&inputs, spec)),
        };
        self.inputs = Some(inputs);
        match started {
            Ok(job) => self.job = Some(job),
            Err(e) => self.error = Some(e),
        }
    }

    /// Follows the window's theme: the tuning's curves are drawn again in it.
    pub(super) fn follow_theme(&mut self, dark: bool, title: &str, runs: &[RunConfig]) {
        if self.dark == dark {
            return;
        }
        self.dark = dark;
        if self.chart.is_some()
            && let Some((settings, _)) = self.inputs.as_ref().and_then(|i| i.tune.as_ref())
        {
            self.chart = Some(tune::chart(&self.tuned, runs, settings.metric, title, dark));
        }
        self.texture = None;
    }

    /// Collects a failed job's error and redraws the picture if rows arrived (`runs` name and
    /// colour the tuning's curves).
    pub(super) fn poll(&mut self, title: &str, runs: &[RunConfig]) {
        let Some(job) = &mut self.job else { return };
        if let Some(e) = job.watched_mut().poll() {
            self.error = Some(e);
        }
        if !job.watched_mut().take_fresh() {
            return;
        }
        let Some(inputs) = &self.inputs else { return };
        self.picture = match job {
            Computing::Sweep(r) => Some(sweep_partial(&inputs.sweep, &r.rows, title)),
            Computing::Basins(r, minima, steps) => Some(basin_partial(
                inputs.view,
                &r.rows,
                minima.clone(),
                *steps,
                title,
            )),
            Computing::Tune(r) => {
                if let Some((settings, _)) = &inputs.tune {
                    self.tuned = tune::results(&r.rows, settings, runs.len());
                    let chart = tune::chart(&self.tuned, runs, settings.metric, title, self.dark);
                    self.chart = Some(chart);
                }
                None
            }
        };
        self.texture = None;
    }

    /// The picture painted at the tool's size (the tuning's curves in the window's theme).
    pub fn draw(&self) -> Option<Pixmap> {
        match (&self.picture, &self.chart) {
            (Some(pic), _) => grid::draw(pic, PICTURE.0, PICTURE.1),
            (None, Some(chart)) => {
                curves::draw(chart, PICTURE.0, PICTURE.1, Theme { dark: self.dark })
            }
            (None, None) => None,
        }
    }

    /// What clicking picture cell (`col`, `row` from the top) does.
    pub(super) fn clicked(&self, col: usize, row: usize, scenario: &Scenario) -> Option<Action> {
        let inputs = self.inputs.as_ref()?;
        match inputs.tool {
            Tool::Sweep => {
                let s = &inputs.sweep;
                let (xs, ys) = (s.x.values(), s.y.values());
                let (vx, vy) = (*xs.get(col)?, *ys.get(s.y.count.checked_sub(row + 1)?)?);
                let run = scenario.runs.get(s.run)?;
                let kind =
                    optiscape_core::sim::OptimizerKind::from_name(&run.optimizer.name).ok()?;
                let mut params = run.optimizer.params();
                sweep::set_axis(kind, &mut params, &s.x.name, vx).ok()?;
                sweep::set_axis(kind, &mut params, &s.y.name, vy).ok()?;
                Some(Action::SetOptimizer(
                    s.run,
                    Box::new(OptimizerConfig::from_params(&run.optimizer.name, &params)),
                ))
            }
            Tool::Basins => {
                let (v, n) = (inputs.view, inputs.basins.grid as f64);
                let size = v.size();
                let p = V2::new(
                    v.x[0] + (col as f64 + 0.5) * size.x / n,
                    v.y[1] - (row as f64 + 0.5) * size.y / n,
                );
                Some(Action::SetStart(Some(inputs.basins.run), p))
            }
            Tool::Tune => None,
        }
    }
}

fn sweep_partial(
    s: &optiscape_core::scenario::SweepSettings,
    rows: &[Option<Vec<Option<f64>>>],
    title: &str,
) -> GridPicture {
    let result = SweepResult {
        x: s.x.clone(),
        y: s.y.clone(),
        metric: s.metric,
        values: rows
            .iter()
            .map(|r| r.clone().unwrap_or_else(|| vec![None; s.x.count]))
            .collect(),
    };
    let mut pic = grid::sweep_picture(&result, title);
    // Rows come in ascending y; the picture's row 0 is the top.
    for (k, row) in rows.iter().enumerate() {
        if row.is_none() {
            let top = s.y.count - 1 - k;
            pic.colours[top * s.x.count..(top + 1) * s.x.count].fill(PENDING);
        }
    }
    pic
}

fn basin_partial(
    view: View,
    rows: &[Option<Vec<Basin>>],
    minima: Vec<V2>,
    steps: usize,
    title: &str,
) -> GridPicture {
    let n = rows.len();
    let map = BasinMap {
        view,
        n,
        minima,
        cells: rows
            .iter()
            .flat_map(|r| r.clone().unwrap_or_else(|| vec![Basin::NotConverged; n]))
            .collect(),
        steps,
    };
    let mut pic = grid::basin_picture(&map, title);
    for (k, row) in rows.iter().enumerate() {
        if row.is_none() {
            pic.colours[k * n..(k + 1) * n].fill(PENDING);
        }
    }
    pic
}

/// The run a sweep or a basin map is of, compiled with the scenario's surface, steps and tol.
fn run_of(inputs: &Inputs) -> Result<RunSpec, String> {
    let compiled = Scenario {
        surface: inputs.surface.clone(),
        net: inputs.net.clone(),
        steps: inputs.steps,
        tol: inputs.tol,
        runs: inputs.run.iter().cloned().collect(),
        ..Scenario::default()
    }
    .compile()
    .map_err(|e| e.to_string())?;
    let Some(spec) = compiled.runs.into_iter().next() else {
        return Err("the scenario has no run to explore".to_owned());
    };
    Ok(spec)
}

/// The sweep `inputs` ask for of `spec` (the sweep's run), started.
fn sweep_job(inputs: &Inputs, mut spec: RunSpec) -> Result<Computing, String> {
    let s = &inputs.sweep;
    spec.steps = s.steps.unwrap_or(spec.steps);
    let params = inputs.run.clone().unwrap_or_default().optimizer.params();
    let kind = spec.optimizer.kind();
    let plan =
        SweepPlan::new(&spec, kind, &params, &s.x, &s.y, s.metric).map_err(|e| e.to_string())?;
    Ok(Computing::Sweep(Running::start(plan, own_pool().ok())))
}

/// The basin map `inputs` ask for of `spec` (the map's run), started.
fn basin_job(inputs: &Inputs, mut spec: RunSpec) -> Result<Computing, String> {
    let b = &inputs.basins;
    spec.steps = b.steps.unwrap_or(spec.steps);
    let plan = BasinPlan::new(&spec, inputs.view, b.grid).map_err(|e| e.to_string())?;
    let minima = plan.minima().to_vec();
    let running = Running::start(plan, own_pool().ok());
    Ok(Computing::Basins(running, minima, spec.steps))
}

/// A thread pool of its own for a tool's runs: on rayon's global pool, a long row would hold up the
/// window's own parallel work (the landscape field) and freeze it until the row ends.
fn own_pool() -> Result<rayon::ThreadPool, String> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .build()
        .map_err(|e| format!("cannot start the worker threads: {e}"))
}

#[cfg(test)]
mod tests;
