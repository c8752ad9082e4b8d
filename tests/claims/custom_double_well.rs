//! custom-double-well: "f = x⁴/4 − x² + y² + 0.3x typed as an expression: momentum rolls into the
//! deeper well, SGD stays" in the shallow one it started in.

use super::measure::*;

#[test]
fn momentum_rolls_over_the_hump_into_the_deeper_well_and_sgd_stays_in_the_shallow_one() {
    let p = Preset::run("custom-double-well");
    p.says(&[
        "f = x⁴/4 − x² + y² + 0.3x typed as an expression",
        "momentum rolls into the deeper well, SGD stays",
        "Momentum rolls over the hump into the deeper well; plain gradient descent stays in the shallow one it started in",
    ]);
    assert_eq!(p.surface().expression(), Some("x^4/4 - x^2 + y^2 + 0.3*x"));
    let s = p.surface();
    let (deep, hump, shallow) = (
        flat_x(s, -2.0, -1.0),
        flat_x(s, 0.0, 0.5),
        flat_x(s, 1.0, 2.0),
    );
    let (sgd, momentum) = (&p.runs[0], &p.runs[1]);
    let start = sgd.points[0];
    assert!(
        start.x > hump,
        "the start {start:?} is on the shallow well's side"
    );
    let (sgd_end, momentum_end) = (
        sgd.last_point().expect("a path"),
        momentum.last_point().expect("a path"),
    );
    let sgd_lowest = min(sgd.points.iter().map(|q| q.x));
    assert!(
        sgd_lowest > hump && (sgd_end - V2::new(shallow, 0.0)).norm() < 1e-3,
        "SGD gets to x = {sgd_lowest} (hump at {hump}) and ends at {sgd_end:?}, the shallow well at x = {shallow}"
    );
    assert!(
        (momentum_end - V2::new(deep, 0.0)).norm() < 1e-3,
        "momentum ends at {momentum_end:?}, the deeper well at x = {deep}"
    );
    let (f_sgd, f_momentum) = (
        sgd.final_loss().expect("a loss"),
        momentum.final_loss().expect("a loss"),
    );
    assert!(
        f_momentum < f_sgd - 0.5,
        "final losses: momentum {f_momentum}, SGD {f_sgd}"
    );
}
