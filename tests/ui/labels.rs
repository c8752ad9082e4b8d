//! Labels a user reads: windows open below the menu bar, the View menu lists every view, and no
//! label in the window is written in snake_case.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use optiscape::app::OptiscapeApp;

fn open(h: &mut Harness<'_, OptiscapeApp>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

#[test]
fn the_sweep_window_opens_below_the_menu_bar() {
    let mut h = common::harness(common::builtin("rosenbrock-race"));
    let bar = h.get_by_label("File").rect().bottom();
    open(&mut h, "Tools", "Hyper-parameter sweep…");
    for _ in 0..20 {
        h.step();
    }
    let note = h
        .get_by_label("Click a cell to give the run those hyper-parameters.")
        .rect();
    let title = h
        .get_all_by_label_contains("sweep")
        .map(|n| n.rect().top())
        .fold(f32::MAX, f32::min);
    assert!(
        title >= bar,
        "the window's top {title} is over the menu bar (ends at {bar})"
    );
    assert!(note.top() > bar);
    // The menu bar stays usable: its menus still open.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Fit view (F)");
}

#[test]
fn the_view_menu_lists_the_3d_view() {
    let mut h = common::harness(common::builtin("valley-3d"));
    let start = h.state().scenario().display.view_3d;
    let (to, back) = if start {
        ("Contour map (D)", "3-D view (D)")
    } else {
        ("3-D view (D)", "Contour map (D)")
    };
    open(&mut h, "View", to);
    assert_eq!(h.state().scenario().display.view_3d, !start);
    open(&mut h, "View", back);
    assert_eq!(h.state().scenario().display.view_3d, start);
}

/// `word_word` in lower case: a name from code, not from a person.
fn snake(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || "()[]{},:;\"'`".contains(c))
        .find(|w| {
            let mut parts = w.split('_');
            let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
                return false;
            };
            [a, b]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        })
}

#[test]
fn no_label_is_snake_case() {
    let mut h = common::harness(common::builtin("rosenbrock-race"));
    open(&mut h, "Tools", "Hyper-parameter sweep…");
    for _ in 0..20 {
        h.step();
    }
    let found: Vec<String> = h
        .query_all(By::new().predicate(|_| true))
        .filter_map(|n| {
            let label = n.accesskit_node().label().unwrap_or_default();
            snake(&label).map(|w| format!("{w} in \"{label}\""))
        })
        .collect();
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(snake("final_loss"), Some("final_loss"));
    assert_eq!(snake("final loss, lr_decay"), Some("lr_decay"));
    assert_eq!(snake("Final loss"), None);
}

#[test]
fn the_file_dialog_opens_below_the_menu_bar() {
    let mut h = common::harness(common::builtin("zigzag-bowl"));
    h.state_mut().dialogs = optiscape::app::dialog::Dialogs::builtin();
    let bar = h.get_by_label("File").rect().bottom();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    let title = h.get_by_label("Save scenario as").rect();
    assert!(
        title.top() >= bar,
        "{title:?} is over the menu bar (ends at {bar})"
    );
}

#[test]
fn a_new_surface_does_not_keep_the_old_title() {
    let mut h = common::harness(optiscape::scenario::Scenario::welcome());
    assert_eq!(h.state().scenario().title, "Rosenbrock's valley");
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Surface")
        .click();
    h.run();
    h.get_by_label("Your function").scroll_to_me();
    h.run();
    h.get_by_label("Your function").click();
    h.run();
    let s = h.state().scenario();
    assert_eq!(s.surface.name, "custom");
    assert_eq!(s.title, "Your function");
    assert!(s.description.is_empty(), "{}", s.description);
    assert!(h.query_by_label_contains("Rosenbrock's valley").is_none());
}
