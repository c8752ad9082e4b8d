//! The 3-D view in the window: the CPU renderer's picture as a texture, orbited by dragging and
//! zoomed by scrolling; the camera is part of the scenario, so presets keep it.

use std::sync::Arc;

use egui::{Color32, Sense, Stroke, TextureHandle, TextureOptions, Ui};

use super::OptiscapeApp;
use crate::render::view3d::{self, Mesh, Run3};
use crate::scenario::Camera;
use crate::sim::Trajectory;

/// What a picture depends on: the mesh and the runs (as shared, so the key holds them alive and a
/// new one is never mistaken for an old one at the same address), the camera, step and size.
#[derive(Clone)]
struct PictureKey {
    mesh: Arc<Mesh>,
    camera: Camera,
    step: usize,
    size: [u32; 2],
    runs: Vec<(usize, [u8; 3], Arc<Trajectory>)>,
}

impl PartialEq for PictureKey {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.mesh, &o.mesh)
            && (self.camera, self.step, self.size) == (o.camera, o.step, o.size)
            && self.runs.len() == o.runs.len()
            && self
                .runs
                .iter()
                .zip(&o.runs)
                .all(|(a, b)| (a.0, a.1) == (b.0, b.1) && Arc::ptr_eq(&a.2, &b.2))
    }
}

/// The 3-D view's picture between frames (the mesh belongs to [`super::computed::Computed`]).
#[derive(Default)]
pub struct SolidView {
    picture: Option<PictureKey>,
    texture: Option<TextureHandle>,
}

const BACKGROUND: [u8; 3] = [27, 27, 27];

/// Draws the 3-D view in the whole of `ui`'s remaining area and applies orbit and zoom.
pub fn show(app: &mut OptiscapeApp, ui: &mut Ui) {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let ppp = ui.ctx().pixels_per_point();
    let size = [
        (rect.width() * ppp).round().max(16.0) as u32,
        (rect.height() * ppp).round().max(16.0) as u32,
    ];
    orbit(&mut app.persisted.scenario.display.camera, &response, ui);
    let Some(mesh) = app.computed.mesh(&app.persisted.scenario) else {
        return;
    };
    let scenario = app.scenario();
    let dark = app.persisted.dark;
    let camera = scenario.display.camera;
    let step = app.playback.step;
    let visible: Vec<(usize, [u8; 3], Arc<Trajectory>)> = scenario
        .runs
        .iter()
        .zip(&app.computed.runs)
        .enumerate()
        .filter(|(_, (r, _))| r.visible)
        .map(|(i, (r, res))| (i, r.rgb_in(i, dark), res.trajectory.clone()))
        .collect();
    let view = &mut app.solid;
    let picture = PictureKey {
        mesh: mesh.clone(),
        camera,
        step,
        size,
        runs: visible.clone(),
    };
    if view.picture.as_ref() != Some(&picture) || view.texture.is_none() {
        let runs: Vec<Run3<'_>> = visible
            .iter()
            .map(|(_, rgb, t)| Run3 {
                rgb: *rgb,
                points: &t.points,
                losses: &t.losses,
            })
            .collect();
        let raster = view3d::draw(&mesh, &camera, &runs, step, size[0], size[1], BACKGROUND);
        let image = egui::ColorImage::from_rgba_unmultiplied(
            [size[0] as usize, size[1] as usize],
            &raster.rgba,
        );
        match &mut view.texture {
            Some(t) => t.set(image, TextureOptions::LINEAR),
            None => {
                view.texture = Some(ui.ctx().load_texture(
                    "surface-3d",
                    image,
                    TextureOptions::LINEAR,
                ))
            }
        }
        view.picture = Some(picture);
    }
    if let Some(tex) = &view.texture {
        ui.painter().image(
            tex.id(),
            rect,
            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }
    if let Some(k) = app.hover_step {
        for (_, rgb, t) in &visible {
            let (Some(&p), Some(&f)) = (
                t.points.get(k.min(t.points.len().saturating_sub(1))),
                t.losses.get(k.min(t.losses.len().saturating_sub(1))),
            ) else {
                continue;
            };
            if let Some([x, y]) = view3d::screen_of(&mesh, &camera, size[0], size[1], p, f) {
                let c = rect.min + egui::vec2(x / ppp, y / ppp);
                ui.painter()
                    .circle_stroke(c, 11.0, Stroke::new(4.0, Color32::BLACK));
                ui.painter().circle_stroke(
                    c,
                    11.0,
                    Stroke::new(2.0, Color32::from_rgb(rgb[0], rgb[1], rgb[2])),
                );
            }
        }
    }
    ui.painter().text(
        rect.left_bottom() + egui::vec2(8.0, -8.0),
        egui::Align2::LEFT_BOTTOM,
        "drag to orbit · scroll to zoom · D: contour map",
        egui::FontId::proportional(13.0),
        Color32::from_gray(180),
    );
}

/// Dragging turns the camera; scrolling moves it nearer or farther.
fn orbit(camera: &mut Camera, response: &egui::Response, ui: &Ui) {
    if response.dragged() {
        let d = response.drag_delta();
        camera.azimuth = (camera.azimuth - f64::from(d.x) * 0.4 + 540.0).rem_euclid(360.0) - 180.0;
        camera.elevation = (camera.elevation + f64::from(d.y) * 0.3).clamp(5.0, 90.0);
    }
    if response.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            camera.distance =
                (camera.distance * (-f64::from(scroll) * 0.002).exp()).clamp(0.5, 20.0);
        }
    }
}
