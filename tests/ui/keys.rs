//! Every key and pointer gesture the help window (F1) and the README list does what they say: each
//! documented entry has a check here, and a new entry without one fails the last test.

use crate::common;

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use optiscape::app::OptiscapeApp;
use optiscape::app::keys::SHORTCUTS;
use optiscape::scenario::Scenario;
use optiscape::sim::V2;

/// The entries of the help table that the tests in this file check.
const CHECKED_HERE: &[&str] = &[
    "Space",
    "→ / ←",
    "Shift + → / ←",
    "R / Home",
    "End",
    "F",
    "Tab",
    "H",
    "D",
    "G",
    "Ctrl + / Ctrl −",
    "Ctrl 0",
    "F1",
    "Page Down / Page Up",
    "Drag or scroll",
    "Ctrl + scroll",
];

/// Entries checked in other test files: (entry, where, below `tests/`).
const CHECKED_ELSEWHERE: &[(&str, &str)] = &[
    ("Ctrl O / Ctrl S / Ctrl Shift S", "ui/files.rs"),
    ("Drop a .ron file on the window", "ui/files.rs"),
    ("Click on the landscape", "ui/controls.rs"),
    ("Shift + click", "ui/controls.rs"),
    ("Drag a start marker", "ui/controls.rs"),
];

fn app() -> Harness<'static, OptiscapeApp> {
    common::harness(Scenario::welcome())
}

fn press(h: &mut Harness<'_, OptiscapeApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn space_plays_and_pauses() {
    let mut h = app();
    press(&mut h, Modifiers::NONE, Key::Space);
    assert!(h.state().playback.playing);
    h.state_mut().playback.playing = false;
    h.run();
    assert!(!h.state().playback.playing);
}

#[test]
fn arrows_step_one_and_shift_arrows_ten() {
    let mut h = app();
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(h.state().playback.step, 1);
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(h.state().playback.step, 11, "Shift+→ is ten steps");
    press(&mut h, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(h.state().playback.step, 1, "Shift+← is ten steps back");
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(h.state().playback.step, 0);
}

#[test]
fn r_home_and_end_jump() {
    let mut h = app();
    let last = h.state().computed.last_step();
    assert!(last > 10);
    press(&mut h, Modifiers::NONE, Key::End);
    assert_eq!(h.state().playback.step, last);
    press(&mut h, Modifiers::NONE, Key::R);
    assert_eq!(h.state().playback.step, 0);
    press(&mut h, Modifiers::NONE, Key::End);
    press(&mut h, Modifiers::NONE, Key::Home);
    assert_eq!(h.state().playback.step, 0);
}

#[test]
fn tab_h_d_g_and_f1_toggle() {
    let mut h = app();
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().document.selected, 1);
    press(&mut h, Modifiers::NONE, Key::H);
    assert!(h.state().view.presenting);
    press(&mut h, Modifiers::NONE, Key::H);
    assert!(!h.state().view.presenting);
    press(&mut h, Modifiers::NONE, Key::D);
    assert!(h.state().scenario().display.view_3d);
    press(&mut h, Modifiers::NONE, Key::D);
    assert!(!h.state().scenario().display.view_3d);
    press(&mut h, Modifiers::NONE, Key::G);
    assert!(h.state().scenario().display.side_by_side);
    press(&mut h, Modifiers::NONE, Key::G);
    assert!(!h.state().scenario().display.side_by_side);
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().tools.show_help);
}

#[test]
fn ctrl_plus_minus_and_zero_scale_the_interface() {
    let mut h = app();
    let before = h.state().document.persisted.ui_scale;
    press(&mut h, Modifiers::COMMAND, Key::Plus);
    let larger = h.state().document.persisted.ui_scale;
    assert!(larger > before, "{before} → {larger}");
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    press(&mut h, Modifiers::COMMAND, Key::Minus);
    assert!(h.state().document.persisted.ui_scale < larger);
    press(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.state().document.persisted.ui_scale, 1.0);
}

#[test]
fn page_down_and_up_move_through_a_walkthrough() {
    let mut h = app();
    let ctx = h.ctx.clone();
    let tour = optiscape::walkthrough::lecture().expect("the lecture's walkthrough");
    h.state_mut().start_tour(tour, &ctx);
    h.run();
    press(&mut h, Modifiers::NONE, Key::PageDown);
    assert_eq!(h.state().current_stop().map(|s| s.0), Some(1));
    press(&mut h, Modifiers::NONE, Key::PageUp);
    assert_eq!(h.state().current_stop().map(|s| s.0), Some(0));
}

/// The landscape's centre on screen.
fn centre(h: &Harness<'_, OptiscapeApp>) -> Pos2 {
    let v = h.state().visible_view().expect("drawn");
    let c = V2::new(0.5 * (v.x[0] + v.x[1]), 0.5 * (v.y[0] + v.y[1]));
    h.state().screen_pos(c).expect("drawn")
}

fn wheel(h: &mut Harness<'_, OptiscapeApp>, delta: egui::Vec2, modifiers: Modifiers) {
    let at = centre(h);
    h.hover_at(at);
    h.step();
    h.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers,
        },
        modifiers,
    );
    for _ in 0..10 {
        h.step();
    }
}

#[test]
fn f_fits_the_view_after_the_landscape_was_moved() {
    let mut h = app();
    let fitted = h.state().visible_view().expect("drawn");
    wheel(&mut h, egui::vec2(0.0, 200.0), Modifiers::NONE);
    assert_ne!(h.state().visible_view(), Some(fitted));
    press(&mut h, Modifiers::NONE, Key::F);
    let again = h.state().visible_view().expect("drawn");
    let surface = h.state().scenario().view_or_default();
    let close = |a: f64, b: f64| (a - b).abs() < 0.02 * fitted.size().y;
    assert!(
        close(again.x[0], fitted.x[0])
            && close(again.x[1], fitted.x[1])
            && close(again.y[0], fitted.y[0])
            && close(again.y[1], fitted.y[1]),
        "{again:?} vs {fitted:?}"
    );
    assert!(again.y[0] <= surface.y[0] + 1e-9 && again.y[1] >= surface.y[1] - 1e-9);
}

#[test]
fn scrolling_pans_and_ctrl_scrolling_zooms() {
    let mut h = app();
    let before = h.state().visible_view().expect("drawn");
    wheel(&mut h, egui::vec2(0.0, 120.0), Modifiers::NONE);
    let panned = h.state().visible_view().expect("drawn");
    assert!(
        (panned.size().x - before.size().x).abs() < 0.02 * before.size().x,
        "a plain scroll keeps the scale: {before:?} → {panned:?}"
    );
    assert!(
        (panned.y[0] - before.y[0]).abs() > 0.05 * before.size().y,
        "a scroll moves the view: {before:?} → {panned:?}"
    );
    wheel(&mut h, egui::vec2(0.0, 120.0), Modifiers::COMMAND);
    let zoomed = h.state().visible_view().expect("drawn");
    assert!(
        zoomed.size().x < 0.99 * panned.size().x,
        "Ctrl+scroll zooms in: {panned:?} → {zoomed:?}"
    );
}

#[test]
fn every_documented_key_is_checked() {
    for (keys, what) in SHORTCUTS {
        assert!(
            CHECKED_HERE.contains(keys) || CHECKED_ELSEWHERE.iter().any(|(k, _)| k == keys),
            "the help lists \"{keys}\" ({what}) but no test checks it"
        );
    }
    for k in CHECKED_HERE
        .iter()
        .chain(CHECKED_ELSEWHERE.iter().map(|(k, _)| k))
    {
        assert!(
            SHORTCUTS.iter().any(|(keys, _)| keys == k),
            "\"{k}\" is checked but no longer in the help"
        );
    }
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for (k, file) in CHECKED_ELSEWHERE {
        assert!(
            tests.join(file).is_file(),
            "\"{k}\" is said to be checked in {file}, which is gone"
        );
    }
}
