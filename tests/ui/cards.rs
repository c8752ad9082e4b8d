//! Optimizer cards and the rolling-ball controls, driven through the window.

use crate::common;
use egui::accesskit::Role;

use common::harness;
use egui_kittest::kittest::Queryable;
use optiscape::cards;
use optiscape::scenario::Scenario;
use optiscape::sim::OptimizerKind;

#[test]
fn a_card_shows_the_rule_and_opens_its_preset() {
    let mut h = harness(Scenario::welcome());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Optimizer cards").click();
    h.run();
    // The selected run's optimizer first (the welcome scenario's run 0 is SGD).
    h.get_by_label(cards::card(OptimizerKind::Sgd).rule[0]);
    h.get_by_label("adam").click();
    h.run();
    let adam = cards::card(OptimizerKind::Adam);
    for line in adam.rule {
        h.get_by_label(line);
    }
    h.get_by_label("betas");
    let preset = optiscape::preset::builtin(adam.preset)
        .expect("built in")
        .scenario()
        .expect("valid");
    h.get_by_label(&format!("Open preset: {}", preset.title))
        .click();
    h.run();
    assert_eq!(*h.state().scenario(), preset);
}

#[test]
fn compare_lists_every_optimizer_with_the_lecture_table() {
    let mut h = harness(Scenario::welcome());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Compare optimizers").click();
    h.run();
    for card in cards::all() {
        h.get_by_role_and_label(Role::Link, card.kind.title());
        // Adam, AMSGrad and NAdam share their first line.
        assert!(h.query_all_by_label(card.rule[0]).next().is_some());
    }
    // A row's name opens its card.
    h.get_by_role_and_label(Role::Link, OptimizerKind::Rprop.title())
        .click();
    h.run();
    h.get_by_label("etas");
}

#[test]
fn the_card_button_beside_the_picker_opens_that_optimizers_card() {
    let mut h = harness(Scenario::welcome());
    h.state_mut().document.selected = 3;
    h.run();
    let kind = h.state().scenario().runs[3]
        .optimizer
        .kind()
        .expect("known");
    h.get_by_label("Card").click();
    h.run();
    h.get_by_label(cards::card(kind).rule[0]);
}

#[test]
fn the_rolling_ball_keeps_the_run_and_shows_its_lr_and_beta() {
    let mut h = harness(Scenario::welcome());
    // The welcome scenario's run 1 is SGD + momentum.
    h.state_mut().document.selected = 1;
    h.run();
    let before = h.state().scenario().compile().expect("valid").runs[1].clone();
    let points = before.run().points;
    h.get_by_label("Rolling ball (mass, friction, Δt)").click();
    h.run();
    let run = &h.state().scenario().runs[1];
    let ball = run.physics.expect("the run is a ball now");
    let (lr, beta) = ball.to_torch();
    assert!((lr - before.optimizer.lr()).abs() < 1e-15);
    assert_eq!(run.optimizer.lr(), Some(lr));
    assert_eq!(run.optimizer.float("momentum"), Some(beta));
    for slider in ["Mass m", "Friction η", "Time step Δt"] {
        assert!(h.query_all_by_label(slider).next().is_some(), "{slider}");
    }
    // The same path, to rounding: the ball is the same momentum run.
    let after = h.state().scenario().compile().expect("valid").runs[1]
        .run()
        .points;
    assert_eq!(after.len(), points.len());
    for (a, b) in after.iter().zip(&points) {
        assert!((a - b).norm() < 1e-9 * (1.0 + b.norm()), "{a:?} vs {b:?}");
    }
}
