//! ema-vs-momentum: the lecture's EMA smooths noisy steps, and momentum with lr·(1 − β) takes
//! exactly its path.

use super::measure::*;

#[test]
fn ema_smooths_noisy_steps_and_momentum_at_lr_times_one_minus_beta_takes_its_path() {
    let p = Preset::run("ema-vs-momentum");
    p.says(&[
        "Over the last 100 steps SGD's path is more than 3 times as long as the EMA's and its mean loss is higher",
        "Momentum with lr·(1 − β) = 0.005 runs exactly under the EMA",
        "Momentum with lr·(1 − β) takes exactly the EMA's path",
    ]);
    let r = &p.runs;
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
    let (ms, me) = (
        mean(&sgd.losses[n - 100..=n]),
        mean(&ema.losses[n - 100..=n]),
    );
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

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}
