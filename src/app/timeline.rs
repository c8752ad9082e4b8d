//! The bottom panel: playback controls, the loss-vs-step plot with a cursor at the current step, and
//! the results table.

use egui::Ui;
use egui_plot::{Line, Plot, PlotPoints, VLine};

use super::runs_panel::rgb;
use super::{Action, OptiscapeApp, results};

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
            ui.columns(2, |cols| {
                loss_plot(app, &mut cols[0], &mut actions);
                egui::ScrollArea::vertical()
                    .id_salt("results")
                    .show(&mut cols[1], |ui| results::table(app, ui));
            });
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
    });
}

/// How losses are put on the y axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LossAxis {
    /// log₁₀(f − f*) with f* the known minimum value.
    Gap(f64),
    /// log₁₀ f, all losses being positive.
    Log,
    /// f as it is (losses can be negative, e.g. on a saddle).
    Linear,
}

impl LossAxis {
    pub fn y(self, f: f64) -> f64 {
        match self {
            Self::Gap(best) => (f - best).max(1e-300).log10(),
            Self::Log => f.max(1e-300).log10(),
            Self::Linear => f,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Gap(_) => "log₁₀(f − f*)",
            Self::Log => "log₁₀ f",
            Self::Linear => "f",
        }
    }
}

/// The axis for the app's current results.
pub fn loss_axis(app: &OptiscapeApp) -> LossAxis {
    let best = app.computed.surface.as_ref().and_then(|s| {
        s.minima()
            .iter()
            .map(|&m| s.value(m))
            .min_by(f64::total_cmp)
    });
    let lowest = app.computed.min_loss.unwrap_or(f64::INFINITY);
    match best {
        Some(b) if lowest >= b => LossAxis::Gap(b),
        _ if lowest > 0.0 => LossAxis::Log,
        _ => LossAxis::Linear,
    }
}

/// Indices `0..n` thinned to at most `max`, always keeping the last.
pub fn thinned(n: usize, max: usize) -> impl Iterator<Item = usize> {
    let stride = n.div_ceil(max.max(1)).max(1);
    (0..n)
        .step_by(stride)
        .chain((n > 0 && !(n - 1).is_multiple_of(stride)).then(|| n - 1))
}

fn loss_plot(app: &OptiscapeApp, ui: &mut Ui, actions: &mut Vec<Action>) {
    let axis = loss_axis(app);
    let scenario = app.scenario();
    let cursor = ui.visuals().strong_text_color();
    let max_points = (ui.available_width() * PLOT_POINTS_PER_WIDTH).max(100.0) as usize;
    let response = Plot::new("loss")
        .y_axis_label(axis.label())
        .x_axis_label("step")
        .x_grid_spacer(super::landscape::round_ticks(80.0))
        .y_grid_spacer(super::landscape::round_ticks(30.0))
        .x_axis_formatter(super::landscape::tick_text)
        .y_axis_formatter(super::landscape::tick_text)
        .allow_scroll(false)
        .show(ui, |plot_ui| {
            for (i, (run, result)) in scenario.runs.iter().zip(&app.computed.runs).enumerate() {
                if !run.visible {
                    continue;
                }
                let losses = &result.trajectory.losses;
                let points: PlotPoints<'_> = thinned(losses.len(), max_points)
                    .map(|k| [k as f64, axis.y(losses[k])])
                    .collect();
                plot_ui.line(
                    Line::new(run.label(), points)
                        .color(rgb(run.rgb(i)))
                        .width(2.0),
                );
            }
            plot_ui.vline(
                VLine::new("", app.playback.step as f64)
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
    actions.push(Action::HoverStep(
        hovered.map(|p| p.x.round().max(0.0) as usize),
    ));
    if response.response.clicked()
        && let Some(p) = response.inner
    {
        actions.push(Action::Seek(p.x.round().max(0.0) as usize));
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

    #[test]
    fn loss_axes() {
        assert_eq!(LossAxis::Gap(3.0).y(13.0), 1.0);
        assert_eq!(LossAxis::Log.y(100.0), 2.0);
        assert_eq!(LossAxis::Linear.y(-5.0), -5.0);
    }
}
