//! The view: how the document is shown, kept between frames. Presentation mode, the landscape's
//! pan, zoom and field, the 3-D view's and the side-by-side grid's caches, the loss plot's lines, a
//! network's decision maps, and where the last frame put its panels (for windows and tests to
//! point at). Its `apply` takes the actions that only change how things are shown; `central` draws
//! the middle of the window in whichever view the scenario asks for.

use super::state::{Computed, Playback};
use super::{Action, Document, landscape, net_view, side_view, solid_view, timeline};

/// What a central view draws from: the document (the 3-D view turns its camera), the model
/// computed for it, playback, and whether the window presents.
pub struct Shown<'a> {
    pub document: &'a mut Document,
    pub computed: &'a mut Computed,
    pub playback: &'a Playback,
    pub presenting: bool,
}

/// How the document is shown, and what the last frame measured.
#[derive(Default)]
pub struct View {
    /// Presentation mode: only the landscape and a minimal legend.
    pub presenting: bool,
    pub landscape: landscape::Landscape,
    /// The 3-D view's caches.
    pub solid: solid_view::SolidView,
    /// The side-by-side grid as last drawn.
    pub side: side_view::SideView,
    /// The loss plot's lines, kept while the runs stay the same.
    pub loss_lines: timeline::LossLines,
    /// A network scenario's decision maps at the current step.
    pub net_maps: net_view::DecisionMaps,
    /// Where the central view (landscape, side-by-side maps or 3-D view) was drawn last.
    pub central_rect: Option<egui::Rect>,
    /// Where the loss plot was last drawn (for pointing at it).
    pub loss_plot_rect: Option<egui::Rect>,
    /// Where the side panel was drawn in the last frame.
    pub side_panel: Option<egui::Rect>,
    /// Where the menu bar ended in the last frame (0 when it is hidden), so windows open below it.
    pub menu_bottom: f32,
}

impl View {
    /// Applies an action that only changes how things are shown; other actions are left alone.
    pub fn apply(&mut self, action: &Action) {
        match action {
            Action::TogglePresentation => self.presenting = !self.presenting,
            Action::LossPlotAt(rect) => self.loss_plot_rect = Some(*rect),
            _ => {}
        }
    }

    /// Where windows may go: the whole window but the menu bar, which stays reachable.
    pub fn window_area(&self, ctx: &egui::Context) -> egui::Rect {
        let mut area = ctx.content_rect();
        area.min.y = area.min.y.max(self.menu_bottom);
        area
    }

    /// The central panel in the view the scenario asks for; returns what the pointer asked for.
    /// A notice the 3-D view has for the user goes to `notice`.
    pub fn central(
        &mut self,
        ui: &mut egui::Ui,
        document: &mut Document,
        computed: &mut Computed,
        playback: &Playback,
        notice: &mut Option<String>,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            self.central_rect = Some(ui.available_rect_before_wrap());
            let display = &document.scenario().display;
            let (view_3d, side_by_side) = (display.view_3d, display.side_by_side);
            let shown = Shown {
                document,
                computed,
                playback,
                presenting: self.presenting,
            };
            if view_3d {
                if let Some(said) = solid_view::show(ui, &mut self.solid, shown) {
                    *notice = Some(said);
                }
            } else if side_by_side {
                side_view::show(ui, &mut self.side, shown);
            } else {
                actions = landscape::show(ui, &mut self.landscape, shown);
            }
        });
        actions
    }
}
