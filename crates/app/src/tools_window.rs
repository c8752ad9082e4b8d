//! The tool window (Tools → sweep / basin map / tune learning rate): the settings, the progress bar
//! and Cancel, and the picture, where a click on a cell becomes an action on the run; for the tuning,
//! each run's best rate and "Use tuned rates".

use egui::{ColorImage, TextureOptions};

use super::explore::Explorer;
use super::explore::{Inputs, PICTURE, Tool, TuneSettings};
use super::{Action, Document, Persisted};
use optiscape_core::scenario::{RunConfig, Scenario};
use optiscape_core::sim::sweep::{self, Axis, Metric};
use optiscape_core::sim::tune::GridEnd;
use optiscape_picture::grid;
use optiscape_picture::ticks::fmt_number;

/// The names a sweep axis can take for the optimizer called `optimizer` (none if it is unknown).
fn axis_names(optimizer: &str) -> Vec<&'static str> {
    optiscape_core::sim::OptimizerKind::from_name(optimizer)
        .map_or_else(|_| Vec::new(), sweep::axis_names)
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

/// Opens the tool window on the document's selected run.
pub(super) fn open(explorer: &mut Explorer, document: &mut Document, tool: Tool) {
    let selected = document.selected;
    let s = document.scenario_mut();
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
        Tool::Tune => {}
    }
    explorer.open = Some(tool);
    explorer.inputs = None;
}

/// The open tool window inside `area`, on the document's scenario; returns what a click on its
/// picture asks for.
pub(super) fn show(
    ctx: &egui::Context,
    area: egui::Rect,
    explorer: &mut Explorer,
    persisted: &mut Persisted,
) -> Vec<Action> {
    Window {
        explorer,
        persisted,
    }
    .show(ctx, area)
}

/// Starts the open tool again when its inputs changed, and takes in the rows it finished (once a
/// frame, with the other derived data, before any panel reads it).
pub(super) fn refresh(explorer: &mut Explorer, persisted: &Persisted) {
    let Some(tool) = explorer.open else {
        return;
    };
    let s = &persisted.scenario;
    let inputs = Inputs::of(s, tool, &explorer.tune);
    if explorer.inputs.as_ref() != Some(&inputs) {
        match inputs_valid(s, tool, &explorer.tune) {
            Ok(()) => explorer.start(inputs),
            // Say what is wrong; the settings are not started again until they change.
            Err(e) => {
                explorer.cancel();
                explorer.error = Some(e);
                explorer.inputs = Some(inputs);
            }
        }
    }
    let title = tool_title(explorer, s, tool);
    explorer.follow_theme(persisted.dark, &title, &s.runs);
    explorer.poll(&title, &s.runs);
}

fn tool_title(explorer: &Explorer, s: &Scenario, tool: Tool) -> String {
    match tool {
        Tool::Sweep => format!(
            "{} of {} over {} × {}",
            s.sweep.metric.title(),
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
        Tool::Tune => format!("{} by learning rate", explorer.tune.metric.title()),
    }
}

/// The tool window's part of the app: the explorer and the document it explores.
struct Window<'a> {
    explorer: &'a mut Explorer,
    persisted: &'a mut Persisted,
}

impl Window<'_> {
    /// The open tool window; returns what a click on its picture asks for.
    fn show(&mut self, ctx: &egui::Context, area: egui::Rect) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(tool) = self.explorer.open else {
            return actions;
        };
        if self.explorer.running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut open = true;
        egui::Window::new(tool.title())
            .constrain_to(area)
            .open(&mut open)
            .default_size([720.0, 760.0])
            .show(ctx, |ui| {
                self.tool_controls(ui, tool);
                ui.horizontal(|ui| {
                    if let Some((done, total)) = self.explorer.progress() {
                        ui.add(
                            egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                                .desired_width(260.0)
                                .text(match tool {
                                    Tool::Tune => format!("{done} / {total} rates"),
                                    _ => format!("{done} / {total} rows"),
                                }),
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
                match tool {
                    Tool::Sweep => {
                        ui.label("Click a cell to give the run those hyper-parameters.");
                    }
                    Tool::Basins => {
                        ui.label("Click a cell to start the run there.");
                    }
                    Tool::Tune => actions.extend(self.tuned_table(ui)),
                }
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
            Tool::Tune => tune_controls(ui, &mut self.explorer.tune, s),
        }
    }

    /// Draws the picture scaled to the window; a click on a cell becomes an action.
    fn tool_picture(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        if self.explorer.texture.is_none() {
            let pix = self.explorer.draw()?;
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
        // Only a grid's cells can be clicked; the tuning's curves are to be read.
        let clickable = self.explorer.picture.is_some();
        let image = egui::Image::new((tex.id(), size));
        let response = if clickable {
            ui.add(image.sense(egui::Sense::click()))
                .on_hover_cursor(egui::CursorIcon::Crosshair)
        } else {
            ui.add(image)
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "tool picture"));
        let pos = response
            .interact_pointer_pos()
            .filter(|_| response.clicked())?;
        let pic = self.explorer.picture.as_ref()?;
        let scale = PICTURE.0 as f32 / size.x;
        let local = (pos - response.rect.min) * scale;
        let (col, row) = grid::cell_at(pic, PICTURE.0, PICTURE.1, local.x, local.y)?;
        self.explorer.clicked(col, row, &self.persisted.scenario)
    }
}

/// Whether the scenario's settings for `tool` can be computed, or what is wrong with them (the
/// cost is checked when the tool starts, with the run it computes).
fn inputs_valid(s: &Scenario, tool: Tool, tune: &TuneSettings) -> Result<(), String> {
    match tool {
        Tool::Sweep => s.sweep.check(s.runs.len()).map_err(|e| e.to_string()),
        Tool::Basins => s.basins.check(s.runs.len()).map_err(|e| e.to_string()),
        Tool::Tune => tune.grid.check().map_err(|e| e.to_string()),
    }
}

/// The tuning's settings: what makes a rate best, and the grid of rates.
fn tune_controls(ui: &mut egui::Ui, t: &mut TuneSettings, s: &Scenario) {
    ui.horizontal(|ui| {
        ui.label("Best rate");
        ui.radio_value(
            &mut t.metric,
            Metric::StepsToTol,
            "fewest steps to tolerance",
        );
        ui.radio_value(&mut t.metric, Metric::FinalLoss, "lowest final loss");
    });
    ui.horizontal(|ui| {
        let from = ui.label("Rates from");
        ui.add(rate(&mut t.grid.min)).labelled_by(from.id);
        let to = ui.label("to");
        ui.add(rate(&mut t.grid.max)).labelled_by(to.id);
        ui.add(
            egui::DragValue::new(&mut t.grid.count)
                .range(2..=256)
                .suffix(" rates, log-spaced"),
        );
    });
    // A log grid needs positive, ordered ends.
    t.grid.min = t.grid.min.clamp(1e-12, 1e6);
    t.grid.max = t.grid.max.clamp(t.grid.min, 1e6);
    let tol = s
        .tol
        .map_or_else(|| "1e-6 (the scenario sets none)".to_owned(), fmt_number);
    ui.label(format!(
        "Every run at every rate, {} steps each; tolerance ‖∇f‖ < {tol}. On a tie the smaller rate wins.",
        s.steps
    ));
}

/// A rate, dragged by small steps of itself and written as everywhere else (`1e-5`, `0.01`).
fn rate(v: &mut f64) -> egui::DragValue<'_> {
    let speed = *v * 0.02;
    egui::DragValue::new(v)
        .speed(speed)
        .custom_formatter(|v, _| fmt_number(v))
        .custom_parser(|text| text.trim().parse().ok())
}

impl Window<'_> {
    /// Each run's best rate and its value, and the button that gives every run its best rate.
    fn tuned_table(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let (runs, dark) = (&self.persisted.scenario.runs, self.persisted.dark);
        let tuned = self.explorer.tuned();
        if tuned.is_empty() {
            return Vec::new();
        }
        let metric = self.explorer.tune.metric;
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                egui::Grid::new("tuned rates").striped(true).show(ui, |ui| {
                    for head in ["Run", "lr now", "best lr", metric.title()] {
                        ui.strong(head);
                    }
                    ui.end_row();
                    for ((i, t), run) in tuned.iter().enumerate().zip(runs) {
                        let [r, g, b] = run.rgb_in(i, dark);
                        ui.colored_label(egui::Color32::from_rgb(r, g, b), run.label());
                        ui.label(
                            run.optimizer
                                .float("lr")
                                .map_or_else(String::new, fmt_number),
                        );
                        let mut best = t.best_lr().map_or_else(|| "—".to_owned(), fmt_number);
                        let end = t.best_at_end();
                        match end {
                            Some(GridEnd::Largest) => best.push_str(" (the largest tried)"),
                            Some(GridEnd::Smallest) => best.push_str(" (the smallest tried)"),
                            None => {}
                        }
                        if run.physics.is_some() {
                            best.push_str(" (the ball sets its rate)");
                        }
                        let label = ui.label(best);
                        if let Some(end) = end {
                            label.on_hover_text(match end {
                                GridEnd::Largest => {
                                    "The best rate is the largest tried: a larger one may do \
                                     better. Raise the grid's upper end (\"to\") to try one."
                                }
                                GridEnd::Smallest => {
                                    "The best rate is the smallest tried: a smaller one may do \
                                     better. Lower \"Rates from\" to try one."
                                }
                            });
                        }
                        ui.label(t.best_value().map_or_else(|| "—".to_owned(), fmt_number));
                        ui.end_row();
                    }
                });
            });
        let button = egui::Button::new("Use tuned rates");
        let response = ui
            .add_enabled(self.explorer.tuning_done(), button)
            .on_hover_text("Give each run its best rate");
        if response.clicked() {
            return self.explorer.use_tuned(&self.persisted.scenario);
        }
        Vec::new()
    }
}
