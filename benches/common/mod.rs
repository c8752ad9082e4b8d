//! What the window benchmarks share: the loaded scenario and a headless frame's input.

use optiscape::scenario::{OptimizerConfig, RunConfig, Scenario};
use optiscape::sim::OptimizerKind;

/// Rosenbrock with 16 runs (every optimizer, then some again) of 10,000 steps each.
pub fn loaded_scenario() -> Scenario {
    let mut scenario = Scenario {
        steps: 10_000,
        same_start: false,
        ..Scenario::welcome()
    };
    scenario.runs = (0..16)
        .map(|i| {
            let kind = OptimizerKind::all()
                .nth(i % OptimizerKind::COUNT)
                .expect("a kind");
            let lr = match kind {
                OptimizerKind::Adadelta => 1.0,
                OptimizerKind::Sgd
                | OptimizerKind::Momentum
                | OptimizerKind::Nesterov
                | OptimizerKind::Ema => 1e-3,
                _ => 1e-2,
            };
            RunConfig {
                optimizer: OptimizerConfig::with_lr(kind.name(), lr),
                start: (-1.5 + 0.05 * i as f64, 2.0),
                ..RunConfig::default()
            }
        })
        .collect();
    scenario
}

/// The input of a frame of a window `width × height` points (and pixels).
pub fn input(width: f32, height: f32) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(width, height),
        )),
        ..Default::default()
    }
}
