//! The bottom panel: playback controls, the loss plot (against steps, or the work they cost: sample
//! gradients or epochs) with a cursor at the current step, and the results table.

use std::sync::Arc;

use egui::Ui;
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points, VLine};

use super::loss_axis::{self, LossAxis};
use super::runs_panel::rgb;
use super::state::{Computed, Playback};
use super::{Action, Document, results};
use optiscape_core::scenario::{LossX, Scenario};
use optiscape_core::sim::{Status, Trajectory};

/// Most points one line of the loss plot gets, per point of plot width; longer runs are thinned evenly.
const PLOT_POINTS_PER_WIDTH: f32 = 1.0;

/// The panel, for the document, what is computed for it and playback (the loss plot's lines kept
/// in `lines`); returns what the user asked for.
pub fn show(
    ui: &mut Ui,
    document: &mut Document,
    computed: &Computed,
    playback: &Playback,
    lines: &mut LossLines,
) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Panel::bottom("timeline")
        .resizable(true)
        .default_size(250.0)
        .min_size(150.0)
        .show(ui, |ui| {
            controls(
                ui,
                document.scenario_mut(),
                computed,
                playback,
                &mut actions,
            );
            ui.separator();
            // The table takes the width its columns need (up to three quarters), the plot the rest.
            let full = ui.available_rect_before_wrap().intersect(ui.clip_rect());
            let table_w = results::width(ui, document, computed).min(full.width() * 0.75);
            let split = full.right() - table_w;
            let plot_rect =
                egui::Rect::from_min_max(full.min, egui::pos2(split - 8.0, full.bottom()));
            let table_rect = egui::Rect::from_min_max(egui::pos2(split, full.top()), full.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(plot_rect), |ui| {
                update_lines(lines, document.scenario(), computed, ui.available_size());
                let at = Cursor {
                    step: playback.step,
                    per_step: work_per_step(document.scenario(), computed, document.selected),
                };
                loss_plot(ui, document, lines, at, &mut actions);
            });
            ui.scope_builder(egui::UiBuilder::new().max_rect(table_rect), |ui| {
                results::table(ui, document, computed);
            });
            ui.allocate_rect(full, egui::Sense::hover());
        });
    actions
}

fn controls(
    ui: &mut Ui,
    scenario: &mut Scenario,
    computed: &Computed,
    playback: &Playback,
    actions: &mut Vec<Action>,
) {
    let last = computed.last_step();
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
        let play = if playback.playing {
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
        let mut step = playback.step;
        let scrubber = egui::Slider::new(&mut step, 0..=last.max(1)).text("Step");
        if ui.add(scrubber).changed() {
            actions.push(Action::Seek(step));
        }
    });
    ui.horizontal(|ui| {
        let animation = &mut scenario.animation;
        ui.add(
            egui::Slider::new(&mut animation.speed, 1.0..=10_000.0)
                .logarithmic(true)
                .text("Steps per second"),
        );
        ui.checkbox(&mut animation.looping, "Loop");
        ui.separator();
        let loss_x = &mut scenario.display.loss_x;
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
        if let Some((done, total)) = computed.background() {
            ui.separator();
            ui.spinner();
            let what = if scenario.net.is_some() {
                "Training and slicing the network"
            } else {
                "Computing runs"
            };
            ui.label(format!("{what}: {done} of {total}"))
                .on_hover_text("The paths shown are the last ones; the new ones appear when ready");
        }
    });
}

/// The axis for the computed results.
pub fn loss_axis(computed: &Computed) -> LossAxis {
    let best = computed.surface.as_ref().and_then(|s| {
        s.minima()
            .iter()
            .map(|&m| s.value(m))
            .min_by(f64::total_cmp)
    });
    LossAxis::choose(
        best,
        (0..computed.runs.len())
            .filter_map(|i| computed.loss_path(i))
            .map(|t| t.losses.as_slice()),
    )
}

/// Indices `0..n` thinned to at most `max`, always keeping the last.
pub fn thinned(n: usize, max: usize) -> impl Iterator<Item = usize> {
    let stride = n.div_ceil(max.max(1)).max(1);
    (0..n)
        .step_by(stride)
        .chain((n > 0 && !(n - 1).is_multiple_of(stride)).then(|| n - 1))
}

/// How far along the loss plot's x axis each step of run `i` of `scenario` goes.
pub fn work_per_step(scenario: &Scenario, computed: &Computed, i: usize) -> f64 {
    let samples = match &scenario.net {
        Some(net) => Some(net.samples),
        None => computed.surface.as_ref().and_then(|s| s.sample_count()),
    };
    let batch = scenario.runs.get(i).and_then(|r| r.batch_size);
    scenario.display.loss_x.per_step(batch, samples)
}

/// A run's line of the loss plot, kept while the run stays the same: its points (thinned, and
/// simplified to the plot's pixels) and the losses that set the plot's range.
struct LossLine {
    run: usize,
    /// Held, so a new trajectory is never taken for an old one at the same address.
    trajectory: Arc<Trajectory>,
    per_step: f64,
    points: Vec<[f64; 2]>,
    /// The lowest and highest point (or, for a diverged run, its start), as `loss_axis::range`
    /// takes them.
    extremes: (Status, Vec<[f64; 2]>),
}

/// The loss plot's lines between frames: a line is rebuilt when its run or work per step changes,
/// all of them when the axis or the plot's size does, none while the balls roll.
#[derive(Default)]
pub struct LossLines {
    axis: Option<LossAxis>,
    size: [u32; 2],
    lines: Vec<LossLine>,
}

/// Least distance, in pixels, by which a point must leave the line through its neighbours to be
/// kept in the loss plot.
const PLOT_TOLERANCE: f64 = 0.3;

/// The line of run `run` for a plot `size` points large.
fn build_line(
    run: usize,
    t: &Arc<Trajectory>,
    per_step: f64,
    axis: LossAxis,
    size: [u32; 2],
) -> LossLine {
    let max_points = (size[0] as f32 * PLOT_POINTS_PER_WIDTH).max(100.0) as usize;
    let points: Vec<[f64; 2]> = thinned(t.losses.len(), max_points)
        .map(|k| [k as f64 * per_step, axis.y(t.losses[k])])
        .collect();
    let finite = points.iter().filter(|p| p[1].is_finite());
    let low = finite.clone().min_by(|a, b| a[1].total_cmp(&b[1])).copied();
    let high = finite.max_by(|a, b| a[1].total_cmp(&b[1])).copied();
    let extremes = if t.status == Status::Diverged {
        points.first().copied().into_iter().collect()
    } else {
        low.into_iter().chain(high).collect()
    };
    // The tolerance in the plot's units, from the line's own extent: the plot spans at least as
    // much, so on the plot the error is no more than the tolerance.
    let span = |k: usize| {
        let (lo, hi) = points
            .iter()
            .map(|p| p[k])
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        (hi - lo).max(f64::MIN_POSITIVE)
    };
    let tol = [
        PLOT_TOLERANCE * span(0) / f64::from(size[0]),
        PLOT_TOLERANCE * span(1) / f64::from(size[1]),
    ];
    LossLine {
        run,
        trajectory: t.clone(),
        per_step,
        points: loss_axis::simplify(&points, tol),
        extremes: (t.status, extremes),
    }
}

/// Brings the kept lines up to date for a plot about `size` points large.
fn update_lines(kept: &mut LossLines, scenario: &Scenario, computed: &Computed, size: egui::Vec2) {
    let runs: Vec<(usize, Arc<Trajectory>, f64)> = scenario
        .runs
        .iter()
        .zip(&computed.runs)
        .enumerate()
        .filter(|(_, (run, _))| run.visible)
        .filter_map(|(i, _)| {
            let path = computed.loss_path(i)?.clone();
            Some((i, path, work_per_step(scenario, computed, i)))
        })
        .collect();
    // In steps of 16 points, so dragging the panel's edge does not rebuild every frame.
    let size = [size.x, size.y].map(|v| (v.max(16.0) / 16.0).ceil() as u32 * 16);
    let same = |(i, t, w): &(usize, Arc<Trajectory>, f64), l: &LossLine| {
        l.run == *i && l.per_step == *w && Arc::ptr_eq(&l.trajectory, t)
    };
    let unchanged =
        kept.lines.len() == runs.len() && runs.iter().zip(&kept.lines).all(|(r, l)| same(r, l));
    if unchanged && kept.size == size && kept.axis.is_some() {
        return;
    }
    let axis = loss_axis(computed);
    let old = std::mem::take(kept);
    let reuse = old.axis == Some(axis) && old.size == size;
    let mut lines = Vec::with_capacity(runs.len());
    let mut old_lines = old.lines.into_iter().peekable();
    for r in &runs {
        // Runs keep their order, so a kept line is found by walking the old list once.
        while old_lines.peek().is_some_and(|l| l.run < r.0) {
            old_lines.next();
        }
        let line = match old_lines.next_if(|l| reuse && same(r, l)) {
            Some(line) => line,
            None => build_line(r.0, &r.1, r.2, axis, size),
        };
        lines.push(line);
    }
    *kept = LossLines {
        axis: Some(axis),
        size,
        lines,
    };
}

/// Where the loss plot's cursor is: the current step, and the work per step of the selected run
/// (which the cursor, the hover and a click go by).
#[derive(Clone, Copy)]
struct Cursor {
    step: usize,
    per_step: f64,
}

fn loss_plot(
    ui: &mut Ui,
    document: &Document,
    lines: &LossLines,
    at: Cursor,
    actions: &mut Vec<Action>,
) {
    let axis = lines.axis.unwrap_or(LossAxis::Linear);
    let extremes: Vec<(Status, Vec<[f64; 2]>)> =
        lines.lines.iter().map(|l| l.extremes.clone()).collect();
    let range = loss_axis::range(&extremes);
    let loss_x = document.scenario().display.loss_x;
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
            for line in &lines.lines {
                plot_line(plot_ui, document, line, range);
            }
            plot_ui.vline(
                VLine::new("", at.step as f64 * at.per_step)
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
    let step_at = |x: f64| (x / at.per_step).round().max(0.0) as usize;
    actions.push(Action::HoverStep(hovered.map(|p| step_at(p.x))));
    if response.response.clicked()
        && let Some(p) = response.inner
    {
        actions.push(Action::Seek(step_at(p.x)));
    }
}

/// One run's line, clipped to the plot's `range`, with an arrowhead where it leaves the plot.
fn plot_line(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    document: &Document,
    line: &LossLine,
    range: Option<[f64; 2]>,
) {
    let Some(run) = document.scenario().runs.get(line.run) else {
        return;
    };
    let color = rgb(run.rgb_in(line.run, document.dark()));
    let (points, exit) = match range {
        Some(r) => loss_axis::clip(&line.points, r),
        None => (line.points.clone(), None),
    };
    plot_ui.line(
        Line::new(run.label(), PlotPoints::from(points))
            .color(color)
            .width(2.0),
    );
    if let Some(at) = exit {
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
