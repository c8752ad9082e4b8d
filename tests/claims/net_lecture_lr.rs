//! net-lecture-lr: Adam at the lecture's α = 3·10⁻⁴ and at 10⁻² on two moons, on the plane through
//! the start and both end points.

use super::measure::*;

#[test]
fn the_lectures_alpha_is_under_90_percent_after_1000_steps_and_a_larger_one_passes_95_within_200() {
    let p = NetPreset::run("net-lecture-lr");
    p.says(&[
        "with α = 3·10⁻⁴ it is still under 90 % training accuracy after 1000 steps; with α = 10⁻² it passes 95 % within 200",
        "with 3·10⁻⁴ Adam is still under 90 % accuracy after 1000 steps, with 10⁻² it passes 95 % within 200",
        "105 weights",
        "so all three lie in it exactly",
    ]);
    let lrs: Vec<f64> = p.experiment.runs.iter().map(|r| r.optimizer.lr()).collect();
    assert_eq!(lrs, [3e-4, 1e-2]);
    assert_eq!(p.outcome.net.params(), 105);
    assert_eq!(p.scenario.steps, 1000);
    let slow = *p.accuracy(0).last().expect("steps");
    let fast = p.first_accuracy(1, 0.95);
    assert!(
        slow < 0.9 && fast.is_some_and(|k| k <= 200),
        "α = 3e-4 ends at {slow}; α = 1e-2 first at 95 % at step {fast:?}"
    );
    // The start and both ends lie in the plane.
    for (i, run) in p.outcome.projected.iter().enumerate() {
        for k in [0, run.len() - 1] {
            assert!(
                run[k].1 < 1e-9,
                "run {i}, step {k}: {} off the plane",
                run[k].1
            );
        }
    }
}
