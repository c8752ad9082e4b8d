//! The central view: filled contours with isolines and a colour bar, minima and saddle markers, and
//! every run's path with its ball. Pan by dragging, zoom by scrolling; a click sets the selected run's
//! start (Shift: every run's) and a start marker can be dragged.
//!
//! egui_plot pans, zooms and hovers; its own axes, grid and legend are off. The axes, the colour bar
//! and presentation mode's legend are display-list items ([`optiscape_picture::picture`], as in exports)
//! painted by [`super::picture_view`] (see `landscape_chrome.rs`).

use egui::{Color32, Pos2, Stroke, Ui};
use egui_plot::{
    CoordinatesFormatter, Corner, Line, Plot, PlotBounds, PlotImage, PlotPoint, PlotPoints,
    PlotTransform, PlotUi,
};

use super::field_cache::{FieldCache, centre_size};
use super::paths;
use super::{Action, OptiscapeApp, overlay, picture_view};
use optiscape_core::sim::surface::View;
use optiscape_core::sim::surface::wells::{Landmarks, Well};
use optiscape_core::sim::{Surface, V2};
use optiscape_picture::picture::{self, PathFrame, PathRun};

/// Text size (line height) of the divergence labels, in points.
const DIVERGED_FONT: f32 = 17.0;
/// Pixels within which a press grabs a start marker.
const GRAB_RADIUS: f32 = 12.0;
/// Width of the colour bar at the right.
const COLOR_BAR_WIDTH: f32 = 86.0;
/// State of the landscape between frames.
#[derive(Default)]
pub struct Landscape {
    field: FieldCache,
    fit: bool,
    fitted_once: bool,
    /// The plot's transform of the last frame, to hit-test markers and map clicks.
    pub transform: Option<PlotTransform>,
    /// The run whose start marker is being dragged.
    dragging: Option<usize>,
    /// The labels the last frame drew.
    pub drawn: Drawn,
}

impl Landscape {
    /// Asks the next frame to show the surface's default window.
    pub fn request_fit(&mut self) {
        self.fit = true;
    }
}

impl OptiscapeApp {
    /// The screen position of a point of the plane in the last frame, if the landscape was drawn.
    pub fn screen_pos(&self, p: V2) -> Option<Pos2> {
        self.landscape
            .transform
            .map(|t| t.position_from_point(&PlotPoint::new(p.x, p.y)))
    }

    /// The axes' and colour bar's labels the landscape drew in the last frame.
    pub fn landscape_labels(&self) -> &Drawn {
        &self.landscape.drawn
    }

    /// The window of the plane the landscape showed in the last frame.
    pub fn visible_view(&self) -> Option<View> {
        self.landscape.transform.map(|t| bounds_view(t.bounds()))
    }
}

fn bounds_view(b: &PlotBounds) -> View {
    View::new(b.min()[0], b.max()[0], b.min()[1], b.max()[1])
}

/// Draws the landscape; returns the start changes the pointer asked for.
pub fn show(app: &mut OptiscapeApp, ui: &mut Ui) -> Vec<Action> {
    let Some(surface) = app.computed.surface.clone() else {
        let waiting = app.scenario().net.is_some() && app.computed.error.is_none();
        ui.centered_and_justified(|ui| {
            ui.heading(if waiting {
                "Training the network and computing its slice…"
            } else {
                "The scenario's surface is not valid; see the side panel."
            })
        });
        return Vec::new();
    };
    let mut actions = Vec::new();
    let full = ui.available_rect_before_wrap();
    let split = full.right() - COLOR_BAR_WIDTH;
    let plot_rect = egui::Rect::from_min_max(
        full.min,
        egui::pos2(split.max(full.left() + 100.0), full.bottom()),
    );
    let bar = egui::Rect::from_min_max(egui::pos2(split, full.top()), full.max);
    // The axes are drawn from the display list around the plot, in this margin.
    let plot_rect = egui::Rect::from_min_max(
        plot_rect.min + egui::vec2(AXIS_LEFT, 8.0),
        plot_rect.max - egui::vec2(4.0, AXIS_BOTTOM),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(plot_rect), |ui| {
        plot(app, ui, &surface, plot_rect.size(), &mut actions);
    });
    ui.allocate_rect(full, egui::Sense::hover());
    color_bar(app, ui, bar);
    actions
}

fn plot(
    app: &mut OptiscapeApp,
    ui: &mut Ui,
    surface: &Surface,
    size: egui::Vec2,
    actions: &mut Vec<Action>,
) {
    grab_marker(app, ui);
    let fit = app.landscape.fit || !app.landscape.fitted_once;
    let view = app.scenario().view_on(surface);
    let log = app
        .scenario()
        .display
        .log_scale
        .unwrap_or(surface.info().log_scale);
    let levels = app.scenario().display.isolines;
    let s = surface.clone();
    let ppp = ui.ctx().pixels_per_point();
    let ctx = ui.ctx().clone();
    let presenting = app.presenting;
    let dragging = app.landscape.dragging;
    // egui_plot pans, zooms and hovers; the axes and the legend come from the display list.
    let plot = Plot::new("landscape")
        .width(size.x)
        .height(size.y)
        .data_aspect(1.0)
        .show_axes(false)
        .show_grid(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_drag(dragging.is_none())
        .coordinates_formatter(
            Corner::LeftBottom,
            CoordinatesFormatter::new(move |p, _| hover_text(&s, p)),
        );
    let response = plot.show(ui, |plot_ui| {
        if fit {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [view.x[0], view.y[0]],
                [view.x[1], view.y[1]],
            ));
        }
        let frame = *plot_ui.transform().frame();
        let pixels = [
            (frame.width() * ppp).round() as usize,
            (frame.height() * ppp).round() as usize,
        ];
        let shown = bounds_view(&plot_ui.plot_bounds());
        app.landscape
            .field
            .update(&ctx, surface, shown, pixels, log, levels);
        draw_field(plot_ui, &app.landscape.field);
        plot_ui.pointer_coordinate()
    });
    let mut chrome = axes_items(app, &response.transform);
    let f = response.transform.frame();
    app.landscape.drawn.frame = [f.width(), f.height()];
    let display = app.scenario().display.clone();
    if display.markers {
        draw_markers(ui, surface, &app.landscape.field.wells, &response.transform);
    }
    if display.gradient_field {
        overlay::draw_gradient_field(app, ui, &response.transform);
    }
    // The legend is painted last, over the paths; divergence labels keep clear of it.
    let legend = if presenting {
        legend_items(app, ui, &mut chrome, *response.transform.frame())
    } else {
        None
    };
    draw_runs(app, ui, &response.transform, legend);
    let v = display.vectors;
    if v.gradient || v.step || v.velocity || v.lookahead || v.step_sizes {
        let snaps = app.snapshots(app.playback.step);
        overlay::draw_vectors(app, ui, &response.transform, &snaps, v);
    }
    if let Some(k) = app.hover_step {
        overlay::draw_hovered_step(app, ui, &response.transform, k);
    }
    picture_view::paint(ui.painter(), &chrome, egui::Pos2::ZERO, 1.0);
    if let Some(net) = &app.computed.net {
        // Says what the picture is, in the plot's corner where every frame shows it.
        let at = response.transform.frame().left_top() + egui::vec2(8.0, 6.0);
        let text = super::net_view::caption(net);
        let font = egui::FontId::proportional(if presenting { 20.0 } else { 14.0 });
        let galley = ui.painter().layout_no_wrap(text, font, Color32::WHITE);
        let rect = egui::Rect::from_min_size(at, galley.size()).expand(4.0);
        ui.painter()
            .rect_filled(rect, 3.0, Color32::from_black_alpha(150));
        ui.painter().galley(at, galley, Color32::WHITE);
    }
    if fit {
        app.landscape.fit = false;
        app.landscape.fitted_once = true;
    }
    app.landscape.transform = Some(response.transform);
    pointer_actions(app, ui, &response.response, response.inner, actions);
}

/// Starts dragging a start marker when the pointer is pressed on one (decided before the plot is
/// shown, so the plot does not pan at the same time).
fn grab_marker(app: &mut OptiscapeApp, ui: &Ui) {
    let (pressed, down, origin) = ui.input(|i| {
        (
            i.pointer.primary_pressed(),
            i.pointer.primary_down(),
            i.pointer.press_origin(),
        )
    });
    if !down {
        app.landscape.dragging = None;
        return;
    }
    // A network's runs all start from its weights: nothing to drag.
    if !pressed || app.landscape.dragging.is_some() || app.scenario().net.is_some() {
        return;
    }
    let Some(origin) = origin else { return };
    // Overlapping markers: the selected run's wins, then the nearest.
    let selected = app.selected;
    let hit = app
        .scenario()
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.visible)
        .filter_map(|(i, r)| app.screen_pos(r.start()).map(|p| (i, p.distance(origin))))
        .filter(|(_, d)| *d <= GRAB_RADIUS)
        .min_by(|a, b| {
            (a.0 != selected)
                .cmp(&(b.0 != selected))
                .then(a.1.total_cmp(&b.1))
        });
    app.landscape.dragging = hit.map(|(i, _)| i);
}

fn pointer_actions(
    app: &mut OptiscapeApp,
    ui: &Ui,
    response: &egui::Response,
    pointer: Option<PlotPoint>,
    actions: &mut Vec<Action>,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    // While a marker is dragged the plot may not count as hovered; map the raw pointer instead.
    let raw = ui.input(|i| i.pointer.latest_pos());
    let dragged_to = raw
        .zip(app.landscape.transform)
        .map(|(pos, t)| t.value_from_position(pos));
    if let (Some(i), Some(p)) = (app.landscape.dragging, dragged_to) {
        actions.push(Action::SetStart(Some(i), V2::new(p.x, p.y)));
        if app.selected != i {
            actions.push(Action::SelectRun(i));
        }
        return;
    }
    if response.clicked()
        && let Some(p) = pointer
    {
        let target = if shift { None } else { Some(app.selected) };
        actions.push(Action::SetStart(target, V2::new(p.x, p.y)));
    }
}

fn hover_text(surface: &Surface, p: &PlotPoint) -> String {
    let (f, g) = surface.value_grad(V2::new(p.x, p.y));
    let n = optiscape_picture::ticks::fmt_number;
    format!(
        "x = {}  y = {}\nf = {}\n∇f = ({}, {})",
        n(p.x),
        n(p.y),
        n(f),
        n(g.x),
        n(g.y)
    )
}

fn draw_field(plot_ui: &mut PlotUi<'_>, field: &FieldCache) {
    let (Some(tex), Some(view)) = (&field.texture, field.view) else {
        return;
    };
    let (centre, size) = centre_size(view);
    plot_ui.image(
        PlotImage::new(
            "",
            tex.id(),
            PlotPoint::new(centre.x, centre.y),
            egui::vec2(size.x as f32, size.y as f32),
        )
        .allow_hover(false),
    );
    let stroke = Stroke::new(1.0, Color32::from_rgba_unmultiplied(255, 255, 255, 70));
    for line in &field.isolines {
        plot_ui.line(
            Line::new("", PlotPoints::from(line.clone()))
                .stroke(stroke)
                .allow_hover(false),
        );
    }
}

/// Minima and saddles, as the exports draw them (`render::picture::markers`).
fn draw_markers(ui: &Ui, surface: &Surface, wells: &[Well], transform: &PlotTransform) {
    let frame = *transform.frame();
    let mut items = Vec::new();
    let screen = |p: V2| {
        let s = transform.position_from_point(&PlotPoint::new(p.x, p.y));
        [s.x, s.y]
    };
    let plot = [frame.left(), frame.top(), frame.width(), frame.height()];
    let marks = Landmarks::new(surface, wells.to_vec());
    picture::markers(&mut items, &marks, screen, plot, 1.0);
    picture_view::paint(&ui.painter().with_clip_rect(frame), &items, Pos2::ZERO, 1.0);
}

/// Paths, balls, start rings and divergence markers: the display list's paths layer
/// ([`picture::paths`]), as every export draws it.
fn draw_runs(app: &OptiscapeApp, ui: &Ui, transform: &PlotTransform, legend: Option<[f32; 4]>) {
    let frame = *transform.frame();
    let runs: Vec<PathRun> = app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .enumerate()
        .filter(|(_, (r, _))| r.visible)
        .map(|(i, (run, result))| PathRun {
            rgb: run.rgb_in(i, app.persisted.dark),
            start: app.run_start(i, run),
            trajectory: &result.trajectory,
        })
        .collect();
    let project = paths::projection(transform);
    let at = PathFrame {
        project: &project,
        plot: [frame.left(), frame.top(), frame.width(), frame.height()],
        font: DIVERGED_FONT,
        unit: 1.0,
        legend,
    };
    let items = picture::paths(&runs, app.playback.step, &at);
    picture_view::paint(ui.painter(), &items, Pos2::ZERO, 1.0);
}

#[path = "landscape_chrome.rs"]
mod chrome;
pub(super) use chrome::AXIS_FONT;
pub use chrome::Drawn;
use chrome::{AXIS_BOTTOM, AXIS_LEFT, axes_items, color_bar, legend_items};

#[path = "landscape_axes.rs"]
mod axes;
pub(super) use axes::{round_ticks, tick_text};

#[cfg(test)]
#[path = "landscape_tests.rs"]
mod tests;
