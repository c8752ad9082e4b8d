//! Keyboard control for lectures: Space, arrows, R, F, Tab, H, and the help key.
//!
//! The keys are taken before any widget sees them (so Space never presses a focused button and Tab
//! selects the next run), except while a text field is being edited.

use egui::{Key, Modifiers};

use super::Action;

/// Every shortcut, for the help window: (keys, what they do).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("→ / ←", "step forward / back"),
    ("Shift + → / ←", "ten steps forward / back"),
    ("R / Home", "back to step 0"),
    ("End", "jump to the last step"),
    ("F", "fit the view to the surface"),
    ("Tab", "select the next run"),
    ("H", "presentation mode: hide the panels"),
    ("D", "3-D view / contour map"),
    ("G", "side by side: one small map per run / one map"),
    ("Ctrl + / Ctrl −", "larger / smaller interface"),
    ("Ctrl 0", "reset the interface scale"),
    ("F1", "this help"),
    (
        "Page Down / Page Up",
        "next / previous stop of a walkthrough",
    ),
    ("Ctrl O / Ctrl S / Ctrl Shift S", "open / save / save as"),
    ("Drop a .ron file on the window", "open it"),
    ("Click on the landscape", "set the selected run's start"),
    ("Shift + click", "set every run's start"),
    ("Drag a start marker", "move that start"),
    ("Drag or scroll", "pan the landscape"),
    ("Ctrl + scroll", "zoom the landscape"),
];

/// The actions the keyboard asks for this frame.
pub fn shortcuts(ctx: &egui::Context) -> Vec<Action> {
    if ctx.text_edit_focused() {
        return Vec::new();
    }
    let table: [(Modifiers, Key, Action); 19] = [
        (Modifiers::NONE, Key::PageDown, Action::NextStop),
        (Modifiers::NONE, Key::PageUp, Action::PrevStop),
        (Modifiers::NONE, Key::D, Action::Toggle3d),
        (Modifiers::NONE, Key::G, Action::ToggleSideBySide),
        (Modifiers::NONE, Key::Home, Action::Restart),
        (Modifiers::NONE, Key::End, Action::Seek(usize::MAX)),
        (
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::S,
            Action::SaveAs,
        ),
        (Modifiers::COMMAND, Key::S, Action::Save),
        (Modifiers::COMMAND, Key::O, Action::OpenDialog),
        (Modifiers::NONE, Key::Space, Action::TogglePlay),
        (Modifiers::SHIFT, Key::ArrowRight, Action::StepBy(10)),
        (Modifiers::SHIFT, Key::ArrowLeft, Action::StepBy(-10)),
        (Modifiers::NONE, Key::ArrowRight, Action::StepBy(1)),
        (Modifiers::NONE, Key::ArrowLeft, Action::StepBy(-1)),
        (Modifiers::NONE, Key::R, Action::Restart),
        (Modifiers::NONE, Key::F, Action::FitView),
        (Modifiers::NONE, Key::Tab, Action::SelectNextRun),
        (Modifiers::NONE, Key::H, Action::TogglePresentation),
        (Modifiers::NONE, Key::F1, Action::ToggleHelp),
    ];
    // `consume_key` ignores Shift it was not asked for, so every shifted key is taken before its
    // plain form (Shift+→ is ten steps, not one; Ctrl+Shift+S is not Ctrl+S).
    ctx.input_mut(|input| {
        table
            .into_iter()
            .filter(|(m, k, _)| input.consume_key(*m, *k))
            .map(|(_, _, a)| a)
            .collect()
    })
}
