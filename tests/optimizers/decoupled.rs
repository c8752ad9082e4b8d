//! The optimizers whose weight decay is decoupled from the gradient (Loshchilov & Hutter): the
//! weights shrink by the factor 1 − lr·λ each step, before the rule's own update.

use super::*;

fn named(name: &str) -> K {
    K::from_name(name).expect("registered")
}

#[test]
fn adamw_shrinks_the_weights_then_takes_adams_step() {
    let (lr, b1, b2, eps, lambda) = (0.1, 0.9, 0.999, 1e-8, 0.5);
    let o = opt(
        named("adamw"),
        hp().with("lr", lr).with("weight_decay", lambda),
    );
    check("adamw", o, X0, GS, |x0, [g1, g2, g3]| {
        let shrink = 1.0 - lr * lambda;
        let (m1, v1) = ((1.0 - b1) * g1, (1.0 - b2) * g1 * g1);
        let x1 = x0 * shrink - lr / (1.0 - b1) * m1 / (v1.sqrt() / (1.0 - b2).sqrt() + eps);
        let (m2, v2) = (b1 * m1 + (1.0 - b1) * g2, b2 * v1 + (1.0 - b2) * g2 * g2);
        let x2 =
            x1 * shrink - lr / (1.0 - b1 * b1) * m2 / (v2.sqrt() / (1.0 - b2 * b2).sqrt() + eps);
        let (m3, v3) = (b1 * m2 + (1.0 - b1) * g3, b2 * v2 + (1.0 - b2) * g3 * g3);
        let (bc1, bc2) = (1.0 - b1 * b1 * b1, 1.0 - b2 * b2 * b2);
        [
            x1,
            x2,
            x2 * shrink - lr / bc1 * m3 / (v3.sqrt() / bc2.sqrt() + eps),
        ]
    });
}

#[test]
fn adamw_defaults_are_torchs() {
    let o = Optimizer::new(named("adamw"));
    let p = o.params();
    use optiscape::sim::optim::HyperValue::{B, F, P};
    assert_eq!(p.get("lr"), Some(F(1e-3)));
    assert_eq!(p.get("betas"), Some(P(0.9, 0.999)));
    assert_eq!(p.get("eps"), Some(F(1e-8)));
    assert_eq!(p.get("weight_decay"), Some(F(1e-2)));
    assert_eq!(p.get("amsgrad"), Some(B(false)));
    assert_eq!(named("adamw").torch_class(), Some("AdamW"));
}

/// Without decay AdamW is Adam, AMSGrad included, to the bit.
#[test]
fn adamw_without_decay_is_adam() {
    for amsgrad in [false, true] {
        let p = hp().with("lr", 0.05).with("amsgrad", amsgrad);
        let w = opt(named("adamw"), p.with("weight_decay", 0.0));
        let a = opt(K::Adam, p);
        let gs: Vec<V2> = (0..20)
            .map(|t| v((t as f64 * 0.7).sin(), 2.0 - t as f64 * 0.3))
            .collect();
        let (sw, sa) = (feed(&w, X0, &gs), feed(&a, X0, &gs));
        assert_eq!(
            sw.iter().map(|s| s.next).collect::<Vec<_>>(),
            sa.iter().map(|s| s.next).collect::<Vec<_>>(),
            "amsgrad {amsgrad}"
        );
    }
}

/// The decay is not divided by √v̂: with a zero gradient Adam stands still and AdamW shrinks x by
/// exactly 1 − lr·λ per step, where Adam's coupled decay would move every coordinate by about lr.
#[test]
fn adamw_decay_is_decoupled_from_the_gradient_statistics() {
    let (lr, lambda) = (0.1, 0.5);
    let zero = [V2::zeros(); 3];
    let w = feed(
        &opt(
            named("adamw"),
            hp().with("lr", lr).with("weight_decay", lambda),
        ),
        X0,
        &zero,
    );
    for (t, s) in w.iter().enumerate() {
        let want = X0 * (1.0 - lr * lambda).powi(t as i32 + 1);
        assert!(
            close(s.next.x, want.x, REL) && close(s.next.y, want.y, REL),
            "{t}: {}",
            s.next
        );
        assert_eq!(
            s.grad,
            V2::zeros(),
            "the reported gradient excludes the decay"
        );
    }
    let coupled = feed(
        &opt(K::Adam, hp().with("lr", lr).with("weight_decay", lambda)),
        X0,
        &zero,
    );
    assert!(
        close(coupled[0].update.x.abs(), lr, 1e-6),
        "{}",
        coupled[0].update
    );
}

#[test]
fn lion_moves_every_coordinate_by_lr_along_the_sign_of_the_blend() {
    let (lr, b1, b2, lambda) = (0.1, 0.9, 0.99, 0.5);
    let p = hp()
        .with("lr", lr)
        .with("betas", (b1, b2))
        .with("weight_decay", lambda);
    // x: a large gradient, then small ones of the other sign that the momentum outweighs.
    let gs = [v(2.0, -1.0), v(-0.1, 0.5), v(-0.1, 0.05)];
    let sign = |c: f64| {
        if c > 0.0 {
            1.0
        } else if c < 0.0 {
            -1.0
        } else {
            0.0
        }
    };
    check("lion", opt(named("lion"), p), X0, gs, |x0, [g1, g2, g3]| {
        let shrink = 1.0 - lr * lambda;
        let m0 = 0.0;
        let c1 = b1 * m0 + (1.0 - b1) * g1;
        let x1 = x0 * shrink - lr * sign(c1);
        let m1 = b2 * m0 + (1.0 - b2) * g1;
        let c2 = b1 * m1 + (1.0 - b1) * g2;
        let x2 = x1 * shrink - lr * sign(c2);
        let m2 = b2 * m1 + (1.0 - b2) * g2;
        let c3 = b1 * m2 + (1.0 - b1) * g3;
        [x1, x2, x2 * shrink - lr * sign(c3)]
    });
    // In x the second gradient is negative, yet the momentum's sign wins: x keeps falling.
    let steps = feed(&opt(named("lion"), p.with("weight_decay", 0.0)), X0, &gs);
    assert!(
        steps[1].update.x < 0.0 && gs[1].x < 0.0,
        "{}",
        steps[1].update
    );
    for s in &steps {
        assert!(close(s.update.x.abs(), lr, REL) && close(s.update.y.abs(), lr, REL));
    }
}

#[test]
fn lion_defaults_are_the_papers_and_a_zero_gradient_does_not_move() {
    let kind = named("lion");
    let p = Optimizer::new(kind).params();
    use optiscape::sim::optim::HyperValue::{F, P};
    assert_eq!(p.get("lr"), Some(F(1e-4)));
    assert_eq!(p.get("betas"), Some(P(0.9, 0.99)));
    assert_eq!(p.get("weight_decay"), Some(F(0.0)));
    assert!(kind.spec("eps").is_none(), "Lion takes no eps");
    assert_eq!(kind.torch_class(), None, "torch.optim has no Lion");
    let s = feed(&Optimizer::new(kind), X0, &[V2::zeros(); 2]);
    assert!(s.iter().all(|s| s.next == X0), "sign(0) = 0");
}
