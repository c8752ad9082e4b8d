//! The lecture walkthrough in the window: Page Down through every stop, Page Up back, the caption
//! in presentation mode.

use crate::common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::walkthrough;

fn harness() -> Harness<'static, OptiscapeApp> {
    common::harness(optiscape::scenario::Scenario::welcome())
}

#[test]
fn page_down_walks_through_the_whole_lecture_and_page_up_comes_back() {
    let tour = walkthrough::lecture().expect("the shipped walkthrough is valid");
    let mut h = harness();
    h.get_by_label("Presets").click();
    h.run();
    h.get_by_label("▶ Lecture walkthrough (L07)").click();
    h.run();
    let n = tour.stops.len();
    for (k, stop) in tour.stops.iter().enumerate() {
        let (at, preset, note) = h.state().current_stop().expect("a walkthrough is on");
        assert_eq!((at, preset), (k, stop.preset.as_str()));
        assert_eq!(note, stop.note);
        assert_eq!(
            *h.state().scenario(),
            stop.scenario,
            "stop {k} shows {}",
            stop.preset
        );
        h.get_by_label(&stop.note);
        h.get_by_label(&format!("{} / {n}", k + 1));
        h.key_press(Key::PageDown);
        // A network stop trains its network in the background first.
        common::settle(&mut h);
    }
    // Past the end it stays on the last stop.
    assert_eq!(h.state().current_stop().map(|s| s.0), Some(n - 1));
    h.key_press(Key::PageUp);
    common::settle(&mut h);
    let (at, preset, _) = h.state().current_stop().expect("on");
    assert_eq!((at, preset), (n - 2, tour.stops[n - 2].preset.as_str()));
    assert_eq!(*h.state().scenario(), tour.stops[n - 2].scenario);
}

#[test]
fn the_buttons_move_too_and_presentation_mode_keeps_the_caption() {
    let tour = walkthrough::lecture().expect("valid");
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().start_tour(tour.clone(), &ctx);
    h.run();
    h.get_by_label("Next ▶").click();
    h.run();
    assert_eq!(h.state().current_stop().map(|s| s.0), Some(1));
    h.key_press(Key::H);
    h.run();
    assert!(h.state().view.presenting);
    h.get_by_label(&tour.stops[1].note);
    assert!(
        h.query_by_label("Presets").is_none(),
        "the menus are hidden"
    );
    h.get_by_label("◀ Previous").click();
    h.run();
    assert_eq!(h.state().current_stop().map(|s| s.0), Some(0));
    assert_eq!(*h.state().scenario(), tour.stops[0].scenario);
    h.get_by_label("End walkthrough").click();
    h.run();
    assert!(h.state().current_stop().is_none());
    assert!(h.query_by_label(&tour.stops[0].note).is_none());
    // Without a walkthrough, Page Down does nothing.
    let before = h.state().scenario().clone();
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(*h.state().scenario(), before);
}
