//! The first things a user does: add a run and pick its optimizer and rate, play, click and drag on
//! the landscape, remove and duplicate runs, change a surface parameter, present.

use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::scenario::Scenario;
use optiscape::sim::V2;

fn harness(app: OptiscapeApp) -> Harness<'static, OptiscapeApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(optiscape::app::look::install)
        .build_ui_state(
            |ui, app: &mut OptiscapeApp| {
                app.tick(1.0 / 60.0);
                app.show(ui);
            },
            app,
        )
}

fn default_app() -> Harness<'static, OptiscapeApp> {
    let mut h = harness(OptiscapeApp::new(Scenario::welcome()));
    h.run();
    h
}

fn click_at(h: &mut Harness<'_, OptiscapeApp>, pos: Pos2, modifiers: Modifiers) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event_modifiers(
            egui::Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers,
            },
            modifiers,
        );
        h.step();
    }
    h.run();
}

#[test]
fn opens_on_the_default_race() {
    let h = default_app();
    let app = h.state();
    let names: Vec<&str> = app
        .scenario()
        .runs
        .iter()
        .map(|r| r.optimizer.name.as_str())
        .collect();
    assert_eq!(names, ["sgd", "momentum", "nesterov", "adam"]);
    assert_eq!(app.scenario().surface.name, "rosenbrock");
    assert!(
        app.computed
            .runs
            .iter()
            .all(|r| r.trajectory.points.len() > 100)
    );
    h.get_by_label("+ Add run");
    h.get_by_role_and_label(Role::Slider, "Learning rate");
}

#[test]
fn add_a_run_pick_its_optimizer_and_learning_rate() {
    let mut h = default_app();
    h.get_by_label("+ Add run").click();
    h.run();
    assert_eq!(h.state().scenario().runs.len(), 5);
    assert_eq!(h.state().document.selected, 4);

    h.get_by_role_and_label(Role::ComboBox, "Optimizer").click();
    h.run();
    h.get_by_label("RMSProp (rmsprop)").click();
    h.run();
    let run = &h.state().scenario().runs[4];
    assert_eq!(run.optimizer.name, "rmsprop");
    h.get_by_role_and_label(Role::Slider, "α (decay of g²)");

    h.get_by_role_and_label(Role::Slider, "Learning rate")
        .set_value_accesskit(0.05);
    h.run();
    assert_eq!(h.state().scenario().runs[4].optimizer.lr(), Some(0.05));
    // The new path is computed in the same frame.
    let spec = h.state().computed.runs[4].spec.clone().expect("valid");
    assert_eq!(spec.optimizer.lr(), 0.05);
}

#[test]
fn space_plays_and_the_step_advances() {
    let mut h = default_app();
    h.key_press(Key::R);
    h.run();
    assert_eq!(h.state().playback.step, 0);
    h.key_press(Key::Space);
    h.run_steps(30);
    let app = h.state();
    assert!(app.playback.playing);
    assert!(app.playback.step > 0, "step {}", app.playback.step);
    let before = app.playback.step;
    h.key_press(Key::Space);
    h.run_steps(3);
    let paused = h.state().playback.step;
    assert!(!h.state().playback.playing);
    assert!(paused >= before);
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().playback.step, paused + 1);
    h.key_press(Key::ArrowLeft);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().playback.step, paused - 1);
}

#[test]
fn clicking_the_landscape_moves_the_start() {
    let mut h = default_app();
    assert!(
        h.state().scenario().same_start,
        "the default scenario's runs share a start"
    );
    let target = V2::new(0.5, -0.25);
    let pos = h
        .state()
        .screen_pos(target)
        .expect("the landscape was drawn");
    click_at(&mut h, pos, Modifiers::NONE);
    let app = h.state();
    let start = app.scenario().runs[0].start();
    let view = app.visible_view().expect("view");
    let pixel = view.size().x / 1000.0;
    assert!((start - target).norm() < 3.0 * pixel, "start {start:?}");
    assert_ne!(
        app.scenario().runs[1].start(),
        start,
        "only the selected run moved"
    );
    assert!(
        !app.scenario().same_start,
        "the runs no longer share a start, and the checkbox says so"
    );
    // Its trajectory now starts there.
    assert_eq!(app.computed.runs[0].trajectory.points[0], start);

    let other = V2::new(-1.0, 1.0);
    let pos = h.state().screen_pos(other).expect("drawn");
    click_at(&mut h, pos, Modifiers::SHIFT);
    let runs = &h.state().scenario().runs;
    assert!(
        runs.iter()
            .all(|r| (r.start() - other).norm() < 3.0 * pixel),
        "shift-click moves all starts"
    );
}

#[test]
fn dragging_a_start_marker_moves_it() {
    let mut h = default_app();
    h.state_mut().scenario_mut().same_start = false;
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let from = h.state().scenario().runs[1].start();
    let to = V2::new(0.0, 2.5);
    let (a, b) = (
        h.state().screen_pos(from).unwrap(),
        h.state().screen_pos(to).unwrap(),
    );
    h.hover_at(a);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: a,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for k in 1..=10 {
        h.hover_at(a + (b - a) * (k as f32 / 10.0));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: b,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let app = h.state();
    let pixel = app.visible_view().unwrap().size().x / 1000.0;
    let moved = app.scenario().runs[1].start();
    assert!((moved - to).norm() < 3.0 * pixel, "moved to {moved:?}");
    assert_eq!(
        app.scenario().runs[0].start(),
        from,
        "the other markers stay"
    );
}

#[test]
fn a_too_large_learning_rate_shows_the_divergence() {
    let mut h = default_app();
    h.get_by_role_and_label(Role::Slider, "Learning rate")
        .set_value_accesskit(1.0);
    h.run();
    let t = &h.state().computed.runs[0].trajectory;
    assert_eq!(t.status, optiscape::sim::Status::Diverged);
    let k = t.stopped_at.expect("stopped_at");
    let text = format!("diverged at step {k}");
    assert!(
        !h.query_all_by_label(&text).collect::<Vec<_>>().is_empty(),
        "{text} is shown"
    );
}

#[test]
fn remove_and_duplicate_runs() {
    let mut h = default_app();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.state().document.selected, 1);
    h.get_by_label("❐ Duplicate").click();
    h.run();
    assert_eq!(h.state().scenario().runs.len(), 5);
    assert_eq!(h.state().scenario().runs[2].optimizer.name, "momentum");
    assert_eq!(h.state().document.selected, 2, "the copy is selected");
    h.get_by_label("✖ Remove").click();
    h.run();
    assert_eq!(h.state().scenario().runs.len(), 4);
    assert_eq!(h.state().document.selected, 2, "the next run is selected");
    h.get_by_label("✖ Remove").click();
    h.run();
    let names: Vec<&str> = h
        .state()
        .scenario()
        .runs
        .iter()
        .map(|r| r.optimizer.name.as_str())
        .collect();
    assert_eq!(names, ["sgd", "momentum", "adam"]);
}

#[test]
fn presentation_mode_hides_the_panels() {
    let mut h = default_app();
    h.key_press(Key::H);
    h.run();
    assert!(h.state().view.presenting);
    assert!(h.query_by_label("+ Add run").is_none());
    h.key_press(Key::H);
    h.run();
    h.get_by_label("+ Add run");
}

#[test]
fn changing_a_surface_parameter_recomputes_every_run() {
    let mut h = default_app();
    let before: Vec<_> = h
        .state()
        .computed
        .runs
        .iter()
        .map(|r| r.trajectory.losses[0])
        .collect();
    h.get_by_role_and_label(Role::Slider, "b")
        .set_value_accesskit(10.0);
    h.run();
    let app = h.state();
    assert_eq!(app.scenario().surface.params.get("b"), Some(&10.0));
    for (r, old) in app.computed.runs.iter().zip(before) {
        assert_ne!(r.trajectory.losses[0], old);
    }
}
