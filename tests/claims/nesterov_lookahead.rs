//! nesterov-lookahead: with the same lr and β, Nesterov overshoots less than momentum and settles
//! sooner.

use super::measure::*;

#[test]
fn nesterov_overshoots_less_and_settles_sooner_than_momentum() {
    let p = Preset::run("nesterov-lookahead");
    p.says(&[
        "momentum overshoots by 0.89 and Nesterov by 0.69",
        "Nesterov's loss drops below 1e-5 at step 61, momentum's at step 105",
        "it overshoots less than momentum (0.69 against 0.89) and reaches loss 1e-5 at step 61, not 105",
    ]);
    let r = &p.runs;
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
