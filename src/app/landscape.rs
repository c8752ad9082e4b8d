//! The central view: filled contours with isolines and a colour bar, minima and saddle markers, and
//! every run's path with its ball. Pan by dragging, zoom by scrolling; a click sets the selected run's
//! start (Shift: every run's) and a start marker can be dragged.

use egui::{Color32, Pos2, Stroke, Ui};
use egui_plot::{
    CoordinatesFormatter, Corner, Legend, Line, MarkerShape, Plot, PlotBounds, PlotImage,
    PlotPoint, PlotPoints, PlotTransform, PlotUi, Points, Text,
};

use super::field_cache::{FieldCache, centre_size};
use super::runs_panel::rgb;
use super::{Action, OptiscapeApp};
use crate::sim::path::thin;
use crate::sim::surface::View;
use crate::sim::{Status, Surface, V2};

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
    let Some(surface) = app.computed.surface else {
        ui.centered_and_justified(|ui| {
            ui.heading("The scenario's surface is not valid; see the side panel.")
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
    let view = app.scenario().view_or_default();
    let log = app
        .scenario()
        .display
        .log_scale
        .unwrap_or(surface.info().log_scale);
    let levels = app.scenario().display.isolines;
    let s = *surface;
    let mut legend = Legend::default().position(Corner::RightTop);
    legend.background_alpha = 0.85;
    let ppp = ui.ctx().pixels_per_point();
    let ctx = ui.ctx().clone();
    let presenting = app.presenting;
    let dragging = app.landscape.dragging;
    let mut plot = Plot::new("landscape")
        .width(size.x)
        .height(size.y)
        .data_aspect(1.0)
        .show_grid(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_drag(dragging.is_none())
        .x_axis_label("x")
        .y_axis_label("y")
        .coordinates_formatter(
            Corner::LeftBottom,
            CoordinatesFormatter::new(move |p, _| hover_text(&s, p)),
        );
    if presenting {
        plot = plot.legend(legend);
    }
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
        draw_markers(plot_ui, surface, app.scenario().display.markers);
        draw_runs(app, plot_ui);
        plot_ui.pointer_coordinate()
    });
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
    if !pressed || app.landscape.dragging.is_some() {
        return;
    }
    let Some(origin) = origin else { return };
    let hit = app
        .scenario()
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.visible)
        .filter_map(|(i, r)| app.screen_pos(r.start()).map(|p| (i, p.distance(origin))))
        .filter(|(_, d)| *d <= GRAB_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1));
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
    if let (Some(i), Some(p)) = (app.landscape.dragging, pointer) {
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
    format!(
        "x = {:.4}  y = {:.4}\nf = {:.6}\n∇f = ({:.4}, {:.4})",
        p.x, p.y, f, g.x, g.y
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
    for iso in &field.isolines {
        for line in &iso.lines {
            let pts: PlotPoints<'_> = line.iter().map(|p| [p.x, p.y]).collect();
            plot_ui.line(Line::new("", pts).stroke(stroke).allow_hover(false));
        }
    }
}

fn draw_markers(plot_ui: &mut PlotUi<'_>, surface: &Surface, show: bool) {
    if !show {
        return;
    }
    let mark = |pts: Vec<V2>, shape: MarkerShape| {
        let pts: PlotPoints<'_> = pts.iter().map(|p| [p.x, p.y]).collect();
        Points::new("", pts)
            .shape(shape)
            .radius(9.0)
            .color(Color32::WHITE)
            .filled(true)
            .allow_hover(false)
    };
    plot_ui.points(mark(surface.minima(), MarkerShape::Asterisk));
    plot_ui.points(mark(surface.saddles(), MarkerShape::Plus));
}

fn draw_runs(app: &OptiscapeApp, plot_ui: &mut PlotUi<'_>) {
    let bounds = plot_ui.plot_bounds();
    let frame = *plot_ui.transform().frame();
    // Keep vertices about a pixel apart: finer detail is invisible.
    let min_dist = bounds.width() / f64::from(frame.width().max(1.0));
    let step = app.playback.step;
    for (i, (run, result)) in app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .enumerate()
    {
        if !run.visible {
            continue;
        }
        let color = rgb(run.rgb(i));
        let t = &result.trajectory;
        let pts = &t.points;
        let at = |idx: &[usize]| -> PlotPoints<'static> {
            idx.iter().map(|&k| [pts[k].x, pts[k].y]).collect()
        };
        let ahead = thin(pts, pts.len(), min_dist);
        plot_ui.line(
            Line::new("", at(&ahead))
                .color(color.gamma_multiply(0.45))
                .width(1.5)
                .allow_hover(false),
        );
        let shown = (step + 1).min(pts.len());
        let trail = thin(pts, shown, min_dist);
        plot_ui.line(
            Line::new("", at(&trail))
                .color(Color32::from_black_alpha(170))
                .width(6.0)
                .allow_hover(false),
        );
        plot_ui.line(
            Line::new(run.label(), at(&trail))
                .color(color)
                .width(3.5)
                .allow_hover(false),
        );
        let start = run.start();
        plot_ui.points(
            Points::new("", vec![[start.x, start.y]])
                .shape(MarkerShape::Circle)
                .radius(7.0)
                .filled(false)
                .color(color)
                .allow_hover(false),
        );
        if let Some(&ball) = pts.get(shown.saturating_sub(1)) {
            plot_ui.points(
                Points::new("", vec![[ball.x, ball.y]])
                    .radius(10.0)
                    .color(Color32::BLACK)
                    .allow_hover(false),
            );
            plot_ui.points(
                Points::new("", vec![[ball.x, ball.y]])
                    .radius(8.0)
                    .color(color)
                    .allow_hover(false),
            );
        }
        if let (Status::Diverged, Some(k), Some(&last)) = (t.status, t.stopped_at, pts.last()) {
            plot_ui.points(
                Points::new("", vec![[last.x, last.y]])
                    .shape(MarkerShape::Cross)
                    .radius(11.0)
                    .color(Color32::from_rgb(255, 80, 80))
                    .allow_hover(false),
            );
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(last.x, last.y),
                    format!("  diverged at step {k}"),
                )
                .color(Color32::WHITE)
                .anchor(egui::Align2::LEFT_BOTTOM),
            );
        }
    }
}

fn color_bar(app: &OptiscapeApp, ui: &Ui, rect: egui::Rect) {
    let Some(scale) = app.landscape.field.scale else {
        return;
    };
    let painter = ui.painter_at(rect);
    let bar = egui::Rect::from_min_max(
        egui::pos2(rect.left() + 8.0, rect.top() + 24.0),
        egui::pos2(rect.left() + 26.0, rect.bottom() - 40.0),
    );
    let mut mesh = egui::Mesh::default();
    let n = 64;
    for k in 0..=n {
        let t = k as f64 / n as f64;
        let y = bar.bottom() - bar.height() * t as f32;
        let c = crate::sim::field::viridis(t);
        let c = rgb(c);
        mesh.colored_vertex(egui::pos2(bar.left(), y), c);
        mesh.colored_vertex(egui::pos2(bar.right(), y), c);
        if k > 0 {
            let b = 2 * k as u32;
            mesh.add_triangle(b - 2, b - 1, b);
            mesh.add_triangle(b - 1, b, b + 1);
        }
    }
    painter.add(mesh);
    let text = ui.visuals().text_color();
    let font = egui::FontId::proportional(12.0);
    painter.text(
        egui::pos2(bar.left(), rect.top() + 4.0),
        egui::Align2::LEFT_TOP,
        if scale.log { "f (log)" } else { "f" },
        font.clone(),
        text,
    );
    for k in 0..=4 {
        let t = k as f64 / 4.0;
        let y = bar.bottom() - bar.height() * t as f32;
        painter.line_segment(
            [egui::pos2(bar.right(), y), egui::pos2(bar.right() + 4.0, y)],
            Stroke::new(1.0, text),
        );
        painter.text(
            egui::pos2(bar.right() + 6.0, y),
            egui::Align2::LEFT_CENTER,
            short(scale.value(t)),
            font.clone(),
            text,
        );
    }
}

/// A number in at most about six characters.
fn short(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-2..1e4).contains(&a) {
        format!("{v:.1e}")
    } else {
        format!("{v:.3}")
    }
}
