//! Where a file comes from or goes: the desktop's own file dialog where it has one, else a file
//! dialog drawn inside the window.
//!
//! Which one is decided once, the first time a dialog is needed: `OPTISCAPE_DIALOG=builtin` forces
//! the in-window dialog and `native` the desktop's (the variable is read when the app starts).
//! Otherwise Windows and macOS always have one; on Linux and the BSDs the desktop has one when the
//! session bus answers for the portal's FileChooser or `zenity` is installed. A desktop dialog that
//! gives up at once is taken for a missing one: the window says so and opens its own. In a browser,
//! a file is opened with the browser's picker and saved as a download.
//!
//! The in-window dialog is state of the app, drawn every frame; it never blocks. [`Dialogs`] also
//! holds what the window tells the user: the notice (a failed load, a saved file) until it is
//! dismissed, and the link File → Copy link put on the clipboard last.

mod desktop;

use std::path::{Path, PathBuf};

pub use desktop::{NativeAnswer, choice_from, native, probe};

/// Which file dialog the app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The desktop's, through rfd (portal, zenity, or the system's own).
    Native,
    /// The one drawn in the window.
    Builtin,
    /// A browser's: its file picker to open, a download to save (the web edition).
    Browser,
}

/// What a file is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveScenario,
    ExportImage,
    ExportAnimation,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open scenario",
            Self::SaveScenario => "Save scenario as",
            Self::ExportImage => "Export image",
            Self::ExportAnimation => "Export animation",
        }
    }

    fn saves(self) -> bool {
        self != Self::Open
    }

    /// The extensions listed (the first is added to a name without one).
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Open | Self::SaveScenario => &["ron"],
            Self::ExportImage => &["png", "svg"],
            Self::ExportAnimation => &["gif", "png", "apng"],
        }
    }

    fn button(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::SaveScenario => "Save",
            Self::ExportImage | Self::ExportAnimation => "Export",
        }
    }
}

/// How the app asks for files (the backend and the in-window dialog while it is open) and what it
/// tells the user.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// The dialog to use; `None` until the first dialog decides it.
    pub backend: Option<Backend>,
    /// What was wrong with `OPTISCAPE_DIALOG`, said with the first dialog.
    pub warning: Option<String>,
    /// The in-window dialog, while it is open.
    pub open: Option<InWindow>,
    /// A message the user should see (a failed load, say), until dismissed.
    pub notice: Option<String>,
    /// The link File → Copy link put on the clipboard last.
    pub copied_link: Option<String>,
}

impl Dialogs {
    /// The choice `OPTISCAPE_DIALOG` makes (read once, when the app starts).
    pub fn from_env() -> Self {
        let value = std::env::var("OPTISCAPE_DIALOG").ok();
        let (backend, warning) = choice_from(value.as_deref());
        Self {
            backend,
            warning,
            ..Self::default()
        }
    }

    /// The in-window dialog only (for tests and desktops without one).
    pub fn builtin() -> Self {
        Self {
            backend: Some(Backend::Builtin),
            ..Self::default()
        }
    }

    /// The backend, probing the desktop the first time.
    pub fn backend(&mut self) -> Backend {
        *self.backend.get_or_insert_with(probe)
    }

    /// Draws the in-window dialog inside `area`; returns the purpose and path once one is confirmed.
    pub fn show(&mut self, ctx: &egui::Context, area: egui::Rect) -> Option<(Purpose, PathBuf)> {
        let dialog = self.open.as_mut()?;
        let purpose = dialog.purpose;
        let (chosen, keep_open) = dialog.window(ctx, area);
        if !keep_open || chosen.is_some() {
            self.open = None;
        }
        chosen.map(|path| (purpose, path))
    }

    /// Puts a link that opens `scenario` (starting with `base`) on the clipboard, and says so.
    pub fn copy_link(
        &mut self,
        base: Option<&str>,
        scenario: &optiscape_core::scenario::Scenario,
        ctx: &egui::Context,
    ) {
        self.notice = Some(match optiscape_core::link::link(base, scenario) {
            Ok(link) => {
                let said = format!("Link copied ({} characters)", link.len());
                ctx.copy_text(link.clone());
                self.copied_link = Some(link);
                said
            }
            Err(e) => format!("Copy link failed: {e}"),
        });
    }

    /// The notice, inside `area`, until it is dismissed.
    pub fn notice_window(&mut self, ctx: &egui::Context, area: egui::Rect) {
        let Some(text) = self.notice.clone() else {
            return;
        };
        let mut open = true;
        egui::Window::new("Notice")
            .constrain_to(area)
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

/// One entry of the folder shown.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    folder: bool,
}

/// Most entries listed, so a huge folder cannot slow every frame.
const MAX_ENTRIES: usize = 2000;

/// The file dialog drawn in the window.
#[derive(Debug)]
pub struct InWindow {
    pub purpose: Purpose,
    /// The folder listed.
    pub dir: PathBuf,
    /// The path being typed or picked.
    pub text: String,
    entries: Result<Vec<Entry>, String>,
    /// The file exists; the next confirmation replaces it.
    replace: Option<PathBuf>,
    error: Option<String>,
}

impl InWindow {
    /// A dialog on `dir`, offering `name` as the file to save.
    pub fn new(purpose: Purpose, dir: &Path, name: &str) -> Self {
        let mut dialog = Self {
            purpose,
            dir: dir.to_path_buf(),
            text: String::new(),
            entries: Ok(Vec::new()),
            replace: None,
            error: None,
        };
        dialog.enter(dir.to_path_buf(), name);
        dialog
    }

    fn enter(&mut self, dir: PathBuf, name: &str) {
        self.entries = list(&dir, self.purpose.extensions());
        self.text = dir
            .join(if self.purpose.saves() { name } else { "" })
            .display()
            .to_string();
        self.dir = dir;
        self.replace = None;
        self.error = None;
    }

    /// The typed path, relative to the folder shown, with `~/` as the home folder.
    fn typed(&self) -> Option<PathBuf> {
        let text = self.text.trim();
        if text.is_empty() {
            return None;
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let path = match (text.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(text),
        };
        Some(if path.is_absolute() {
            path
        } else {
            self.dir.join(path)
        })
    }

    /// Acts on the typed path: a folder is entered, a file is returned once it can be used.
    fn confirm(&mut self) -> Option<PathBuf> {
        let Some(mut path) = self.typed() else {
            self.error = Some("Type a file name.".to_owned());
            return None;
        };
        if path.is_dir() {
            let name = self.suggested_name();
            self.enter(path, &name);
            return None;
        }
        if !self.purpose.saves() {
            if path.is_file() {
                return Some(path);
            }
            self.error = Some(format!("There is no file {}.", path.display()));
            return None;
        }
        if path.extension().is_none() {
            path.set_extension(self.purpose.extensions()[0]);
        }
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
                self.error = Some(format!("There is no folder {}.", parent.display()));
                None
            }
            _ if path.exists() && self.replace.as_ref() != Some(&path) => {
                self.replace = Some(path);
                None
            }
            _ => Some(path),
        }
    }

    /// The file name typed, kept when another folder is entered.
    fn suggested_name(&self) -> String {
        self.typed()
            .filter(|p| !p.is_dir())
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default()
    }

    /// Draws the window; returns the chosen path, and whether the dialog stays open.
    fn window(&mut self, ctx: &egui::Context, area: egui::Rect) -> (Option<PathBuf>, bool) {
        let mut open = true;
        let mut chosen = None;
        let mut cancel = false;
        egui::Window::new(self.purpose.title())
            .constrain_to(area)
            .collapsible(false)
            .default_size([600.0, 440.0])
            .open(&mut open)
            .show(ctx, |ui| {
                self.folder_row(ui);
                chosen = self.listing(ui).or(self.path_row(ui));
                if let Some(e) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                if let Some(path) = &self.replace {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} already exists.", path.display()),
                    );
                }
                ui.horizontal(|ui| {
                    let label = if self.replace.is_some() {
                        "Replace"
                    } else {
                        self.purpose.button()
                    };
                    if ui.button(label).clicked() {
                        chosen = self.confirm();
                    }
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            cancel = true;
        }
        (chosen, open && !cancel)
    }

    fn folder_row(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let parent = self.dir.parent().map(Path::to_path_buf);
            let up = ui
                .add_enabled(parent.is_some(), egui::Button::new("Parent folder"))
                .on_hover_text("List the folder above this one");
            if up.clicked()
                && let Some(parent) = parent
            {
                let name = self.suggested_name();
                self.enter(parent, &name);
            }
            ui.weak(self.dir.display().to_string());
        });
    }

    /// The folder's entries: a click on a folder enters it, on a file puts it in the path field.
    fn listing(&mut self, ui: &mut egui::Ui) -> Option<PathBuf> {
        let mut picked: Option<(Entry, bool)> = None;
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .auto_shrink([false, true])
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| match &self.entries {
                Ok(entries) if entries.is_empty() => {
                    ui.weak("No folders or matching files here.");
                }
                Ok(entries) => {
                    for entry in entries {
                        let label = if entry.folder {
                            format!("{}/", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let response = ui.selectable_label(false, label);
                        if response.clicked() || response.double_clicked() {
                            picked = Some((entry.clone(), response.double_clicked()));
                        }
                    }
                }
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            });
        let (entry, double) = picked?;
        let path = self.dir.join(&entry.name);
        if entry.folder {
            let name = self.suggested_name();
            self.enter(path, &name);
            return None;
        }
        self.text = path.display().to_string();
        self.replace = None;
        self.error = None;
        // A double click is a file picked and confirmed (replacing one still asks).
        if double { self.confirm() } else { None }
    }

    /// The path field; Enter in it confirms.
    fn path_row(&mut self, ui: &mut egui::Ui) -> Option<PathBuf> {
        let mut chosen = None;
        ui.horizontal(|ui| {
            let label = ui.label("Path:");
            let edit = egui::TextEdit::singleline(&mut self.text)
                .hint_text("folder/name")
                .desired_width(f32::INFINITY);
            let response = ui.add(edit).labelled_by(label.id);
            if response.changed() {
                self.replace = None;
                self.error = None;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                chosen = self.confirm();
            }
        });
        chosen
    }
}

/// The folders and the files with one of `extensions` in `dir`, folders first, hidden ones left out.
fn list(dir: &Path, extensions: &[&str]) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "Cannot list {}: {}",
            dir.display(),
            optiscape_core::preset::io_message(&e)
        )
    })?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let folder = e.path().is_dir();
            let wanted = folder
                || Path::new(&name)
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| extensions.iter().any(|w| w.eq_ignore_ascii_case(x)));
            (wanted && !name.starts_with('.')).then_some(Entry { name, folder })
        })
        .take(MAX_ENTRIES)
        .collect();
    entries.sort_by(|a, b| {
        (!a.folder, a.name.to_lowercase()).cmp(&(!b.folder, b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_forces_a_dialog_or_leaves_the_choice() {
        assert_eq!(choice_from(None), (None, None));
        assert_eq!(choice_from(Some("")), (None, None));
        assert_eq!(choice_from(Some("builtin")).0, Some(Backend::Builtin));
        assert_eq!(choice_from(Some(" Native ")).0, Some(Backend::Native));
        let (backend, warning) = choice_from(Some("gtk"));
        assert_eq!(backend, None);
        assert!(warning.is_some_and(|w| w.contains("gtk")));
    }

    #[test]
    fn a_typed_name_without_extension_gets_one_and_an_existing_file_asks_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut d = InWindow::new(Purpose::SaveScenario, dir.path(), "race.ron");
        assert_eq!(d.text, dir.path().join("race.ron").display().to_string());
        d.text = "mine".to_owned();
        assert_eq!(d.confirm(), Some(dir.path().join("mine.ron")));
        std::fs::write(dir.path().join("mine.ron"), "()").expect("written");
        assert_eq!(d.confirm(), None, "asks before replacing");
        assert!(d.replace.is_some());
        assert_eq!(d.confirm(), Some(dir.path().join("mine.ron")));
        d.text = "nowhere/mine.ron".to_owned();
        assert_eq!(d.confirm(), None);
        assert!(d.error.as_deref().is_some_and(|e| e.contains("no folder")));
    }

    #[test]
    fn the_open_dialog_lists_folders_first_and_only_scenarios() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("zoo")).expect("folder");
        std::fs::write(dir.path().join("a.ron"), "()").expect("file");
        std::fs::write(dir.path().join("b.txt"), "").expect("file");
        let d = InWindow::new(Purpose::Open, dir.path(), "");
        let names: Vec<_> = d
            .entries
            .expect("listed")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["zoo", "a.ron"]);
    }
}
