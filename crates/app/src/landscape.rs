//! The central view: filled contours with isolines and a colour bar, minima and saddle markers, and
//! every run's path with its ball. Pan by dragging, zoom by scrolling; a click sets the selected run's
//! start (Shift: every run's) and a start marker can be dragged.
//!
//! The picture is the display list every export draws ([`optiscape_picture::picture::Landscape`]),
//! built with the window's layout ([`optiscape_picture::picture::window_layout`]), the view as
//! panned and the field sampled for the window's pixels (kept as a texture while the view stays),
//! and painted by [`super::picture_view`]. egui_plot only pans, zooms and reports the pointer.

use egui::{Color32, Pos2, Ui};
use egui_plot::{CoordinatesFormatter, Corner, Plot, PlotBounds, PlotPoint, PlotTransform};

use super::field_cache::FieldCache;
use super::view::Shown;
use super::{Action, Document, OptiscapeApp, overlay, picture_view};
use optiscape_core::sim::field::Scale;
use optiscape_core::sim::surface::View;
use optiscape_core::sim::{Surface, V2};
use optiscape_picture::picture::{self, Theme};
use optiscape_picture::ticks::Tick;

/// Pixels within which a press grabs a start marker.
const GRAB_RADIUS: f32 = 12.0;
/// The axes' and the colour bar's labels as the landscape drew them, with the lengths they were
/// chosen for (what [`picture::axis_labels`] and [`picture::bar_labels`] were given).
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub x: Vec<Tick>,
    pub y: Vec<Tick>,
    /// The plot's frame: width and height in points.
    pub frame: [f32; 2],
    pub bar: Option<optiscape_picture::ticks::BarTicks>,
    /// The field's colour scale the bar was labelled for.
    pub scale: Option<Scale>,
    /// The coloured part of the colour bar: height in points.
    pub bar_length: f32,
}

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

    /// The screen position of a point of the plane in the last frame, if the landscape was drawn.
    pub fn screen_pos(&self, p: V2) -> Option<Pos2> {
        self.transform
            .map(|t| t.position_from_point(&PlotPoint::new(p.x, p.y)))
    }

    /// The window of the plane the landscape showed in the last frame.
    pub fn visible_view(&self) -> Option<View> {
        self.transform.map(|t| bounds_view(t.bounds()))
    }
}

impl OptiscapeApp {
    /// The screen position of a point of the plane in the last frame, if the landscape was drawn.
    pub fn screen_pos(&self, p: V2) -> Option<Pos2> {
        self.view.landscape.screen_pos(p)
    }

    /// The axes' and colour bar's labels the landscape drew in the last frame.
    pub fn landscape_labels(&self) -> &Drawn {
        &self.view.landscape.drawn
    }

    /// The window of the plane the landscape showed in the last frame.
    pub fn visible_view(&self) -> Option<View> {
        self.view.landscape.visible_view()
    }
}

fn bounds_view(b: &PlotBounds) -> View {
    View::new(b.min()[0], b.max()[0], b.min()[1], b.max()[1])
}

/// Draws the landscape (its state between frames in `land`); returns the start changes the pointer
/// asked for.
pub fn show(ui: &mut Ui, land: &mut Landscape, shown: Shown<'_>) -> Vec<Action> {
    let Some(surface) = shown.computed.surface.clone() else {
        let waiting = shown.document.scenario().net.is_some() && shown.computed.error.is_none();
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
    // The export's builder lays the window out too: the plot, the axes' margins and the colour bar.
    let layout = picture::window_layout(full.width(), full.height());
    let plot_rect = screen_rect(layout.plot, full.min);
    ui.scope_builder(egui::UiBuilder::new().max_rect(plot_rect), |ui| {
        plot(ui, land, shown.document, &surface, layout, &mut actions);
    });
    ui.allocate_rect(full, egui::Sense::hover());
    if let Some(transform) = land.transform {
        paint_picture(ui, land, shown, &surface, layout, full, &transform);
    }
    actions
}

/// A rectangle of the picture (left, top, width, height) on the screen, the picture's origin at
/// `origin`.
fn screen_rect(r: [f32; 4], origin: Pos2) -> egui::Rect {
    egui::Rect::from_min_size(origin + egui::vec2(r[0], r[1]), egui::vec2(r[2], r[3]))
}

/// egui_plot supplies pan, zoom and the pointer over the plot; it draws nothing the picture shows.
fn plot(
    ui: &mut Ui,
    land: &mut Landscape,
    document: &Document,
    surface: &Surface,
    layout: picture::Layout,
    actions: &mut Vec<Action>,
) {
    grab_marker(ui, land, document);
    let fit = land.fit || !land.fitted_once;
    let scenario = document.scenario();
    // The scenario's window widened to the plot's aspect, as an export fits it.
    let view = picture::fit_aspect(scenario.view_on(surface), layout.plot);
    let log = scenario
        .display
        .log_scale
        .unwrap_or(surface.info().log_scale);
    let levels = scenario.display.isolines;
    let s = surface.clone();
    let ppp = ui.ctx().pixels_per_point();
    let ctx = ui.ctx().clone();
    let dragging = land.dragging;
    let plot = Plot::new("landscape")
        .width(layout.plot[2])
        .height(layout.plot[3])
        .data_aspect(1.0)
        .show_axes(false)
        .show_grid(false)
        .show_background(false)
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
        land.field.update(&ctx, surface, shown, pixels, log, levels);
        plot_ui.pointer_coordinate()
    });
    if fit {
        land.fit = false;
        land.fitted_once = true;
    }
    land.transform = Some(response.transform);
    let selected = document.selected;
    pointer_actions(
        ui,
        land,
        selected,
        &response.response,
        response.inner,
        actions,
    );
}

/// The landscape's display list, built as every export builds it (with the window's layout, view,
/// theme and cached field), painted over the plot; then what only the window has: the step
/// hovered in the loss plot, a network's caption, and the legend's entries for assistive
/// technology.
fn paint_picture(
    ui: &Ui,
    land: &mut Landscape,
    shown: Shown<'_>,
    surface: &Surface,
    layout: picture::Layout,
    full: egui::Rect,
    transform: &PlotTransform,
) {
    let Some(field) = land.field.layer.clone() else {
        return;
    };
    let Shown {
        document,
        computed,
        playback,
        presenting,
    } = shown;
    let content = picture::Content {
        surface,
        display: &document.scenario().display,
        runs: computed.run_draws(document.scenario(), document.dark()),
        title: None,
        legend: presenting,
    };
    let size = [full.width().round() as u32, full.height().round() as u32];
    let theme = Theme {
        dark: document.dark(),
    };
    let view = bounds_view(transform.bounds());
    let l = picture::Landscape::compose(content, size, layout, view, theme, &field);
    let step = playback.step;
    let mut items = l.frame_with(step, || computed.snapshots(step));
    items.splice(0..0, l.base.iter().cloned());
    let texture = land.field.texture.as_ref().map(|t| t.id());
    let image =
        |i: &picture::Image| texture.filter(|_| std::sync::Arc::ptr_eq(&i.rgba, &field.rgba));
    picture_view::paint_with(ui.painter(), &items, full.min, 1.0, &image);
    land.drawn = Drawn {
        x: l.axes.0.clone(),
        y: l.axes.1.clone(),
        frame: [layout.plot[2], layout.plot[3]],
        bar: Some(l.bar.clone()),
        scale: Some(l.scale),
        bar_length: layout.bar[3],
    };
    if let Some(k) = playback.hover_step {
        overlay::draw_hovered_step(ui, transform, k, document, computed);
    }
    if let Some(net) = &computed.net {
        caption(ui, transform, &super::net_view::caption(net), presenting);
    }
    if let Some(rect) = l.legend_rect() {
        label_legend(ui, screen_rect(rect, full.min), &l.runs, layout.font);
    }
}

/// Says what the picture is, in the plot's corner where every frame shows it.
fn caption(ui: &Ui, transform: &PlotTransform, text: &str, presenting: bool) {
    let at = transform.frame().left_top() + egui::vec2(8.0, 6.0);
    let font = egui::FontId::proportional(if presenting { 20.0 } else { 14.0 });
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_owned(), font, Color32::WHITE);
    let rect = egui::Rect::from_min_size(at, galley.size()).expand(4.0);
    ui.painter()
        .rect_filled(rect, 3.0, Color32::from_black_alpha(150));
    ui.painter().galley(at, galley, Color32::WHITE);
}

/// Each legend entry as a label for assistive technology (and tests), over its line of the legend.
fn label_legend(ui: &Ui, rect: egui::Rect, runs: &[picture::RunDraw], f: f32) {
    let line = picture::LEGEND_LINE * f;
    for (k, run) in runs.iter().enumerate() {
        let top = rect.top() + 0.3 * f + line * k as f32;
        let row =
            egui::Rect::from_min_size(egui::pos2(rect.left(), top), egui::vec2(rect.width(), line));
        let response = ui.interact(row, ui.scope_id().with(("legend", k)), egui::Sense::hover());
        let label = run.label.as_str();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, label));
    }
}

/// Starts dragging a start marker when the pointer is pressed on one (decided before the plot is
/// shown, so the plot does not pan at the same time).
fn grab_marker(ui: &Ui, land: &mut Landscape, document: &Document) {
    let (pressed, down, origin) = ui.input(|i| {
        (
            i.pointer.primary_pressed(),
            i.pointer.primary_down(),
            i.pointer.press_origin(),
        )
    });
    if !down {
        land.dragging = None;
        return;
    }
    // A network's runs all start from its weights: nothing to drag.
    if !pressed || land.dragging.is_some() || document.scenario().net.is_some() {
        return;
    }
    let Some(origin) = origin else { return };
    // Overlapping markers: the selected run's wins, then the nearest.
    let selected = document.selected;
    let hit = document
        .scenario()
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.visible)
        .filter_map(|(i, r)| land.screen_pos(r.start()).map(|p| (i, p.distance(origin))))
        .filter(|(_, d)| *d <= GRAB_RADIUS)
        .min_by(|a, b| {
            (a.0 != selected)
                .cmp(&(b.0 != selected))
                .then(a.1.total_cmp(&b.1))
        });
    land.dragging = hit.map(|(i, _)| i);
}

fn pointer_actions(
    ui: &Ui,
    land: &Landscape,
    selected: usize,
    response: &egui::Response,
    pointer: Option<PlotPoint>,
    actions: &mut Vec<Action>,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    // While a marker is dragged the plot may not count as hovered; map the raw pointer instead.
    let raw = ui.input(|i| i.pointer.latest_pos());
    let dragged_to = raw
        .zip(land.transform)
        .map(|(pos, t)| t.value_from_position(pos));
    if let (Some(i), Some(p)) = (land.dragging, dragged_to) {
        actions.push(Action::SetStart(Some(i), V2::new(p.x, p.y)));
        if selected != i {
            actions.push(Action::SelectRun(i));
        }
        return;
    }
    if response.clicked()
        && let Some(p) = pointer
    {
        let target = if shift { None } else { Some(selected) };
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

#[path = "landscape_axes.rs"]
mod axes;
pub(super) use axes::{round_ticks, tick_text};

#[cfg(test)]
#[path = "landscape_tests.rs"]
mod tests;
