//! beale-adaptive: SGD steps lr × slope, and the slope falls from 127 to 3 on its way: lr 1e-4
//! crawls, 0.031 or more blows up (0.02 would arrive first). AdaGrad, RMSProp and Adam scale each
//! coordinate: their first steps are equal in x and y, and no lr up to 1 blows them up.

use optiscape::scenario::OptimizerConfig;
use optiscape::sim::Status;

use super::measure::*;

/// Run `i` of the preset again with another lr.
fn with_lr(p: &Preset, i: usize, lr: f64) -> Trajectory {
    let name = p.scenario.runs[i].optimizer.name.clone();
    let mut again = p.with(|s| {
        s.runs[i].optimizer = OptimizerConfig::with_lr(&name, lr);
    });
    again.runs.swap_remove(i)
}

/// lr from `lo` up to 1, about four per decade.
fn grid(lo: f64) -> impl Iterator<Item = f64> {
    (0..)
        .map(move |k| lo * 10f64.powf(f64::from(k) / 4.0))
        .take_while(|&lr| lr <= 1.0 + 1e-9)
}

#[test]
fn sgd_steps_with_the_slope_and_crawls_or_blows_up_while_adaptive_steps_do_not() {
    let p = Preset::run("beale-adaptive");
    p.says(&[
        "SGD steps lr × slope, and the slope falls from 127 to 3 on its way",
        "lr 1e-4 crawls, 0.031 or more blows up",
        "AdaGrad, RMSProp and Adam scale each coordinate; no lr up to 1 blows them up",
        "whose gradients differ by orders of magnitude between its flat middle and its steep arms",
        "from this steep start an lr of 0.031 or more blows it up; the 1e-4 here is far below that and crawls (0.02 would reach the minimum before any adaptive run does)",
        "their first steps are equal in x and y although the slope along y is more than twice that along x",
    ]);
    let s = p.surface();
    let minimum = s.minima()[0];
    let sgd = &p.runs[0];
    // lr × slope: every SGD step is lr·‖∇f‖ long; the slope on its way.
    let slopes: Vec<f64> = sgd.points.iter().map(|q| s.grad(*q).norm()).collect();
    for (k, m) in steps(sgd).iter().enumerate() {
        assert!((m.norm() - p.lr(0) * slopes[k]).abs() <= 1e-12 * m.norm());
    }
    let (first, least) = (slopes[0], min(slopes.iter().copied()));
    assert!(
        (120.0..135.0).contains(&first) && least < 4.0,
        "SGD's slope: {first} at the start, {least} at its flattest"
    );
    // Orders of magnitude: on their way through the flat middle (before they come within 0.5 of
    // the minimum, where any slope vanishes) the adaptive runs find slopes 100 times flatter than
    // the steep start's.
    for i in 1..4 {
        let t = &p.runs[i];
        let near = first_within(t, minimum, 0.5).unwrap_or(t.points.len());
        let flattest = min(t.points[..near].iter().map(|q| s.grad(*q).norm()));
        assert!(
            first > 100.0 * flattest,
            "run {i}: flattest slope before step {near}: {flattest}; at the start {first}"
        );
    }
    // Crawls: after 2,000 steps SGD is over 1 from the minimum, every adaptive run under 0.5.
    let ends: Vec<f64> = p.runs.iter().map(|t| final_distance(t, minimum)).collect();
    assert!(
        ends[0] > 1.0 && ends[1..].iter().all(|&d| d < 0.5),
        "distance to the minimum after 2,000 steps, SGD, AdaGrad, RMSProp, Adam: {ends:?}"
    );
    // SGD blows up at any lr from 0.031 to 1.
    for lr in grid(0.031) {
        let t = with_lr(&p, 0, lr);
        assert_eq!(
            t.status,
            Status::Diverged,
            "SGD at lr {lr} ends at {:?}",
            t.last_point()
        );
    }
    // With lr 0.02 it comes within 0.01 of the minimum before any adaptive run does.
    let arrive = |t: &Trajectory| first_within(t, minimum, 0.01);
    let sgd_fast = arrive(&with_lr(&p, 0, 0.02)).expect("SGD at lr 0.02 arrives");
    let adaptive: Vec<Option<usize>> = p.runs[1..].iter().map(arrive).collect();
    assert!(
        adaptive.iter().all(|k| k.is_none_or(|k| k > sgd_fast)),
        "within 0.01 of the minimum: SGD at lr 0.02 at step {sgd_fast}, AdaGrad, RMSProp, Adam at {adaptive:?}"
    );

    // Each coordinate scaled: the adaptive first steps are equal in x and y, SGD's follow ∇f.
    let g = s.grad(sgd.points[0]);
    let slant = g.y.abs() / g.x.abs();
    assert!(
        (2.0..3.0).contains(&slant),
        "∂f/∂y over ∂f/∂x at the start: {slant}"
    );
    for i in 1..4 {
        let m = steps(&p.runs[i])[0];
        assert!(
            (m.x.abs() / m.y.abs() - 1.0).abs() < 1e-6,
            "run {i}: first step {m:?}"
        );
    }
    // No lr up to 1 blows an adaptive run up.
    for i in 1..4 {
        for lr in grid(1e-4) {
            let t = with_lr(&p, i, lr);
            assert_ne!(t.status, Status::Diverged, "run {i} at lr {lr}");
        }
    }
}
