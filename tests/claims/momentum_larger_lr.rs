//! momentum-larger-lr: on a bowl of curvature λ = 10, lr 0.25 lies between GD's limit 2/λ and heavy
//! ball momentum's 2(1 + β)/λ: GD blows up, momentum converges.

use super::measure::*;

#[test]
fn at_lr_between_the_two_limits_gd_grows_at_every_step_and_momentum_converges() {
    let p = Preset::run("momentum-larger-lr");
    p.says(&[
        "GD is stable only for lr < 2/λ = 0.2, momentum with β = 0.9 up to 2(1 + β)/λ = 0.38",
        "At lr 0.25 GD's loss grows at every step; momentum's drops below 1e-6 by step 150",
        "At lr 0.25 gradient descent blows up and momentum converges",
    ]);
    // The numbers of the claim: λ is the bowl's κ (the other axis has curvature 1).
    let kappa = p.surface().param("kappa").expect("a quadratic");
    let beta = p.hyper(1, "momentum");
    assert_eq!((kappa, beta, p.lr(0), p.lr(1)), (10.0, 0.9, 0.25, 0.25));
    assert!((2.0 / kappa - 0.2).abs() < 1e-12 && (2.0 * (1.0 + beta) / kappa - 0.38).abs() < 1e-12);
    let (gd, momentum) = (&p.runs[0], &p.runs[1]);
    assert!(
        gd.losses.windows(2).all(|w| w[1] > w[0]),
        "GD's loss falls somewhere"
    );
    assert!(*gd.losses.last().expect("losses") > 1e50);
    let k = first_below(momentum, 1e-6).expect("momentum converges");
    assert!(k <= 150, "momentum's loss below 1e-6 at step {k}");
    // The limits themselves: just below 2/λ GD converges, just above 2(1 + β)/λ momentum does not.
    let below = p.with(|s| s.runs[0].optimizer.set_float("lr", 0.19));
    assert!(first_below(&below.runs[0], 1e-6).is_some());
    let above = p.with(|s| s.runs[1].optimizer.set_float("lr", 0.39));
    assert!(*above.runs[1].losses.last().expect("losses") > 1.0);
}
