//! The window's labels in presentation mode: the legend lists the runs in their order.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use optiscape::render::picture::legend_label;

#[test]
fn the_presentation_legend_lists_runs_in_their_order() {
    // The race on one map (the preset shows it side by side, where each map has its own title).
    let mut race = common::builtin("rosenbrock-race");
    race.display.side_by_side = false;
    let mut h = common::harness(race);
    h.state_mut().view.presenting = true;
    h.run();
    let app = h.state();
    let names: Vec<String> = app
        .scenario()
        .runs
        .iter()
        .filter(|r| r.visible)
        .map(|r| r.label())
        .collect();
    // The legend reads as an exported picture's: name, optimizer and learning rate.
    let labels: Vec<String> = app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .filter(|(r, _)| r.visible)
        .map(|(r, c)| legend_label(r, c.spec.as_ref().expect("valid").optimizer.lr()))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_ne!(names, sorted, "the preset's runs are not in name order");
    // Each run's entry is the rightmost label with its text: the legend is at the plot's top right.
    let tops: Vec<f32> = labels
        .iter()
        .map(|label| {
            h.get_all_by_role_and_label(Role::Label, label)
                .map(|n| n.rect())
                .max_by(|a, b| a.left().total_cmp(&b.left()))
                .map_or(f32::NAN, |r| r.top())
        })
        .collect();
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "legend entries out of run order: {:?}",
        labels.iter().zip(&tops).collect::<Vec<_>>()
    );
}
