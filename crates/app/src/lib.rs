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
//! The document is the [`Scenario`]: widgets edit it, and what changes more than one value comes back
//! from the panels as an [`Action`] that the app applies after drawing. What is derived from it lives
//! beside it and is recomputed when it changes, once a frame before the panels read it: the
//! trajectories, the states at a step (replayed for the state readout and the vectors, once per step)
//! and the 3-D view's mesh in [`computed::Computed`] (only the runs that changed, in the background
//! when heavy); the landscape's field texture, isolines and local minima; and the tool window's sweep,
//! basin map or tuning.

#[cfg(not(target_arch = "wasm32"))]
mod capture;
#[cfg(not(target_arch = "wasm32"))]
mod desktop;
#[cfg(not(target_arch = "wasm32"))]
pub use desktop::{WindowOptions, run};
mod action;
pub use action::Action;
mod cards_view;
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
mod tools_window;
mod tour;
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

/// The application.
pub struct OptiscapeApp {
    pub persisted: Persisted,
    pub computed: Computed,
    /// The scenario the results were computed for.
    computed_for: Option<Scenario>,
    pub playback: Playback,
    pub selected: usize,
    /// Presentation mode: only the landscape and a minimal legend.
    pub presenting: bool,
    pub show_help: bool,
    landscape: landscape::Landscape,
    /// A message the user should see (a failed load, say), until dismissed.
    pub notice: Option<String>,
    /// The link File → Copy link put on the clipboard last.
    pub copied_link: Option<String>,
    /// The file the scenario came from or was last saved to.
    pub current_file: Option<std::path::PathBuf>,
    /// An animation being exported in the background.
    pub export: Option<export::ExportJob>,
    /// Replays of the runs, for exact states at the current step.
    /// The step hovered in the loss plot, marked on the landscape.
    pub hover_step: Option<usize>,
    /// The 3-D view's caches.
    solid: solid_view::SolidView,
    /// The side-by-side grid as last drawn.
    pub side: side_view::SideView,
    /// The loss plot's lines, kept while the runs stay the same.
    loss_lines: timeline::LossLines,
    /// A network scenario's decision maps at the current step.
    net_maps: net_view::DecisionMaps,
    /// Where the loss plot was last drawn (for pointing at it).
    pub loss_plot_rect: Option<egui::Rect>,
    /// The sweep / basin map window.
    pub explorer: explore::Explorer,
    /// The walkthrough being presented.
    pub tour: Option<tour::TourState>,
    /// The optimizer cards window.
    pub cards: Option<cards_view::CardsView>,
    /// Where the menu bar ended in the last frame (0 when it is hidden), so windows open below it.
    menu_bottom: f32,
    /// Where the side panel was drawn in the last frame.
    pub side_panel: Option<egui::Rect>,
    /// File dialogs: the desktop's or the window's own.
    pub dialogs: dialog::Dialogs,
    /// The page around the app in a browser.
    page: page::Page,
    /// Where the central view (landscape, side-by-side maps or 3-D view) was drawn last.
    pub view_rect: Option<egui::Rect>,
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
            persisted,
            computed: Computed::default(),
            computed_for: None,
            playback: Playback::default(),
            selected: 0,
            presenting: false,
            show_help: false,
            landscape: landscape::Landscape::default(),
            notice: None,
            copied_link: None,
            current_file: None,
            export: None,
            hover_step: None,
            solid: solid_view::SolidView::default(),
            side: side_view::SideView::default(),
            loss_lines: timeline::LossLines::default(),
            net_maps: net_view::DecisionMaps::default(),
            loss_plot_rect: None,
            explorer: explore::Explorer::default(),
            tour: None,
            cards: None,
            menu_bottom: 0.0,
            side_panel: None,
            dialogs: dialog::Dialogs::from_env(),
            page: page::Page::default(),
            view_rect: None,
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
        app.current_file = file;
        look::install(&cc.egui_ctx);
        app.apply_look(&cc.egui_ctx);
        app
    }

    /// Whether the 3-D view is drawn by the GPU (the window has a GL context and it started).
    pub fn draws_3d_on_gpu(&self) -> bool {
        self.solid.on_gpu()
    }

    /// What the GPU was handed so far for the 3-D view, if it draws it.
    pub fn gpu_uploads(&self) -> Option<optiscape_picture::view3d::Uploads> {
        self.solid.uploads()
    }

    /// Whether the window has a GL context for the 3-D view: eframe says at start-up; benchmarks
    /// set it to measure the GPU path's CPU side (the paint callbacks then never run).
    pub fn set_gl(&mut self, gl: bool) {
        self.solid = solid_view::SolidView::with_gl(gl);
    }

    pub fn scenario(&self) -> &Scenario {
        &self.persisted.scenario
    }

    pub fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.persisted.scenario
    }

    /// Recomputes what changed since the last frame, and takes in what the background finished;
    /// cheap when nothing did.
    pub fn refresh(&mut self) {
        self.refresh_tool();
        if self.computed.poll() {
            let last = self.computed.last_step();
            self.playback.seek(self.playback.step, last);
            // A new slice has its own extent: show all of it unless the scenario fixes a window.
            if self.persisted.scenario.net.is_some() && self.persisted.scenario.view.is_none() {
                self.landscape.request_fit();
            }
        }
        if self.computed_for.as_ref() == Some(&self.persisted.scenario) {
            return;
        }
        self.computed.update(&self.persisted.scenario, false);
        self.computed_for = Some(self.persisted.scenario.clone());
        let last = self.computed.last_step();
        self.playback.seek(self.playback.step, last);
        self.selected = self
            .selected
            .min(self.persisted.scenario.runs.len().saturating_sub(1));
    }

    /// Recomputes every run, changed or not, and waits for them (for benchmarks).
    pub fn recompute_all(&mut self) {
        self.computed.update(&self.persisted.scenario, true);
        self.computed.settle();
        self.computed_for = Some(self.persisted.scenario.clone());
    }

    fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.persisted.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.set_zoom_factor(self.persisted.ui_scale.clamp(0.5, 4.0));
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        let last = self.computed.last_step();
        let runs = self.persisted.scenario.runs.len();
        let action_is_next = action == Action::NextStop;
        match action {
            Action::TogglePlay => self.playback.toggle(last),
            Action::StepBy(d) => self.playback.step_by(d, last),
            Action::Restart => self.playback.restart(),
            Action::Seek(k) => self.playback.seek(k, last),
            Action::FitView => {
                self.persisted.scenario.view = None;
                self.landscape.request_fit();
            }
            Action::SelectRun(i) => self.selected = i.min(runs.saturating_sub(1)),
            Action::SelectNextRun => {
                self.selected = if runs == 0 {
                    0
                } else {
                    (self.selected + 1) % runs
                }
            }
            Action::TogglePresentation => self.presenting = !self.presenting,
            Action::Toggle3d => {
                let d = &mut self.persisted.scenario.display;
                d.view_3d = !d.view_3d;
                d.side_by_side &= !d.view_3d;
            }
            Action::ToggleSideBySide => {
                let d = &mut self.persisted.scenario.display;
                d.side_by_side = !d.side_by_side;
                d.view_3d &= !d.side_by_side;
            }
            Action::ToggleHelp => self.show_help = !self.show_help,
            Action::AddRun => self.add_run(),
            Action::DuplicateRun(i) => self.duplicate_run(i),
            Action::RemoveRun(i) => {
                if i < runs {
                    let s = &mut self.persisted.scenario;
                    s.runs.remove(i);
                    let last = s.runs.len().saturating_sub(1);
                    s.sweep.run = s.sweep.run.min(last);
                    s.basins.run = s.basins.run.min(last);
                    self.selected = self.selected.min(runs.saturating_sub(2));
                }
            }
            Action::SetStart(run, p) => self.set_start(run, p),
            Action::ToggleTheme => {
                self.persisted.dark = !self.persisted.dark;
                self.apply_look(ctx);
            }
            Action::Load(scenario) => {
                self.persisted.scenario = *scenario;
                self.current_file = None;
                self.selected = 0;
                self.landscape.request_fit();
                self.refresh();
                self.playback = Playback::default();
            }
            a @ (Action::OpenDialog | Action::OpenPath(_) | Action::Save | Action::SaveAs) => {
                self.file_action(a, ctx)
            }
            Action::ExportImage => self.export_image_dialog(ctx),
            Action::CopyLink => {
                let base = link_base();
                self.notice = Some(
                    match optiscape_core::link::link(base.as_deref(), self.scenario()) {
                        Ok(link) => {
                            let said = format!("Link copied ({} characters)", link.len());
                            ctx.copy_text(link.clone());
                            self.copied_link = Some(link);
                            said
                        }
                        Err(e) => format!("Copy link failed: {e}"),
                    },
                );
            }
            Action::ExportAnimation => self.export_animation_dialog(ctx),
            Action::HoverStep(k) => self.hover_step = k.map(|k| k.min(last)),
            Action::LossPlotAt(rect) => self.loss_plot_rect = Some(rect),
            Action::SetOptimizer(i, config) => {
                if let Some(run) = self.persisted.scenario.runs.get_mut(i) {
                    run.optimizer = *config;
                }
            }
            Action::OpenTool(tool) => self.open_tool(tool),
            Action::NextStop | Action::PrevStop => {
                if let Some(at) = self.tour.as_ref().map(|t| t.at) {
                    let k = if action_is_next {
                        at + 1
                    } else {
                        at.saturating_sub(1)
                    };
                    self.go_to_stop(k, ctx);
                }
            }
            Action::EndTour => self.tour = None,
            Action::ShowCard(view) => self.cards = view,
            Action::OpenWalkthrough => match optiscape_core::walkthrough::lecture() {
                Ok(tour) => self.start_tour(tour, ctx),
                Err(e) => self.notice = Some(e.to_string()),
            },
        }
    }

    /// Draws one frame's UI (everything but the window chrome) and applies what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.hover_step = None;
        let mut actions = keys::shortcuts(&ctx);
        actions.extend(self.dropped_files(&ctx));
        self.menu_bottom = 0.0;
        if !self.presenting {
            actions.extend(self.menu_bar(ui));
        }
        // The caption comes before the side panels so it spans the whole width, in both modes.
        actions.extend(self.caption(ui));
        if !self.presenting {
            actions.extend(runs_panel::show(self, ui));
            actions.extend(timeline::show(self, ui));
        }
        net_view::panel(self, ui);
        for a in actions.drain(..) {
            self.apply(a, &ctx);
        }
        // Every edit made in the panels above shows in the landscape of this same frame.
        self.refresh();
        actions.extend(self.central(ui));
        help::window(self, &ctx);
        self.export_window(&ctx);
        self.file_dialog(&ctx);
        actions.extend(self.tool_window(&ctx));
        actions.extend(self.cards_window(&ctx));
        self.notice_window(&ctx);
        for a in actions {
            self.apply(a, &ctx);
        }
        self.refresh();
        self.persisted.ui_scale = ctx.zoom_factor();
    }

    /// Where windows may go: the whole window but the menu bar, which stays reachable.
    pub fn window_area(&self, ctx: &egui::Context) -> egui::Rect {
        let mut area = ctx.content_rect();
        area.min.y = area.min.y.max(self.menu_bottom);
        area
    }

    fn central(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            self.view_rect = Some(ui.available_rect_before_wrap());
            if self.persisted.scenario.display.view_3d {
                solid_view::show(self, ui);
            } else if self.persisted.scenario.display.side_by_side {
                side_view::show(self, ui);
            } else {
                actions = landscape::show(self, ui);
            }
        });
        actions
    }

    /// Advances playback by the frame's time.
    pub fn tick(&mut self, dt: f64) -> bool {
        let a = &self.persisted.scenario.animation;
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
        self.persisted.save(storage);
    }
}
