//! The claims of the walkthrough's EMA, Nesterov and Rprop stops (their notes and their presets'
//! descriptions), checked against the trajectories' numbers, each with its measure named.

use optiscape::sim::{Trajectory, V2};

/// Each run of the built-in preset `name`, computed.
fn runs(name: &str) -> Vec<Trajectory> {
    let scenario = optiscape::preset::resolve(name).expect("built in");
    let compiled = scenario.compile().expect("valid");
    compiled.runs.iter().map(|spec| spec.run()).collect()
}

/// Length of the path from step `from` to step `to`.
fn path_length(t: &Trajectory, from: usize, to: usize) -> f64 {
    t.points[from..=to]
        .windows(2)
        .map(|w| (w[1] - w[0]).norm())
        .sum()
}

fn mean_loss(t: &Trajectory, from: usize, to: usize) -> f64 {
    t.losses[from..=to].iter().sum::<f64>() / (to - from + 1) as f64
}

/// The first step at which the loss is below `tol`.
fn first_below(t: &Trajectory, tol: f64) -> Option<usize> {
    t.losses.iter().position(|&l| l < tol)
}

fn steps(t: &Trajectory) -> Vec<V2> {
    t.points.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn ema_smooths_noisy_steps_and_momentum_at_lr_times_one_minus_beta_takes_its_path() {
    let r = runs("ema-vs-momentum");
    let (sgd, ema, momentum) = (&r[0], &r[1], &r[2]);
    let n = sgd.points.len() - 1;
    assert_eq!(n, 300);
    // Path length over the last 100 steps: SGD's more than 3 times the EMA's.
    let (ls, le) = (path_length(sgd, n - 100, n), path_length(ema, n - 100, n));
    assert!(
        ls > 3.0 * le,
        "path over the last 100 steps: SGD {ls}, EMA {le}"
    );
    // Mean loss over the last 100 steps: SGD's is higher.
    let (ms, me) = (mean_loss(sgd, n - 100, n), mean_loss(ema, n - 100, n));
    assert!(
        ms > 1.2 * me,
        "mean loss over the last 100 steps: SGD {ms}, EMA {me}"
    );
    // Exactly under the EMA: every point of momentum's path within 1e-9 of the EMA's.
    assert_eq!(momentum.points.len(), ema.points.len());
    let apart = ema
        .points
        .iter()
        .zip(&momentum.points)
        .map(|(a, b)| (a - b).norm())
        .fold(0.0, f64::max);
    assert!(apart < 1e-9, "largest distance between the paths: {apart}");
}

#[test]
fn nesterov_overshoots_less_and_settles_sooner_than_momentum() {
    let r = runs("nesterov-lookahead");
    let (momentum, nesterov) = (&r[0], &r[1]);
    // The bowl's long axis u (θ = −20°); the minimum is at 0 and the start at u < 0.
    let (s, c) = (-20f64).to_radians().sin_cos();
    let overshoot = |t: &Trajectory| {
        let u: Vec<f64> = t.points.iter().map(|p| c * p.x + s * p.y).collect();
        assert!(u[0] < 0.0);
        u.iter().copied().fold(0.0, f64::max)
    };
    let (om, on) = (overshoot(momentum), overshoot(nesterov));
    // As the note writes them, to two decimals.
    assert_eq!(format!("{om:.2}"), "0.89", "momentum's overshoot: {om}");
    assert_eq!(format!("{on:.2}"), "0.69", "Nesterov's overshoot: {on}");
    // The first step at which the loss is below 1e-5.
    assert_eq!(first_below(nesterov, 1e-5), Some(61));
    assert_eq!(first_below(momentum, 1e-5), Some(105));
}

#[test]
fn the_lectures_rprop_moves_by_its_step_sizes_whatever_the_slope() {
    let r = runs("rprop-signs");
    let (rprop, sgd) = (steps(&r[0]), steps(&r[1]));
    // The first step: 0.1 on both axes for Rprop; SGD's ten times longer in x than in y.
    assert!((rprop[0].x - 0.1).abs() < 1e-12 && (rprop[0].y + 0.1).abs() < 1e-12);
    assert!(
        (sgd[0].x / -sgd[0].y - 10.0).abs() < 1e-9,
        "SGD's first step: {:?}",
        sgd[0]
    );
    // Every step, every coordinate: ×1.2 while the sign holds, ×0.6 after a flip.
    let mut flips = 0;
    for (t, pair) in rprop.windows(2).enumerate() {
        for (i, (a, b)) in [(pair[0].x, pair[1].x), (pair[0].y, pair[1].y)]
            .into_iter()
            .enumerate()
        {
            let ratio = b.abs() / a.abs();
            let want = if a * b > 0.0 { 1.2 } else { 0.6 };
            flips += usize::from(a * b < 0.0);
            assert!(
                (ratio - want).abs() < 1e-9,
                "step {} coordinate {i}: ×{ratio}, expected ×{want}",
                t + 2
            );
        }
    }
    assert!(flips > 10, "{flips} flips");
}
