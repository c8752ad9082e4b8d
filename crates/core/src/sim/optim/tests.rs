//! The typed rules the builders make: from a compiled scenario, with torch's defaults and with
//! settings a document changes.

use super::*;
use crate::scenario::{OptimizerConfig, RunConfig, Scenario};

/// Every optimizer's rule with its defaults, written out by hand from torch.optim's signatures (and
/// ours where torch has none).
fn expected(kind: OptimizerKind) -> Rule {
    let sgd = Sgd {
        lr: 1e-3,
        momentum: 0.0,
        dampening: 0.0,
        nesterov: false,
        weight_decay: 0.0,
        from_zero: false,
    };
    let adam = Adam {
        lr: 1e-3,
        betas: (0.9, 0.999),
        eps: 1e-8,
        weight_decay: 0.0,
        amsgrad: false,
    };
    match kind.name() {
        "sgd" => Rule::Sgd(sgd),
        "momentum" => Rule::Sgd(Sgd {
            momentum: 0.9,
            ..sgd
        }),
        "nesterov" => Rule::Sgd(Sgd {
            momentum: 0.9,
            nesterov: true,
            ..sgd
        }),
        "ema" => Rule::Sgd(Sgd {
            momentum: 0.9,
            dampening: 0.9,
            from_zero: true,
            ..sgd
        }),
        "rprop" => Rule::Rprop(Rprop {
            lr: 1e-2,
            etas: (0.5, 1.2),
            step_sizes: (1e-6, 50.0),
            lecture: false,
        }),
        "rmsprop" => Rule::Rmsprop(Rmsprop {
            lr: 1e-2,
            alpha: 0.99,
            eps: 1e-8,
            weight_decay: 0.0,
            momentum: 0.0,
            centered: false,
        }),
        "adagrad" => Rule::Adagrad(Adagrad {
            lr: 1e-2,
            lr_decay: 0.0,
            weight_decay: 0.0,
            initial_accumulator_value: 0.0,
            eps: 1e-10,
        }),
        "adadelta" => Rule::Adadelta(Adadelta {
            lr: 1.0,
            rho: 0.9,
            eps: 1e-6,
            weight_decay: 0.0,
        }),
        "adam" => Rule::Adam(adam),
        "amsgrad" => Rule::Adam(Adam {
            amsgrad: true,
            ..adam
        }),
        "adamax" => Rule::Adamax(Adamax {
            lr: 2e-3,
            betas: (0.9, 0.999),
            eps: 1e-8,
            weight_decay: 0.0,
        }),
        "nadam" => Rule::Nadam(Nadam {
            lr: 2e-3,
            betas: (0.9, 0.999),
            eps: 1e-8,
            weight_decay: 0.0,
            momentum_decay: 4e-3,
        }),
        "adamw" => Rule::AdamW(AdamW {
            adam,
            weight_decay: 1e-2,
        }),
        "lion" => Rule::Lion(Lion {
            lr: 1e-4,
            betas: (0.9, 0.99),
            weight_decay: 0.0,
        }),
        other => panic!("no expected rule written for `{other}`"),
    }
}

/// The rules a scenario with these runs compiles to.
fn compiled_rules(runs: Vec<RunConfig>) -> Vec<Rule> {
    let scenario = Scenario {
        steps: 10,
        runs,
        ..Scenario::default()
    };
    match scenario.compile() {
        Ok(compiled) => compiled.runs.iter().map(|r| r.optimizer.rule).collect(),
        Err(e) => panic!("the scenario does not compile: {e:?}"),
    }
}

fn run(name: &str, params: HyperParams) -> RunConfig {
    RunConfig {
        optimizer: OptimizerConfig::from_params(name, &params),
        ..RunConfig::default()
    }
}

#[test]
fn a_scenario_with_every_optimizer_compiles_to_the_default_rules() {
    let runs = OptimizerKind::all()
        .map(|k| RunConfig::new(k, V2::new(-1.0, 1.0)))
        .collect();
    let rules = compiled_rules(runs);
    assert_eq!(rules.len(), OptimizerKind::COUNT);
    for (kind, rule) in OptimizerKind::all().zip(rules) {
        assert_eq!(rule, expected(kind), "{kind}");
    }
}

#[test]
fn settings_a_document_writes_reach_the_rules() {
    let p = HyperParams::default;
    let rules = compiled_rules(vec![
        run("adam", p().with("betas", (0.8, 0.95)).with("amsgrad", true)),
        run("rprop", p().with("variant", HyperValue::C("lecture"))),
        run("sgd", p().with("momentum", 0.5).with("nesterov", true)),
        run("ema", p().with("momentum", 0.7).with("lr", 0.25)),
        run("adamw", p().with("weight_decay", 0.3).with("eps", 1e-3)),
        run("rmsprop", p().with("centered", true).with("alpha", 0.5)),
    ]);
    let adam = Adam {
        lr: 1e-3,
        betas: (0.8, 0.95),
        eps: 1e-8,
        weight_decay: 0.0,
        amsgrad: true,
    };
    let want = [
        Rule::Adam(adam),
        // The lecture's variant also changes the default etas.
        Rule::Rprop(Rprop {
            lr: 1e-2,
            etas: (0.6, 1.2),
            step_sizes: (1e-6, 50.0),
            lecture: true,
        }),
        Rule::Sgd(Sgd {
            lr: 1e-3,
            momentum: 0.5,
            dampening: 0.0,
            nesterov: true,
            weight_decay: 0.0,
            from_zero: false,
        }),
        Rule::Sgd(Sgd {
            lr: 0.25,
            momentum: 0.7,
            dampening: 0.7,
            nesterov: false,
            weight_decay: 0.0,
            from_zero: true,
        }),
        Rule::AdamW(AdamW {
            adam: Adam {
                eps: 1e-3,
                amsgrad: false,
                betas: (0.9, 0.999),
                ..adam
            },
            weight_decay: 0.3,
        }),
        Rule::Rmsprop(Rmsprop {
            lr: 1e-2,
            alpha: 0.5,
            eps: 1e-8,
            weight_decay: 0.0,
            momentum: 0.0,
            centered: true,
        }),
    ];
    assert_eq!(rules, want);
}

/// `kind`'s complete parameters: its defaults, and each flag and choice in turn at its other values.
fn variations(kind: OptimizerKind) -> Vec<HyperParams> {
    let mut out = vec![HyperParams::default()];
    for spec in kind.takes() {
        let others: Vec<HyperValue> = match spec.kind {
            HyperKind::Bool => vec![HyperValue::B(true)],
            HyperKind::Choice(names) => names.iter().map(|n| HyperValue::C(n)).collect(),
            HyperKind::Float | HyperKind::Pair => Vec::new(),
        };
        for v in others.into_iter().filter(|v| *v != spec.default) {
            let mut p = HyperParams::default().with(spec.name, v);
            // torch's Nesterov needs momentum.
            if kind.spec("momentum").is_some() {
                p = p.with("momentum", 0.9);
            }
            out.push(p);
        }
    }
    out.into_iter().map(|p| p.filled(kind)).collect()
}

#[test]
fn every_builder_reads_each_key_its_optimizer_takes_and_no_other() {
    for kind in OptimizerKind::all() {
        for full in variations(kind) {
            let settings = Settings::new(kind, &full);
            // A read of a key the optimizer does not take, or with another shape, is an error.
            if let Err(e) = (kind.def().build)(&settings) {
                panic!("{kind} with {full:?}: {e}");
            }
            let unread: Vec<&str> = settings.unread().map(|s| s.name).collect();
            assert!(unread.is_empty(), "{kind} ignores {unread:?}");
            if let Err(e) = (kind.def().torch_kwargs)(&settings) {
                panic!("{kind}'s torch arguments: {e}");
            }
        }
    }
}

#[test]
fn a_key_the_optimizer_does_not_take_is_an_error_not_a_nan() {
    let full = HyperParams::default().filled(OptimizerKind::Sgd);
    let settings = Settings::new(OptimizerKind::Sgd, &full);
    assert_eq!(settings.get(spec::LR), Ok(1e-3));
    let Err(SimError::NotTaken {
        optimizer, name, ..
    }) = settings.get(spec::BETAS)
    else {
        panic!("SGD read betas");
    };
    assert_eq!((optimizer.as_str(), name.as_str()), ("sgd", "betas"));
    assert_eq!(settings.get(Key::<f64>::new("lrr")).ok(), None);
    // The right name with another shape than its spec declares.
    let Err(SimError::Invalid { field, allowed, .. }) = settings.get(Key::<bool>::new("lr")) else {
        panic!("lr read as a flag");
    };
    assert_eq!(field, "lr");
    assert!(allowed.contains("Bool"), "{allowed}");
    assert!(settings.unread().any(|s| s.name == "momentum"));
    assert!(settings.unread().all(|s| s.name != "lr"));
}

#[test]
fn keys_write_what_they_read() {
    let p = HyperParams::default()
        .put(spec::BETAS, (0.5, 0.6))
        .put(spec::LR, 0.1);
    assert_eq!(p.get("betas"), Some(HyperValue::P(0.5, 0.6)));
    assert_eq!(p, HyperParams::lr(0.1).with("betas", (0.5, 0.6)));
    let full = p.filled(OptimizerKind::Adam);
    let settings = Settings::new(OptimizerKind::Adam, &full);
    assert_eq!(settings.get(spec::BETAS), Ok((0.5, 0.6)));
    assert_eq!(settings.get(spec::EPS), Ok(1e-8));
}

#[test]
fn torch_arguments_are_made_with_the_rule() {
    let nesterov = Optimizer::new(OptimizerKind::Nesterov).params();
    assert_eq!(nesterov.get("nesterov"), Some(HyperValue::B(true)));
    assert_eq!(nesterov.get("dampening"), Some(HyperValue::F(0.0)));
    let amsgrad = Optimizer::new(OptimizerKind::Amsgrad).params();
    assert_eq!(amsgrad.get("amsgrad"), Some(HyperValue::B(true)));
    let rprop = Optimizer::new(OptimizerKind::Rprop).params();
    assert_eq!(rprop.get("variant"), None, "torch's Rprop takes no variant");
    let lecture = HyperParams::default().with("variant", HyperValue::C("lecture"));
    let rprop = Optimizer::with_params(OptimizerKind::Rprop, &lecture).map(|o| o.params());
    assert_eq!(
        rprop.map(|p| p.get("variant")),
        Ok(Some(HyperValue::C("lecture")))
    );
}

#[test]
fn nesterov_without_momentum_is_refused_by_the_builder() {
    let p = HyperParams::default().with("nesterov", true);
    let Err(e) = Optimizer::with_params(OptimizerKind::Sgd, &p) else {
        panic!("nesterov with momentum 0 was built");
    };
    assert_eq!(e.field(), Some("momentum"));
    let p = p.with("momentum", 0.9).with("dampening", 0.1);
    let Err(e) = Optimizer::with_params(OptimizerKind::Momentum, &p) else {
        panic!("nesterov with dampening was built");
    };
    assert_eq!(e.field(), Some("dampening"));
}
