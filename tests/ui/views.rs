//! Seeing why: vectors, the state readout at every step, the 3-D view and the linked loss plot, driven
//! through the window.

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::preset;

fn harness(name: &str) -> Harness<'static, OptiscapeApp> {
    common::harness(common::builtin(name))
}

#[test]
fn the_state_readout_follows_the_step_exactly_forwards_and_back() {
    let mut h = harness("nesterov-lookahead");
    for _ in 0..10 {
        h.key_press(Key::ArrowRight);
    }
    h.run();
    assert_eq!(h.state().playback.step, 10);
    h.get_by_label("State at step 10");
    let expected = h.state().computed.runs[0].trajectory.points[10];
    let snap = h.state_mut().snapshots(10)[0].clone().expect("a state");
    assert_eq!(snap.point, expected);
    assert!(
        snap.state
            .iter()
            .any(|(name, _)| *name == "momentum_buffer")
    );
    h.key_press(Key::ArrowLeft);
    h.run();
    h.get_by_label("State at step 9");
    let back = h.state_mut().snapshots(9)[0].clone().expect("a state");
    assert_eq!(
        back.point,
        h.state().computed.runs[0].trajectory.points[9],
        "stepping back is exact"
    );
    // The next step it reports is the one the trajectory takes.
    let next = back.next.expect("a next step");
    assert_eq!(next.next, h.state().computed.runs[0].trajectory.points[10]);
}

#[test]
fn vector_toggles_are_saved_in_the_scenario() {
    let mut h = harness("nesterov-lookahead");
    // Start with nothing shown, whatever the preset shows.
    h.state_mut().scenario_mut().display.vectors = Default::default();
    h.run();
    for label in [
        "step",
        "velocity",
        "look-ahead",
        "step sizes",
        "gradient field",
    ] {
        h.get_by_role_and_label(Role::CheckBox, label).click();
        h.run();
    }
    let d = &h.state().scenario().display;
    assert!(d.vectors.step && d.vectors.velocity && d.vectors.lookahead && d.vectors.step_sizes);
    assert!(d.gradient_field);
    let text = preset::to_ron(h.state().scenario()).expect("writes");
    let again = preset::parse(text.as_bytes(), "again").expect("reads");
    assert_eq!(again.display, h.state().scenario().display);
    // Nesterov's triangle closes: from the lecture's ball θ₁, the jump to torch's iterate x₁ plus
    // the correction −lr·g measured there is the ball's step to θ₂.
    h.key_press(Key::ArrowRight);
    h.run();
    let snaps = h.state_mut().snapshots(1);
    let snap = snaps[1].clone().expect("nesterov's state");
    let step = snap.next.expect("next");
    let theta = step.theta.expect("the lecture's ball");
    let correction = step.correction.expect("the correction");
    let lr = 0.02;
    assert!((correction - step.grad * -lr).norm() < 1e-12);
    let later = h.state_mut().snapshots(2)[1]
        .clone()
        .and_then(|s| s.next)
        .and_then(|s| s.theta)
        .expect("θ₂");
    assert!(((theta + (snap.point - theta) + correction) - later).norm() < 1e-12);
}

#[test]
fn the_3d_view_toggles_orbits_and_zooms() {
    let mut h = harness("himmelblau-four-minima");
    h.key_press(Key::D);
    h.run();
    assert!(h.state().scenario().display.view_3d);
    let before = h.state().scenario().display.camera;
    let centre = egui::pos2(1000.0, 400.0);
    h.hover_at(centre);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: centre,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for k in 1..=5 {
        h.hover_at(centre + egui::vec2(20.0 * k as f32, -10.0 * k as f32));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: centre + egui::vec2(100.0, -50.0),
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let after = h.state().scenario().display.camera;
    assert!(after.azimuth != before.azimuth, "dragging turns the camera");
    assert!(
        after.elevation < before.elevation,
        "dragging up lowers the camera"
    );
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    assert!(
        h.state().scenario().display.camera.distance < after.distance,
        "scrolling up zooms in"
    );
    h.key_press(Key::D);
    h.run();
    assert!(!h.state().scenario().display.view_3d);
}

#[test]
fn hovering_the_loss_plot_marks_that_step() {
    let mut h = harness("zigzag-bowl");
    let rect = h
        .state()
        .view
        .loss_plot_rect
        .expect("the loss plot was drawn");
    h.hover_at(rect.center());
    h.run();
    let k = h.state().playback.hover_step.expect("a hovered step");
    assert!(k > 0 && k < 150, "{k}");
    h.hover_at(egui::pos2(5.0, 5.0));
    h.run();
    assert!(h.state().playback.hover_step.is_none());
}

#[test]
fn the_landscape_and_the_exporter_take_their_labels_from_one_function() {
    use optiscape::render::picture::{self, Landscape, Theme};
    use optiscape::render::resolve::Given;
    let mut h = harness("nesterov-lookahead");
    h.run();
    let app = h.state();
    let drawn = app.landscape_labels().clone();
    let view = app.visible_view().expect("the landscape was drawn");
    // The window's axes and colour bar: the display list's functions at the window's sizes.
    let [w, ht] = drawn.frame;
    let labels = |t: &[optiscape::render::ticks::Tick]| -> Vec<String> {
        t.iter().map(|t| t.label.clone()).collect()
    };
    assert!(drawn.x.len() >= 3, "{:?}", drawn.x);
    let font = picture::WINDOW_FONT;
    assert_eq!(drawn.x, picture::axis_labels(view.x[0], view.x[1], w, font));
    assert_eq!(
        drawn.y,
        picture::axis_labels(view.y[0], view.y[1], ht, font)
    );
    // The export drawn with the window's layout at the view's size: the same plot, ticks and bar.
    let rect = app.view.central_rect.expect("the view was laid out");
    let layout = picture::window_layout(rect.width(), rect.height());
    assert_eq!([layout.plot[2], layout.plot[3]], drawn.frame);
    let mut shown = app.scenario().clone();
    shown.view = Some(view);
    let (vw, vh) = (rect.width().round() as u32, rect.height().round() as u32);
    let as_window = Landscape::with_layout(&shown, vw, vh, layout, Given::NONE, Theme::DARK)
        .expect("a landscape");
    assert_eq!(as_window.axes, (drawn.x.clone(), drawn.y.clone()));
    assert_eq!(Some(&as_window.bar), drawn.bar.as_ref());
    let bar = drawn.bar.clone().expect("a colour bar");
    assert!(bar.ticks.len() >= 3, "{bar:?}");
    // The exporter, for the view as shown: the same functions at the picture's sizes.
    let l = Landscape::new(&shown, 1600, 1000, Given::NONE, Theme::DARK).expect("a landscape");
    let (p, f) = (l.layout.plot, l.layout.font);
    assert_eq!(
        l.axes.0,
        picture::axis_labels(l.view.x[0], l.view.x[1], p[2], f)
    );
    assert_eq!(
        l.axes.1,
        picture::axis_labels(l.view.y[0], l.view.y[1], p[3], f)
    );
    let list = l.picture(0);
    let mut texts = labels(&l.axes.0);
    texts.extend(labels(&l.axes.1));
    texts.extend(["x".to_owned(), "y".to_owned()]);
    assert_eq!(list.texts_in("axes"), texts);
    let window_scale = drawn.scale.expect("the field's scale");
    assert_eq!(
        bar,
        picture::bar_labels(&window_scale, drawn.bar_length, font)
    );
    assert_eq!(l.bar, picture::bar_labels(&l.scale, l.layout.bar[3], f));
    let bar_texts = list.texts_in("colour-bar");
    assert_eq!(bar_texts[0], l.bar.title);
    assert_eq!(
        bar_texts[1..],
        l.bar
            .ticks
            .iter()
            .map(|t| t.label.as_str())
            .collect::<Vec<_>>()[..]
    );
}

#[test]
fn side_by_side_draws_one_titled_map_per_visible_run_and_toggles_back() {
    let mut h = harness("nesterov-lookahead");
    h.key_press(Key::G);
    h.run();
    assert!(h.state().scenario().display.side_by_side);
    assert_eq!(
        h.state().view.side.titles(),
        Ok(vec![
            "Momentum (SGD + momentum, lr 0.02)".to_owned(),
            "Nesterov, lr 0.02".to_owned()
        ])
    );
    // Hiding a run takes its map away in the same frame.
    h.state_mut().scenario_mut().runs[0].visible = false;
    h.run();
    assert_eq!(
        h.state().view.side.titles(),
        Ok(vec!["Nesterov, lr 0.02".to_owned()])
    );
    // The 3-D view and side by side exclude each other; the View menu switches back.
    h.key_press(Key::D);
    h.run();
    let d = &h.state().scenario().display;
    assert!(d.view_3d && !d.side_by_side);
    h.key_press(Key::G);
    h.run();
    assert!(!h.state().scenario().display.view_3d);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("One map (G)").click();
    h.run();
    assert!(!h.state().scenario().display.side_by_side);
}

/// Whether the frame's shapes hand a paint callback to the GPU.
fn has_callback(shapes: &[egui::epaint::ClippedShape]) -> bool {
    shapes
        .iter()
        .any(|s| matches!(s.shape, egui::Shape::Callback(_)))
}

#[test]
fn without_a_gl_context_the_3d_view_is_drawn_on_the_cpu_and_says_so_once() {
    let mut h = harness("valley-3d");
    h.run();
    assert!(!h.state().draws_3d_on_gpu());
    let said = h.state().dialogs.notice.clone().expect("a notice");
    assert!(said.contains("drawn on the CPU"), "{said}");
    assert!(!has_callback(&h.output().shapes));
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(h.state().dialogs.notice, None);
    // Away and back: not said again.
    h.key_press(Key::D);
    h.run();
    h.key_press(Key::D);
    h.run();
    assert!(h.state().scenario().display.view_3d);
    assert_eq!(h.state().dialogs.notice, None);
}

#[test]
fn with_a_gl_context_the_3d_view_is_a_paint_callback_and_says_nothing() {
    let mut h = harness("valley-3d");
    h.state_mut().set_gl(true);
    h.state_mut().dialogs.notice = None;
    h.run();
    assert!(h.state().draws_3d_on_gpu());
    assert!(has_callback(&h.output().shapes));
    assert_eq!(h.state().dialogs.notice, None);
}
