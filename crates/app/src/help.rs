//! The help window: keyboard shortcuts and what the views show.

use super::OptiscapeApp;
use super::keys::SHORTCUTS;

/// The help window, when open.
pub fn window(app: &mut OptiscapeApp, ctx: &egui::Context) {
    let mut open = app.show_help;
    let area = app.window_area(ctx);
    egui::Window::new("Help").constrain_to(area).open(&mut open).resizable(false).collapsible(false).show(ctx, |ui| {
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
    app.show_help = open;
}
