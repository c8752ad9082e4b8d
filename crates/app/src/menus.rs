//! The menu bar (File, Presets, View, Tools, Help, and the scenario's title) and the dismissable
//! notice that reports what failed.

use super::{Action, OptiscapeApp, cards_view, explore};
use optiscape_core::sim::OptimizerKind;

impl OptiscapeApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let bar = egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                self.file_menu(ui, &mut actions);
                self.presets_menu(ui, &mut actions);
                ui.menu_button("View", |ui| {
                    if ui.button("Fit view (F)").clicked() {
                        actions.push(Action::FitView);
                    }
                    if ui.button("Presentation mode (H)").clicked() {
                        actions.push(Action::TogglePresentation);
                    }
                    let other = if self.persisted.scenario.display.view_3d {
                        "Contour map (D)"
                    } else {
                        "3-D view (D)"
                    };
                    if ui.button(other).clicked() {
                        actions.push(Action::Toggle3d);
                    }
                    let layout = if self.persisted.scenario.display.side_by_side {
                        "One map (G)"
                    } else {
                        "Side by side (G)"
                    };
                    if ui.button(layout).clicked() {
                        actions.push(Action::ToggleSideBySide);
                    }
                    let theme = if self.persisted.dark {
                        "Light theme"
                    } else {
                        "Dark theme"
                    };
                    if ui.button(theme).clicked() {
                        actions.push(Action::ToggleTheme);
                    }
                });
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
                ui.menu_button("Help", |ui| {
                    if ui.button("Optimizer cards").clicked() {
                        let kind = self
                            .persisted
                            .scenario
                            .runs
                            .get(self.selected)
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
                ui.separator();
                ui.strong(&self.persisted.scenario.title);
                ui.label(&self.persisted.scenario.description);
            });
        });
        self.menu_bottom = bar.response.rect.bottom();
        actions
    }

    pub(super) fn notice_window(&mut self, ctx: &egui::Context) {
        let Some(text) = self.notice.clone() else {
            return;
        };
        let mut open = true;
        egui::Window::new("Notice")
            .constrain_to(self.window_area(ctx))
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .show(ctx, |ui| {
                ui.label(optiscape_core::escape::keeping_lines(&text));
                if ui.button("OK").clicked() {
                    self.notice = None;
                }
            });
        if !open {
            self.notice = None;
        }
    }
}
