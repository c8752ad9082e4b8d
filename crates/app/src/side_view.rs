//! View → Side by side in the window: one small map per visible run, the display list's grid
//! ([`optiscape_picture::picture::side`], as `render --layout side-by-side` exports it) painted by
//! [`super::picture_view`], with the field they share as one texture. The cells show the scenario's
//! view at the current step; they do not pan or zoom.

use std::sync::Arc;

use egui::{Color32, Rect, Sense, TextureHandle, TextureOptions, Ui};

use super::picture_view;
use super::view::Shown;
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::Trajectory;
use optiscape_picture::picture::{Item, SideBySide, Theme};

/// What the grid was built from: the scenario, the size in pixels, the theme and the trajectories
/// (held, so a new one is never mistaken for an old one at the same address).
struct Key {
    scenario: Scenario,
    size: [u32; 2],
    dark: bool,
    runs: Vec<Arc<Trajectory>>,
}

impl Key {
    fn same(&self, o: &Key) -> bool {
        (self.size, self.dark) == (o.size, o.dark)
            && self.runs.len() == o.runs.len()
            && self
                .runs
                .iter()
                .zip(&o.runs)
                .all(|(a, b)| Arc::ptr_eq(a, b))
            && self.scenario == o.scenario
    }
}

/// The grid and its field texture between frames.
#[derive(Default)]
pub struct SideView {
    key: Option<Key>,
    side: Option<Result<SideBySide, String>>,
    texture: Option<TextureHandle>,
}

impl SideView {
    /// The cells' titles as last drawn (one per visible run), or why there is no grid.
    pub fn titles(&self) -> Result<Vec<String>, String> {
        match &self.side {
            Some(Ok(side)) => Ok(side
                .picture(0)
                .texts_in("title")
                .iter()
                .map(|t| t.to_string())
                .collect()),
            Some(Err(e)) => Err(e.clone()),
            None => Ok(Vec::new()),
        }
    }
}

/// Draws the grid in the whole of `ui`'s remaining area (kept between frames in `view`).
pub fn show(ui: &mut Ui, view: &mut SideView, shown: Shown<'_>) {
    let Shown {
        document,
        computed,
        playback,
        ..
    } = shown;
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let ppp = ui.ctx().pixels_per_point();
    let px = |v: f32| (v * ppp).round().clamp(16.0, 8192.0) as u32;
    let key = Key {
        scenario: document.scenario().clone(),
        size: [px(rect.width()), px(rect.height())],
        dark: document.dark(),
        runs: computed.runs.iter().map(|r| r.trajectory.clone()).collect(),
    };
    let step = playback.step;
    if !view.key.as_ref().is_some_and(|k| k.same(&key)) {
        // A network's own outcome: its maps are not trained again.
        let given = computed.given();
        view.side = Some(
            SideBySide::new(
                &key.scenario,
                key.size[0],
                key.size[1],
                given,
                Theme { dark: key.dark },
            )
            .map_err(String::from),
        );
        view.texture = None;
        view.key = Some(key);
    }
    let painter = ui.painter_at(rect);
    let side = match &view.side {
        Some(Ok(side)) => side,
        Some(Err(e)) => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                e,
                egui::FontId::proportional(16.0),
                ui.visuals().error_fg_color,
            );
            return;
        }
        None => return,
    };
    let [r, g, b] = side.theme.background();
    painter.rect_filled(rect, 0.0, Color32::from_rgb(r, g, b));
    let mut items = side.base();
    items.extend(side.frame(step));
    let scale = 1.0 / ppp;
    // The field first (the list's painter leaves images to its caller): one texture, every cell.
    for item in &items {
        let Item::Image(image) = item else { continue };
        let texture = view.texture.get_or_insert_with(|| {
            let max = ui.ctx().input(|i| i.max_texture_side);
            ui.ctx().load_texture(
                "side-by-side-field",
                fitted(image, max),
                TextureOptions::LINEAR,
            )
        });
        let [x, y, w, h] = image.rect;
        let at = Rect::from_min_size(
            rect.min + egui::vec2(x, y) * scale,
            egui::vec2(w, h) * scale,
        );
        painter.image(
            texture.id(),
            at,
            Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }
    picture_view::paint(&painter, &items, rect.min, scale);
}

/// The image as a texture no side of which is longer than `max` (the GPU's limit): every pixel, or
/// the nearest ones when it must shrink.
fn fitted(image: &optiscape_picture::picture::Image, max: usize) -> egui::ColorImage {
    let (w, h) = (image.width as usize, image.height as usize);
    let shrink = (w.max(h) as f64 / max.max(1) as f64).max(1.0);
    let (tw, th) = (
        ((w as f64 / shrink) as usize).clamp(1, max.max(1)),
        ((h as f64 / shrink) as usize).clamp(1, max.max(1)),
    );
    if (tw, th) == (w, h) {
        return egui::ColorImage::from_rgba_unmultiplied([w, h], &image.rgba);
    }
    let mut rgba = Vec::with_capacity(tw * th * 4);
    for y in 0..th {
        let sy = (y * h / th).min(h - 1);
        for x in 0..tw {
            let i = (sy * w + (x * w / tw).min(w - 1)) * 4;
            rgba.extend_from_slice(&image.rgba[i..i + 4]);
        }
    }
    egui::ColorImage::from_rgba_unmultiplied([tw, th], &rgba)
}
