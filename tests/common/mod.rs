//! What the window tests share: the app in a kittest harness the size of a laptop screen, and the
//! built-in presets by name.

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use egui_kittest::Harness;
use optiscape::app::OptiscapeApp;
use optiscape::scenario::Scenario;

/// The window on `scenario`, after its first frames.
pub fn harness(scenario: Scenario) -> Harness<'static, OptiscapeApp> {
    let mut h = unsettled(scenario);
    h.run();
    h
}

/// The window on `scenario` once what it computes in the background (a network, say) has arrived.
pub fn settled(scenario: Scenario) -> Harness<'static, OptiscapeApp> {
    let mut h = unsettled(scenario);
    settle(&mut h);
    h
}

fn unsettled(scenario: Scenario) -> Harness<'static, OptiscapeApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(optiscape::app::look::install)
        .build_ui_state(
            |ui, app: &mut OptiscapeApp| app.show(ui),
            OptiscapeApp::new(scenario),
        )
}

/// A built-in preset's scenario.
pub fn builtin(name: &str) -> Scenario {
    optiscape::preset::builtin(name)
        .expect("built in")
        .scenario()
        .expect("valid")
}

/// Whether a filled rectangle is painted inside `area` this frame (a scroll bar drawn, say).
pub fn filled_rect_inside(shape: &egui::Shape, area: egui::Rect) -> bool {
    match shape {
        egui::Shape::Vec(shapes) => shapes.iter().any(|s| filled_rect_inside(s, area)),
        egui::Shape::Rect(r) => r.fill.a() > 0 && area.expand(1.0).contains_rect(r.rect),
        _ => false,
    }
}

/// Runs frames until the background work the last input started (a network trained and sliced,
/// heavy runs) has arrived and the window has settled.
pub fn settle(h: &mut Harness<'static, OptiscapeApp>) {
    h.step();
    h.state_mut().computed.settle();
    h.run();
}
