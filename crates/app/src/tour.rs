//! A walkthrough in the window: PageDown / PageUp (what presentation clickers send) or the buttons
//! move between its presets, and a caption bar large enough for the back of a lecture room shows
//! what to say. The caption stays in presentation mode.

use super::{Action, OptiscapeApp};
use optiscape_core::walkthrough::Tour;

/// A walkthrough and the stop shown.
#[derive(Debug, Clone)]
pub struct TourState {
    pub tour: Tour,
    pub at: usize,
}

/// The caption's text size in points (before the interface scale).
const CAPTION_SIZE: f32 = 24.0;

impl OptiscapeApp {
    /// Starts `tour` at its first stop.
    pub fn start_tour(&mut self, tour: Tour, ctx: &egui::Context) {
        self.tools.tour = Some(TourState { tour, at: 0 });
        self.go_to_stop(0, ctx);
    }

    /// Shows stop `k` (clamped to the tour).
    pub fn go_to_stop(&mut self, k: usize, ctx: &egui::Context) {
        let Some(state) = &mut self.tools.tour else {
            return;
        };
        let k = k.min(state.tour.stops.len().saturating_sub(1));
        state.at = k;
        let Some(stop) = state.tour.stops.get(k) else {
            return;
        };
        let scenario = stop.scenario.clone();
        self.apply(Action::Load(Box::new(scenario)), ctx);
    }

    /// The next stop (or the previous one), if a walkthrough is on.
    pub(super) fn next_stop(&mut self, forward: bool, ctx: &egui::Context) {
        if let Some(at) = self.tools.tour.as_ref().map(|t| t.at) {
            let k = if forward {
                at + 1
            } else {
                at.saturating_sub(1)
            };
            self.go_to_stop(k, ctx);
        }
    }

    /// The preset name and note of the stop shown, if a walkthrough is on.
    pub fn current_stop(&self) -> Option<(usize, &str, &str)> {
        self.tools.current_stop()
    }
}

/// The caption bar at the bottom of the window, while a walkthrough is on.
pub(super) fn caption(ui: &mut egui::Ui, tour: Option<&TourState>) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(state) = tour else {
        return actions;
    };
    let n = state.tour.stops.len();
    let Some(stop) = state.tour.stops.get(state.at) else {
        return actions;
    };
    let title = &stop.scenario.title;
    egui::Panel::bottom("caption")
        .frame(
            egui::Frame::side_top_panel(ui.style())
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(egui::Margin::symmetric(16, 10)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let prev = ui.add_enabled(state.at > 0, egui::Button::new("◀ Previous"));
                if prev.on_hover_text("Page Up").clicked() {
                    actions.push(Action::PrevStop);
                }
                let next = ui.add_enabled(state.at + 1 < n, egui::Button::new("Next ▶"));
                if next.on_hover_text("Page Down").clicked() {
                    actions.push(Action::NextStop);
                }
                ui.label(
                    egui::RichText::new(format!("{} / {n}", state.at + 1))
                        .size(CAPTION_SIZE * 0.8)
                        .strong(),
                );
                ui.label(egui::RichText::new(title).size(CAPTION_SIZE * 0.8).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("End walkthrough").clicked() {
                        actions.push(Action::EndTour);
                    }
                    ui.weak(&state.tour.title);
                });
            });
            // The strongest text colour: it has to carry to the back of the room.
            let note = egui::RichText::new(&stop.note)
                .size(CAPTION_SIZE)
                .color(ui.visuals().strong_text_color());
            ui.add(egui::Label::new(note).wrap());
        });
    actions
}
