//! Opening and saving scenarios: File menu, native dialogs (rfd), dropped files, the built-in
//! presets menu. A file that cannot be loaded leaves the open scenario as it was and says why.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::{Action, OptiscapeApp};
use crate::preset::{self, BUILTINS, PresetError};

impl OptiscapeApp {
    /// Opens the preset at `path`; on failure the current scenario stays and the error is returned.
    pub fn open_path(&mut self, path: &Path, ctx: &egui::Context) -> Result<(), PresetError> {
        let name = path.display().to_string();
        let bytes = preset::read_limited(path).map_err(|m| PresetError::new(&name, m))?;
        if crate::walkthrough::looks_like(&bytes) {
            let tour = crate::walkthrough::parse(&bytes, &name, path.parent())?;
            self.start_tour(tour, ctx);
            return Ok(());
        }
        let scenario = preset::parse(&bytes, &name)?;
        self.apply(Action::Load(Box::new(scenario)), ctx);
        self.current_file = Some(path.to_path_buf());
        Ok(())
    }

    /// Saves the scenario, with the window as it is now shown, to `path` (atomically).
    pub fn save_to(&mut self, path: &Path) -> Result<(), PresetError> {
        let mut scenario = self.persisted.scenario.clone();
        if let Some(view) = self.visible_view() {
            scenario.view = Some(view);
        }
        preset::save(path, &scenario)?;
        self.current_file = Some(path.to_path_buf());
        Ok(())
    }

    /// Opens or saves as the action asks, reporting failures in the notice.
    pub fn file_action(&mut self, action: Action, ctx: &egui::Context) {
        let result = match action {
            Action::OpenDialog => match dialog().pick_file() {
                Some(path) => self.open_path(&path, ctx),
                None => Ok(()),
            },
            Action::OpenPath(path) => self.open_path(&path, ctx),
            Action::Save if self.current_file.is_some() => {
                let path = self.current_file.clone().unwrap_or_default();
                self.save_to(&path)
            }
            Action::Save | Action::SaveAs => {
                match dialog().set_file_name(self.suggested_name()).save_file() {
                    Some(path) => self.save_to(&with_ron_extension(path)),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.notice = Some(e.to_string());
        }
    }

    fn suggested_name(&self) -> String {
        let stem: String = self
            .persisted
            .scenario
            .title
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let stem = stem.trim_matches('-');
        format!("{}.ron", if stem.is_empty() { "scenario" } else { stem })
    }

    /// Files dropped on the window: the first `.ron` is opened.
    pub fn dropped_files(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        dropped
            .into_iter()
            .take(1)
            .map(|f| Action::OpenPath(f.path().to_path_buf()))
            .collect()
    }

    pub(super) fn file_menu(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.menu_button("File", |ui| {
            if ui.button("Open…  (Ctrl+O)").clicked() {
                actions.push(Action::OpenDialog);
            }
            if ui.button("Save  (Ctrl+S)").clicked() {
                actions.push(Action::Save);
            }
            if ui.button("Save as…  (Ctrl+Shift+S)").clicked() {
                actions.push(Action::SaveAs);
            }
            ui.separator();
            if ui.button("Export image…").clicked() {
                actions.push(Action::ExportImage);
            }
            if ui
                .add_enabled(
                    self.export.is_none(),
                    egui::Button::new("Export animation…"),
                )
                .clicked()
            {
                actions.push(Action::ExportAnimation);
            }
            if let Some(path) = &self.current_file {
                ui.separator();
                ui.weak(format!("{}", path.display()));
            }
        });
    }

    pub(super) fn presets_menu(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.menu_button("Presets", |ui| {
            let walk = ui
                .button("▶ Lecture walkthrough (L07)")
                .on_hover_text("The lecture's presets in order with notes; Page Down / Page Up");
            if walk.clicked() {
                actions.push(Action::OpenWalkthrough);
            }
            ui.separator();
            let height = ui.ctx().content_rect().height() * 0.8;
            egui::ScrollArea::vertical()
                .max_height(height)
                .show(ui, |ui| {
                    for b in BUILTINS {
                        let Ok(scenario) = b.scenario() else { continue };
                        let response = ui
                            .button(&scenario.title)
                            .on_hover_text(&scenario.description);
                        ui.weak(&scenario.description);
                        if response.clicked() {
                            actions.push(Action::Load(Box::new(scenario)));
                        }
                    }
                });
        });
    }
}

fn dialog() -> rfd::FileDialog {
    rfd::FileDialog::new().add_filter("optiscape scenario", &["ron"])
}

fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}
