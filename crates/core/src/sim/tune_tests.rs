//! Tests of learning-rate tuning: the grid, the choice of the best rate, and the values against runs
//! made one by one (gradient descent on a quadratic bowl, where the stable rates are known).

use super::*;
use crate::sim::trajectory::Status;
use crate::sim::{Optimizer, OptimizerKind, Surface, SurfaceKind, V2};

/// Gradient descent on ½(x² + κy²) from (2, 1), with `steps` steps and no tolerance of its own.
fn bowl(kappa: f64, steps: usize) -> RunSpec {
    let surface = Surface::with_params(SurfaceKind::Quadratic, [("kappa", kappa), ("theta", 0.0)])
        .expect("valid");
    RunSpec::new(
        surface,
        Optimizer::new(OptimizerKind::Sgd),
        V2::new(2.0, 1.0),
        steps,
    )
}

/// `base` at one rate, run on its own.
fn at(base: &RunSpec, lr: f64) -> RunSpec {
    RunSpec {
        optimizer: Optimizer::with_params(OptimizerKind::Sgd, &HyperParams::lr(lr)).expect("valid"),
        ..base.clone()
    }
}

fn tuned(base: &RunSpec, grid: &Axis, metric: Metric) -> Tuned {
    tune(
        base,
        &HyperParams::default(),
        grid,
        metric,
        &Progress::default(),
    )
    .expect("valid")
    .expect("not cancelled")
}

#[test]
fn the_grid_is_written_min_max_count_and_spaced_in_log() {
    let g = parse_grid("1e-5:1:61").expect("valid");
    assert_eq!(g, default_grid());
    let v = g.values();
    assert_eq!((v.len(), v[0], v[60]), (61, 1e-5, 1.0));
    // Twelve rates per decade: 10⁻⁴ is the 13th.
    assert!((v[12] - 1e-4).abs() < 1e-18, "{}", v[12]);
    assert_eq!(parse_grid("0.1:0.1:1").expect("valid").values(), vec![0.1]);
    for bad in [
        "1e-5:1",
        "lr:1e-5:1:61",
        "1e-5:1:61:log",
        "0:1:5",
        "-1:1:5",
        "1:1e-5:5",
        "a:1:3",
        "1e-5:1:0",
        "1e-5:1:2000",
        "1e-3:1e-2:1",
    ] {
        assert!(parse_grid(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_refused_grid_says_why() {
    let form = GridError::Form("1e-5:1".to_owned());
    assert_eq!(parse_grid("1e-5:1"), Err(form));
    assert_eq!(
        parse_grid("1e-3:1e-2:1"),
        Err(GridError::OneRate("1e-3:1e-2:1".to_owned()))
    );
    assert_eq!(
        parse_grid("a:1:3"),
        Err(GridError::Axis(AxisError::Number("a".to_owned())))
    );
    let Err(GridError::Axis(AxisError::Range(e))) = parse_grid("0:1:5") else {
        panic!("a log grid from 0 is out of range");
    };
    assert_eq!(e.field(), Some("lr"));
    assert_eq!(
        parse_grid("a:1:3").map_err(|e| e.to_string()),
        Err("`a` is not a finite number".to_owned())
    );
}

#[test]
fn the_best_is_the_smallest_value_and_a_tie_goes_to_the_smaller_rate() {
    assert_eq!(
        best_index(&[Some(3.0), None, Some(2.0), Some(2.0)]),
        Some(2)
    );
    assert_eq!(best_index(&[None, Some(f64::NAN), Some(5.0)]), Some(2));
    assert_eq!(best_index(&[None, None]), None);
    assert_eq!(best_index(&[]), None);
    let t = Tuned::new(
        Metric::FinalLoss,
        vec![0.1, 0.2, 0.3],
        vec![Some(f64::INFINITY), Some(1.0), Some(1.0)],
    );
    assert_eq!(t.values[0], None, "a value that is not finite is missing");
    assert_eq!((t.best_lr(), t.best_value()), (Some(0.2), Some(1.0)));
}

#[test]
fn steps_to_tolerance_on_a_bowl_match_single_runs_and_the_stable_rates() {
    // y shrinks by |1 − 9·lr| per step: rates of 2/9 and above never settle.
    let kappa = 9.0;
    let base = bowl(kappa, 5000);
    let grid = parse_grid("1e-2:1:25").expect("valid");
    let t = tuned(&base, &grid, Metric::StepsToTol);
    assert_eq!(t.lr, grid.values());
    for (&lr, &v) in t.lr.iter().zip(&t.values) {
        // The sweep's tolerance when the run has none.
        let o = RunSpec {
            tol: Some(1e-6),
            ..at(&base, lr)
        }
        .outcome();
        let single = (o.status == Status::Converged).then(|| o.stopped_at.map(|k| k as f64));
        assert_eq!(v, single.flatten(), "lr {lr}");
        assert_eq!(v.is_none(), lr >= 2.0 / kappa, "lr {lr}: {v:?}");
    }
    // The fewest steps come with the fastest contraction max(|1 − lr|, |1 − κ·lr|) on the grid.
    let rho = |lr: f64| (1.0 - lr).abs().max((1.0 - kappa * lr).abs());
    let fastest =
        t.lr.iter()
            .copied()
            .min_by(|a, b| rho(*a).total_cmp(&rho(*b)))
            .expect("rates");
    assert_eq!(t.best_lr(), Some(fastest));
    let k = t.best().expect("a best rate");
    assert!(t.values[k - 1] > t.values[k] && t.values[k + 1] > t.values[k]);
    assert_eq!(t.best_at_end(), None, "the best lies inside the grid");
    // Cut the grid below the best rate and the best is its largest, which the table says.
    let low = parse_grid("1e-3:1e-2:5").expect("valid");
    let t = tuned(&base, &low, Metric::StepsToTol);
    assert_eq!(t.best_lr(), low.values().last().copied());
    assert_eq!(t.best_at_end(), Some(GridEnd::Largest));
}

#[test]
fn a_best_rate_at_an_end_of_the_grid_is_said_to_be() {
    let at = |values: Vec<Option<f64>>| {
        let lr = (1..=values.len()).map(|k| k as f64 / 10.0).collect();
        Tuned::new(Metric::FinalLoss, lr, values).best_at_end()
    };
    assert_eq!(
        at(vec![Some(1.0), Some(2.0), Some(3.0)]),
        Some(GridEnd::Smallest)
    );
    assert_eq!(
        at(vec![Some(3.0), Some(2.0), Some(1.0)]),
        Some(GridEnd::Largest)
    );
    assert_eq!(at(vec![Some(3.0), Some(1.0), None]), None);
    assert_eq!(at(vec![None, None, Some(1.0)]), Some(GridEnd::Largest));
    assert_eq!(at(vec![Some(1.0)]), None, "one rate has no end to go past");
    assert_eq!(at(vec![None, None]), None, "no best rate");
}

#[test]
fn final_loss_ties_go_to_the_smaller_rate() {
    // On the round bowl lr = 1 lands on the minimum in one step; rates close to it get there too once
    // their error underflows to zero, and the smallest of those wins.
    let base = bowl(1.0, 1000);
    let t = tuned(&base, &default_grid(), Metric::FinalLoss);
    assert_eq!(t.values.last(), Some(&Some(0.0)));
    let k = t.best().expect("a best rate");
    assert_eq!(t.best_value(), Some(0.0));
    assert!(
        k + 1 < t.lr.len(),
        "a smaller rate than 1 ties: {:?}",
        t.values
    );
    assert!(t.values[..k].iter().all(|v| v.is_some_and(|v| v > 0.0)));
    assert_eq!(at(&base, t.lr[k]).run().final_loss(), Some(0.0));
}

#[test]
fn a_plan_gives_the_same_values_a_rate_at_a_time_whatever_the_runs_own_rate() {
    let base = bowl(9.0, 500);
    let grid = parse_grid("1e-2:0.5:9").expect("valid");
    let whole = tuned(&base, &grid, Metric::StepsToTol);
    let own = HyperParams::lr(0.37);
    let plan = TunePlan::new(&base, &own, &grid, Metric::StepsToTol).expect("valid");
    assert_eq!(plan.lr(), whole.lr.as_slice());
    let values: Vec<Option<f64>> = (0..plan.lr().len()).map(|k| plan.value(k)).collect();
    assert_eq!(plan.result(values), whole);
    assert_eq!(plan.value(9), None);
}

#[test]
fn a_cancelled_tuning_returns_nothing_and_a_bad_grid_is_refused() {
    let base = bowl(9.0, 100);
    let stop = Progress::default();
    stop.cancel();
    let r = tune(
        &base,
        &HyperParams::default(),
        &default_grid(),
        Metric::FinalLoss,
        &stop,
    );
    assert_eq!(r, Ok(None));
    let bad = Axis {
        min: 0.0,
        ..default_grid()
    };
    assert!(TunePlan::new(&base, &HyperParams::default(), &bad, Metric::FinalLoss).is_err());
}
