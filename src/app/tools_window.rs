//! The tool window (Tools → sweep / basin map): the settings, the progress bar and Cancel, and the
//! picture, where a click on a cell becomes an action on the run.

use egui::{ColorImage, TextureOptions};

use super::explore::{Inputs, PICTURE, Tool};
use super::{Action, OptiscapeApp};
use crate::render::grid;
use crate::scenario::{RunConfig, Scenario};
use crate::sim::sweep::{self, Axis, Metric};

/// The names a sweep axis can take for the optimizer called `optimizer` (none if it is unknown).
fn axis_names(optimizer: &str) -> Vec<&'static str> {
    crate::sim::OptimizerKind::from_name(optimizer).map_or_else(|_| Vec::new(), sweep::axis_names)
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
        if self.explorer.running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut open = true;
        egui::Window::new(tool.title())
            .constrain_to(self.window_area(ctx))
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

    /// Starts the open tool again when its inputs changed, and takes in the rows it finished (once a
    /// frame, with the other derived data, before any panel reads it).
    pub(super) fn refresh_tool(&mut self) {
        let Some(tool) = self.explorer.open else {
            return;
        };
        let inputs = Inputs::of(&self.persisted.scenario, tool);
        if self.explorer.inputs.as_ref() != Some(&inputs)
            && inputs_valid(&self.persisted.scenario, tool)
        {
            self.explorer.start(inputs);
        }
        let title = self.tool_title(tool);
        self.explorer.poll(&title);
    }

    fn tool_title(&self, tool: Tool) -> String {
        let s = &self.persisted.scenario;
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

/// Whether the scenario's settings for `tool` can be computed (the window shows what is wrong otherwise).
fn inputs_valid(s: &Scenario, tool: Tool) -> bool {
    match tool {
        Tool::Sweep => s.sweep.check(s.runs.len()).is_ok(),
        Tool::Basins => s.basins.check(s.runs.len()).is_ok(),
    }
}
