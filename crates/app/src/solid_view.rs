//! The 3-D view in the window: the block drawn by the GPU ([`super::solid_gl`]) or, where there is no
//! GL context, by the CPU renderer into a texture; over it the chrome the exports draw (axes, colour
//! bar, markers) and, when presenting, the legend. Orbited by dragging and zoomed by scrolling; the
//! camera is part of the scenario, so presets keep it.

use std::sync::Arc;

use egui::{Color32, Sense, Stroke, TextureHandle, TextureOptions, Ui};

use super::picture_view;
use super::solid_gl::{self, SharedGl};
use super::view::Shown;
use optiscape_core::scenario::Camera;
use optiscape_picture::picture::WINDOW_FONT as AXIS_FONT;
use optiscape_picture::picture::block::{BlockStyle, balls, block_chrome};
use optiscape_picture::picture::{self, Theme};
use optiscape_picture::view3d::{self, ColouredRun, GpuScene, Mesh, Projector, Run3, Uploads};

/// What a CPU picture depends on: the mesh and the runs (as shared, so the key holds them alive and
/// a new one is never mistaken for an old one at the same address), the camera, step, size and
/// background.
#[derive(Clone)]
struct PictureKey {
    mesh: Arc<Mesh>,
    camera: Camera,
    step: usize,
    size: [u32; 2],
    background: [u8; 3],
    runs: Vec<ColouredRun>,
}

impl PartialEq for PictureKey {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.mesh, &o.mesh)
            && (self.camera, self.step, self.size, self.background)
                == (o.camera, o.step, o.size, o.background)
            && self.runs.len() == o.runs.len()
            && self
                .runs
                .iter()
                .zip(&o.runs)
                .all(|(a, b)| a.0 == b.0 && Arc::ptr_eq(&a.1, &b.1))
    }
}

/// The 3-D view between frames (the mesh belongs to [`super::computed::Computed`]).
#[derive(Default)]
pub struct SolidView {
    /// The GPU renderer, when the window has a GL context (and until it fails to start).
    gl: Option<SharedGl>,
    /// The GPU's buffers as last prepared.
    scene: GpuScene,
    /// The CPU's picture, when it draws.
    picture: Option<PictureKey>,
    texture: Option<TextureHandle>,
    /// Whether the user has been told the view is drawn on the CPU.
    told: bool,
}

impl SolidView {
    /// The view with the GPU renderer, if the window has a GL context.
    pub fn with_gl(gl: bool) -> Self {
        Self {
            gl: gl.then(SharedGl::default),
            ..Self::default()
        }
    }

    /// Whether the GPU draws the block.
    pub fn on_gpu(&self) -> bool {
        self.gl.is_some()
    }

    /// The GPU's uploads so far, if it draws.
    pub fn uploads(&self) -> Option<Uploads> {
        self.gl.as_ref().and_then(solid_gl::uploads)
    }
}

/// Draws the 3-D view in the whole of `ui`'s remaining area and applies orbit and zoom; returns what
/// the user should be told about how it is drawn (once).
pub fn show(ui: &mut Ui, view: &mut SolidView, shown: Shown<'_>) -> Option<String> {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let ppp = ui.ctx().pixels_per_point();
    let size = [
        (rect.width() * ppp).round().max(16.0) as u32,
        (rect.height() * ppp).round().max(16.0) as u32,
    ];
    let Shown {
        document,
        computed,
        playback,
        presenting,
    } = shown;
    orbit(&mut document.scenario_mut().display.camera, &response, ui);
    let mesh = computed.mesh(document.scenario())?;
    let scenario = document.scenario();
    let theme = Theme {
        dark: document.dark(),
    };
    let drawn = computed.run_draws(scenario, theme.dark);
    let visible: Vec<ColouredRun> = drawn
        .iter()
        .map(|r| (r.rgb, r.trajectory.clone()))
        .collect();
    let frame = Frame {
        mesh: &mesh,
        visible: &visible,
        step: playback.step,
        camera: scenario.display.camera,
        size,
        background: theme.background(),
    };
    let said = draw_block(ui, view, rect, &frame);
    let proj = Projector::new(&frame.camera, size[0], size[1]);
    let style = BlockStyle {
        font: AXIS_FONT * ppp,
        unit: ppp,
        theme,
        markers: scenario.display.markers,
    };
    let mut items = block_chrome(&mesh, &proj, size[0], size[1], style);
    balls(
        &mut items,
        &mesh,
        &proj,
        &Run3::all(&visible),
        frame.step,
        ppp,
    );
    if presenting {
        legend(&drawn, &mut items, style);
    }
    let painter = ui.painter().with_clip_rect(rect);
    picture_view::paint(&painter, &items, rect.min, 1.0 / ppp);
    if let Some(k) = playback.hover_step {
        hovered(ui, k, &mesh, &proj, &visible, rect.min, ppp);
    }
    ui.painter().text(
        rect.left_bottom() + egui::vec2(8.0, -8.0),
        egui::Align2::LEFT_BOTTOM,
        "drag to orbit · scroll to zoom · D: contour map",
        egui::FontId::proportional(13.0),
        Color32::from_gray(if theme.dark { 180 } else { 80 }),
    );
    said
}

/// What one frame of the block shows: the mesh, the visible runs in their colours, the step, the
/// camera, the size in pixels and the background.
struct Frame<'a> {
    mesh: &'a Arc<Mesh>,
    visible: &'a [ColouredRun],
    step: usize,
    camera: Camera,
    size: [u32; 2],
    background: [u8; 3],
}

/// Draws the block in `rect`: by the GPU while it can, else on the CPU; returns what the user
/// should be told when it falls back to the CPU (once).
fn draw_block(
    ui: &Ui,
    view: &mut SolidView,
    rect: egui::Rect,
    frame: &Frame<'_>,
) -> Option<String> {
    let mut said = None;
    if let Some(why) = view.gl.as_ref().and_then(solid_gl::failure) {
        view.gl = None;
        said = Some(format!(
            "The 3-D view is drawn on the CPU, more slowly: the GPU could not start ({why})."
        ));
        view.told = true;
    }
    if let Some(gl) = &view.gl {
        let prepared = view.scene.prepare(
            frame.mesh,
            frame.visible,
            frame.step,
            &frame.camera,
            frame.size,
            frame.background,
        );
        ui.painter()
            .add(solid_gl::callback(rect, gl.clone(), prepared));
        return said;
    }
    if !view.told {
        view.told = true;
        said = Some(
            "The 3-D view is drawn on the CPU, more slowly: this window has no OpenGL context."
                .to_owned(),
        );
    }
    cpu_picture(view, ui, frame);
    if let Some(tex) = &view.texture {
        ui.painter().image(
            tex.id(),
            rect,
            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }
    said
}

/// Draws the block on the CPU into the view's texture, unless the last one shows the same.
fn cpu_picture(view: &mut SolidView, ui: &Ui, frame: &Frame<'_>) {
    let Frame {
        mesh,
        visible,
        step,
        camera,
        size,
        background,
    } = *frame;
    let picture = PictureKey {
        mesh: mesh.clone(),
        camera,
        step,
        size,
        background,
        runs: visible.to_vec(),
    };
    if view.picture.as_ref() == Some(&picture) && view.texture.is_some() {
        return;
    }
    let raster = view3d::draw(
        mesh,
        &camera,
        &Run3::all(visible),
        step,
        size[0],
        size[1],
        background,
    );
    let image = egui::ColorImage::from_rgba_unmultiplied(
        [size[0] as usize, size[1] as usize],
        &raster.rgba,
    );
    match &mut view.texture {
        Some(t) => t.set(image, TextureOptions::LINEAR),
        None => {
            view.texture = Some(
                ui.ctx()
                    .load_texture("surface-3d", image, TextureOptions::LINEAR),
            )
        }
    }
    view.picture = Some(picture);
}

/// The legend of presentation mode, top left as the exports place it.
fn legend(runs: &[picture::RunDraw], items: &mut Vec<picture::Item>, style: BlockStyle) {
    let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
    let f = style.font;
    let Some([w, h]) = picture::legend_size(f, &labels) else {
        return;
    };
    let entries: Vec<(&str, [u8; 3])> = runs.iter().map(|r| (r.label.as_str(), r.rgb)).collect();
    let rect = [0.6 * f, 0.6 * f, w, h];
    picture::legend(items, rect, f, style.unit, style.theme, &entries, true);
}

/// Rings around the balls at the step hovered in the loss plot.
fn hovered(
    ui: &Ui,
    k: usize,
    mesh: &Mesh,
    proj: &Projector,
    visible: &[ColouredRun],
    origin: egui::Pos2,
    ppp: f32,
) {
    for (rgb, t) in visible {
        let (Some(&p), Some(&f)) = (
            t.points.get(k.min(t.points.len().saturating_sub(1))),
            t.losses.get(k.min(t.losses.len().saturating_sub(1))),
        ) else {
            continue;
        };
        if let Some([x, y, _]) = proj.project(mesh.world(p, f)) {
            let c = origin + egui::vec2(x / ppp, y / ppp);
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
