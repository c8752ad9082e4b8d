//! The desktop window: its size, the picture to take before closing, and eframe's native runner.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::OptiscapeApp;
use super::capture::Capture;
use optiscape_core::scenario::Scenario;

/// How the desktop window opens: its size in points, and a picture to take of it before closing.
#[derive(Debug, Clone, Default)]
pub struct WindowOptions {
    pub size: Option<[f32; 2]>,
    pub capture: Option<std::path::PathBuf>,
}

/// Opens the window on `scenario` (or the last session's, or the default) and runs until it closes;
/// `Ok(false)` when the picture asked for could not be saved (the window said why on stderr).
pub fn run(
    scenario: Option<(Scenario, Option<std::path::PathBuf>)>,
    tour: Option<optiscape_core::walkthrough::Tour>,
    window: WindowOptions,
) -> eframe::Result<bool> {
    let saved = Arc::new(AtomicBool::new(true));
    let saved_in_app = saved.clone();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("optiscape")
            .with_inner_size(window.size.unwrap_or([1440.0, 900.0]))
            .with_min_inner_size([800.0, 560.0])
            .with_drag_and_drop(true),
        // The 3-D view's surface is depth-tested on the GPU.
        depth_buffer: 24,
        ..Default::default()
    };
    eframe::run_native(
        "optiscape",
        options,
        Box::new(move |cc| {
            let mut app = OptiscapeApp::from_creation_context(cc, scenario);
            if let Some(tour) = tour {
                app.start_tour(tour, &cc.egui_ctx);
            }
            app.capture = window.capture.map(|path| Capture::new(path, saved_in_app));
            Ok(Box::new(app))
        }),
    )?;
    Ok(saved.load(Ordering::Relaxed))
}
