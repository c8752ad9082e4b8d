//! Tools → Hyper-parameter sweep…, Basin map… and Tune learning rate…: many copies of one run (or of
//! every run, for the tuning: [`tune`]) computed as a background [`Job`] a few rows at a time (rayon
//! inside, on a pool of its own), the picture filling in row by row with a progress bar and a Cancel
//! button.
//! Clicking a sweep cell gives the run those hyper-parameters; clicking a basin cell moves its start.
//! The picture recomputes by itself whenever its settings, the run or the surface change.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use egui::TextureHandle;
use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::Action;
use crate::jobs::{Job, Outcome, Work};
use optiscape_core::scenario::{
    BasinSettings, OptimizerConfig, RunConfig, Scenario, SurfaceConfig,
};
use optiscape_core::sim::V2;
use optiscape_core::sim::surface::View;
use optiscape_core::sim::sweep::{self, Basin, BasinMap, BasinPlan, SweepPlan, SweepResult};
use optiscape_core::sim::tune::Tuned;
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

/// Rows as they finish; `None` rows are still running.
enum Rows {
    Sweep(Vec<Option<Vec<Option<f64>>>>),
    Basins(Vec<Option<Vec<Basin>>>, Vec<V2>, usize),
    /// Per rate, every run's value.
    Tune(Vec<Option<Vec<Option<f64>>>>),
}

/// What a tool computes a row at a time.
trait RowPlan: Send + Sync + 'static {
    type Cell: Clone + Send + Sync + 'static;
    fn rows(&self) -> usize;
    fn row(&self, k: usize) -> Vec<Self::Cell>;
    /// Puts a finished row where the picture reads it.
    fn put(rows: &mut Rows, k: usize, row: Vec<Self::Cell>);
}

impl RowPlan for SweepPlan {
    type Cell = Option<f64>;
    fn rows(&self) -> usize {
        SweepPlan::rows(self)
    }
    fn row(&self, k: usize) -> Vec<Option<f64>> {
        SweepPlan::row(self, k)
    }
    fn put(rows: &mut Rows, k: usize, row: Vec<Option<f64>>) {
        if let Rows::Sweep(rows) = rows {
            rows[k] = Some(row);
        }
    }
}

impl RowPlan for BasinPlan {
    type Cell = Basin;
    fn rows(&self) -> usize {
        BasinPlan::rows(self)
    }
    fn row(&self, k: usize) -> Vec<Basin> {
        BasinPlan::row(self, k)
    }
    fn put(rows: &mut Rows, k: usize, row: Vec<Basin>) {
        if let Rows::Basins(rows, ..) = rows {
            rows[k] = Some(row);
        }
    }
}

/// A tool's rows as a background job: as many rows per unit as the pool has threads.
struct RowWork<P: RowPlan> {
    plan: P,
    next: usize,
    rows: Arc<Mutex<Rows>>,
    fresh: Arc<AtomicBool>,
    /// `None` where threads cannot be started: then one row per unit.
    pool: Option<rayon::ThreadPool>,
}

impl<P: RowPlan> Work for RowWork<P> {
    type Output = ();

    fn total(&self) -> usize {
        self.plan.rows()
    }

    fn advance(&mut self) -> usize {
        let batch = self
            .pool
            .as_ref()
            .map_or(1, rayon::ThreadPool::current_num_threads);
        let (start, end) = (self.next, (self.next + batch).min(self.plan.rows()));
        let plan = &self.plan;
        let done: Vec<(usize, Vec<P::Cell>)> = match &self.pool {
            Some(pool) => pool.install(|| {
                (start..end)
                    .into_par_iter()
                    .map(|k| (k, plan.row(k)))
                    .collect()
            }),
            None => (start..end).map(|k| (k, plan.row(k))).collect(),
        };
        let mut rows = self.rows.lock().unwrap_or_else(PoisonError::into_inner);
        for (k, row) in done {
            P::put(&mut rows, k, row);
        }
        self.fresh.store(true, Ordering::Relaxed);
        self.next = end;
        end
    }

    fn finish(self: Box<Self>) {}
}

/// Starts computing `plan`'s rows into `rows` (empty so far) as a job.
fn start_rows<P: RowPlan>(
    plan: P,
    rows: Rows,
    fresh: &Arc<AtomicBool>,
    pool: Option<rayon::ThreadPool>,
) -> (Job<()>, Arc<Mutex<Rows>>) {
    let rows = Arc::new(Mutex::new(rows));
    let job = Job::start(RowWork {
        plan,
        next: 0,
        rows: rows.clone(),
        fresh: fresh.clone(),
        pool,
    });
    (job, rows)
}

struct Running {
    job: Job<()>,
    rows: Arc<Mutex<Rows>>,
    /// Set when a row arrives, cleared when the picture is redrawn.
    fresh: Arc<AtomicBool>,
}

/// The open tool window, its running job and its picture.
#[derive(Default)]
pub struct Explorer {
    pub open: Option<Tool>,
    pub(super) inputs: Option<Inputs>,
    job: Option<Running>,
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
        Some(self.job.as_ref()?.job.progress().get())
    }

    /// Whether a computation is still running.
    pub fn running(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.job.running())
    }

    pub fn cancel(&mut self) {
        if let Some(running) = &self.job {
            running.job.cancel();
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
        if inputs.tool == Tool::Tune {
            return self.start_tune(inputs);
        }
        let scenario_steps = inputs.steps;
        let compiled = Scenario {
            surface: inputs.surface.clone(),
            net: inputs.net.clone(),
            steps: scenario_steps,
            tol: inputs.tol,
            runs: inputs.run.iter().cloned().collect(),
            ..Scenario::default()
        }
        .compile();
        self.inputs = Some(inputs.clone());
        let spec = match compiled.map(|c| c.runs.into_iter().next()) {
            Ok(Some(spec)) => spec,
            Ok(None) => {
                self.error = Some("the scenario has no run to explore".to_owned());
                self.job = None;
                return;
            }
            Err(e) => {
                self.error = Some(e.to_string());
                self.job = None;
                return;
            }
        };
        let fresh = Arc::new(AtomicBool::new(true));
        let pool = own_pool().ok();
        let started = match inputs.tool {
            Tool::Sweep => {
                let s = &inputs.sweep;
                let mut spec = spec;
                spec.steps = s.steps.unwrap_or(spec.steps);
                let params = inputs.run.clone().unwrap_or_default().optimizer.params();
                let kind = spec.optimizer.kind();
                SweepPlan::new(&spec, kind, &params, &s.x, &s.y, s.metric).map(|plan| {
                    let rows = Rows::Sweep(vec![None; plan.rows()]);
                    start_rows(plan, rows, &fresh, pool)
                })
            }
            Tool::Basins => {
                let b = &inputs.basins;
                let mut spec = spec;
                spec.steps = b.steps.unwrap_or(spec.steps);
                BasinPlan::new(&spec, inputs.view, b.grid).map(|plan| {
                    let rows =
                        Rows::Basins(vec![None; plan.rows()], plan.minima().to_vec(), spec.steps);
                    start_rows(plan, rows, &fresh, pool)
                })
            }
            Tool::Tune => return,
        };
        match started {
            Ok((job, rows)) => self.job = Some(Running { job, rows, fresh }),
            Err(e) => {
                self.error = Some(e.to_string());
                self.job = None;
            }
        }
    }

    /// Collects a finished job's error and redraws the picture if rows arrived (`runs` name and
    /// colour the tuning's curves).
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

    pub(super) fn poll(&mut self, title: &str, runs: &[RunConfig]) {
        let Some(job) = &mut self.job else { return };
        if let Some(Outcome::Failed(e)) = job.job.poll(Duration::from_millis(8)) {
            self.error = Some(e);
        }
        if !job.fresh.swap(false, Ordering::Relaxed) {
            return;
        }
        let Some(inputs) = &self.inputs else { return };
        let rows = job.rows.lock().unwrap_or_else(PoisonError::into_inner);
        self.picture = match &*rows {
            Rows::Sweep(rows) => Some(sweep_partial(&inputs.sweep, rows, title)),
            Rows::Basins(rows, minima, steps) => Some(basin_partial(
                inputs.view,
                rows,
                minima.clone(),
                *steps,
                title,
            )),
            Rows::Tune(rows) => {
                if let Some((settings, _)) = &inputs.tune {
                    self.tuned = tune::results(rows, settings, runs.len());
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

/// A thread pool of its own for a tool's runs: on rayon's global pool, a long row would hold up the
/// window's own parallel work (the landscape field) and freeze it until the row ends.
fn own_pool() -> Result<rayon::ThreadPool, String> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .build()
        .map_err(|e| format!("cannot start the worker threads: {e}"))
}
