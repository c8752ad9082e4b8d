//! The bottom panel: playback controls, the loss plot (against steps, or the work they cost: sample
//! gradients or epochs) with a cursor at the current step, and the results table.

use std::sync::Arc;

use egui::Ui;
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points, VLine};

use super::loss_axis::{self, LossAxis};
use super::runs_panel::rgb;
use super::{Action, OptiscapeApp, results};
use crate::scenario::LossX;
use crate::sim::{Status, Trajectory};

/// Most points one line of the loss plot gets, per point of plot width; longer runs are thinned evenly.
const PLOT_POINTS_PER_WIDTH: f32 = 1.0;

/// The panel; returns what the user asked for.
pub fn show(app: &mut OptiscapeApp, ui: &mut Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::bottom("timeline")
        .resizable(true)
        .default_size(250.0)
        .min_size(150.0)
        .show(ui, |ui| {
            controls(app, ui, &mut actions);
            ui.separator();
            // The table takes the width its columns need (up to three quarters), the plot the rest.
            let full = ui.available_rect_before_wrap().intersect(ui.clip_rect());
            let table_w = results::width(app, ui).min(full.width() * 0.75);
            let split = full.right() - table_w;
            let plot_rect =
                egui::Rect::from_min_max(full.min, egui::pos2(split - 8.0, full.bottom()));
            let table_rect = egui::Rect::from_min_max(egui::pos2(split, full.top()), full.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(plot_rect), |ui| {
                loss_plot(app, ui, &mut actions);
            });
            ui.scope_builder(egui::UiBuilder::new().max_rect(table_rect), |ui| {
                results::table(app, ui);
            });
            ui.allocate_rect(full, egui::Sense::hover());
        });
    actions
}

fn controls(app: &mut OptiscapeApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    let last = app.computed.last_step();
    ui.horizontal(|ui| {
        if ui
            .button("↺ Restart")
            .on_hover_text("Back to step 0 (R)")
            .clicked()
        {
            actions.push(Action::Restart);
        }
        if ui.button("◀").on_hover_text("Step back (←)").clicked() {
            actions.push(Action::StepBy(-1));
        }
        let play = if app.playback.playing {
            "❚❚ Pause"
        } else {
            "▶ Play"
        };
        if ui
            .button(play)
            .on_hover_text("Play / pause (Space)")
            .clicked()
        {
            actions.push(Action::TogglePlay);
        }
        if ui.button("▶|").on_hover_text("Step forward (→)").clicked() {
            actions.push(Action::StepBy(1));
        }
        let mut step = app.playback.step;
        let scrubber = egui::Slider::new(&mut step, 0..=last.max(1)).text("Step");
        if ui.add(scrubber).changed() {
            actions.push(Action::Seek(step));
        }
    });
    ui.horizontal(|ui| {
        let animation = &mut app.persisted.scenario.animation;
        ui.add(
            egui::Slider::new(&mut animation.speed, 1.0..=10_000.0)
                .logarithmic(true)
                .text("Steps per second"),
        );
        ui.checkbox(&mut animation.looping, "Loop");
        ui.separator();
        let loss_x = &mut app.persisted.scenario.display.loss_x;
        egui::ComboBox::from_label("Loss plot x")
            .selected_text(loss_x.label())
            .show_ui(ui, |ui| {
                for choice in LossX::ALL {
                    ui.selectable_value(loss_x, choice, choice.label());
                }
            })
            .response
            .on_hover_text(
                "Count steps, or the work they cost: gradients of single samples evaluated, or \
                 passes over the data (a step on a batch of B out of N samples is B/N of an epoch)",
            );
        if let Some((done, total)) = app.computed.background() {
            ui.separator();
            ui.spinner();
            ui.label(format!("Computing runs: {done} of {total}"))
                .on_hover_text("The paths shown are the last ones; the new ones appear when ready");
        }
    });
}

/// The axis for the app's current results.
pub fn loss_axis(app: &OptiscapeApp) -> LossAxis {
    let best = app.computed.surface.as_ref().and_then(|s| {
        s.minima()
            .iter()
            .map(|&m| s.value(m))
            .min_by(f64::total_cmp)
    });
    LossAxis::choose(
        best,
        app.computed
            .runs
            .iter()
            .map(|r| r.trajectory.losses.as_slice()),
    )
}

/// Indices `0..n` thinned to at most `max`, always keeping the last.
pub fn thinned(n: usize, max: usize) -> impl Iterator<Item = usize> {
    let stride = n.div_ceil(max.max(1)).max(1);
    (0..n)
        .step_by(stride)
        .chain((n > 0 && !(n - 1).is_multiple_of(stride)).then(|| n - 1))
}

/// How far along the loss plot's x axis each step of run `i` goes.
pub fn work_per_step(app: &OptiscapeApp, i: usize) -> f64 {
    let samples = app.computed.surface.as_ref().and_then(|s| s.sample_count());
    let batch = app.scenario().runs.get(i).and_then(|r| r.batch_size);
    app.scenario().display.loss_x.per_step(batch, samples)
}

/// A line of the loss plot: the run's index, its points (thinned, cut where it leaves the range,
/// simplified to the plot's pixels) and where it left the range, if it did.
struct LossLine {
    run: usize,
    points: Vec<[f64; 2]>,
    exit: Option<[f64; 2]>,
}

/// What the lines were built from: each visible run's index, trajectory (held, so a new one is
/// never taken for an old one at the same address) and work per step, and the plot's size.
struct LinesKey {
    runs: Vec<(usize, Arc<Trajectory>, f64)>,
    size: [u32; 2],
}

impl PartialEq for LinesKey {
    fn eq(&self, o: &Self) -> bool {
        self.size == o.size
            && self.runs.len() == o.runs.len()
            && self
                .runs
                .iter()
                .zip(&o.runs)
                .all(|(a, b)| a.0 == b.0 && a.2 == b.2 && Arc::ptr_eq(&a.1, &b.1))
    }
}

/// The loss plot's lines between frames: rebuilt when a run, its work per step or the plot's size
/// changes, not while the balls roll.
#[derive(Default)]
pub struct LossLines {
    key: Option<LinesKey>,
    axis: Option<LossAxis>,
    range: Option<[f64; 2]>,
    lines: Vec<LossLine>,
}

/// Least distance, in pixels, by which a point must leave the line through its neighbours to be
/// kept in the loss plot.
const PLOT_TOLERANCE: f64 = 0.3;

/// Brings the cached lines up to date for a plot about `size` points large.
fn update_lines(app: &mut OptiscapeApp, size: egui::Vec2) {
    let key = LinesKey {
        runs: app
            .scenario()
            .runs
            .iter()
            .zip(&app.computed.runs)
            .enumerate()
            .filter(|(_, (run, _))| run.visible)
            .map(|(i, (_, result))| (i, result.trajectory.clone(), work_per_step(app, i)))
            .collect(),
        // In steps of 16 points, so dragging the panel's edge does not rebuild every frame.
        size: [size.x, size.y].map(|v| (v.max(16.0) / 16.0).ceil() as u32 * 16),
    };
    if app.loss_lines.key.as_ref() == Some(&key) {
        return;
    }
    let axis = loss_axis(app);
    let max_points = (size.x * PLOT_POINTS_PER_WIDTH).max(100.0) as usize;
    let thinned_lines: Vec<(usize, Status, Vec<[f64; 2]>)> = key
        .runs
        .iter()
        .map(|(i, t, per_step)| {
            let points = thinned(t.losses.len(), max_points)
                .map(|k| [k as f64 * per_step, axis.y(t.losses[k])])
                .collect();
            (*i, t.status, points)
        })
        .collect();
    let shown: Vec<(Status, Vec<[f64; 2]>)> = thinned_lines
        .iter()
        .map(|(_, s, p)| (*s, p.clone()))
        .collect();
    let range = loss_axis::range(&shown);
    // The tolerance in the plot's units: its size over what it spans (an overestimate of the
    // pixels per unit, the axes taking some of the size, so the error stays under the tolerance).
    let x_span = thinned_lines
        .iter()
        .filter_map(|(_, _, p)| p.last().map(|q| q[0]))
        .fold(1.0f64, f64::max);
    let y_span = range.map_or(1.0, |[lo, hi]| (hi - lo).max(f64::MIN_POSITIVE));
    let tol = [
        PLOT_TOLERANCE * x_span / f64::from(key.size[0]),
        PLOT_TOLERANCE * y_span / f64::from(key.size[1]),
    ];
    let lines = thinned_lines
        .into_iter()
        .map(|(run, _, points)| {
            let (points, exit) = match range {
                Some(r) => loss_axis::clip(&points, r),
                None => (points, None),
            };
            LossLine {
                run,
                points: loss_axis::simplify(&points, tol),
                exit,
            }
        })
        .collect();
    app.loss_lines = LossLines {
        key: Some(key),
        axis: Some(axis),
        range,
        lines,
    };
}

fn loss_plot(app: &mut OptiscapeApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    update_lines(app, ui.available_size());
    let axis = app.loss_lines.axis.unwrap_or(LossAxis::Linear);
    let range = app.loss_lines.range;
    let scenario = app.scenario();
    let loss_x = scenario.display.loss_x;
    // The cursor, the hover and a click go by the selected run's work per step.
    let cursor_scale = work_per_step(app, app.selected);
    let cursor = ui.visuals().strong_text_color();
    let response = Plot::new("loss")
        .y_axis_label(axis.label())
        .x_axis_label(loss_x.label())
        .x_grid_spacer(super::landscape::round_ticks(80.0))
        .y_grid_spacer(super::landscape::round_ticks(30.0))
        .x_axis_formatter(super::landscape::tick_text)
        .y_axis_formatter(super::landscape::tick_text)
        .allow_scroll(false)
        .show(ui, |plot_ui| {
            for line in &app.loss_lines.lines {
                let Some(run) = scenario.runs.get(line.run) else {
                    continue;
                };
                let color = rgb(run.rgb_in(line.run, app.persisted.dark));
                plot_ui.line(
                    Line::new(run.label(), PlotPoints::from(line.points.clone()))
                        .color(color)
                        .width(2.0),
                );
                if let Some(at) = line.exit {
                    // Where a run leaves the plot: an arrowhead on the edge, pointing the way it went.
                    let up = range.is_some_and(|[_, hi]| at[1] >= hi);
                    plot_ui.points(
                        Points::new(format!("{} leaves the plot", run.label()), vec![at])
                            .shape(if up {
                                MarkerShape::Up
                            } else {
                                MarkerShape::Down
                            })
                            .radius(6.0)
                            .filled(true)
                            .color(color),
                    );
                }
            }
            plot_ui.vline(
                VLine::new("", app.playback.step as f64 * cursor_scale)
                    .color(cursor)
                    .width(1.5),
            );
            plot_ui.pointer_coordinate()
        });
    // The hovered step is marked on the landscape in this same frame.
    let hovered = response
        .response
        .hovered()
        .then_some(response.inner)
        .flatten();
    actions.push(Action::LossPlotAt(response.response.rect));
    let step_at = |x: f64| (x / cursor_scale).round().max(0.0) as usize;
    actions.push(Action::HoverStep(hovered.map(|p| step_at(p.x))));
    if response.response.clicked()
        && let Some(p) = response.inner
    {
        actions.push(Action::Seek(step_at(p.x)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_ends_and_bounds_the_count() {
        let v: Vec<usize> = thinned(10, 100).collect();
        assert_eq!(v, (0..10).collect::<Vec<_>>());
        let v: Vec<usize> = thinned(10_001, 2000).collect();
        assert!(v.len() <= 2001);
        assert_eq!(v.first(), Some(&0));
        assert_eq!(v.last(), Some(&10_000));
        assert_eq!(thinned(0, 10).count(), 0);
    }
}
