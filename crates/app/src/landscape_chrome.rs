//! The landscape's chrome from the display list: the axes around the plot, the colour bar beside it and
//! presentation mode's legend, built by [`optiscape_picture::picture`]'s functions (the exporters call the
//! same ones) and painted with egui. The labels drawn are kept for tests and the next frame.

use egui::Ui;
use egui_plot::PlotTransform;

use super::super::{OptiscapeApp, paths, picture_view};
use super::bounds_view;
use optiscape_core::sim::field::Scale;
use optiscape_picture::picture::{self, Item, Theme};
use optiscape_picture::ticks::{BarTicks, Tick};

/// Text size of the axes' labels and the legend, in points (ticks are at least five sizes apart).
pub(crate) const AXIS_FONT: f32 = 16.0;
/// Text size of the colour bar's labels, in points (at least three sizes apart).
pub(super) const BAR_FONT: f32 = 14.0;
/// Room left of the plot for the y axis' labels and name, and below it for the x axis'.
pub(super) const AXIS_LEFT: f32 = 5.2 * AXIS_FONT;
pub(super) const AXIS_BOTTOM: f32 = 2.6 * AXIS_FONT;

/// The axes' and the colour bar's labels as the landscape drew them, with the lengths they were
/// chosen for (what [`optiscape_picture::picture::axis_labels`] and
/// [`optiscape_picture::picture::bar_labels`] were given).
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub x: Vec<Tick>,
    pub y: Vec<Tick>,
    /// The plot's frame: width and height in points.
    pub frame: [f32; 2],
    pub bar: Option<BarTicks>,
    /// The field's colour scale the bar was labelled for.
    pub scale: Option<Scale>,
    /// The coloured part of the colour bar: height in points.
    pub bar_length: f32,
}

/// The axes around the plot's frame, from the display list's function (as in exports).
pub(super) fn axes_items(app: &mut OptiscapeApp, t: &PlotTransform) -> Vec<Item> {
    let f = t.frame();
    let mut items = Vec::new();
    let theme = Theme {
        dark: app.persisted.dark,
    };
    let (x, y) = picture::axes(
        &mut items,
        [f.left(), f.top(), f.width(), f.height()],
        &paths::projection(t),
        bounds_view(t.bounds()),
        AXIS_FONT,
        1.0,
        theme.text(),
    );
    (app.landscape.drawn.x, app.landscape.drawn.y) = (x, y);
    items
}

/// The legend of presentation mode in the plot's top right corner, as exports draw it: one line per
/// visible run with its optimizer and learning rate.
/// Each entry is also a label for assistive technology (and tests), over its line of the legend.
/// Returns the legend's box, if there are runs to list.
pub(super) fn legend_items(
    app: &OptiscapeApp,
    ui: &Ui,
    items: &mut Vec<Item>,
    frame: egui::Rect,
) -> Option<[f32; 4]> {
    let dark = app.persisted.dark;
    let entries: Vec<(String, [u8; 3])> = app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .enumerate()
        .filter(|(_, (r, _))| r.visible)
        .filter_map(|(i, (r, result))| {
            let lr = result.spec.as_ref()?.optimizer.lr();
            Some((picture::legend_label(r, lr), r.rgb_in(i, dark)))
        })
        .collect();
    let labels: Vec<&str> = entries.iter().map(|(s, _)| s.as_str()).collect();
    let [w, h] = picture::legend_size(AXIS_FONT, &labels)?;
    let f = AXIS_FONT;
    let rect = [frame.right() - w - 0.6 * f, frame.top() + 0.6 * f, w, h];
    let entries: Vec<(&str, [u8; 3])> = entries.iter().map(|(s, c)| (s.as_str(), *c)).collect();
    picture::legend(items, rect, f, 1.0, Theme { dark }, &entries, true);
    let line = picture::LEGEND_LINE * f;
    for (k, (label, _)) in entries.iter().enumerate() {
        let top = rect[1] + 0.3 * f + line * k as f32;
        let row = egui::Rect::from_min_size(egui::pos2(rect[0], top), egui::vec2(rect[2], line));
        let response = ui.interact(row, ui.scope_id().with(("legend", k)), egui::Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, *label));
    }
    Some(rect)
}

/// The colour bar right of the plot, from the display list's function (as in exports).
pub(super) fn color_bar(app: &mut OptiscapeApp, ui: &Ui, rect: egui::Rect) {
    let Some(scale) = app.landscape.field.scale else {
        return;
    };
    let mut items = Vec::new();
    let theme = Theme {
        dark: app.persisted.dark,
    };
    let bar = bar_rect(rect);
    let labels = picture::colour_bar(
        &mut items,
        bar,
        &scale,
        BAR_FONT,
        1.0,
        theme.text(),
        rect.right(),
    );
    app.landscape.drawn.bar = Some(labels);
    app.landscape.drawn.scale = Some(scale);
    app.landscape.drawn.bar_length = bar[3];
    // The note under the bar ("min = 0.003316") may be wider than the strip: it reaches left, under
    // the plot's corner, where nothing else is drawn at its height.
    let area = rect.with_min_x(rect.min.x - 2.0 * COLOR_NOTE_REACH);
    picture_view::paint(&ui.painter_at(area), &items, egui::Pos2::ZERO, 1.0);
}

/// How far, in points, the colour bar's note may reach left of its strip (half of it).
const COLOR_NOTE_REACH: f32 = 40.0;

/// The coloured part of the colour bar in the strip `rect`: left, top, width, height.
fn bar_rect(rect: egui::Rect) -> [f32; 4] {
    [
        rect.left() + 8.0,
        rect.top() + 24.0,
        18.0,
        (rect.height() - 64.0).max(4.0),
    ]
}
