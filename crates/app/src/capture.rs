//! `optiscape PRESET --capture FILE`: the window plays its scenario through to the end, saves what its
//! view shows (the landscape, the side-by-side maps or the 3-D view, at the window's pixels) as a
//! PNG, reports how the 3-D view was drawn, and closes. The picture is the window's counterpart of
//! `optiscape render PRESET`, which draws the end too, so the two can be compared.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::OptiscapeApp;

/// Frames the playback takes from the start to the end, so the 3-D view sees the step move.
const PLAY_FRAMES: usize = 12;
/// Frames at the end before the picture is taken, for textures and buffers to settle.
const SETTLE_FRAMES: usize = 3;

/// A capture in progress.
pub struct Capture {
    path: PathBuf,
    frames: usize,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
    requested: bool,
    /// Cleared when the picture cannot be saved, so the process can exit with an error.
    saved: Arc<AtomicBool>,
}

impl Capture {
    pub fn new(path: PathBuf, saved: Arc<AtomicBool>) -> Self {
        Self {
            path,
            frames: 0,
            image: Arc::default(),
            requested: false,
            saved,
        }
    }
}

/// Moves the capture on by a frame: waits for the runs, plays them through, takes the picture and
/// saves it, then closes the window.
pub fn advance(app: &mut OptiscapeApp, ctx: &egui::Context) {
    let Some(capture) = &app.capture else {
        return;
    };
    ctx.request_repaint();
    let taken = capture.image.lock().ok().and_then(|mut i| i.take());
    if let Some(image) = taken {
        let path = capture.path.clone();
        let said = save(app, &image, &path, ctx.pixels_per_point());
        let said = said
            .map_err(|e| format!("cannot save {}: {e}", path.display()))
            .and_then(|line| {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                match writeln!(out, "{line}").and_then(|()| out.flush()) {
                    // Nobody reads the line: the picture is saved all the same.
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(format!("cannot write to stdout: {e}"))
                    }
                    _ => Ok(()),
                }
            });
        if let Err(e) = said {
            // The capture runs from the command line, which reads its errors on stderr.
            let line = optiscape_core::escape::controls(&e).into_owned();
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr().lock(),
                format_args!("error: {line}\n"),
            );
            capture.saved.store(false, Ordering::Relaxed);
        }
        app.capture = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        return;
    }
    let view_3d = app.document.scenario().display.view_3d;
    let ready = app.computed.background().is_none()
        && (!view_3d || app.computed.mesh(app.document.scenario()).is_some());
    let last = app.computed.last_step();
    let Some(capture) = &mut app.capture else {
        return;
    };
    if !ready || capture.requested {
        return;
    }
    capture.frames += 1;
    let k = capture.frames;
    app.playback.playing = false;
    let step = (last * k.min(PLAY_FRAMES)) / PLAY_FRAMES;
    app.playback.seek(step, last);
    if k >= PLAY_FRAMES + SETTLE_FRAMES {
        capture.requested = true;
        let slot = capture.image.clone();
        let waker = ctx.clone();
        ctx.request_screenshot(move |image| {
            if let Ok(mut s) = slot.lock() {
                *s = Some(image);
            }
            waker.request_repaint();
        });
    }
}

/// Crops the window's picture to the view and writes it; returns what to print.
fn save(
    app: &OptiscapeApp,
    image: &egui::ColorImage,
    path: &std::path::Path,
    scale: f32,
) -> Result<String, String> {
    let whole = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.size[0] as f32, image.size[1] as f32) / scale,
    );
    let rect = app.view.central_rect.unwrap_or(whole);
    let (x0, y0) = (
        (rect.min.x * scale).round() as usize,
        (rect.min.y * scale).round() as usize,
    );
    let w = ((rect.width() * scale).round() as usize).min(image.size[0].saturating_sub(x0));
    let h = ((rect.height() * scale).round() as usize).min(image.size[1].saturating_sub(y0));
    let mut rgba = Vec::with_capacity(w * h * 4);
    for y in y0..y0 + h {
        for px in &image.pixels[y * image.size[0] + x0..y * image.size[0] + x0 + w] {
            rgba.extend(px.to_srgba_unmultiplied());
        }
    }
    let size = tiny_skia::IntSize::from_wh(w as u32, h as u32).ok_or("the view is empty")?;
    let pix = tiny_skia::Pixmap::from_vec(rgba, size).ok_or("the view is empty")?;
    optiscape_picture::encode::write_png(pix, path).map_err(|e| e.to_string())?;
    let drawn = match (app.scenario().display.view_3d, app.gpu_uploads()) {
        (false, _) => String::new(),
        (true, Some(u)) => format!(
            "; 3-D view drawn by the GPU: {} frames, surface uploaded {} times, trails {} times",
            u.frames, u.surface, u.trails
        ),
        (true, None) => "; 3-D view drawn on the CPU".to_owned(),
    };
    Ok(format!("saved {} ({w}×{h}){drawn}", path.display()))
}
