//! The help window: keyboard shortcuts and what the views show.

use super::keys::SHORTCUTS;

/// The help window inside `area`, while `open`.
pub fn window(ctx: &egui::Context, area: egui::Rect, open: &mut bool) {
    egui::Window::new("Help").constrain_to(area).open(open).resizable(false).collapsible(false).show(ctx, |ui| {
        ui.heading("Keyboard shortcuts");
        egui::Grid::new("shortcuts").num_columns(2).striped(true).spacing([24.0, 6.0]).show(ui, |ui| {
            for (keys, what) in SHORTCUTS {
                ui.strong(*keys);
                ui.label(*what);
                ui.end_row();
            }
        });
        ui.separator();
        ui.label(
            "Each ball is one optimizer. Its trail is the path so far; the faint line ahead is where it \
             will go. Markers: ✱ known minima, ✚ saddle points, ✕ where a run diverged.",
        );
    });
}
