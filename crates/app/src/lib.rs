//! The window (on a desktop, or the page's canvas in a browser, see `page`). A menu bar (File,
//! Presets, View, Tools, Help); in the middle the landscape
//! (filled contours with isolines, axes and a colour bar, minima and saddle markers, every run's path
//! and ball, and the vectors and gradient field of `overlay`), one small map per run side by side
//! (`side_view`), or the 3-D view (`solid_view`, drawn by the GPU through `solid_gl`); a side panel with the surface, the runs, the selected run's
//! controls and its state at the current step; for a network scenario, the Network panel beside the
//! landscape (`net_view`); and a bottom panel with playback, the loss plot (its y
//! axis from `loss_axis`, its x axis steps or work) and the results table. Around them: the sweep,
//! basin-map and learning-rate tuning tool windows, the optimizer cards, help, walkthroughs, keyboard
//! control for lectures, opening and saving through the desktop's file dialog or one drawn in the
//! window ([`dialog`]), image and animation export, and `--capture` (`capture`).
//!
//! The app's state is in owned parts, each with an `apply` for the actions that concern only it:
//! the [`Document`] (the [`Scenario`] and the look that survive a restart, the file they came from,
//! the selected run, the scenario the model was computed for), [`state::Playback`] (the step,
//! whether it plays, the step hovered in the loss plot), the [`View`] (presentation mode, the
//! landscape's, 3-D view's and side-by-side grid's state, the loss plot's lines, a network's
//! decision maps, where the last frame put its panels), the [`Tools`] (the tool window, the cards,
//! help, a walkthrough, an export), the [`dialog::Dialogs`] (file dialogs, the notice, the copied
//! link) and the page around the app in a browser. Each panel is given the parts it shows; widgets
//! edit the document in place, and what changes more than one value comes back as an [`Action`]
//! that the app dispatches after drawing, doing itself only what crosses parts (loading a
//! scenario, files, exports, walkthroughs, a tool opened on the selected run).
//!
//! What is derived from the document lives beside it and is recomputed when it changes, once a
//! frame before the panels read it: the trajectories, the states at a step (replayed for the state
//! readout and the vectors, once per step) and the 3-D view's mesh in [`computed::Computed`] (only
//! the runs that changed, in the background when heavy); the landscape's field texture, isolines
//! and local minima; and the tool window's sweep, basin map or tuning.

#[cfg(not(target_arch = "wasm32"))]
mod capture;
#[cfg(not(target_arch = "wasm32"))]
mod desktop;
#[cfg(not(target_arch = "wasm32"))]
pub use desktop::{WindowOptions, run};
mod action;
pub use action::Action;
mod cards_view;
mod document;
pub use document::Document;
pub use optiscape_model::computed;
mod controls;
pub mod dialog;
mod explore;
mod export;
mod field_cache;
mod files;
mod help;
pub use optiscape_model::jobs;
pub mod keys;
mod landscape;
pub use landscape::Drawn;
pub mod look;
mod loss_axis;
mod menus;
mod net_view;
mod overlay;
pub mod page;
mod persisted;
pub use persisted::Persisted;
mod picture_view;
pub mod results;
mod run_edits;
mod runs_panel;
pub mod side_view;
mod solid_gl;
mod solid_view;
pub mod state;
mod state_panel;
pub mod timeline;
mod tools;
pub use tools::Tools;
mod tools_window;
mod tour;
mod view;
pub use view::View;
#[cfg(target_arch = "wasm32")]
pub mod web;

use optiscape_core::scenario::Scenario;
use state::{Computed, Playback};

/// The web edition's address links start with, from `OPTISCAPE_WEB_URL` (unset or empty: none, and
/// a link is its fragment alone).
#[cfg(not(target_arch = "wasm32"))]
pub fn link_base() -> Option<String> {
    std::env::var("OPTISCAPE_WEB_URL")
        .ok()
        .filter(|b| !b.trim().is_empty())
}

/// In the web edition, links start with the page's own address.
#[cfg(target_arch = "wasm32")]
pub fn link_base() -> Option<String> {
    web::address()
}

/// The application: its state in owned parts, each with its own `apply` for the actions that
/// concern only it. The app draws the panels with the parts each needs, dispatches the actions
/// they return, and does itself only what crosses parts (loading a scenario, files, exports, tools
/// opened on the selected run, walkthroughs).
pub struct OptiscapeApp {
    /// The scenario and the look, the file they came from, the selected run.
    pub document: Document,
    /// The model computed from the document.
    pub computed: Computed,
    /// The current step, whether it advances, and the step hovered in the loss plot.
    pub playback: Playback,
    /// How the document is shown, and where the last frame put things.
    pub view: View,
    /// The tool windows, cards, help, a walkthrough and an export.
    pub tools: Tools,
    /// File dialogs, the notice and the copied link.
    pub dialogs: dialog::Dialogs,
    /// The page around the app in a browser.
    page: page::Page,
    /// A picture of the view to save before closing (`--capture`).
    #[cfg(not(target_arch = "wasm32"))]
    capture: Option<capture::Capture>,
}

impl OptiscapeApp {
    /// The app on `scenario`, with default settings.
    pub fn new(scenario: Scenario) -> Self {
        Self::with_persisted(Persisted {
            scenario,
            ..Default::default()
        })
    }

    /// The app from saved settings.
    pub fn with_persisted(persisted: Persisted) -> Self {
        let mut app = Self {
            document: Document::new(persisted),
            computed: Computed::default(),
            playback: Playback::default(),
            view: View::default(),
            tools: Tools::default(),
            dialogs: dialog::Dialogs::from_env(),
            page: page::Page::default(),
            #[cfg(not(target_arch = "wasm32"))]
            capture: None,
        };
        app.refresh();
        app
    }

    /// Restores the last session (if any) for the window.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        scenario: Option<(Scenario, Option<std::path::PathBuf>)>,
    ) -> Self {
        let stored = cc.storage.and_then(Persisted::load);
        let first_launch = stored.is_none();
        let mut persisted = stored.unwrap_or_default();
        if first_launch {
            // Large screens (and projectors) start with larger text; small laptops with the normal size.
            let monitor = cc
                .egui_ctx
                .input(|i| i.viewport().monitor_size)
                .or_else(page::Page::screen_size);
            persisted.ui_scale = if monitor.is_some_and(|m| m.y >= 1000.0) {
                1.25
            } else {
                1.0
            };
        }
        if persisted.scenario.validate().is_err() {
            persisted.scenario = Scenario::welcome();
        }
        let mut file = None;
        if let Some((s, path)) = scenario {
            persisted.scenario = s;
            file = path;
        }
        let mut app = Self::with_persisted(persisted);
        app.set_gl(cc.gl.is_some());
        app.document.file = file;
        look::install(&cc.egui_ctx);
        app.document.apply_look(&cc.egui_ctx);
        app
    }

    /// Whether the 3-D view is drawn by the GPU (the window has a GL context and it started).
    pub fn draws_3d_on_gpu(&self) -> bool {
        self.view.solid.on_gpu()
    }

    /// What the GPU was handed so far for the 3-D view, if it draws it.
    pub fn gpu_uploads(&self) -> Option<optiscape_picture::view3d::Uploads> {
        self.view.solid.uploads()
    }

    /// Whether the window has a GL context for the 3-D view: eframe says at start-up; benchmarks
    /// set it to measure the GPU path's CPU side (the paint callbacks then never run).
    pub fn set_gl(&mut self, gl: bool) {
        self.view.solid = solid_view::SolidView::with_gl(gl);
    }

    pub fn scenario(&self) -> &Scenario {
        self.document.scenario()
    }

    pub fn scenario_mut(&mut self) -> &mut Scenario {
        self.document.scenario_mut()
    }

    /// Recomputes what changed since the last frame, and takes in what the background finished;
    /// cheap when nothing did.
    pub fn refresh(&mut self) {
        tools_window::refresh(&mut self.tools.explorer, &self.document.persisted);
        if self.computed.poll() {
            let last = self.computed.last_step();
            self.playback.seek(self.playback.step, last);
            // A new slice has its own extent: show all of it unless the scenario fixes a window.
            let s = self.document.scenario();
            if s.net.is_some() && s.view.is_none() {
                self.view.landscape.request_fit();
            }
        }
        if !self.document.stale() {
            return;
        }
        self.computed.update(self.document.scenario(), false);
        self.document.mark_computed();
        let last = self.computed.last_step();
        self.playback.seek(self.playback.step, last);
        self.document.clamp_selected();
    }

    /// Recomputes every run, changed or not, and waits for them (for benchmarks).
    pub fn recompute_all(&mut self) {
        self.computed.update(self.document.scenario(), true);
        self.computed.settle();
        self.document.mark_computed();
    }

    /// Applies one action: each part takes those that concern only it; the app does what crosses
    /// parts.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        use Action as A;
        match action {
            A::TogglePlay | A::StepBy(_) | A::Restart | A::Seek(_) | A::HoverStep(_) => {
                self.playback.apply(&action, self.computed.last_step());
            }
            A::TogglePresentation | A::LossPlotAt(_) => self.view.apply(&action),
            A::ToggleHelp | A::EndTour | A::ShowCard(_) => self.tools.apply(&action),
            A::SelectRun(_)
            | A::SelectNextRun
            | A::AddRun
            | A::DuplicateRun(_)
            | A::RemoveRun(_)
            | A::SetStart(..)
            | A::SetOptimizer(..)
            | A::Toggle3d
            | A::ToggleSideBySide
            | A::ToggleTheme => {
                if let Err(said) = self.document.apply(action, ctx) {
                    self.dialogs.notice = Some(said);
                }
            }
            A::FitView => {
                self.document.scenario_mut().view = None;
                self.view.landscape.request_fit();
            }
            A::Load(scenario) => self.load(*scenario),
            A::OpenDialog | A::OpenPath(_) | A::Save | A::SaveAs => self.file_action(action, ctx),
            A::ExportImage => self.ask_file(dialog::Purpose::ExportImage, ctx),
            A::ExportAnimation => self.ask_file(dialog::Purpose::ExportAnimation, ctx),
            A::CopyLink => {
                let base = link_base();
                let scenario = self.document.scenario();
                self.dialogs.copy_link(base.as_deref(), scenario, ctx);
            }
            A::OpenTool(tool) => self.open_tool(tool),
            A::NextStop | A::PrevStop => self.next_stop(action == A::NextStop, ctx),
            A::OpenWalkthrough => match optiscape_core::walkthrough::lecture() {
                Ok(tour) => self.start_tour(tour, ctx),
                Err(e) => self.dialogs.notice = Some(e.to_string()),
            },
        }
    }

    /// Shows `scenario` from the start, in its own window, with what is derived from it.
    fn load(&mut self, scenario: Scenario) {
        self.document.load(scenario);
        self.view.landscape.request_fit();
        self.refresh();
        self.playback.rewind();
    }

    /// Opens a tool window on the selected run.
    pub fn open_tool(&mut self, tool: explore::Tool) {
        tools_window::open(&mut self.tools.explorer, &mut self.document, tool);
    }

    /// Draws one frame's UI (everything but the window chrome) and applies what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.playback.hover_step = None;
        let mut actions = keys::shortcuts(&ctx);
        actions.extend(self.dropped_files(&ctx));
        actions.extend(self.panels(ui));
        for a in actions.drain(..) {
            self.apply(a, &ctx);
        }
        // Every edit made in the panels above shows in the landscape of this same frame.
        self.refresh();
        let Self {
            document,
            computed,
            playback,
            view,
            dialogs,
            ..
        } = self;
        actions.extend(view.central(ui, document, computed, playback, &mut dialogs.notice));
        actions.extend(self.windows(&ctx));
        for a in actions {
            self.apply(a, &ctx);
        }
        self.refresh();
        self.document.persisted.ui_scale = ctx.zoom_factor();
    }

    /// The menu bar, a walkthrough's caption, the side and bottom panels and a network's panel,
    /// each given the parts it shows; returns what they asked for.
    fn panels(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let Self {
            document,
            computed,
            playback,
            view,
            tools,
            ..
        } = self;
        let mut actions = Vec::new();
        view.menu_bottom = 0.0;
        if !view.presenting {
            let exporting = tools.export.is_some();
            let (asked, bottom) = menus::bar(ui, document, exporting);
            view.menu_bottom = bottom;
            actions.extend(asked);
        }
        // The caption comes before the side panels so it spans the whole width, in both modes.
        actions.extend(tour::caption(ui, tools.tour.as_ref()));
        if !view.presenting {
            let (asked, rect) = runs_panel::show(ui, document, computed, playback.step);
            view.side_panel = Some(rect);
            actions.extend(asked);
            let lines = &mut view.loss_lines;
            actions.extend(timeline::show(ui, document, computed, playback, lines));
        }
        net_view::panel(ui, document, computed, playback.step, &mut view.net_maps);
        actions
    }

    /// The windows over the view: help, an export's progress, the in-window file dialog, the tool
    /// window, the cards and the notice; returns what they asked for.
    fn windows(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let area = self.window_area(ctx);
        help::window(ctx, area, &mut self.tools.show_help);
        export::window(ctx, &mut self.tools.export, &mut self.dialogs.notice);
        self.file_dialog(ctx);
        let explorer = &mut self.tools.explorer;
        let mut actions = tools_window::show(ctx, area, explorer, &mut self.document.persisted);
        actions.extend(cards_view::window(ctx, area, &mut self.tools.cards));
        self.dialogs.notice_window(ctx, area);
        actions
    }

    /// Where windows may go: the whole window but the menu bar, which stays reachable.
    pub fn window_area(&self, ctx: &egui::Context) -> egui::Rect {
        self.view.window_area(ctx)
    }

    /// Advances playback by the frame's time.
    pub fn tick(&mut self, dt: f64) -> bool {
        let a = &self.document.scenario().animation;
        self.playback
            .tick(dt, a.speed, self.computed.last_step(), a.looping)
    }
}

impl eframe::App for OptiscapeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let dt = ctx.input(|i| f64::from(i.stable_dt));
        self.tick(dt);
        if self.playback.playing {
            ctx.request_repaint();
        } else if self.computed.background().is_some() {
            // Nothing else would wake the window when the runs arrive.
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.show(ui);
        #[cfg(not(target_arch = "wasm32"))]
        capture::advance(self, ui.ctx());
        let frame_ms = frame.info().cpu_usage.map(|s| s * 1000.0);
        page::Page::sync(self, ui.ctx(), frame_ms);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.document.persisted.save(storage);
    }
}
