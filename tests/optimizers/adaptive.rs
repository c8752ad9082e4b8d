//! RMSprop, Adagrad, Adadelta, Adam, AMSGrad, Adamax and NAdam: the first steps by hand.

use optiscape::sim::optim::{Adam, Nadam, StateValue, UpdateRule};

use super::*;

#[test]
fn rmsprop_eps_outside_the_root_and_no_bias_correction() {
    let (lr, a, eps) = (0.01, 0.99, 1e-8); // torch's defaults
    let o = opt(K::Rmsprop, hp());
    check("rmsprop", o, X0, GS, |x0, [g1, g2, g3]| {
        let v1 = (1.0 - a) * g1 * g1;
        let x1 = x0 - lr * g1 / (v1.sqrt() + eps);
        let v2 = a * v1 + (1.0 - a) * g2 * g2;
        let x2 = x1 - lr * g2 / (v2.sqrt() + eps);
        let v3 = a * v2 + (1.0 - a) * g3 * g3;
        [x1, x2, x2 - lr * g3 / (v3.sqrt() + eps)]
    });
    // The first step is ≈ 10·lr·sign(g), because v starts at 0 and is not bias-corrected.
    let first = feed(&o, X0, &GS[..1])[0].update;
    assert!(
        close(first.x, -10.0 * lr, 1e-6) && close(first.y, 10.0 * lr, 1e-6),
        "{first}"
    );
}

#[test]
fn rmsprop_centered_and_with_momentum() {
    let (lr, a, eps) = (0.01, 0.9, 1e-8);
    let p = hp().with("alpha", a).with("centered", true);
    check(
        "rmsprop centered",
        opt(K::Rmsprop, p),
        X0,
        GS,
        |x0, [g1, g2, g3]| {
            let (m1, v1) = ((1.0 - a) * g1, (1.0 - a) * g1 * g1);
            let x1 = x0 - lr * g1 / ((v1 - m1 * m1).sqrt() + eps);
            let (m2, v2) = (a * m1 + (1.0 - a) * g2, a * v1 + (1.0 - a) * g2 * g2);
            let x2 = x1 - lr * g2 / ((v2 - m2 * m2).sqrt() + eps);
            let (m3, v3) = (a * m2 + (1.0 - a) * g3, a * v2 + (1.0 - a) * g3 * g3);
            [x1, x2, x2 - lr * g3 / ((v3 - m3 * m3).sqrt() + eps)]
        },
    );
    let mu = 0.5;
    let p = hp().with("alpha", a).with("momentum", mu);
    check(
        "rmsprop momentum",
        opt(K::Rmsprop, p),
        X0,
        GS,
        |x0, [g1, g2, g3]| {
            let v1 = (1.0 - a) * g1 * g1;
            let b1 = g1 / (v1.sqrt() + eps);
            let x1 = x0 - lr * b1;
            let v2 = a * v1 + (1.0 - a) * g2 * g2;
            let b2 = mu * b1 + g2 / (v2.sqrt() + eps);
            let x2 = x1 - lr * b2;
            let v3 = a * v2 + (1.0 - a) * g3 * g3;
            let b3 = mu * b2 + g3 / (v3.sqrt() + eps);
            [x1, x2, x2 - lr * b3]
        },
    );
}

#[test]
fn adagrad_sum_of_squares_lr_decay_and_initial_accumulator() {
    let (lr, eps) = (0.1, 1e-10);
    let o = opt(K::Adagrad, hp().with("lr", lr));
    check("adagrad", o, X0, GS, |x0, [g1, g2, g3]| {
        let s1 = g1 * g1;
        let x1 = x0 - lr * g1 / (s1.sqrt() + eps);
        let s2 = s1 + g2 * g2;
        let x2 = x1 - lr * g2 / (s2.sqrt() + eps);
        let s3 = s2 + g3 * g3;
        [x1, x2, x2 - lr * g3 / (s3.sqrt() + eps)]
    });
    let first = feed(&o, X0, &GS[..1])[0].update;
    assert!(
        close(first.x, -lr, 1e-9) && close(first.y, lr, 1e-9),
        "first step ≈ lr·sign(g): {first}"
    );

    let (decay, init) = (0.5, 0.25);
    let p = hp()
        .with("lr", lr)
        .with("lr_decay", decay)
        .with("initial_accumulator_value", init);
    check(
        "adagrad lr_decay",
        opt(K::Adagrad, p),
        X0,
        GS,
        |x0, [g1, g2, g3]| {
            let s1 = init + g1 * g1;
            let x1 = x0 - lr * g1 / (s1.sqrt() + eps);
            let s2 = s1 + g2 * g2;
            let x2 = x1 - lr / (1.0 + decay) * g2 / (s2.sqrt() + eps);
            let s3 = s2 + g3 * g3;
            [
                x1,
                x2,
                x2 - lr / (1.0 + 2.0 * decay) * g3 / (s3.sqrt() + eps),
            ]
        },
    );
}

/// Adadelta by hand: eps inside both roots, u stores Δ before lr.
fn adadelta_by_hand(lr: f64, rho: f64, eps: f64) -> impl Fn(f64, [f64; 3]) -> [f64; 3] {
    move |x0, [g1, g2, g3]| {
        let v1 = (1.0 - rho) * g1 * g1;
        let d1 = (0.0 + eps).sqrt() / (v1 + eps).sqrt() * g1;
        let u1 = (1.0 - rho) * d1 * d1;
        let x1 = x0 - lr * d1;
        let v2 = rho * v1 + (1.0 - rho) * g2 * g2;
        let d2 = (u1 + eps).sqrt() / (v2 + eps).sqrt() * g2;
        let u2 = rho * u1 + (1.0 - rho) * d2 * d2;
        let x2 = x1 - lr * d2;
        let v3 = rho * v2 + (1.0 - rho) * g3 * g3;
        let d3 = (u2 + eps).sqrt() / (v3 + eps).sqrt() * g3;
        [x1, x2, x2 - lr * d3]
    }
}

#[test]
fn adadelta_eps_inside_both_roots_and_lr_factor() {
    check(
        "adadelta defaults",
        opt(K::Adadelta, hp()),
        X0,
        GS,
        adadelta_by_hand(1.0, 0.9, 1e-6),
    );
    // A large eps and lr ≠ 1 make both torch details visible.
    let p = hp().with("lr", 0.5).with("rho", 0.8).with("eps", 1e-2);
    check(
        "adadelta lr 0.5",
        opt(K::Adadelta, p),
        X0,
        GS,
        adadelta_by_hand(0.5, 0.8, 1e-2),
    );
}

#[test]
fn adam_bias_corrections() {
    let (lr, b1, b2, eps) = (0.1, 0.9, 0.999, 1e-8);
    let o = opt(K::Adam, hp().with("lr", lr));
    check("adam", o, X0, GS, |x0, [g1, g2, g3]| {
        let (m1, v1) = ((1.0 - b1) * g1, (1.0 - b2) * g1 * g1);
        let x1 = x0 - lr / (1.0 - b1) * m1 / (v1.sqrt() / (1.0 - b2).sqrt() + eps);
        let (m2, v2) = (b1 * m1 + (1.0 - b1) * g2, b2 * v1 + (1.0 - b2) * g2 * g2);
        let x2 = x1 - lr / (1.0 - b1 * b1) * m2 / (v2.sqrt() / (1.0 - b2 * b2).sqrt() + eps);
        let (m3, v3) = (b1 * m2 + (1.0 - b1) * g3, b2 * v2 + (1.0 - b2) * g3 * g3);
        let bc1 = 1.0 - b1 * b1 * b1;
        let bc2 = 1.0 - b2 * b2 * b2;
        [x1, x2, x2 - lr / bc1 * m3 / (v3.sqrt() / bc2.sqrt() + eps)]
    });
    let first = feed(&o, X0, &GS[..1])[0].update;
    assert!(
        close(first.x, -lr, 1e-6) && close(first.y, lr, 1e-6),
        "first step ≈ lr·sign(g): {first}"
    );
}

#[test]
fn amsgrad_keeps_the_max_of_raw_v_and_bias_corrects_with_current_t() {
    let (lr, b1, b2, eps) = (0.1, 0.9, 0.5, 1e-8);
    // x: a large gradient then small ones, so v drops and the max matters; y: v rises, then drops.
    let gs = [v(2.0, 0.1), v(0.1, 2.0), v(0.1, 0.1)];
    let by_hand = |x0: f64, [g1, g2, g3]: [f64; 3]| {
        let (m1, v1) = ((1.0 - b1) * g1, (1.0 - b2) * g1 * g1);
        let vm1 = v1;
        let x1 = x0 - lr / (1.0 - b1) * m1 / (vm1.sqrt() / (1.0 - b2).sqrt() + eps);
        let (m2, v2) = (b1 * m1 + (1.0 - b1) * g2, b2 * v1 + (1.0 - b2) * g2 * g2);
        let vm2 = vm1.max(v2);
        let x2 = x1 - lr / (1.0 - b1 * b1) * m2 / (vm2.sqrt() / (1.0 - b2 * b2).sqrt() + eps);
        let (m3, v3) = (b1 * m2 + (1.0 - b1) * g3, b2 * v2 + (1.0 - b2) * g3 * g3);
        let vm3 = vm2.max(v3);
        let (bc1, bc2) = (1.0 - b1 * b1 * b1, 1.0 - b2 * b2 * b2);
        [x1, x2, x2 - lr / bc1 * m3 / (vm3.sqrt() / bc2.sqrt() + eps)]
    };
    let p = hp().with("lr", lr).with("betas", (b1, b2));
    check("amsgrad", opt(K::Amsgrad, p), X0, gs, by_hand);
    check(
        "adam(amsgrad)",
        opt(K::Adam, p.with("amsgrad", true)),
        X0,
        gs,
        by_hand,
    );
    // The max really matters here: plain Adam goes elsewhere.
    let adam = feed(&opt(K::Adam, p), X0, &gs);
    let ams = feed(&opt(K::Amsgrad, p), X0, &gs);
    assert!(
        (adam[1].next.x - ams[1].next.x).abs() > 1e-3,
        "v dropped, so AMSGrad must differ from Adam"
    );

    // The typed rule keeps max_exp_avg_sq = max of the raw (not bias-corrected) v.
    let rule = Adam {
        lr,
        betas: (b1, b2),
        eps,
        weight_decay: 0.0,
        amsgrad: true,
    };
    let mut state = rule.init(&X0);
    let mut x = X0;
    for g in gs {
        x = rule.step(&mut state, &x, &g).next;
    }
    let v1 = (1.0 - b2) * 4.0;
    let v_max = rule
        .readout(&state)
        .into_iter()
        .find(|(n, _)| *n == "v_max")
        .map(|(_, s)| s);
    assert_eq!(v_max, Some(StateValue::Vector(state.max_exp_avg_sq)));
    assert!(
        close(state.max_exp_avg_sq.x, v1, REL),
        "{}",
        state.max_exp_avg_sq.x
    );
    let v2y = b2 * (1.0 - b2) * 0.01 + (1.0 - b2) * 4.0;
    assert!(
        close(state.max_exp_avg_sq.y, v2y, REL),
        "{}",
        state.max_exp_avg_sq.y
    );
}

#[test]
fn adamax_eps_inside_the_max_and_only_m_bias_corrected() {
    let (lr, b1, b2, eps) = (0.1, 0.9, 0.5, 1e-2);
    let gs = [v(2.0, 0.1), v(0.1, 2.0), v(0.0, 0.0)];
    let p = hp().with("lr", lr).with("betas", (b1, b2)).with("eps", eps);
    check("adamax", opt(K::Adamax, p), X0, gs, |x0, [g1, g2, g3]| {
        let (m1, u1) = ((1.0 - b1) * g1, (b2 * 0.0f64).max(g1.abs() + eps));
        let x1 = x0 - lr / (1.0 - b1) * m1 / u1;
        let (m2, u2) = (b1 * m1 + (1.0 - b1) * g2, (b2 * u1).max(g2.abs() + eps));
        let x2 = x1 - lr / (1.0 - b1 * b1) * m2 / u2;
        let (m3, u3) = (b1 * m2 + (1.0 - b1) * g3, (b2 * u2).max(g3.abs() + eps));
        [x1, x2, x2 - lr / (1.0 - b1 * b1 * b1) * m3 / u3]
    });
    // A zero first gradient: u = eps, m = 0, so no move and nothing non-finite.
    let s = feed(&opt(K::Adamax, hp()), X0, &[V2::zeros()]);
    assert_eq!(s[0].next, X0);
}

/// NAdam by hand, with μ_t = β₁(1 − ½·0.96^(tψ)) and the running product Π_t.
fn nadam_by_hand(
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
    psi: f64,
) -> impl Fn(f64, [f64; 3]) -> [f64; 3] {
    move |x0, [g1, g2, g3]| {
        let mu = |t: f64| b1 * (1.0 - 0.5 * 0.96f64.powf(t * psi));
        let (mu1, mu2, mu3, mu4) = (mu(1.0), mu(2.0), mu(3.0), mu(4.0));
        let p1 = mu1;
        let (m1, v1) = ((1.0 - b1) * g1, (1.0 - b2) * g1 * g1);
        let d1 = (v1 / (1.0 - b2)).sqrt() + eps;
        let x1 =
            x0 - lr * (1.0 - mu1) / (1.0 - p1) * g1 / d1 - lr * mu2 / (1.0 - p1 * mu2) * m1 / d1;
        let p2 = p1 * mu2;
        let (m2, v2) = (b1 * m1 + (1.0 - b1) * g2, b2 * v1 + (1.0 - b2) * g2 * g2);
        let d2 = (v2 / (1.0 - b2 * b2)).sqrt() + eps;
        let x2 =
            x1 - lr * (1.0 - mu2) / (1.0 - p2) * g2 / d2 - lr * mu3 / (1.0 - p2 * mu3) * m2 / d2;
        let p3 = p2 * mu3;
        let (m3, v3) = (b1 * m2 + (1.0 - b1) * g3, b2 * v2 + (1.0 - b2) * g3 * g3);
        let d3 = (v3 / (1.0 - b2 * b2 * b2)).sqrt() + eps;
        [
            x1,
            x2,
            x2 - lr * (1.0 - mu3) / (1.0 - p3) * g3 / d3 - lr * mu4 / (1.0 - p3 * mu4) * m3 / d3,
        ]
    }
}

#[test]
fn nadam_momentum_schedule_and_mu_product() {
    let p = hp().with("lr", 0.1);
    check(
        "nadam",
        opt(K::Nadam, p),
        X0,
        GS,
        nadam_by_hand(0.1, 0.9, 0.999, 1e-8, 4e-3),
    );
    // A fast warm-up makes μ_t change a lot between steps.
    let p = hp()
        .with("lr", 0.1)
        .with("betas", (0.8, 0.9))
        .with("momentum_decay", 0.5);
    check(
        "nadam ψ=0.5",
        opt(K::Nadam, p),
        X0,
        GS,
        nadam_by_hand(0.1, 0.8, 0.9, 1e-8, 0.5),
    );

    let rule = Nadam {
        lr: 0.1,
        betas: (0.8, 0.9),
        eps: 1e-8,
        weight_decay: 0.0,
        momentum_decay: 0.5,
    };
    let mu = |t: f64| 0.8 * (1.0 - 0.5 * 0.96f64.powf(t * 0.5));
    assert!(close(rule.mu(1), mu(1.0), REL) && close(rule.mu(7), mu(7.0), REL));
    let mut state = rule.init(&X0);
    let mut x = X0;
    for g in GS {
        x = rule.step(&mut state, &x, &g).next;
    }
    assert!(
        close(state.mu_product, mu(1.0) * mu(2.0) * mu(3.0), REL),
        "{}",
        state.mu_product
    );
}
