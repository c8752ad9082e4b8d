//! Tools → Hyper-parameter sweep… and Basin map…: many copies of one run computed on a background
//! thread (rayon inside), the picture filling in row by row with a progress bar and a Cancel button.
//! Clicking a sweep cell gives the run those hyper-parameters; clicking a basin cell moves its start.
//! The picture recomputes by itself whenever its settings, the run or the surface change.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use egui::{ColorImage, TextureHandle, TextureOptions};

use super::{Action, OptiscapeApp};
use crate::render::grid::{self, GridPicture};
use crate::scenario::{BasinSettings, OptimizerConfig, RunConfig, Scenario, SurfaceConfig};
use crate::sim::V2;
use crate::sim::surface::View;
use crate::sim::sweep::{self, Axis, Basin, BasinMap, Metric, Progress, SweepResult};

/// Size of the tool pictures, in pixels (shown scaled to the window).
const PICTURE: (u32, u32) = (900, 720);
/// Cells not computed yet.
const PENDING: [u8; 3] = [60, 60, 60];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Sweep,
    Basins,
}

impl Tool {
    pub fn title(self) -> &'static str {
        match self {
            Self::Sweep => "Hyper-parameter sweep",
            Self::Basins => "Basin map",
        }
    }
}

/// Everything a result depends on: when it changes, the tool computes again.
#[derive(Debug, Clone, PartialEq)]
struct Inputs {
    tool: Tool,
    sweep: crate::scenario::SweepSettings,
    basins: BasinSettings,
    run: Option<RunConfig>,
    surface: SurfaceConfig,
    steps: usize,
    tol: Option<f64>,
    view: View,
}

impl Inputs {
    fn of(s: &Scenario, tool: Tool) -> Self {
        let run = match tool {
            Tool::Sweep => s.sweep.run,
            Tool::Basins => s.basins.run,
        };
        Self {
            tool,
            sweep: s.sweep.clone(),
            basins: s.basins.clone(),
            run: s.runs.get(run).cloned(),
            surface: s.surface.clone(),
            steps: s.steps,
            tol: s.tol,
            view: s.view_or_default(),
        }
    }
}

/// Rows as they finish; `None` rows are still running.
enum Rows {
    Sweep(Vec<Option<Vec<Option<f64>>>>),
    Basins(Vec<Option<Vec<Basin>>>, Vec<V2>, usize),
}

struct Job {
    progress: Arc<Progress>,
    rows: Arc<Mutex<Rows>>,
    /// Set when a row arrives, cleared when the picture is redrawn.
    fresh: Arc<AtomicBool>,
    total: usize,
    handle: Option<JoinHandle<Result<(), String>>>,
}

/// The open tool window, its running job and its picture.
#[derive(Default)]
pub struct Explorer {
    pub open: Option<Tool>,
    inputs: Option<Inputs>,
    job: Option<Job>,
    /// The last error (an axis the optimizer does not take, say).
    pub error: Option<String>,
    picture: Option<GridPicture>,
    texture: Option<TextureHandle>,
}

impl Explorer {
    /// Rows done and all rows of the current computation.
    pub fn progress(&self) -> Option<(usize, usize)> {
        let job = self.job.as_ref()?;
        Some((job.progress.done.load(Ordering::Relaxed), job.total))
    }

    /// Whether a computation is still running.
    pub fn running(&self) -> bool {
        self.job
            .as_ref()
            .is_some_and(|j| j.handle.as_ref().is_some_and(|h| !h.is_finished()))
    }

    pub fn cancel(&mut self) {
        if let Some(job) = &self.job {
            job.progress.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The picture as it is now (partial while running).
    pub fn picture(&self) -> Option<&GridPicture> {
        self.picture.as_ref()
    }

    fn start(&mut self, inputs: Inputs) {
        self.cancel();
        self.error = None;
        self.picture = None;
        let scenario_steps = inputs.steps;
        let compiled = Scenario {
            surface: inputs.surface.clone(),
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
        let progress = Arc::new(Progress::default());
        let fresh = Arc::new(AtomicBool::new(true));
        let (p, f) = (progress.clone(), fresh.clone());
        let (rows, total, handle) = match inputs.tool {
            Tool::Sweep => {
                let s = inputs.sweep.clone();
                let ny = s.y.count;
                let rows = Arc::new(Mutex::new(Rows::Sweep(vec![None; ny])));
                let r = rows.clone();
                let run = inputs.run.clone().unwrap_or_default();
                let mut spec = spec;
                spec.steps = s.steps.unwrap_or(spec.steps);
                let handle = std::thread::spawn(move || {
                    let kind = spec.optimizer.kind();
                    let sink = |k: usize, row: &[Option<f64>]| {
                        if let Rows::Sweep(rows) =
                            &mut *r.lock().unwrap_or_else(PoisonError::into_inner)
                        {
                            rows[k] = Some(row.to_vec());
                        }
                        f.store(true, Ordering::Relaxed);
                    };
                    let params = run.optimizer.params();
                    own_pool()?.install(|| {
                        sweep::sweep_rows(&spec, kind, &params, &s.x, &s.y, s.metric, &p, &sink)
                            .map(|_| ())
                            .map_err(|e| e.to_string())
                    })
                });
                (rows, ny, handle)
            }
            Tool::Basins => {
                let b = inputs.basins.clone();
                let n = b.grid;
                let minima = spec.surface.minima();
                let mut spec = spec;
                spec.steps = b.steps.unwrap_or(spec.steps);
                let rows = Arc::new(Mutex::new(Rows::Basins(vec![None; n], minima, spec.steps)));
                let r = rows.clone();
                let view = inputs.view;
                let handle = std::thread::spawn(move || {
                    let sink = |k: usize, row: &[Basin]| {
                        if let Rows::Basins(rows, ..) =
                            &mut *r.lock().unwrap_or_else(PoisonError::into_inner)
                        {
                            rows[k] = Some(row.to_vec());
                        }
                        f.store(true, Ordering::Relaxed);
                    };
                    own_pool()?.install(|| {
                        sweep::basin_rows(&spec, view, n, &p, &sink)
                            .map(|_| ())
                            .map_err(|e| e.to_string())
                    })
                });
                (rows, n, handle)
            }
        };
        self.job = Some(Job {
            progress,
            rows,
            fresh,
            total,
            handle: Some(handle),
        });
    }

    /// Collects a finished job's error and redraws the picture if rows arrived.
    fn poll(&mut self, title: &str) {
        let Some(job) = &mut self.job else { return };
        if job.handle.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(h) = job.handle.take()
        {
            match h.join() {
                Ok(Err(e)) => self.error = Some(e),
                Err(_) => self.error = Some("the computation failed".to_owned()),
                Ok(Ok(())) => {}
            }
        }
        if !job.fresh.swap(false, Ordering::Relaxed) {
            return;
        }
        let Some(inputs) = &self.inputs else { return };
        let rows = job.rows.lock().unwrap_or_else(PoisonError::into_inner);
        self.picture = Some(match &*rows {
            Rows::Sweep(rows) => sweep_partial(&inputs.sweep, rows, title),
            Rows::Basins(rows, minima, steps) => {
                basin_partial(inputs.view, rows, minima.clone(), *steps, title)
            }
        });
        self.texture = None;
    }

    /// What clicking picture cell (`col`, `row` from the top) does.
    fn clicked(&self, col: usize, row: usize, scenario: &Scenario) -> Option<Action> {
        let inputs = self.inputs.as_ref()?;
        match inputs.tool {
            Tool::Sweep => {
                let s = &inputs.sweep;
                let (xs, ys) = (s.x.values(), s.y.values());
                let (vx, vy) = (*xs.get(col)?, *ys.get(s.y.count.checked_sub(row + 1)?)?);
                let run = scenario.runs.get(s.run)?;
                let kind = crate::sim::OptimizerKind::from_name(&run.optimizer.name).ok()?;
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
        }
    }
}

fn sweep_partial(
    s: &crate::scenario::SweepSettings,
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

/// The names a sweep axis can take for `optimizer`: its float hyper-parameters, and β₁ / β₂.
fn axis_names(optimizer: &str) -> Vec<&'static str> {
    let Ok(kind) = crate::sim::OptimizerKind::from_name(optimizer) else {
        return Vec::new();
    };
    let mut names: Vec<&'static str> = kind
        .takes()
        .iter()
        .filter(|s| matches!(s.default, crate::sim::optim::HyperValue::F(_)))
        .map(|s| s.name)
        .collect();
    if kind.spec("betas").is_some() {
        names.extend(["beta1", "beta2"]);
    }
    names
}

fn axis_editor(ui: &mut egui::Ui, label: &str, axis: &mut Axis, names: &[&'static str]) {
    ui.horizontal(|ui| {
        egui::ComboBox::new(label, format!("{label} axis"))
            .selected_text(axis.name.clone())
            .show_ui(ui, |ui| {
                for &n in names {
                    ui.selectable_value(&mut axis.name, n.to_owned(), n);
                }
            });
        let from = ui.label("from");
        let speed = axis.min.abs() * 0.01 + 1e-4;
        ui.add(egui::DragValue::new(&mut axis.min).speed(speed))
            .labelled_by(from.id);
        let to = ui.label("to");
        let speed = axis.max.abs() * 0.01 + 1e-4;
        ui.add(egui::DragValue::new(&mut axis.max).speed(speed))
            .labelled_by(to.id);
        ui.add(
            egui::DragValue::new(&mut axis.count)
                .range(2..=256)
                .suffix(" values"),
        );
        ui.checkbox(&mut axis.log, "log");
    });
    if axis.log && axis.min <= 0.0 {
        axis.min = 1e-5;
    }
    axis.max = axis.max.max(axis.min);
}

fn run_picker(ui: &mut egui::Ui, id: &str, run: &mut usize, runs: &[RunConfig]) {
    ui.horizontal(|ui| {
        let label = |i: usize| {
            runs.get(i)
                .map_or_else(String::new, |r| format!("{i}: {}", r.label()))
        };
        egui::ComboBox::new(id, "Run")
            .selected_text(label(*run))
            .show_ui(ui, |ui| {
                for i in 0..runs.len() {
                    ui.selectable_value(run, i, label(i));
                }
            });
    });
}

fn steps_editor(ui: &mut egui::Ui, steps: &mut Option<usize>, scenario_steps: usize) {
    ui.horizontal(|ui| {
        let mut own = steps.is_some();
        ui.checkbox(&mut own, "own step count");
        match (own, *steps) {
            (true, None) => *steps = Some(scenario_steps),
            (false, Some(_)) => *steps = None,
            _ => {}
        }
        if let Some(s) = steps {
            ui.add(egui::DragValue::new(s).range(1..=100_000).suffix(" steps"));
        } else {
            ui.label(format!("{scenario_steps} steps, as the scenario"));
        }
    });
}

impl OptiscapeApp {
    /// Opens a tool window on the selected run.
    pub fn open_tool(&mut self, tool: Tool) {
        let selected = self.selected;
        let s = &mut self.persisted.scenario;
        match tool {
            Tool::Sweep => {
                s.sweep.run = selected;
                let names = axis_names(
                    s.runs
                        .get(selected)
                        .map_or("", |r| r.optimizer.name.as_str()),
                );
                for (axis, fallback) in [(&mut s.sweep.x, 0), (&mut s.sweep.y, 1)] {
                    if !names.contains(&axis.name.as_str())
                        && let Some(n) = names.get(fallback)
                    {
                        axis.name = (*n).to_owned();
                    }
                }
            }
            Tool::Basins => s.basins.run = selected,
        }
        self.explorer.open = Some(tool);
        self.explorer.inputs = None;
    }

    /// The open tool window; returns what a click on its picture asks for.
    pub(super) fn tool_window(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(tool) = self.explorer.open else {
            return actions;
        };
        let inputs = Inputs::of(&self.persisted.scenario, tool);
        if self.explorer.inputs.as_ref() != Some(&inputs)
            && inputs_valid(&self.persisted.scenario, tool)
        {
            self.explorer.start(inputs);
        }
        let title = self.tool_title(tool);
        self.explorer.poll(&title);
        if self.explorer.running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut open = true;
        egui::Window::new(tool.title())
            .open(&mut open)
            .default_size([720.0, 760.0])
            .show(ctx, |ui| {
                self.tool_controls(ui, tool);
                ui.horizontal(|ui| {
                    if let Some((done, total)) = self.explorer.progress() {
                        ui.add(
                            egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                                .desired_width(260.0)
                                .text(format!("{done} / {total} rows")),
                        );
                    }
                    if self.explorer.running() {
                        if ui.button("Cancel").clicked() {
                            self.explorer.cancel();
                        }
                    } else if ui.button("Compute again").clicked() {
                        self.explorer.inputs = None;
                    }
                });
                if let Some(e) = &self.explorer.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.label(match tool {
                    Tool::Sweep => "Click a cell to give the run those hyper-parameters.",
                    Tool::Basins => "Click a cell to start the run there.",
                });
                if let Some(a) = self.tool_picture(ui) {
                    actions.push(a);
                }
            });
        if !open {
            self.explorer.cancel();
            self.explorer.open = None;
        }
        actions
    }

    fn tool_title(&self, tool: Tool) -> String {
        let s = &self.persisted.scenario;
        match tool {
            Tool::Sweep => format!(
                "{} of {} over {} × {}",
                s.sweep.metric.name(),
                s.runs
                    .get(s.sweep.run)
                    .map_or_else(String::new, RunConfig::label),
                s.sweep.x.name,
                s.sweep.y.name
            ),
            Tool::Basins => format!(
                "Where {} ends from each start",
                s.runs
                    .get(s.basins.run)
                    .map_or_else(String::new, RunConfig::label)
            ),
        }
    }

    fn tool_controls(&mut self, ui: &mut egui::Ui, tool: Tool) {
        let s = &mut self.persisted.scenario;
        let scenario_steps = s.steps;
        match tool {
            Tool::Sweep => {
                run_picker(ui, "sweep run", &mut s.sweep.run, &s.runs);
                let names = axis_names(
                    s.runs
                        .get(s.sweep.run)
                        .map_or("", |r| r.optimizer.name.as_str()),
                );
                axis_editor(ui, "x", &mut s.sweep.x, &names);
                axis_editor(ui, "y", &mut s.sweep.y, &names);
                ui.horizontal(|ui| {
                    ui.label("Show");
                    ui.radio_value(&mut s.sweep.metric, Metric::FinalLoss, "final loss");
                    ui.radio_value(
                        &mut s.sweep.metric,
                        Metric::StepsToTol,
                        "steps to tolerance",
                    );
                });
                steps_editor(ui, &mut s.sweep.steps, scenario_steps);
            }
            Tool::Basins => {
                run_picker(ui, "basin run", &mut s.basins.run, &s.runs);
                ui.horizontal(|ui| {
                    ui.label("Grid");
                    ui.add(
                        egui::DragValue::new(&mut s.basins.grid)
                            .range(2..=512)
                            .suffix(" starts per side"),
                    );
                });
                steps_editor(ui, &mut s.basins.steps, scenario_steps);
            }
        }
    }

    /// Draws the picture scaled to the window; a click on a cell becomes an action.
    fn tool_picture(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let pic = self.explorer.picture.as_ref()?;
        if self.explorer.texture.is_none() {
            let pix = grid::draw(pic, PICTURE.0, PICTURE.1)?;
            let image = ColorImage::from_rgba_premultiplied(
                [PICTURE.0 as usize, PICTURE.1 as usize],
                pix.data(),
            );
            self.explorer.texture = Some(ui.ctx().load_texture(
                "tool picture",
                image,
                TextureOptions::LINEAR,
            ));
        }
        let tex = self.explorer.texture.as_ref()?;
        let width = ui.available_width().clamp(200.0, 1200.0);
        let size = egui::vec2(width, width * PICTURE.1 as f32 / PICTURE.0 as f32);
        let response = ui
            .add(egui::Image::new((tex.id(), size)).sense(egui::Sense::click()))
            .on_hover_cursor(egui::CursorIcon::Crosshair);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "tool picture"));
        let pos = response
            .interact_pointer_pos()
            .filter(|_| response.clicked())?;
        let scale = PICTURE.0 as f32 / size.x;
        let local = (pos - response.rect.min) * scale;
        let (col, row) = grid::cell_at(pic, PICTURE.0, PICTURE.1, local.x, local.y)?;
        self.explorer.clicked(col, row, &self.persisted.scenario)
    }
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

/// Whether the scenario's settings for `tool` can be computed (the window shows what is wrong otherwise).
fn inputs_valid(s: &Scenario, tool: Tool) -> bool {
    match tool {
        Tool::Sweep => s.sweep.check(s.runs.len()).is_ok(),
        Tool::Basins => s.basins.check(s.runs.len()).is_ok(),
    }
}
