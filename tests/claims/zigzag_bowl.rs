//! zigzag-bowl: "SGD bounces between the steep walls at every step; momentum averages most of the
//! bounce out and runs down the long axis to the minimum in less than half the steps."

use super::measure::*;

#[test]
fn sgd_crosses_the_valley_at_every_step_and_momentum_averages_it_out_reaching_the_minimum_in_half_the_steps()
 {
    let p = Preset::run("zigzag-bowl");
    p.says(&[
        "SGD bounces between the steep walls at every step",
        "momentum averages most of the bounce out and runs down the long axis to the minimum in less than half the steps",
        "gradient descent zig-zags across the narrow direction at every step",
        "momentum averages most of the zig-zag out and rolls along the long axis, reaching the minimum in less than half the steps",
        "plain gradient descent bounces between the walls at every step",
        "momentum averages most of the bounce out and reaches the minimum in less than half the steps",
    ]);
    // The bowl ½(u² + κv²) with (u, v) the plane turned by θ: v runs across the valley.
    let theta = p
        .surface()
        .param("theta")
        .expect("a quadratic")
        .to_radians();
    let across = |q: &V2| -theta.sin() * q.x + theta.cos() * q.y;
    let (sgd, momentum) = (&p.runs[0], &p.runs[1]);
    let n = sgd.points.len() - 1;

    // Bounces: SGD's cross-valley coordinate changes sign at every step.
    let sgd_flips = sign_flips(sgd.points.iter().map(across));
    assert_eq!(
        sgd_flips, n,
        "SGD crosses the valley's axis {sgd_flips} times in {n} steps"
    );
    // Averaged out: momentum crosses less than half as often and travels less than 45 % as far
    // across the valley (the same distance along it).
    let travel = |t: &Trajectory| -> f64 {
        t.points
            .windows(2)
            .map(|w| (across(&w[1]) - across(&w[0])).abs())
            .sum()
    };
    let m_flips = sign_flips(momentum.points.iter().map(across));
    let (sgd_across, m_across) = (travel(sgd), travel(momentum));
    assert!(
        2 * m_flips < sgd_flips && m_across < 0.45 * sgd_across,
        "crossings: SGD {sgd_flips}, momentum {m_flips}; distance across: SGD {sgd_across}, momentum {m_across}"
    );
    // The minimum, as loss below 1e-3 (from 113): momentum in less than half SGD's steps.
    let (k_sgd, k_m) = (
        first_below(sgd, 1e-3).expect("SGD gets there"),
        first_below(momentum, 1e-3).expect("momentum gets there"),
    );
    assert!(
        2 * k_m < k_sgd,
        "loss below 1e-3: SGD at step {k_sgd}, momentum at step {k_m}"
    );
}
