//! The compact results table: every run side by side.

use egui::{RichText, Ui};

use super::OptiscapeApp;
use super::runs_panel::rgb;
use super::state::Summary;
use crate::sim::Status;

/// The table of final loss, distance to the nearest minimum and state for every run.
pub fn table(app: &OptiscapeApp, ui: &mut Ui) {
    let surface = app.computed.surface.clone();
    egui::Grid::new("results")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Run");
            ui.strong("Final loss");
            ui.strong("Distance to min");
            ui.strong("State");
            ui.end_row();
            for (i, (run, result)) in app
                .scenario()
                .runs
                .iter()
                .zip(&app.computed.runs)
                .enumerate()
            {
                let s = Summary::of(&result.trajectory, surface.as_ref());
                ui.label(
                    RichText::new(run.label())
                        .color(rgb(run.rgb_in(i, app.persisted.dark)))
                        .strong(),
                );
                ui.label(s.final_loss.map_or("—".to_owned(), |f| format!("{f:.4e}")));
                ui.label(
                    s.distance_to_min
                        .map_or("—".to_owned(), |d| format!("{d:.4}")),
                );
                let text = s.state_text();
                if s.status == Status::Diverged {
                    ui.colored_label(ui.visuals().error_fg_color, text);
                } else {
                    ui.label(text);
                }
                ui.end_row();
            }
        });
}
