//! Building optimizers from torch-named hyper-parameters: the defaults they report, what is refused and
//! what a kind does not take.

use optiscape::sim::optim::{HyperKind, HyperValue, hyper_names};
use optiscape::sim::{RunSpec, Surface, SurfaceKind};

use super::*;

fn expected_defaults(kind: K) -> HyperParams {
    let sgd = |momentum: f64, dampening: f64, nesterov: bool| {
        hp().with("lr", 1e-3)
            .with("momentum", momentum)
            .with("dampening", dampening)
            .with("nesterov", nesterov)
            .with("weight_decay", 0.0)
    };
    let adam_like = |lr: f64| {
        hp().with("lr", lr)
            .with("betas", (0.9, 0.999))
            .with("eps", 1e-8)
            .with("weight_decay", 0.0)
    };
    match kind {
        K::Sgd => sgd(0.0, 0.0, false),
        K::Momentum => sgd(0.9, 0.0, false),
        K::Nesterov => sgd(0.9, 0.0, true),
        // The lecture's EMA has no torch class: its own β (named as torch's momentum) and decay.
        K::Ema => hp()
            .with("lr", 1e-3)
            .with("momentum", 0.9)
            .with("weight_decay", 0.0),
        K::Rprop => hp()
            .with("lr", 1e-2)
            .with("etas", (0.5, 1.2))
            .with("step_sizes", (1e-6, 50.0)),
        K::Rmsprop => hp()
            .with("lr", 1e-2)
            .with("alpha", 0.99)
            .with("eps", 1e-8)
            .with("weight_decay", 0.0)
            .with("momentum", 0.0)
            .with("centered", false),
        K::Adagrad => hp()
            .with("lr", 1e-2)
            .with("lr_decay", 0.0)
            .with("weight_decay", 0.0)
            .with("initial_accumulator_value", 0.0)
            .with("eps", 1e-10),
        K::Adadelta => hp()
            .with("lr", 1.0)
            .with("rho", 0.9)
            .with("eps", 1e-6)
            .with("weight_decay", 0.0),
        K::Adam => adam_like(1e-3).with("amsgrad", false),
        K::Amsgrad => adam_like(1e-3).with("amsgrad", true),
        K::Adamax => adam_like(2e-3),
        K::Nadam => adam_like(2e-3).with("momentum_decay", 4e-3),
        k if k.name() == "adamw" => adam_like(1e-3)
            .with("weight_decay", 1e-2)
            .with("amsgrad", false),
        k if k.name() == "lion" => hp()
            .with("lr", 1e-4)
            .with("betas", (0.9, 0.99))
            .with("weight_decay", 0.0),
        other => panic!("no expected defaults written for {other}"),
    }
}

#[test]
fn params_report_the_torch_kwargs_with_defaults() {
    for kind in K::all() {
        assert_eq!(
            Optimizer::new(kind).params(),
            expected_defaults(kind),
            "{kind}"
        );
        assert_eq!(
            Optimizer::with_params(kind, &hp()),
            Ok(Optimizer::new(kind)),
            "{kind}: no parameters means the defaults"
        );
        assert_eq!(
            Some(HyperValue::F(Optimizer::new(kind).lr())),
            expected_defaults(kind).get("lr")
        );
        assert_eq!(Optimizer::new(kind).kind(), kind);
    }
}

#[test]
fn params_report_values_that_were_set() {
    let p = hp().with("lr", 0.05).with("betas", (0.8, 0.95));
    let got = Optimizer::with_params(K::Adam, &p).unwrap().params();
    assert_eq!(
        (got.get("lr"), got.get("betas"), got.get("eps")),
        (
            Some(HyperValue::F(0.05)),
            Some(HyperValue::P(0.8, 0.95)),
            Some(HyperValue::F(1e-8))
        )
    );
    let got = Optimizer::with_params(K::Ema, &hp().with("momentum", 0.7))
        .unwrap()
        .params();
    assert_eq!(
        (got.get("momentum"), got.get("dampening")),
        (Some(HyperValue::F(0.7)), None)
    );
}

/// The kind that is exactly the torch class `kind` runs with.
fn torch_kind(kind: K) -> K {
    match kind.torch_class() {
        Some("SGD") => K::Sgd,
        Some("Adam") => K::Adam,
        _ => kind,
    }
}

#[test]
fn params_passed_to_the_torch_class_reproduce_the_run() {
    let surface = Surface::new(SurfaceKind::Rosenbrock);
    for kind in K::all() {
        let lr = if kind == K::Adadelta { 0.5 } else { 3e-3 };
        let o = Optimizer::with_params(kind, &hp().with("lr", lr)).unwrap();
        let twin = Optimizer::with_params(torch_kind(kind), &o.params()).unwrap_or_else(|e| {
            panic!(
                "{kind}: its own params refused by {:?}: {e}",
                kind.torch_class()
            )
        });
        let a = RunSpec::new(surface.clone(), o, V2::new(-1.5, 2.0), 300).run();
        let b = RunSpec::new(surface.clone(), twin, V2::new(-1.5, 2.0), 300).run();
        assert_eq!(a, b, "{kind}");
    }
}

fn refused(kind: K, p: HyperParams) -> SimError {
    match Optimizer::with_params(kind, &p) {
        Ok(o) => panic!("{kind} accepted {p:?} as {:?}", o.params()),
        Err(e) => e,
    }
}

/// `name = value` (the other parameters at their defaults) is refused by `kind` as an invalid `field`.
fn invalid_as(kind: K, name: &str, value: HyperValue, field: &str) {
    let mut p = hp();
    p.set(name, Some(value)).unwrap();
    let e = refused(kind, p);
    assert!(matches!(e, SimError::Invalid { .. }), "{kind} {p:?}: {e:?}");
    assert_eq!(e.field(), Some(field), "{kind} {p:?}: {e}");
}

fn invalid(kind: K, name: &str, value: HyperValue) {
    invalid_as(kind, name, value, name);
}

#[test]
fn values_torch_refuses_are_refused() {
    use HyperValue::{B, F, P};
    let (nan, inf) = (f64::NAN, f64::INFINITY);
    for kind in K::all() {
        for lr in [0.0, -1e-3, nan, inf, -inf] {
            invalid(kind, "lr", F(lr));
        }
    }
    for kind in [K::Sgd, K::Momentum, K::Ema, K::Rmsprop, K::Nesterov] {
        for m in [1.0, 1.5, -0.1, nan] {
            invalid(kind, "momentum", F(m));
        }
    }
    invalid(K::Nesterov, "momentum", F(0.0));
    for kind in [K::Adam, K::Amsgrad, K::Adamax, K::Nadam] {
        for (b1, b2) in [
            (1.0, 0.999),
            (0.9, 1.0),
            (-0.1, 0.9),
            (0.9, -1e-9),
            (nan, 0.9),
            (0.9, inf),
        ] {
            invalid(kind, "betas", P(b1, b2));
        }
    }
    for kind in [
        K::Rmsprop,
        K::Adagrad,
        K::Adadelta,
        K::Adam,
        K::Amsgrad,
        K::Adamax,
        K::Nadam,
    ] {
        invalid(kind, "eps", F(-1e-8));
        invalid(kind, "weight_decay", F(-0.1));
    }
    for (m, p) in [
        (0.5, 1.0),
        (1.0, 1.2),
        (0.0, 1.2),
        (0.5, 0.9),
        (-0.5, 1.2),
        (1.2, 0.5),
    ] {
        invalid(K::Rprop, "etas", P(m, p));
    }
    for (lo, hi) in [(-1.0, 50.0), (1.0, 0.5), (0.0, 0.0)] {
        invalid(K::Rprop, "step_sizes", P(lo, hi));
    }
    for rho in [-0.1, 1.1] {
        invalid(K::Adadelta, "rho", F(rho));
    }
    for alpha in [-0.1, 1.0] {
        invalid(K::Rmsprop, "alpha", F(alpha));
    }
    for dampening in [-0.1, 1.1] {
        invalid(K::Sgd, "dampening", F(dampening));
    }
    invalid(K::Adagrad, "lr_decay", F(-1.0));
    invalid(K::Adagrad, "initial_accumulator_value", F(-1.0));
    invalid(K::Nadam, "momentum_decay", F(-1e-3));

    // Nesterov needs momentum > 0 (SGD's default is 0) and no dampening.
    invalid_as(K::Sgd, "nesterov", B(true), "momentum");
    let nesterov = hp().with("nesterov", true).with("momentum", 0.9);
    for kind in [K::Sgd, K::Momentum] {
        let e = refused(kind, nesterov.with("dampening", 0.1));
        assert_eq!(e.field(), Some("dampening"), "{kind}: {e}");
        assert!(Optimizer::with_params(kind, &nesterov).is_ok());
    }
}

#[test]
fn every_float_and_pair_refuses_nan_and_infinity() {
    for kind in K::all() {
        for spec in kind.takes() {
            let bad: &[HyperValue] = match spec.kind {
                HyperKind::Float => &[HyperValue::F(f64::NAN), HyperValue::F(f64::INFINITY)],
                HyperKind::Pair => &[
                    HyperValue::P(f64::NAN, 1.5),
                    HyperValue::P(0.5, f64::NAN),
                    HyperValue::P(0.5, f64::INFINITY),
                ],
                HyperKind::Bool | HyperKind::Choice(_) => &[],
            };
            for &value in bad {
                invalid(kind, spec.name, value);
            }
        }
    }
}

#[test]
fn the_edges_of_the_valid_ranges_are_accepted() {
    use HyperValue::{B, F, P};
    let edges: &[(K, &[(&str, HyperValue)])] = &[
        (K::Sgd, &[("momentum", F(0.0)), ("dampening", F(1.0))]),
        (K::Sgd, &[("momentum", F(0.999)), ("nesterov", B(true))]),
        (K::Sgd, &[("lr", F(1e-300)), ("weight_decay", F(0.0))]),
        (K::Ema, &[("momentum", F(0.0))]),
        (K::Adam, &[("betas", P(0.0, 0.0)), ("eps", F(0.0))]),
        (K::Adadelta, &[("rho", F(0.0))]),
        (K::Adadelta, &[("rho", F(1.0))]),
        (
            K::Rprop,
            &[("etas", P(1e-9, 1.0 + 1e-9)), ("step_sizes", P(0.0, 1e-9))],
        ),
        (
            K::Rmsprop,
            &[
                ("alpha", F(0.0)),
                ("centered", B(true)),
                ("momentum", F(0.5)),
            ],
        ),
        (K::Nadam, &[("momentum_decay", F(0.0))]),
        (
            K::Adagrad,
            &[("lr_decay", F(0.0)), ("initial_accumulator_value", F(0.0))],
        ),
    ];
    for (kind, values) in edges {
        let mut p = hp();
        for (name, value) in values.iter() {
            p.set(name, Some(*value)).unwrap();
        }
        let o = opt(*kind, p);
        for (name, value) in values.iter() {
            assert_eq!(o.params().get(name), Some(*value), "{kind} reports {name}");
        }
    }
}

#[test]
fn a_parameter_the_kind_does_not_take_is_not_taken() {
    // Any valid-looking value for each name: the default some kind gives it.
    let sample = |name: &str| {
        K::all()
            .find_map(|k| k.spec(name))
            .map(|s| s.default)
            .unwrap_or_else(|| panic!("no kind takes {name}"))
    };
    let mut checked = 0;
    for kind in K::all() {
        for name in hyper_names() {
            let mut p = hp();
            let value = kind.spec(name).map_or_else(|| sample(name), |s| s.default);
            p.set(name, Some(value)).unwrap();
            let result = Optimizer::with_params(kind, &p);
            if kind.spec(name).is_some() {
                assert!(result.is_ok(), "{kind} takes {name}: {result:?}");
                continue;
            }
            checked += 1;
            match result {
                Err(SimError::NotTaken {
                    optimizer,
                    name: got,
                    takes,
                }) => {
                    assert_eq!((optimizer.as_str(), got.as_str()), (kind.name(), name));
                    assert!(takes.contains("lr"), "{takes}");
                }
                other => panic!("{kind} with {name}: expected NotTaken, got {other:?}"),
            }
        }
    }
    assert!(checked > 80, "{checked}");
    // The cases people trip over.
    for (kind, name) in [
        (K::Rprop, "weight_decay"),
        (K::Nesterov, "dampening"),
        (K::Nesterov, "nesterov"),
        (K::Ema, "dampening"),
        (K::Amsgrad, "amsgrad"),
        (K::Adam, "momentum"),
        (K::Sgd, "betas"),
        (K::Adamax, "momentum_decay"),
    ] {
        assert!(kind.spec(name).is_none(), "{kind} should not take {name}");
    }
}

#[test]
fn names_round_trip_and_unknown_names_are_refused() {
    for kind in K::all() {
        assert_eq!(K::from_name(kind.name()), Ok(kind));
    }
    assert!(matches!(
        K::from_name("adamz"),
        Err(SimError::UnknownOptimizer { .. })
    ));
    assert!(matches!(
        K::from_name("Adam"),
        Err(SimError::UnknownOptimizer { .. })
    ));
    let mut p = hp();
    assert!(p.set("learning_rate", Some(HyperValue::F(0.1))).is_err());
    assert!(
        p.set("lr", Some(HyperValue::B(true))).is_err(),
        "wrong shape"
    );
    assert_eq!(p, hp());
}
