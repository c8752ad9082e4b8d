//! Opening and saving scenarios: File menu, file dialogs (see [`super::dialog`]), dropped files,
//! the built-in presets menu. A file that cannot be loaded leaves the open scenario as it was and
//! says why; every save and export says what it wrote or why it could not.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::dialog::{Backend, InWindow, NativeAnswer, Purpose};
use super::{Action, Document, OptiscapeApp};
use optiscape_core::preset::{self, BUILTINS, PresetError};

impl OptiscapeApp {
    /// Opens the preset at `path`; on failure the current scenario stays and the error is returned.
    pub fn open_path(&mut self, path: &Path, ctx: &egui::Context) -> Result<(), PresetError> {
        let name = path.display().to_string();
        let bytes = optiscape_files::read_limited(path).map_err(|m| PresetError::new(&name, m))?;
        if self.open_bytes(&bytes, &name, path.parent(), ctx)? {
            self.document.file = Some(path.to_path_buf());
        }
        Ok(())
    }

    /// Opens a scenario or walkthrough given as bytes (a file named `name`, read from `dir` if it
    /// came from a folder): a dropped file or one picked in the browser. True for a scenario, false
    /// for a walkthrough.
    pub fn open_bytes(
        &mut self,
        bytes: &[u8],
        name: &str,
        dir: Option<&Path>,
        ctx: &egui::Context,
    ) -> Result<bool, PresetError> {
        if bytes.len() as u64 > preset::MAX_BYTES {
            return Err(PresetError::new(
                name,
                preset::too_large(bytes.len() as u64),
            ));
        }
        if optiscape_core::walkthrough::looks_like(bytes) {
            let tour =
                optiscape_core::walkthrough::parse(bytes, name, dir, &optiscape_files::Disk)?;
            self.start_tour(tour, ctx);
            return Ok(false);
        }
        let scenario = preset::parse(bytes, name)?;
        self.apply(Action::Load(Box::new(scenario)), ctx);
        Ok(true)
    }

    /// Saves the scenario, with the window as it is now shown, to `path` (atomically).
    pub fn save_to(&mut self, path: &Path) -> Result<(), PresetError> {
        let mut scenario = self.document.scenario().clone();
        if let Some(view) = self.visible_view() {
            scenario.view = Some(view);
        }
        optiscape_files::save(path, &scenario)?;
        self.document.file = Some(path.to_path_buf());
        Ok(())
    }

    /// Opens or saves as the action asks, reporting failures in the notice.
    pub fn file_action(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::OpenDialog => self.ask_file(Purpose::Open, ctx),
            Action::OpenPath(path) => self.file_chosen(Purpose::Open, path, ctx),
            Action::Save if self.document.file.is_some() => {
                let path = self.document.file.clone().unwrap_or_default();
                self.file_chosen(Purpose::SaveScenario, path, ctx);
            }
            Action::Save | Action::SaveAs => self.ask_file(Purpose::SaveScenario, ctx),
            _ => {}
        }
    }

    /// Asks where to open from or save to: the desktop's dialog (waiting for it), or the window's
    /// own, which [`Self::file_dialog`] draws from the next frame on.
    pub(super) fn ask_file(&mut self, purpose: Purpose, ctx: &egui::Context) {
        if let Some(warning) = self.dialogs.warning.take() {
            self.dialogs.notice = Some(warning);
        }
        let dir = self
            .document
            .file
            .as_deref()
            .and_then(Path::parent)
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let name = match purpose {
            Purpose::Open => String::new(),
            Purpose::SaveScenario => self.document.suggested_name(),
            Purpose::ExportImage => "landscape.png".to_owned(),
            Purpose::ExportAnimation => "landscape.gif".to_owned(),
        };
        match self.dialogs.backend() {
            Backend::Browser => return self.ask_browser(purpose, &name, ctx),
            Backend::Builtin => {}
            Backend::Native => match super::dialog::native(purpose, &dir, &name) {
                NativeAnswer::Picked(path) => return self.file_chosen(purpose, path, ctx),
                NativeAnswer::Cancelled => return,
                NativeAnswer::Failed => {
                    self.dialogs.backend = Some(Backend::Builtin);
                    self.dialogs.notice = Some(
                        "The desktop's file dialog did not open, so optiscape uses its own."
                            .to_owned(),
                    );
                }
            },
        }
        self.dialogs.open = Some(InWindow::new(purpose, &dir, &name));
    }

    /// In a browser: Open shows its file picker (the file arrives in a later frame); a save or an
    /// export is a download named `name`.
    fn ask_browser(&mut self, purpose: Purpose, name: &str, ctx: &egui::Context) {
        if purpose == Purpose::Open {
            if let Err(e) = self.page.pick_file(ctx) {
                self.dialogs.notice = Some(e);
            }
        } else {
            self.file_chosen(purpose, PathBuf::from(name), ctx);
        }
    }

    /// Draws the in-window file dialog, if open, and acts on the file chosen in it.
    pub(super) fn file_dialog(&mut self, ctx: &egui::Context) {
        let area = self.window_area(ctx);
        if let Some((purpose, path)) = self.dialogs.show(ctx, area) {
            self.file_chosen(purpose, path, ctx);
        }
    }

    /// Opens, saves or exports to `path`, and says in the notice what happened unless it went
    /// without saying (a file opened).
    fn file_chosen(&mut self, purpose: Purpose, path: PathBuf, ctx: &egui::Context) {
        let result = match purpose {
            Purpose::Open => self
                .open_path(&path, ctx)
                .map(|()| String::new())
                .map_err(|e| e.to_string()),
            Purpose::SaveScenario => {
                let path = with_ron_extension(path);
                self.save_to(&path)
                    .map(|()| saved(&path))
                    .map_err(|e| e.to_string())
            }
            Purpose::ExportImage => self
                .export_image_to(&path)
                .map(|()| saved(&path))
                .map_err(|e| format!("Export failed: {e}")),
            Purpose::ExportAnimation => {
                self.start_export_animation(
                    &path,
                    super::export::EXPORT_FRAMES,
                    super::export::EXPORT_FPS,
                );
                Ok(String::new())
            }
        };
        match result {
            Ok(message) if message.is_empty() => {}
            Ok(message) | Err(message) => self.dialogs.notice = Some(message),
        }
    }

    /// Files dropped on the window: the first is opened, from its path on a desktop; in a browser
    /// its bytes are read first and it opens in a later frame.
    pub fn dropped_files(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let Some(file) = dropped.into_iter().next() else {
            return Vec::new();
        };
        if cfg!(target_arch = "wasm32") {
            self.page.read_dropped(file, ctx);
            Vec::new()
        } else {
            vec![Action::OpenPath(file.path().to_path_buf())]
        }
    }
}

/// The File menu (`exporting`: an animation is being written, so another cannot start).
pub(super) fn file_menu(
    ui: &mut Ui,
    document: &Document,
    exporting: bool,
    actions: &mut Vec<Action>,
) {
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
        if ui
            .button("Copy link")
            .on_hover_text(if cfg!(target_arch = "wasm32") {
                "A link to this page that opens this scenario"
            } else {
                "A link that opens this scenario (set OPTISCAPE_WEB_URL for the address)"
            })
            .clicked()
        {
            actions.push(Action::CopyLink);
        }
        ui.separator();
        if ui.button("Export image…").clicked() {
            actions.push(Action::ExportImage);
        }
        if ui
            .add_enabled(!exporting, egui::Button::new("Export animation…"))
            .clicked()
        {
            actions.push(Action::ExportAnimation);
        }
        if let Some(path) = &document.file {
            ui.separator();
            ui.weak(format!("{}", path.display()));
        }
    });
}

/// The Presets menu: the lecture's walkthrough and every built-in preset.
pub(super) fn presets_menu(ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.menu_button("Presets", |ui| {
        let walk = ui
            .button("▶ Lecture walkthrough (L07)")
            .on_hover_text("The lecture's presets in order with notes; Page Down / Page Up");
        if walk.clicked() {
            actions.push(Action::OpenWalkthrough);
        }
        ui.separator();
        let height = ui.ctx().content_rect().height() * 0.8;
        // The list is longer than most screens: a solid bar, always drawn, says so before
        // anyone scrolls (egui's default bar floats, unseen until the pointer is over it).
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .max_height(height)
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
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

/// "Saved zigzag.ron" ("Downloaded zigzag.ron" in a browser): the file's name, as the window says
/// after a save or an export.
pub(super) fn saved(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if cfg!(target_arch = "wasm32") {
        format!("Downloaded {name}")
    } else {
        format!("Saved {name}")
    }
}

fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}
