use super::axes::{round_ticks, tick_text};
use egui_plot::GridInput;
use optiscape_picture::picture::WINDOW_FONT as BAR_FONT;
use optiscape_picture::{picture, ticks};

/// The loss plot's least tick spacing, in points.
const AXIS_SPACING: f64 = 80.0;

fn bar_labels(scale: &optiscape_core::sim::field::Scale, length: f32) -> ticks::BarTicks {
    picture::bar_labels(scale, length, BAR_FONT)
}

/// The axis labels of a plot keeping egui_plot's axes (the loss plot) for `lo..hi` on an axis
/// `length` points long, given the input egui_plot builds for them.
fn window_axis(lo: f64, hi: f64, length: f64, px: f64) -> Vec<(f64, String)> {
    // egui_plot measures `base_step_size` as the value of its smallest grid spacing, 8 points.
    let input = GridInput {
        bounds: (lo, hi),
        base_step_size: (hi - lo) / length * 8.0,
    };
    round_ticks(px)(input)
        .into_iter()
        .map(|mark| (mark.value, tick_text(mark, &(lo..=hi))))
        .collect()
}

#[test]
fn egui_plot_axes_are_labelled_as_the_exports_are() {
    let views = [
        (-3.3, 3.3, 1500.0),
        (-2.0, 2.0, 700.0),
        (0.013, 0.0171, 900.0),
        (-1.0e5, 3.0e5, 1200.0),
        (41.403, 41.487, 640.0),
        (-4.5e-6, 1.2e-6, 800.0),
    ];
    for (lo, hi, length) in views {
        let window = window_axis(lo, hi, length, AXIS_SPACING);
        let export: Vec<(f64, String)> = ticks::axis_ticks(lo, hi, length, AXIS_SPACING)
            .into_iter()
            .map(|t| (t.value, t.label))
            .collect();
        assert!(window.len() >= 2, "{lo}..{hi}: {window:?}");
        assert_eq!(window, export, "{lo}..{hi} at {length}");
    }
    // The presentation-mode axis of the issue: halves carry their decimal, no "-0".
    let labels: Vec<String> = window_axis(-3.3, 3.3, 1500.0, AXIS_SPACING)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert!(labels.contains(&"-0.5".to_owned()) && labels.contains(&"0.0".to_owned()));
    assert!(!labels.iter().any(|l| l == "-0" || l == "-0.0"));
}

#[test]
fn the_window_colour_bar_labels_round_values_within_the_bar() {
    let scale = optiscape_core::sim::field::Scale::new(false, -1.0316, 5.73);
    let labels = bar_labels(&scale, 400.0);
    let text: Vec<&str> = labels.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(text, ["-1", "0", "1", "2", "3", "4", "5"]);
    assert!(labels.ticks.iter().all(|t| (0.0..=1.0).contains(&t.t)));
    let log = optiscape_core::sim::field::Scale::new(true, 1e-4, 2500.0);
    assert_eq!(bar_labels(&log, 400.0).title, "f (log)");
}
