//! Runs: determinism, mini-batches, snapshots, divergence, convergence and the run's own validation.

use optiscape::sim::{
    HyperParams, MAX_STEPS, Optimizer, OptimizerKind as K, RunSpec, SimError, Status, Surface,
    SurfaceKind as S, V2, is_finite,
};

fn opt(kind: K, lr: f64) -> Optimizer {
    Optimizer::with_params(kind, &HyperParams::default().with("lr", lr)).unwrap()
}

fn spec(surface: S, kind: K, lr: f64, start: V2, steps: usize) -> RunSpec {
    RunSpec::new(Surface::new(surface), opt(kind, lr), start, steps)
}

fn noisy(seed: u64) -> RunSpec {
    RunSpec {
        noise: 0.5,
        seed,
        batch_size: Some(16),
        ..spec(S::Linreg, K::Adam, 0.05, V2::new(-2.0, 5.0), 300)
    }
}

#[test]
fn the_same_seed_gives_the_same_path_and_another_seed_another() {
    let a = noisy(7).run();
    assert_eq!(a, noisy(7).run());
    let b = noisy(8).run();
    assert_ne!(a.points[1], b.points[1], "another seed, another first step");
    // Noise alone (no batches), on a surface without samples.
    let rosen = |seed| RunSpec {
        noise: 1.0,
        seed,
        ..spec(S::Rosenbrock, K::Momentum, 1e-3, V2::new(-1.5, 2.0), 200)
    };
    assert_eq!(rosen(1).run(), rosen(1).run());
    assert_ne!(rosen(1).run().points[1], rosen(2).run().points[1]);
    // Batches alone.
    let batches = |seed| RunSpec {
        seed,
        batch_size: Some(8),
        ..spec(S::Logreg, K::Sgd, 0.1, V2::zeros(), 100)
    };
    assert_eq!(batches(3).run(), batches(3).run());
    assert_ne!(batches(3).run().points[1], batches(4).run().points[1]);
    // Without noise or batches the seed plays no part.
    let exact = |seed| RunSpec {
        seed,
        ..spec(S::Rosenbrock, K::Adam, 1e-2, V2::new(-1.5, 2.0), 200)
    };
    assert_eq!(exact(1).run(), exact(2).run());
}

#[test]
fn a_batch_of_all_samples_is_the_full_batch_path() {
    for kind in K::all() {
        for surface in [S::Linreg, S::Logreg] {
            let full = RunSpec {
                seed: 11,
                ..spec(surface, kind, 1e-2, V2::new(4.0, -1.0), 200)
            };
            let all = RunSpec {
                batch_size: Some(256),
                ..full.clone()
            };
            assert_eq!(full.run(), all.run(), "{kind} on {surface}");
            let fewer = RunSpec {
                batch_size: Some(255),
                ..full.clone()
            };
            // (Compared as whole paths: Rprop's first step only sees signs.)
            assert_ne!(
                full.run(),
                fewer.run(),
                "{kind} on {surface}: 255 of 256 is a mini-batch"
            );
        }
    }
}

#[test]
fn batches_of_one_visit_every_sample_once_per_epoch() {
    let lr = 0.01;
    let run = RunSpec {
        batch_size: Some(1),
        seed: 5,
        ..spec(S::Linreg, K::Sgd, lr, V2::new(0.5, 0.5), 512)
    };
    let t = run.run();
    assert_eq!(t.points.len(), 513);
    let surface = run.surface;
    let mut epochs = Vec::new();
    for epoch in t.points.windows(2).collect::<Vec<_>>().chunks(256) {
        let mut seen = Vec::new();
        for w in epoch {
            // Plain SGD: the gradient used is (x − x_next)/lr; find the one sample it belongs to.
            let g = (w[0] - w[1]) / lr;
            let mut errs: Vec<(f64, u32)> = (0..256)
                .map(|i| ((surface.batch_grad(w[0], &[i]) - g).norm() / g.norm(), i))
                .collect();
            errs.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert!(
                errs[0].0 < 1e-9 && errs[1].0 > 1e-6,
                "step uses exactly one sample: {:?}",
                &errs[..2]
            );
            seen.push(errs[0].1);
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            (0..256).collect::<Vec<u32>>(),
            "each epoch is a permutation"
        );
        epochs.push(seen);
    }
    assert_ne!(epochs[0], epochs[1], "each epoch is shuffled anew");
    assert_ne!(
        epochs[0],
        (0..256).collect::<Vec<u32>>(),
        "the first epoch is shuffled too"
    );
}

#[test]
fn losses_are_the_full_objective_at_each_point() {
    for run in [
        noisy(1),
        spec(S::Himmelblau, K::Nadam, 0.05, V2::new(-4.0, 4.0), 300),
    ] {
        let t = run.run();
        assert_eq!(t.points.len(), t.losses.len());
        assert_eq!(t.points[0], run.start);
        for (p, l) in t.points.iter().zip(&t.losses) {
            assert_eq!(*l, run.surface.value(*p));
        }
        assert_eq!(t.steps_taken(), t.points.len() - 1);
        assert_eq!(t.last_point(), t.points.last().copied());
        assert_eq!(t.final_loss(), t.losses.last().copied());
    }
}

fn check_snapshots(run: RunSpec, ks: &[usize]) {
    let t = run.run();
    let last = t.points.len() - 1;
    for &k in ks {
        let snap = run.snapshot(k).expect("a finite start has snapshots");
        let at = k.min(last);
        assert_eq!(snap.index, at, "k = {k}");
        assert_eq!(snap.point, t.points[at], "k = {k}");
        assert_eq!(snap.loss, t.losses[at], "k = {k}");
        assert_eq!(
            snap.grad,
            run.surface.grad(snap.point),
            "k = {k}: the full gradient"
        );
        match snap.next {
            Some(step) => {
                assert_eq!(
                    step.next,
                    t.points[at + 1],
                    "k = {k}: the next update leads to the next point"
                );
                assert_eq!(step.update, t.points[at + 1] - t.points[at]);
            }
            None => assert_eq!(at, last, "k = {k}: only the end of a run has no next step"),
        }
    }
}

#[test]
fn snapshots_replay_the_run_exactly() {
    let steps = 200;
    let ks = [0, 1, 2, 17, 100, steps - 1, steps, steps + 5, usize::MAX];
    for kind in K::all() {
        check_snapshots(
            spec(S::Rosenbrock, kind, 1e-3, V2::new(-1.5, 2.0), steps),
            &ks,
        );
        check_snapshots(
            RunSpec {
                optimizer: opt(kind, 1e-2),
                ..noisy(3)
            },
            &[0, 1, 50, 299, 300],
        );
    }
    let adam = spec(S::Rosenbrock, K::Adam, 1e-3, V2::new(-1.5, 2.0), steps);
    let state = adam.snapshot(17).unwrap().state;
    let step = state.iter().find(|(n, _)| *n == "step").map(|(_, v)| *v);
    assert_eq!(
        step,
        Some(optiscape::sim::optim::StateValue::Scalar(17.0)),
        "the state after 17 updates"
    );
    // A converged and a diverged run end early; their snapshots stop there too.
    let conv = RunSpec {
        tol: Some(1e-3),
        ..spec(S::Quadratic, K::Adam, 0.1, V2::new(2.0, 1.0), 5000)
    };
    assert_eq!(conv.run().status, Status::Converged);
    let end = conv.run().points.len() - 1;
    check_snapshots(conv, &[0, 3, end, 5000]);
    let div = spec(S::Rosenbrock, K::Sgd, 1.0, V2::new(-1.5, 2.0), 100);
    assert_eq!(div.run().status, Status::Diverged);
    check_snapshots(div, &[0, 1, 2, 50, 100]);
}

#[test]
fn a_divergent_run_reports_only_finite_points() {
    let run = spec(S::Rosenbrock, K::Sgd, 1.0, V2::new(-1.5, 2.0), 1000);
    let t = run.run();
    assert_eq!(t.status, Status::Diverged);
    assert_eq!(t.stopped_at, Some(t.points.len()));
    assert!(
        t.points.len() >= 2 && t.points.len() < 1000,
        "{}",
        t.points.len()
    );
    assert_eq!(t.points.len(), t.losses.len());
    assert!(t.points.iter().all(|p| is_finite(*p)) && t.losses.iter().all(|l| l.is_finite()));
    // The update that was refused really leaves the finite numbers: x − 1·∇f(x) from the last point.
    let last = t.points[t.points.len() - 1];
    let next = last - run.surface.grad(last);
    assert!(
        !(is_finite(next) && run.surface.value(next).is_finite()),
        "{next:?}"
    );
}

#[test]
fn a_start_with_an_infinite_loss_diverges_at_once() {
    let run = spec(S::Rosenbrock, K::Adam, 1e-3, V2::new(1e200, 1e200), 10);
    assert!(run.validate().is_ok(), "the start itself is finite");
    let t = run.run();
    assert_eq!(
        (t.status, t.stopped_at, t.points.len(), t.losses.len()),
        (Status::Diverged, Some(0), 0, 0)
    );
    assert_eq!(run.snapshot(0), None);
}

#[test]
fn converged_runs_stop_at_the_first_point_below_the_tolerance() {
    let tol = 1e-6;
    let run = RunSpec {
        tol: Some(tol),
        ..spec(S::Quadratic, K::Adam, 0.1, V2::new(2.5, -2.0), 10_000)
    };
    let t = run.run();
    assert_eq!(t.status, Status::Converged);
    let at = t.points.len() - 1;
    assert_eq!(t.stopped_at, Some(at));
    assert!(at < 10_000);
    assert!(run.surface.grad(t.points[at]).norm() < tol);
    assert!(
        t.points[..at]
            .iter()
            .all(|p| run.surface.grad(*p).norm() >= tol)
    );
    // Starting at the minimum: converged with the start as the only point.
    let there = RunSpec {
        start: V2::zeros(),
        ..run.clone()
    };
    let t = there.run();
    assert_eq!(
        (t.status, t.stopped_at, t.points.clone()),
        (Status::Converged, Some(0), vec![V2::zeros()])
    );
    // Without a tolerance the same run takes every step.
    let t = RunSpec { tol: None, ..there }.run();
    assert_eq!(
        (t.status, t.stopped_at, t.points.len()),
        (Status::MaxSteps, None, 10_001)
    );
}

#[test]
fn zero_steps_is_the_start_alone() {
    let run = spec(S::Beale, K::Rprop, 1e-2, V2::new(1.0, 1.0), 0);
    let t = run.run();
    assert_eq!(
        (t.status, t.stopped_at, t.points.clone()),
        (Status::MaxSteps, None, vec![V2::new(1.0, 1.0)])
    );
    assert_eq!(run.snapshot(3).map(|s| (s.index, s.next)), Some((0, None)));
}

/// `run` and the step-by-step replay walk the same path to the last bit, and `outcome` agrees.
fn check_walks_agree(run: &RunSpec) {
    let t = run.run();
    let mut replay = run.replay();
    for (k, (p, f)) in t.points.iter().zip(&t.losses).enumerate() {
        let snap = replay.seek(k).expect("a finite start");
        assert_eq!(
            (snap.index, snap.point, snap.loss),
            (k, *p, *f),
            "{run:?} at {k}"
        );
    }
    let o = run.outcome();
    assert_eq!(
        (o.status, o.stopped_at),
        (t.status, t.stopped_at),
        "{run:?}"
    );
}

#[test]
fn every_loop_walks_the_same_path() {
    use optiscape::sim::schedule::Schedule;
    // `run` has a call-free loop for polynomial surfaces at a constant rate, writes in chunks of
    // 256 iterates, and stops mid-chunk; the replay takes none of those shortcuts.
    let rosen = spec(S::Rosenbrock, K::Adam, 1e-3, V2::new(-1.5, 2.0), 1000);
    let scheduled = RunSpec {
        schedule: Schedule::Cosine {
            t_max: 300,
            eta_min: 1e-4,
        },
        ..spec(S::Beale, K::Nadam, 1e-2, V2::new(1.0, 1.0), 600)
    };
    let ackley = spec(S::Ackley, K::Momentum, 1e-2, V2::new(2.0, 1.5), 257);
    let converged = RunSpec {
        tol: Some(1e-6),
        ..spec(S::Himmelblau, K::Adam, 0.05, V2::new(0.5, 0.5), 5000)
    };
    // Saddle under SGD doubles y every step: from 1e-300 it overflows after about 2,000 steps.
    let diverged = spec(S::Saddle, K::Sgd, 0.5, V2::new(1.0, 1e-300), 5000);
    for run in [&rosen, &scheduled, &ackley, &converged, &diverged] {
        check_walks_agree(run);
    }
    assert_eq!(rosen.run().status, Status::MaxSteps);
    let c = converged.run();
    assert_eq!(c.status, Status::Converged);
    assert!(
        c.points.len() > 300 && c.points.len() % 256 != 1,
        "{}",
        c.points.len()
    );
    let d = diverged.run();
    assert_eq!(d.status, Status::Diverged);
    assert!(d.points.len() > 1000, "{}", d.points.len());
}

fn refused(run: RunSpec, field: &str) {
    match run.validate() {
        Err(e @ SimError::Invalid { .. }) => assert_eq!(e.field(), Some(field), "{e}"),
        other => panic!("expected {field} refused, got {other:?}"),
    }
}

#[test]
fn run_settings_are_validated() {
    let ok = spec(S::Linreg, K::Sgd, 1e-2, V2::zeros(), 10);
    assert_eq!(ok.validate(), Ok(()));
    assert_eq!(MAX_STEPS, 1_000_000);
    assert_eq!(
        RunSpec {
            steps: MAX_STEPS,
            ..ok.clone()
        }
        .validate(),
        Ok(())
    );
    refused(
        RunSpec {
            steps: MAX_STEPS + 1,
            ..ok.clone()
        },
        "steps",
    );
    refused(
        RunSpec {
            steps: usize::MAX,
            ..ok.clone()
        },
        "steps",
    );
    for bad in [f64::NAN, f64::INFINITY] {
        refused(
            RunSpec {
                start: V2::new(bad, 0.0),
                ..ok.clone()
            },
            "start",
        );
        refused(
            RunSpec {
                start: V2::new(0.0, -bad),
                ..ok.clone()
            },
            "start",
        );
    }
    for bad in [-1e-9, f64::NAN, f64::INFINITY] {
        refused(
            RunSpec {
                noise: bad,
                ..ok.clone()
            },
            "noise",
        );
    }
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        refused(
            RunSpec {
                tol: Some(bad),
                ..ok.clone()
            },
            "tol",
        );
    }
    for bad in [0, 257, 10_000] {
        refused(
            RunSpec {
                batch_size: Some(bad),
                ..ok.clone()
            },
            "batch_size",
        );
    }
    for good in [1, 32, 256] {
        assert_eq!(
            RunSpec {
                batch_size: Some(good),
                ..ok.clone()
            }
            .validate(),
            Ok(())
        );
    }
    refused(
        RunSpec {
            batch_size: Some(4),
            ..spec(S::Rosenbrock, K::Sgd, 1e-2, V2::zeros(), 10)
        },
        "batch_size",
    );
    assert_eq!(
        RunSpec {
            noise: 0.0,
            tol: Some(1e-300),
            ..ok.clone()
        }
        .validate(),
        Ok(())
    );
}

#[test]
fn the_outcome_is_the_end_of_the_run() {
    let cases = [
        spec(S::Rosenbrock, K::Adam, 0.02, V2::new(-1.5, 2.0), 700),
        spec(S::Rosenbrock, K::Sgd, 1.0, V2::new(-1.5, 2.0), 100),
        RunSpec {
            tol: Some(1e-3),
            ..spec(S::Quadratic, K::Momentum, 0.05, V2::new(2.0, 1.0), 5000)
        },
        RunSpec {
            noise: 0.3,
            seed: 5,
            batch_size: Some(8),
            ..spec(S::Linreg, K::Sgd, 0.05, V2::new(0.0, 0.0), 300)
        },
    ];
    for run in cases {
        let t = run.run();
        let o = run.outcome();
        assert_eq!(o.status, t.status, "{run:?}");
        assert_eq!(o.stopped_at, t.stopped_at, "{run:?}");
        assert_eq!(o.last, t.last_point().zip(t.final_loss()), "{run:?}");
        assert_eq!(o.steps_taken, t.steps_taken(), "{run:?}");
    }
}
