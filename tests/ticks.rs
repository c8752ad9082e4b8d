//! The window's labels in presentation mode: the legend lists the runs in their order.

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn the_presentation_legend_lists_runs_in_their_order() {
    let mut h = common::harness(common::builtin("rosenbrock-race"));
    h.state_mut().presenting = true;
    h.run();
    let labels: Vec<String> = h
        .state()
        .scenario()
        .runs
        .iter()
        .filter(|r| r.visible)
        .map(|r| r.label())
        .collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_ne!(labels, sorted, "the preset's runs are not in name order");
    // Each run's entry is the rightmost check box with its name: the legend is at the plot's
    // top right.
    let tops: Vec<f32> = labels
        .iter()
        .map(|label| {
            h.get_all_by_role_and_label(Role::CheckBox, label)
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
