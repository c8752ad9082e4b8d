//! A network in the window: picked from the Surface menu, trained and sliced in the background,
//! shown with what the slice is, each run's numbers at the step, decision maps and the accuracy;
//! its settings edit the scenario's network section.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::sim::SurfaceKind;

fn pick(h: &mut Harness<'static, OptiscapeApp>, combo: &str, item: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    h.get_by_label(item).scroll_to_me();
    h.run();
    h.get_by_label(item).click();
    common::settle(h);
}

#[test]
fn picking_the_network_trains_it_and_shows_the_slice_with_its_numbers() {
    let mut h = common::harness(optiscape::scenario::Scenario::welcome());
    pick(&mut h, "Surface", "Neural network (2-D slice)");
    let s = h.state().scenario().clone();
    let net = s.net.as_ref().expect("a network section");
    assert_eq!((net.data.as_str(), net.samples), ("moons", 256));
    assert!(
        s.runs
            .iter()
            .all(|r| r.noise == 0.0 && r.batch_size.is_none())
    );
    assert_eq!(
        h.state().computed.surface.as_ref().map(|s| s.kind()),
        Some(SurfaceKind::Slice)
    );
    // What the picture is: on the landscape and in the panel.
    assert_eq!(
        h.get_all_by_label("2-D slice of a 105-dimensional landscape")
            .count(),
        1,
        "the panel says it (the landscape's caption is painted)"
    );
    h.get_by_label("Decision maps");
    h.get_by_label("Training accuracy");
    h.get_by_label("Accuracy");
    // No 2-D state or vectors to show for a run in weight space; the state readout says where to look.
    h.get_by_label_contains("trains 105 weights");
    assert!(h.query_by_label("velocity").is_none());
    // Each run's readout at the step, from the computed numbers.
    h.key_press(egui::Key::End);
    h.run();
    let step = h.state().playback.step;
    let net = h.state().computed.net.clone().expect("computed");
    let r = net.readout(0, step).expect("run 0");
    let text = format!(
        "loss {} (slice {}) · {} off the plane · accuracy {:.1} %",
        optiscape::render::draw::short(r.loss),
        optiscape::render::draw::short(r.slice_loss),
        optiscape::render::draw::short(r.off_plane),
        100.0 * r.accuracy
    );
    h.get_by_label(&text);
}

#[test]
fn the_network_settings_edit_the_section_and_retrain() {
    let mut h = common::settled(common::builtin("net-adam-vs-sgd"));
    h.get_by_label("2-D slice of a 105-dimensional landscape");
    // A third hidden layer of 8: 24 + 72 + 72 + 9 weights.
    h.get_by_label("+").click();
    common::settle(&mut h);
    let net = h.state().scenario().net.clone().expect("a network");
    assert_eq!(net.hidden, [8, 8, 8]);
    h.get_by_label("2-D slice of a 177-dimensional landscape");
    h.get_by_label("2 → 8 → 8 → 8 → 1 · 177 weights");
    pick(&mut h, "Data", "Circles");
    assert_eq!(
        h.state().scenario().net.as_ref().map(|n| n.data.as_str()),
        Some("circles")
    );
    h.get_by_label("Circles: 256 points, noise 0.1");
    // Back to a surface: the network section goes and the side panel shows the surface's own.
    pick(&mut h, "Surface", "Beale");
    assert!(h.state().scenario().net.is_none());
    assert!(h.query_by_label("Decision maps").is_none());
}

#[test]
fn the_tools_that_run_on_a_2d_surface_say_they_cannot_take_a_network() {
    let mut h = common::settled(common::builtin("net-batch-noise"));
    for item in [
        "Hyper-parameter sweep…",
        "Basin map…",
        "Tune learning rate…",
    ] {
        h.get_by_label("Tools").click();
        h.run();
        h.get_by_label(item).click();
        h.run_steps(3);
        h.get_by_label_contains("this scenario trains a network");
        assert!(!h.state().tools.explorer.running(), "{item} does not start");
    }
}
