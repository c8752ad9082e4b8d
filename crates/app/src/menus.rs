//! The menu bar: File, Presets, View, Tools, Help, and the scenario's title.

use super::{Action, Document, cards_view, explore, files};
use optiscape_core::sim::OptimizerKind;

/// The menu bar over the document (`exporting`: an animation is being written, so another cannot
/// start); returns what the user asked for and where the bar ends.
pub(super) fn bar(ui: &mut egui::Ui, document: &Document, exporting: bool) -> (Vec<Action>, f32) {
    let mut actions = Vec::new();
    let bar = egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            files::file_menu(ui, document, exporting, &mut actions);
            files::presets_menu(ui, &mut actions);
            view_menu(ui, document, &mut actions);
            tools_menu(ui, &mut actions);
            help_menu(ui, document, &mut actions);
            ui.separator();
            ui.strong(&document.scenario().title);
            ui.label(&document.scenario().description);
        });
    });
    (actions, bar.response.rect.bottom())
}

fn view_menu(ui: &mut egui::Ui, document: &Document, actions: &mut Vec<Action>) {
    let display = &document.scenario().display;
    ui.menu_button("View", |ui| {
        if ui.button("Fit view (F)").clicked() {
            actions.push(Action::FitView);
        }
        if ui.button("Presentation mode (H)").clicked() {
            actions.push(Action::TogglePresentation);
        }
        let other = if display.view_3d {
            "Contour map (D)"
        } else {
            "3-D view (D)"
        };
        if ui.button(other).clicked() {
            actions.push(Action::Toggle3d);
        }
        let layout = if display.side_by_side {
            "One map (G)"
        } else {
            "Side by side (G)"
        };
        if ui.button(layout).clicked() {
            actions.push(Action::ToggleSideBySide);
        }
        let theme = if document.dark() {
            "Light theme"
        } else {
            "Dark theme"
        };
        if ui.button(theme).clicked() {
            actions.push(Action::ToggleTheme);
        }
    });
}

fn tools_menu(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.menu_button("Tools", |ui| {
        if ui.button("Hyper-parameter sweep…").clicked() {
            actions.push(Action::OpenTool(explore::Tool::Sweep));
        }
        if ui.button("Basin map…").clicked() {
            actions.push(Action::OpenTool(explore::Tool::Basins));
        }
        if ui.button("Tune learning rate…").clicked() {
            actions.push(Action::OpenTool(explore::Tool::Tune));
        }
    });
}

fn help_menu(ui: &mut egui::Ui, document: &Document, actions: &mut Vec<Action>) {
    ui.menu_button("Help", |ui| {
        if ui.button("Optimizer cards").clicked() {
            let kind = document
                .scenario()
                .runs
                .get(document.selected)
                .and_then(|r| r.optimizer.kind())
                .unwrap_or(OptimizerKind::Sgd);
            actions.push(Action::ShowCard(Some(cards_view::CardsView::Card(kind))));
        }
        if ui.button("Compare optimizers").clicked() {
            actions.push(Action::ShowCard(Some(cards_view::CardsView::Compare)));
        }
        if ui.button("Keyboard shortcuts").clicked() {
            actions.push(Action::ToggleHelp);
        }
    });
}
