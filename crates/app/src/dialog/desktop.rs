//! The desktop's file dialog: whether there is one, and asking it (through rfd).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Backend, Purpose};

/// The `OPTISCAPE_DIALOG` value as a forced backend (`None`: decide by looking), with a warning for
/// a value that is not understood.
pub fn choice_from(value: Option<&str>) -> (Option<Backend>, Option<String>) {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "auto") => (None, None),
        Some("builtin") => (Some(Backend::Builtin), None),
        Some("native") => (Some(Backend::Native), None),
        Some(other) => (
            None,
            Some(format!(
                "OPTISCAPE_DIALOG={other} is not understood (use builtin or native); the file dialog is chosen as usual."
            )),
        ),
    }
}

/// Whether the desktop has a file dialog; tools that are missing count as not knowing.
pub fn probe() -> Backend {
    if cfg!(target_arch = "wasm32") {
        return Backend::Browser;
    }
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return Backend::Native;
    }
    match (portal_file_chooser(), on_path("zenity")) {
        (Some(false), false) => Backend::Builtin,
        // A portal, zenity, or no way to ask the bus: the desktop's dialog is tried (and a quick
        // failure falls back to the window's own).
        _ => Backend::Native,
    }
}

/// Asks the session bus whether the desktop portal has a FileChooser (`None`: no tool to ask).
fn portal_file_chooser() -> Option<bool> {
    let ask = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()
            .map(|s| s.success())
    };
    let (dest, object) = (
        "org.freedesktop.portal.Desktop",
        "/org/freedesktop/portal/desktop",
    );
    let interface = "org.freedesktop.portal.FileChooser";
    ask(
        "dbus-send",
        &[
            "--session",
            "--print-reply",
            "--reply-timeout=2000",
            &format!("--dest={dest}"),
            object,
            "org.freedesktop.DBus.Properties.Get",
            &format!("string:{interface}"),
            "string:version",
        ],
    )
    .or_else(|| {
        ask(
            "busctl",
            &[
                "--user",
                "--timeout=2",
                "call",
                dest,
                object,
                "org.freedesktop.DBus.Properties",
                "Get",
                "ss",
                interface,
                "version",
            ],
        )
    })
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A desktop dialog that answers "no file" sooner than this did not open.
#[cfg(not(target_arch = "wasm32"))]
const GAVE_UP_AT_ONCE: std::time::Duration = std::time::Duration::from_millis(300);

/// What the desktop's dialog answered.
pub enum NativeAnswer {
    Picked(PathBuf),
    Cancelled,
    /// It returned at once without a file: it most likely never opened.
    Failed,
}

/// A browser has no desktop dialog.
#[cfg(target_arch = "wasm32")]
pub fn native(_purpose: Purpose, _dir: &Path, _name: &str) -> NativeAnswer {
    NativeAnswer::Failed
}

/// Runs the desktop's dialog for `purpose` (blocking until it closes).
#[cfg(not(target_arch = "wasm32"))]
pub fn native(purpose: Purpose, dir: &Path, name: &str) -> NativeAnswer {
    let dialog = rfd::FileDialog::new()
        .set_title(purpose.title())
        .set_directory(dir);
    let dialog = match purpose {
        Purpose::Open | Purpose::SaveScenario => dialog.add_filter("optiscape scenario", &["ron"]),
        Purpose::ExportImage => dialog
            .add_filter("PNG image", &["png"])
            .add_filter("SVG drawing", &["svg"]),
        Purpose::ExportAnimation => dialog
            .add_filter("Animated GIF", &["gif"])
            .add_filter("Animated PNG", &["png", "apng"]),
    };
    let started = std::time::Instant::now();
    let picked = if purpose.saves() {
        dialog.set_file_name(name).save_file()
    } else {
        dialog.pick_file()
    };
    match picked {
        Some(path) => NativeAnswer::Picked(path),
        None if started.elapsed() < GAVE_UP_AT_ONCE => NativeAnswer::Failed,
        None => NativeAnswer::Cancelled,
    }
}
