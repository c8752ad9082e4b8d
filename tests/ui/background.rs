//! A scenario too heavy to recompute within a frame: the window answers at once, shows that it is
//! computing, keeps the last paths meanwhile, and takes in the new ones when they are ready.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::app::computed::SAME_FRAME_STEPS;
use optiscape::sim::V2;

#[test]
fn a_heavy_recompute_runs_in_the_background_while_the_window_answers() {
    let mut scenario = common::builtin("rosenbrock-race");
    scenario.tol = None;
    // Several frames' worth of work, so it is still running two frames later on a busy machine.
    scenario.steps = 3 * SAME_FRAME_STEPS / scenario.runs.len();
    let total = scenario.runs.len();
    // Opening the scenario does not wait for its runs.
    let app = OptiscapeApp::new(scenario);
    assert_eq!(app.computed.background().map(|(_, t)| t), Some(total));
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(optiscape::app::look::install)
        .build_ui_state(|ui, app: &mut OptiscapeApp| app.show(ui), app);
    h.step();
    h.state_mut().computed.settle();
    h.step();
    assert!(h.query_by_label_contains("Computing runs").is_none());
    let old = h.state().computed.runs[1].trajectory.clone();
    assert!(old.points.len() > 1);

    // A new start for every run (Shift+click): the document takes it in the same frame, the old
    // paths stay on screen while the new ones are computed, and then the new ones replace them.
    let start = (0.5, -0.5);
    for run in &mut h.state_mut().scenario_mut().runs {
        run.start = start;
    }
    h.step();
    assert_eq!(h.state().scenario().runs[1].start, start);
    assert!(h.state().computed.background().is_some());
    // The timeline, drawn before the change was taken in, says so from the next frame.
    h.step();
    assert!(h.state().computed.background().is_some());
    h.get_by_label_contains("Computing runs");
    assert!(std::sync::Arc::ptr_eq(
        &h.state().computed.runs[1].trajectory,
        &old
    ));
    h.state_mut().computed.settle();
    h.step();
    assert_eq!(
        h.state().computed.runs[1].trajectory.points[0],
        V2::new(start.0, start.1)
    );
    assert!(h.state().computed.background().is_none());
}
