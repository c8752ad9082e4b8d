//! Property tests of runs: any optimizer with any valid hyper-parameters, on any surface, from any start
//! in a wide box, with noise and mini-batches, keeps the contract documented on `Trajectory`.

use optiscape::sim::optim::{HyperValue, RuleVisitor, UpdateRule};
use optiscape::sim::schedule::Schedule;
use optiscape::sim::{
    HyperParams, Optimizer, OptimizerKind as K, RunSpec, Status, Surface, SurfaceKind as S,
    Trajectory, V2, is_finite,
};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

fn pow10(range: std::ops::Range<f64>) -> impl Strategy<Value = f64> {
    range.prop_map(|e| 10f64.powf(e))
}

/// A value from the valid range of the hyper-parameter `name` (as `kind` takes it).
fn value(kind: K, name: &str) -> BoxedStrategy<HyperValue> {
    use HyperValue::{B, F, P};
    let unit = || prop_oneof![Just(0.0), 0.0..0.9999, Just(0.9999)];
    match name {
        "lr" => pow10(-6.0..1.5).prop_map(F).boxed(),
        "momentum" if kind == K::Nesterov => (1e-3..0.9999).prop_map(F).boxed(),
        "momentum" | "alpha" => unit().prop_map(F).boxed(),
        "dampening" | "rho" => prop_oneof![Just(0.0), 0.0..=1.0, Just(1.0)]
            .prop_map(F)
            .boxed(),
        "weight_decay" | "lr_decay" | "initial_accumulator_value" => {
            prop_oneof![Just(0.0), 0.0..1.0, pow10(-8.0..1.0)]
                .prop_map(F)
                .boxed()
        }
        "eps" => prop_oneof![Just(0.0), pow10(-12.0..-1.0)]
            .prop_map(F)
            .boxed(),
        "momentum_decay" => prop_oneof![Just(0.0), 0.0..0.1, Just(4e-3)]
            .prop_map(F)
            .boxed(),
        "betas" => (unit(), unit()).prop_map(|(a, b)| P(a, b)).boxed(),
        "etas" => (0.01..0.99, 1.01..3.0).prop_map(|(a, b)| P(a, b)).boxed(),
        "step_sizes" => (0.0..1e-3, 1e-3..100.0).prop_map(|(a, b)| P(a, b)).boxed(),
        "nesterov" | "centered" | "amsgrad" => any::<bool>().prop_map(B).boxed(),
        "variant" => prop::sample::select(vec!["torch", "lecture"])
            .prop_map(HyperValue::C)
            .boxed(),
        other => panic!("no strategy for {other}"),
    }
}

/// An optimizer kind with some of its hyper-parameters set (the others at their defaults).
fn optimizer() -> impl Strategy<Value = (K, HyperParams)> {
    prop::sample::select(K::all().collect::<Vec<_>>()).prop_flat_map(|kind| {
        let values: Vec<_> = kind
            .takes()
            .iter()
            .map(|spec| (Just(spec.name), prop::option::of(value(kind, spec.name))))
            .collect();
        (Just(kind), values).prop_map(|(kind, values)| {
            let mut p = HyperParams::default();
            for (name, v) in values {
                p.set(name, v).unwrap();
            }
            if p.get("nesterov") == Some(HyperValue::B(true)) {
                // Nesterov needs momentum > 0 and no dampening.
                let momentum = match p.get("momentum") {
                    Some(HyperValue::F(m)) if m > 0.0 => m,
                    _ => 0.9,
                };
                p = p.with("momentum", momentum).with("dampening", 0.0);
            }
            (kind, p)
        })
    })
}

/// A surface with some of its parameters anywhere in their ranges.
fn surface() -> impl Strategy<Value = Surface> {
    prop::sample::select(S::ALL.to_vec()).prop_flat_map(|kind| {
        let values: Vec<_> = kind
            .info()
            .params
            .iter()
            .map(|spec| prop::option::of(spec.min..=spec.max))
            .collect();
        (Just(kind), values).prop_map(|(kind, values)| {
            let mut s = Surface::new(kind);
            for (spec, v) in kind.info().params.iter().zip(values) {
                if let Some(v) = v {
                    s.set_param(spec.name, v).unwrap();
                }
            }
            s
        })
    })
}

fn run_spec() -> impl Strategy<Value = (K, HyperParams, RunSpec)> {
    let start = prop_oneof![
        (-1e6..1e6, -1e6..1e6),
        (-10.0..10.0, -10.0..10.0),
        Just((0.0, 0.0)),
    ];
    let noise = prop_oneof![Just(0.0), Just(0.0), 0.0..3.0, pow10(-3.0..3.0)];
    let tol = prop::option::of(pow10(-10.0..0.0));
    let schedule = prop_oneof![
        Just(Schedule::Constant),
        (1..500usize, 0.01..=2.0f64)
            .prop_map(|(step_size, gamma)| Schedule::Step { step_size, gamma }),
        (0.5..=1.5f64).prop_map(|gamma| Schedule::Exponential { gamma }),
        (1..3000usize, 0.0..1.0f64)
            .prop_map(|(t_max, eta_min)| Schedule::Cosine { t_max, eta_min }),
        (1..1000usize, 0.001..=1.0f64).prop_map(|(steps, start_factor)| Schedule::Warmup {
            steps,
            start_factor
        }),
    ];
    (
        optimizer(),
        surface(),
        start,
        0..=2000usize,
        noise,
        any::<u64>(),
        prop::option::of(1..=256usize),
        tol,
        schedule,
    )
        .prop_map(
            |((kind, p), surface, (x, y), steps, noise, seed, batch, tol, schedule)| {
                let optimizer = Optimizer::with_params(kind, &p)
                    .unwrap_or_else(|e| panic!("a valid {kind} {p:?} was refused: {e}"));
                let batch_size = batch.filter(|_| surface.sample_count().is_some());
                let run = RunSpec {
                    surface,
                    optimizer,
                    start: V2::new(x, y),
                    steps,
                    noise,
                    seed,
                    batch_size,
                    tol,
                    schedule,
                };
                (kind, p, run)
            },
        )
}

/// Whether the full gradient at `p` meets the tolerance.
fn below_tol(run: &RunSpec, p: V2) -> bool {
    run.tol.is_some_and(|tol| run.surface.grad(p).norm() < tol)
}

fn check_contract(run: &RunSpec, t: &Trajectory) -> Result<(), TestCaseError> {
    let n = t.points.len();
    prop_assert_eq!(n, t.losses.len());
    prop_assert!(n <= run.steps + 1);
    prop_assert!(t.points.iter().all(|p| is_finite(*p)), "non-finite point");
    prop_assert!(t.losses.iter().all(|l| l.is_finite()), "non-finite loss");
    if n > 0 {
        prop_assert_eq!(t.points[0], run.start);
    }
    for (p, l) in t.points.iter().zip(&t.losses) {
        prop_assert_eq!(
            *l,
            run.surface.value(*p),
            "losses are f on the full objective"
        );
    }
    // No point before the last met the tolerance, or the run would have stopped there.
    let before_last = n.saturating_sub(1);
    prop_assert!(
        !t.points[..before_last].iter().any(|p| below_tol(run, *p)),
        "ran past convergence"
    );
    match t.status {
        Status::MaxSteps => {
            prop_assert_eq!(n, run.steps + 1);
            prop_assert_eq!(t.stopped_at, None);
            prop_assert!(
                !below_tol(run, t.points[n - 1]),
                "the last point met the tolerance"
            );
        }
        Status::Converged => {
            prop_assert!(run.tol.is_some(), "converged without a tolerance");
            prop_assert_eq!(t.stopped_at, Some(n - 1));
            prop_assert!(below_tol(run, t.points[n - 1]));
        }
        Status::Diverged => {
            prop_assert_eq!(t.stopped_at, Some(n));
            prop_assert!(n <= run.steps, "diverged although every step was taken");
            if n == 0 {
                prop_assert!(!run.surface.value(run.start).is_finite());
            } else {
                prop_assert!(!below_tol(run, t.points[n - 1]));
            }
        }
    }
    Ok(())
}

/// Replays a noise-free, full-batch run with the optimizer's own rule and the full gradient.
struct Replay<'a> {
    run: &'a RunSpec,
    t: &'a Trajectory,
}

impl RuleVisitor for Replay<'_> {
    type Output = Result<(), String>;
    fn visit<R: UpdateRule>(self, rule: &R) -> Result<(), String> {
        let (points, surface) = (&self.t.points, &self.run.surface);
        let mut state = rule.init(&self.run.start);
        for (i, w) in points.windows(2).enumerate() {
            let next = rule.step(&mut state, &w[0], &surface.grad(w[0])).next;
            if next != w[1] {
                return Err(format!("step {i}: replay {next:?} vs run {:?}", w[1]));
            }
        }
        if self.t.status == Status::Diverged && !points.is_empty() {
            let last = points[points.len() - 1];
            let next = rule.step(&mut state, &last, &surface.grad(last)).next;
            if is_finite(next) && surface.value(next).is_finite() {
                return Err(format!(
                    "stopped as diverged, but the next point {next:?} is fine"
                ));
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_run_keeps_the_contract((kind, p, run) in run_spec()) {
        prop_assert!(run.validate().is_ok(), "{:?}", run.validate());
        let t = run.run();
        check_contract(&run, &t).map_err(|e| TestCaseError::fail(format!("{kind} {p:?}: {e}")))?;
        let exact = run.noise == 0.0 && run.batch_size.is_none_or(|b| b == 256) && run.schedule.is_constant();
        if exact {
            let replay = run.optimizer.visit(Replay { run: &run, t: &t });
            prop_assert!(replay.is_ok(), "{}", replay.unwrap_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn runs_are_reproducible_and_snapshots_agree(
        (_kind, _p, run) in run_spec(),
        k in 0..=2100usize,
    ) {
        let run = RunSpec { steps: run.steps.min(400), ..run };
        let t = run.run();
        prop_assert_eq!(&t, &run.run());
        match run.snapshot(k) {
            None => prop_assert!(t.points.is_empty()),
            Some(snap) => {
                let at = k.min(t.points.len() - 1);
                prop_assert_eq!(snap.index, at);
                prop_assert_eq!(snap.point, t.points[at]);
                prop_assert_eq!(snap.loss, t.losses[at]);
                match snap.next {
                    Some(step) => prop_assert_eq!(step.next, t.points[at + 1]),
                    None => prop_assert_eq!(at, t.points.len() - 1),
                }
            }
        }
    }
}
