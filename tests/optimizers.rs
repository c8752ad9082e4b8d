//! The first steps of every optimizer, derived by hand from /work/shared/optimizer-rules.md (torch.optim's
//! documented algorithms) and written out as scalar formulas, compared with what the code does.
//!
//! Each coordinate of the plane is an independent 1-D problem for every rule (all are element-wise), so
//! the expected values are computed one coordinate at a time by a closure `x0, [g1, g2, g3] → [x1, x2, x3]`.

// The rest of the suite lives next to this file; one test binary builds and links faster than four.
#[path = "optimizers/adaptive.rs"]
mod adaptive;
#[path = "optimizers/config.rs"]
mod config;
#[path = "optimizers/convergence.rs"]
mod convergence;
#[path = "optimizers/decoupled.rs"]
mod decoupled;
#[path = "optimizers/lecture.rs"]
mod lecture;
#[path = "optimizers/specs.rs"]
mod specs;

use optiscape::sim::optim::{RuleVisitor, UpdateRule};
use optiscape::sim::{HyperParams, Optimizer, OptimizerKind as K, SimError, Step, V2};

const REL: f64 = 1e-12;

fn v(x: f64, y: f64) -> V2 {
    V2::new(x, y)
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

fn opt(kind: K, p: HyperParams) -> Optimizer {
    Optimizer::with_params(kind, &p).unwrap_or_else(|e| panic!("{kind} refused {p:?}: {e}"))
}

/// Feeds `n` gradients to the rule; the gradient may depend on the step index and the current point.
struct Feed<'a> {
    x0: V2,
    n: usize,
    grad: &'a dyn Fn(usize, V2) -> V2,
}

impl RuleVisitor for Feed<'_> {
    type Output = Vec<Step>;
    fn visit<R: UpdateRule>(self, rule: &R) -> Vec<Step> {
        let mut state = rule.init(&self.x0);
        let mut x = self.x0;
        (0..self.n)
            .map(|t| {
                let s = rule.step(&mut state, &x, &(self.grad)(t, x));
                x = s.next;
                s
            })
            .collect()
    }
}

/// The steps `o` takes from `x0` when fed the fixed gradients `gs`.
fn feed(o: &Optimizer, x0: V2, gs: &[V2]) -> Vec<Step> {
    o.visit(Feed {
        x0,
        n: gs.len(),
        grad: &|t, _| gs[t],
    })
}

/// The steps `o` takes on f = ½‖x‖² (g = x).
fn bowl(o: &Optimizer, x0: V2, n: usize) -> Vec<Step> {
    o.visit(Feed {
        x0,
        n,
        grad: &|_, x| x,
    })
}

/// Checks the iterates against the hand-derived ones, coordinate by coordinate.
fn expect_path(label: &str, steps: &[Step], x0: V2, want: [[f64; 3]; 2]) {
    assert_eq!(steps.len(), 3, "{label}");
    let mut prev = x0;
    for (t, s) in steps.iter().enumerate() {
        for (i, hand) in want.iter().enumerate() {
            assert!(
                close(s.next[i], hand[t], REL),
                "{label}: coordinate {i} after step {}: code {} vs hand {}",
                t + 1,
                s.next[i],
                hand[t]
            );
        }
        assert_eq!(s.update, s.next - prev, "{label}: update is next − x");
        prev = s.next;
    }
}

/// Feeds three fixed gradients and checks the result against `by_hand`, applied per coordinate.
fn check(
    label: &str,
    o: Optimizer,
    x0: V2,
    gs: [V2; 3],
    by_hand: impl Fn(f64, [f64; 3]) -> [f64; 3],
) {
    let steps = feed(&o, x0, &gs);
    for (s, g) in steps.iter().zip(gs) {
        assert_eq!(s.grad, g, "{label}: the reported gradient is the raw one");
    }
    let want = [0, 1].map(|i| by_hand(x0[i], gs.map(|g| g[i])));
    expect_path(label, &steps, x0, want);
}

const X0: V2 = V2::new(0.3, -0.2);
/// A gradient sequence with a sign change in y and no near-cancellations in the moving averages.
const GS: [V2; 3] = [V2::new(0.5, -2.0), V2::new(1.5, -0.25), V2::new(0.75, 1.0)];

fn hp() -> HyperParams {
    HyperParams::default()
}
#[test]
fn sgd_plain_and_with_weight_decay() {
    let lr = 0.1;
    check(
        "sgd",
        opt(K::Sgd, hp().with("lr", lr)),
        X0,
        GS,
        |x0, [g1, g2, g3]| {
            let x1 = x0 - lr * g1;
            let x2 = x1 - lr * g2;
            [x1, x2, x2 - lr * g3]
        },
    );
    let wd = 0.3;
    let p = hp().with("lr", lr).with("weight_decay", wd);
    check("sgd wd", opt(K::Sgd, p), X0, GS, |x0, [g1, g2, g3]| {
        let x1 = x0 - lr * (g1 + wd * x0);
        let x2 = x1 - lr * (g2 + wd * x1);
        [x1, x2, x2 - lr * (g3 + wd * x2)]
    });
}

#[test]
fn momentum_buffer_starts_as_the_gradient_without_dampening() {
    let (lr, mu, d) = (0.1, 0.8, 0.5);
    let by_hand = |x0: f64, [g1, g2, g3]: [f64; 3]| {
        let b1 = g1; // not (1 − d)·g1
        let x1 = x0 - lr * b1;
        let b2 = mu * b1 + (1.0 - d) * g2;
        let x2 = x1 - lr * b2;
        let b3 = mu * b2 + (1.0 - d) * g3;
        [x1, x2, x2 - lr * b3]
    };
    let p = hp()
        .with("lr", lr)
        .with("momentum", mu)
        .with("dampening", d);
    check("momentum", opt(K::Momentum, p), X0, GS, by_hand);
    check("sgd(momentum)", opt(K::Sgd, p), X0, GS, by_hand);
    // The velocity is −lr·b: after step 1 it is −lr·g1.
    let steps = feed(&opt(K::Momentum, p), X0, &GS);
    assert_eq!(steps[0].velocity, Some(GS[0] * -lr));
    assert_eq!((steps[0].theta, steps[0].correction), (None, None));

    // The default momentum kind (μ = 0.9, no dampening) on the bowl g = x.
    let p = hp().with("lr", lr);
    let steps = bowl(&opt(K::Momentum, p), X0, 3);
    let want = [0, 1].map(|i| {
        let x0 = X0[i];
        let b1 = x0;
        let x1 = x0 - lr * b1;
        let b2 = 0.9 * b1 + x1;
        let x2 = x1 - lr * b2;
        let b3 = 0.9 * b2 + x2;
        [x1, x2, x2 - lr * b3]
    });
    expect_path("momentum on the bowl", &steps, X0, want);
}

#[test]
fn nesterov_adds_mu_times_the_buffer_to_the_gradient() {
    let (lr, mu) = (0.1, 0.9);
    let by_hand = |x0: f64, [g1, g2, g3]: [f64; 3]| {
        let b1 = g1;
        let x1 = x0 - lr * (g1 + mu * b1);
        let b2 = mu * b1 + g2;
        let x2 = x1 - lr * (g2 + mu * b2);
        let b3 = mu * b2 + g3;
        [x1, x2, x2 - lr * (g3 + mu * b3)]
    };
    let p = hp().with("lr", lr);
    check("nesterov", opt(K::Nesterov, p), X0, GS, by_hand);
    let p_sgd = hp()
        .with("lr", lr)
        .with("momentum", mu)
        .with("nesterov", true);
    check("sgd(nesterov)", opt(K::Sgd, p_sgd), X0, GS, by_hand);
    // The lecture's triangle: its ball θₜ = xₜ + lr·μ·bₜ₋₁ (b₀ = 0), the correction −lr·gₜ from
    // torch's iterate xₜ, and θₜ₊₁ = xₜ + correction: jump plus correction is the ball's step.
    let steps = feed(&opt(K::Nesterov, p), X0, &GS);
    let xs = [X0, steps[0].next, steps[1].next];
    let mut b = v(0.0, 0.0);
    for t in 0..3 {
        let theta = steps[t].theta.expect("nesterov reports its ball");
        let want = xs[t] + b * (lr * mu);
        assert!((theta - want).norm() < 1e-15, "θ at step {}", t + 1);
        let correction = steps[t].correction.expect("and the correction");
        assert!((correction - GS[t] * -lr).norm() < 1e-15);
        b = b * mu + GS[t];
        if t + 1 < 3 {
            let next_theta = steps[t + 1].theta.expect("θ");
            assert!((next_theta - (xs[t] + correction)).norm() < 1e-15);
        }
    }

    // On the bowl, with the gradient taken at the current iterate (not a look-ahead point).
    let steps = bowl(&opt(K::Nesterov, p), X0, 3);
    let want = [0, 1].map(|i| {
        let x0 = X0[i];
        let x1 = x0 - lr * (x0 + mu * x0);
        let b2 = mu * x0 + x1;
        let x2 = x1 - lr * (x1 + mu * b2);
        let b3 = mu * b2 + x2;
        [x1, x2, x2 - lr * (x2 + mu * b3)]
    });
    expect_path("nesterov on the bowl", &steps, X0, want);
}

#[test]
fn ema_is_a_moving_average_that_starts_at_zero() {
    let (lr, beta) = (0.1, 0.8);
    let by_hand = |x0: f64, [g1, g2, g3]: [f64; 3]| {
        let b1 = (1.0 - beta) * g1;
        let x1 = x0 - lr * b1;
        let b2 = beta * b1 + (1.0 - beta) * g2;
        let x2 = x1 - lr * b2;
        let b3 = beta * b2 + (1.0 - beta) * g3;
        [x1, x2, x2 - lr * b3]
    };
    check(
        "ema",
        opt(K::Ema, hp().with("lr", lr).with("momentum", beta)),
        X0,
        GS,
        by_hand,
    );
    // torch's SGD(momentum=β, dampening=β) seeds its buffer with g₁: a first step 1/(1 − β) longer.
    let as_sgd = hp()
        .with("lr", lr)
        .with("momentum", beta)
        .with("dampening", beta);
    let torch = feed(&opt(K::Sgd, as_sgd), X0, &GS);
    let ema = feed(
        &opt(K::Ema, hp().with("lr", lr).with("momentum", beta)),
        X0,
        &GS,
    );
    let (dt, de) = (torch[0].next - X0, ema[0].next - X0);
    assert!(close(dt.x, de.x / (1.0 - beta), REL) && close(dt.y, de.y / (1.0 - beta), REL));
}

/// The lecture: EMA is "almost the same as SGD with momentum". Started from zero, eₜ = (1 − β)·bₜ,
/// so EMA with lr/(1 − β) takes momentum's steps exactly (to rounding), on any gradients.
#[test]
fn ema_with_lr_over_one_minus_beta_follows_momentum() {
    let (lr, beta) = (0.02, 0.9);
    let grad = |_: usize, x: V2| v(2.0 * x.x + 0.3 * x.y, 20.0 * x.y - x.x * x.x);
    let momentum = opt(K::Momentum, hp().with("lr", lr).with("momentum", beta));
    let ema = opt(
        K::Ema,
        hp().with("lr", lr / (1.0 - beta)).with("momentum", beta),
    );
    let run = |o: &Optimizer| {
        o.visit(Feed {
            x0: v(1.5, -0.7),
            n: 200,
            grad: &grad,
        })
    };
    for (t, (m, e)) in run(&momentum).iter().zip(&run(&ema)).enumerate() {
        let d = (m.next - e.next).norm();
        assert!(d <= 1e-12 * m.next.norm().max(1.0), "step {t}: {d}");
    }
}

/// Rprop on a per-coordinate gradient list of any length; returns the iterates.
fn rprop_path(p: HyperParams, x0: V2, gs: &[V2]) -> Vec<V2> {
    feed(&opt(K::Rprop, p), x0, gs)
        .iter()
        .map(|s| s.next)
        .collect()
}

#[test]
fn rprop_moves_by_step_sizes_and_stands_still_after_a_sign_flip() {
    // lr 0.1, etas (0.5, 1.2), step_sizes (1e-6, 50): the defaults but lr.
    let p = hp().with("lr", 0.1);
    let x0 = v(1.0, 2.0);
    // x: +, +, − (flip), −, −.   y: 0 (no move), then +, +, +, +.
    let gs = [
        v(1.0, 0.0),
        v(2.0, 0.5),
        v(-3.0, 0.5),
        v(-1.0, 0.5),
        v(-1.0, 0.5),
    ];
    let xs = [
        1.0 - 0.1,               // first step moves lr
        1.0 - 0.1 - 0.12,        // same sign: step · 1.2
        1.0 - 0.1 - 0.12,        // flip: step → 0.06, no move
        1.0 - 0.1 - 0.12 + 0.06, // prev was zeroed: the step keeps its size 0.06
        1.0 - 0.1 - 0.12 + 0.06 + 0.072,
    ];
    let ys = [
        2.0,       // zero gradient: no move
        2.0 - 0.1, // prev = 0: step lr unchanged
        2.0 - 0.1 - 0.12,
        2.0 - 0.1 - 0.12 - 0.144,
        2.0 - 0.1 - 0.12 - 0.144 - 0.1728,
    ];
    let path = rprop_path(p, x0, &gs);
    for (t, p) in path.iter().enumerate() {
        assert!(
            close(p.x, xs[t], REL),
            "x after step {}: {} vs {}",
            t + 1,
            p.x,
            xs[t]
        );
        assert!(
            close(p.y, ys[t], REL),
            "y after step {}: {} vs {}",
            t + 1,
            p.y,
            ys[t]
        );
    }
    assert_eq!(
        path[2].x, path[1].x,
        "a sign flip does not move the coordinate at all"
    );
}

#[test]
fn rprop_clamps_step_sizes_every_step() {
    // η₋ = 0.3, η₊ = 1.2, step sizes clamped to [0.05, 0.11].
    let p = hp()
        .with("lr", 0.1)
        .with("etas", (0.3, 1.2))
        .with("step_sizes", (0.05, 0.11));
    let gs = [1.0, 1.0, 1.0, -1.0, -1.0, 1.0].map(|g| v(g, 0.0));
    let xs = [
        -0.1,                      // lr
        -0.1 - 0.11,               // 0.12 clamped to 0.11
        -0.1 - 0.11 - 0.11,        // stays at the max
        -0.1 - 0.11 - 0.11,        // flip: max(0.033, 0.05) = 0.05, no move
        -0.1 - 0.11 - 0.11 + 0.05, // prev zeroed: 0.05
        -0.1 - 0.11 - 0.11 + 0.05, // flip again: clamped at 0.05, no move
    ];
    let path = rprop_path(p, v(0.0, 0.0), &gs);
    for (t, q) in path.iter().enumerate() {
        assert!(
            close(q.x, xs[t], REL),
            "step {}: {} vs {}",
            t + 1,
            q.x,
            xs[t]
        );
        assert_eq!(q.y, 0.0, "a zero gradient never moves y");
    }
    // lr above the largest step size: even the first step (sign 0) is clamped.
    let p = hp().with("lr", 1.0).with("step_sizes", (1e-6, 0.5));
    let path = rprop_path(p, v(0.0, 0.0), &[v(3.0, -0.001)]);
    assert_eq!(path[0], v(-0.5, 0.5));
}

#[test]
fn rprop_takes_no_weight_decay() {
    let p = hp().with("weight_decay", 0.1);
    match Optimizer::with_params(K::Rprop, &p) {
        Err(SimError::NotTaken {
            optimizer, name, ..
        }) => {
            assert_eq!(
                (optimizer.as_str(), name.as_str()),
                ("rprop", "weight_decay")
            );
        }
        other => panic!("rprop must refuse weight_decay, got {other:?}"),
    }
}

#[test]
fn weight_decay_adds_lambda_x_to_the_gradient_for_every_optimizer_but_rprop() {
    let lambda = 0.25;
    // Rprop takes no decay; AdamW and Lion decouple it (tests/optimizers/decoupled.rs).
    let coupled = |k: &K| !["rprop", "adamw", "lion"].contains(&k.name());
    for kind in K::all().filter(coupled) {
        let with = opt(kind, hp().with("weight_decay", lambda));
        let without = Optimizer::new(kind);
        let n = 5;
        let gs: Vec<V2> = (0..n)
            .map(|t| v(0.5 + t as f64, -1.0 + 0.3 * t as f64))
            .collect();
        let decayed = feed(&with, X0, &gs);
        let by_hand = without.visit(Feed {
            x0: X0,
            n,
            grad: &|t, x| gs[t] + x * lambda,
        });
        let plain = feed(&without, X0, &gs);
        for t in 0..n {
            let (a, b) = (decayed[t].next, by_hand[t].next);
            assert!(
                close(a.x, b.x, REL) && close(a.y, b.y, REL),
                "{kind} step {t}: {a} vs {b}"
            );
            assert_eq!(
                decayed[t].grad, gs[t],
                "{kind}: the reported gradient excludes the decay"
            );
        }
        assert_ne!(
            decayed[n - 1].next,
            plain[n - 1].next,
            "{kind}: weight decay must change the path"
        );
    }
}

/// Every rule is written once over a vector type: on a `Vec<f64>` of any length, and on `[f64; 2]`,
/// it moves each coordinate exactly as the 2-D run moves the same coordinate.
#[test]
fn every_rule_runs_the_same_on_any_vector_type() {
    struct Same;
    impl RuleVisitor for Same {
        type Output = ();
        fn visit<R: UpdateRule>(self, rule: &R) {
            let gs: Vec<V2> = (0..12)
                .map(|t| v((t as f64 * 0.9).sin() * 2.0, 1.5 - t as f64 * 0.4))
                .collect();
            let (mut s2, mut sa) = (rule.init(&X0), rule.init(&[X0.x, X0.y]));
            // Four weights: the two coordinates, then the same two again.
            let wide = vec![X0.x, X0.y, X0.x, X0.y];
            let mut sn = rule.init(&wide);
            let (mut x2, mut xa, mut xn) = (X0, [X0.x, X0.y], wide);
            for g in &gs {
                x2 = rule.step(&mut s2, &x2, g).next;
                xa = rule.step(&mut sa, &xa, &[g.x, g.y]).next;
                xn = rule.step(&mut sn, &xn, &vec![g.x, g.y, g.x, g.y]).next;
                assert_eq!(xa, [x2.x, x2.y], "{rule:?}: [f64; 2]");
                assert_eq!(xn, vec![x2.x, x2.y, x2.x, x2.y], "{rule:?}: Vec<f64>");
            }
        }
    }
    for kind in K::all() {
        Optimizer::new(kind).visit(Same);
    }
}
