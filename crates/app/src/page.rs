//! The page around the app in a browser: the scenario's title as the page's title, the address bar
//! following the scenario (debounced, without new history entries), a picked or dropped file read
//! and opened, notices mirrored in the page's status line, and the first frame and each frame's
//! time recorded for the budget measurements. On a desktop there is no page and this does nothing.

#[cfg(target_arch = "wasm32")]
pub use web::{Page, start};

#[cfg(not(target_arch = "wasm32"))]
pub use desktop::Page;

#[cfg(not(target_arch = "wasm32"))]
mod desktop {
    /// A desktop window has no page around it.
    #[derive(Debug, Default)]
    pub struct Page {}

    impl Page {
        pub fn pick_file(&mut self, _ctx: &egui::Context) -> Result<(), String> {
            Err("there is no browser to pick a file in".to_owned())
        }

        pub fn read_dropped(&mut self, _file: egui::DroppedFileHandle, _ctx: &egui::Context) {}

        /// The desktop tells the window its monitor's size itself.
        pub fn screen_size() -> Option<egui::Vec2> {
            None
        }

        pub fn sync(
            _app: &mut super::super::OptiscapeApp,
            _ctx: &egui::Context,
            _frame_ms: Option<f32>,
        ) {
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use super::super::OptiscapeApp;
    use crate::web;
    use optiscape_core::scenario::Scenario;

    /// How long the scenario must stay unchanged before the address bar follows it, in seconds, so
    /// dragging a slider does not rewrite it every frame.
    const SETTLE: f64 = 0.5;
    /// Frame times kept for the page to read.
    const FRAMES_KEPT: usize = 10_000;

    thread_local! {
        /// The app's CPU time of recent frames, in milliseconds (see [`frame_times`]).
        static FRAME_TIMES: RefCell<VecDeque<f32>> = const { RefCell::new(VecDeque::new()) };
    }

    /// The app's CPU time of each recent frame in milliseconds, oldest first, for the page's
    /// budget measurements (`window.optiscape.frameTimes()`).
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = frameTimes)]
    pub fn frame_times() -> Vec<f32> {
        FRAME_TIMES.with(|t| t.borrow().iter().copied().collect())
    }

    thread_local! {
        /// What the GPU was handed for the 3-D view (see [`gpu_uploads`]).
        static UPLOADS: RefCell<Option<optiscape_picture::view3d::Uploads>> = const { RefCell::new(None) };
    }

    /// Frames the GPU drew of the 3-D view and how often it was handed the surface and the trails,
    /// as `[frames, surface, trails]`; empty while the GPU has not drawn it
    /// (`window.optiscape.gpuUploads()`).
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = gpuUploads)]
    pub fn gpu_uploads() -> Vec<f64> {
        UPLOADS.with(|u| {
            u.borrow()
                .map(|u| vec![u.frames as f64, u.surface as f64, u.trails as f64])
                .unwrap_or_default()
        })
    }

    /// What the page shows of the app, as last written.
    #[derive(Default)]
    pub struct Page {
        /// A file picked or dropped, once read.
        picked: web::Picked,
        title: String,
        status: String,
        /// The scenario the address bar carries, and since when (app time) it has differed.
        linked: Option<Scenario>,
        changed_at: Option<f64>,
        drawn: bool,
    }

    impl Page {
        /// Opens the browser's file picker; the file opens in the frame after it is read.
        pub fn pick_file(&mut self, ctx: &egui::Context) -> Result<(), String> {
            let ctx = ctx.clone();
            web::pick_file(".ron", self.picked.clone(), move || ctx.request_repaint())
        }

        /// Reads a file dropped on the page; it opens in the frame after it is read.
        pub fn read_dropped(&mut self, file: egui::DroppedFileHandle, ctx: &egui::Context) {
            let into = self.picked.clone();
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.path().display().to_string();
                let read = file.bytes_async().await;
                *into.borrow_mut() = Some(match read {
                    Ok(bytes) => (name, bytes),
                    // Empty bytes fail to parse with a message naming the file.
                    Err(_) => (name, Vec::new()),
                });
                ctx.request_repaint();
            });
        }

        /// The screen's size, which a browser does not give the app as a monitor size.
        pub fn screen_size() -> Option<egui::Vec2> {
            web::screen_size().map(|(w, h)| egui::vec2(w, h))
        }

        /// Brings the page up to date with the app, once a frame.
        pub fn sync(app: &mut OptiscapeApp, ctx: &egui::Context, frame_ms: Option<f32>) {
            let picked = app.page.picked.borrow_mut().take();
            if let Some((name, bytes)) = picked
                && let Err(e) = app.open_bytes(&bytes, &name, None, ctx)
            {
                app.dialogs.notice = Some(e.to_string());
            }
            let page = &mut app.page;
            let title = format!(
                "{} — optiscape",
                optiscape_core::escape::controls(&app.document.scenario().title)
            );
            if page.title != title {
                web::set_title(&title);
                page.title = title;
            }
            let status = optiscape_core::escape::keeping_lines(
                app.dialogs.notice.as_deref().unwrap_or_default(),
            );
            if page.status != status {
                web::set_status(&status);
                page.status = status;
            }
            page.follow(app.document.scenario(), ctx);
            if !page.drawn {
                page.drawn = true;
                web::mark("optiscape-first-frame");
            }
            UPLOADS.with(|u| *u.borrow_mut() = app.gpu_uploads());
            if let Some(ms) = frame_ms {
                FRAME_TIMES.with(|t| {
                    let mut t = t.borrow_mut();
                    if t.len() == FRAMES_KEPT {
                        t.pop_front();
                    }
                    t.push_back(ms);
                });
            }
        }

        /// Puts the scenario in the address bar once it has stayed the same for [`SETTLE`].
        fn follow(&mut self, scenario: &Scenario, ctx: &egui::Context) {
            if self.linked.is_none() {
                // The address the page opened with already says what it shows.
                self.linked = Some(scenario.clone());
            }
            if self.linked.as_ref() == Some(scenario) {
                self.changed_at = None;
                return;
            }
            let now = ctx.input(|i| i.time);
            let since = *self.changed_at.get_or_insert(now);
            if now - since < SETTLE {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(SETTLE));
                return;
            }
            if let Ok(fragment) = optiscape_core::link::fragment(scenario) {
                web::replace_fragment(&fragment);
            }
            self.linked = Some(scenario.clone());
            self.changed_at = None;
        }
    }

    /// The scenario in the page's address, if it has one, or the message saying why it cannot be
    /// opened.
    fn from_address() -> Result<Option<Scenario>, String> {
        match web::fragment() {
            Some(f) if optiscape_core::link::is_link(&f) => optiscape_core::link::read(&f)
                .map(Some)
                .map_err(|e| e.to_string()),
            _ => Ok(None),
        }
    }

    /// Starts the app in the page's canvas `#optiscape`, on the scenario in the page's address if it
    /// carries one (a link that cannot be read is said in the notice, and the usual scenario opens).
    pub fn start() {
        wasm_bindgen_futures::spawn_local(async {
            let Some(canvas) = web::canvas("optiscape") else {
                web::set_status("optiscape needs a canvas with the id optiscape");
                return;
            };
            let runner = eframe::WebRunner::new();
            // A panic stops a page's app for good (there is no unwinding on the web): say so on the
            // page, after eframe's own handler has logged it.
            let logged = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                logged(info);
                web::show_over_page(&format!(
                    "optiscape stopped on an error ({info}). Reload the page to start again."
                ));
            }));
            let started = runner
                .start(
                    canvas,
                    eframe::WebOptions {
                        // The 3-D view's surface is depth-tested on the GPU.
                        depth_buffer: 24,
                        ..Default::default()
                    },
                    Box::new(|cc| {
                        let (scenario, notice) = match from_address() {
                            Ok(s) => (s, None),
                            Err(e) => (None, Some(e)),
                        };
                        let mut app =
                            OptiscapeApp::from_creation_context(cc, scenario.map(|s| (s, None)));
                        app.dialogs.notice = notice;
                        Ok(Box::new(app))
                    }),
                )
                .await;
            if let Err(e) = started {
                web::set_status(&format!("optiscape could not start: {e:?}"));
            }
        });
    }
}
