//! Tests of the sweep: axes, grids, divergence, betas and cancel.

use super::*;
use crate::sim::{Surface, SurfaceKind, V2};

#[test]
fn axes_parse_and_space_their_values() {
    let a = Axis::parse("lr:1e-5:1e-1:5:log").expect("valid");
    let v = a.values();
    assert_eq!(v.len(), 5);
    assert!(
        (v[0] - 1e-5).abs() < 1e-18 && (v[4] - 0.1).abs() < 1e-15 && (v[2] - 1e-3).abs() < 1e-15
    );
    let b = Axis::parse("momentum:0:0.99:3").expect("valid");
    assert_eq!(b.values(), vec![0.0, 0.495, 0.99]);
    for bad in [
        "lr:1:2",
        "lr:a:1:3",
        "lr:0:1:3:log",
        "lr:2:1:3",
        "lr:0:1:0",
        "lr:0:1:3:cubic",
        "lr:0:inf:3",
    ] {
        assert!(Axis::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_refused_axis_says_which_part_is_wrong() {
    let form = AxisError::Form("lr:1:2".to_owned());
    assert_eq!(Axis::parse("lr:1:2"), Err(form));
    assert_eq!(
        Axis::parse("lr:a:1:3"),
        Err(AxisError::Number("a".to_owned()))
    );
    assert_eq!(
        Axis::parse("lr:0:inf:3"),
        Err(AxisError::Number("inf".to_owned()))
    );
    assert_eq!(
        Axis::parse("lr:0:1:x"),
        Err(AxisError::Count("x".to_owned()))
    );
    assert_eq!(
        Axis::parse("lr:0:1:3:cubic"),
        Err(AxisError::Scale("cubic".to_owned()))
    );
    let Err(AxisError::Range(e)) = Axis::parse("lr:0:1:0") else {
        panic!("a count of 0 is out of range");
    };
    assert_eq!(e.field(), Some("lr.count"));
    let Err(e @ AxisError::Range(SimError::Invalid { .. })) = Axis::parse("lr:0:1:3:log") else {
        panic!("a log axis from 0 is out of range");
    };
    assert!(e.to_string().contains("a log axis needs min > 0"), "{e}");
}

#[test]
fn a_sweeps_rows_arrive_before_its_end_and_make_the_whole_sweep() {
    use crate::work::rows::Rows;
    use crate::work::{Stop, units};

    let base = RunSpec::new(
        Surface::new(SurfaceKind::Rosenbrock),
        Optimizer::new(OptimizerKind::Momentum),
        V2::new(-1.5, 2.0),
        100,
    );
    let x = Axis::parse("lr:1e-4:1e-1:5:log").expect("valid");
    let y = Axis::parse("momentum:0:0.9:7").expect("valid");
    let (kind, p) = (OptimizerKind::Momentum, HyperParams::default());
    let plan = SweepPlan::new(&base, kind, &p, &x, &y, Metric::FinalLoss).expect("valid");
    let (mut work, progress) = (Rows::new(&plan), Progress::default());
    let mut rows = vec![None; 7];
    let mut put = |row: crate::work::rows::Row<Option<f64>>| rows[row.index] = Some(row.cells);
    let first = units(&mut work, &progress, &mut put, &mut || false);
    assert_eq!(first, Stop::Paused);
    let (done, total) = progress.get();
    assert!((1..7).contains(&done) && total == 7, "{done} of {total}");
    assert_eq!(
        units(&mut work, &progress, &mut put, &mut || true),
        Stop::Done
    );
    let whole = sweep(
        &base,
        kind,
        &p,
        &x,
        &y,
        Metric::FinalLoss,
        &Progress::default(),
    );
    let rows: Option<Vec<_>> = rows.into_iter().collect();
    assert_eq!(Ok(rows.map(|r| plan.result(r))), whole);
}

#[test]
fn a_sweep_fills_its_grid_and_marks_divergence() {
    let s = Surface::new(SurfaceKind::Rosenbrock);
    let base = RunSpec::new(
        s,
        Optimizer::new(OptimizerKind::Momentum),
        V2::new(-1.5, 2.0),
        300,
    );
    let x = Axis {
        name: "lr".into(),
        min: 1e-4,
        max: 1e-1,
        count: 6,
        log: true,
    };
    let y = Axis {
        name: "momentum".into(),
        min: 0.0,
        max: 0.9,
        count: 4,
        log: false,
    };
    let p = HyperParams::default();
    let r = sweep(
        &base,
        OptimizerKind::Momentum,
        &p,
        &x,
        &y,
        Metric::FinalLoss,
        &Progress::default(),
    )
    .expect("valid")
    .expect("not cancelled");
    assert_eq!(r.values.len(), 4);
    assert!(r.values.iter().all(|row| row.len() == 6));
    assert!(
        r.values.iter().flatten().any(Option::is_none),
        "lr 0.1 diverges on Rosenbrock"
    );
    assert!(r.values.iter().flatten().any(Option::is_some));
    // Each cell is the run with those settings.
    let one = p.with("lr", x.values()[1]).with("momentum", y.values()[2]);
    let run = RunSpec {
        optimizer: Optimizer::with_params(OptimizerKind::Momentum, &one).unwrap(),
        ..base.clone()
    };
    assert_eq!(r.values[2][1], run.run().final_loss());
    let bad = Axis {
        name: "rho".into(),
        ..y.clone()
    };
    assert!(
        sweep(
            &base,
            OptimizerKind::Momentum,
            &p,
            &x,
            &bad,
            Metric::FinalLoss,
            &Progress::default()
        )
        .is_err()
    );
}

#[test]
fn betas_are_swept_one_at_a_time_and_a_cancel_stops() {
    let s = Surface::new(SurfaceKind::Booth);
    let base = RunSpec::new(
        s,
        Optimizer::new(OptimizerKind::Adam),
        V2::new(0.0, 0.0),
        50,
    );
    let x = Axis {
        name: "beta1".into(),
        min: 0.5,
        max: 0.9,
        count: 3,
        log: false,
    };
    let y = Axis {
        name: "beta2".into(),
        min: 0.9,
        max: 0.999,
        count: 2,
        log: false,
    };
    let r = sweep(
        &base,
        OptimizerKind::Adam,
        &HyperParams::default(),
        &x,
        &y,
        Metric::FinalLoss,
        &Progress::default(),
    );
    assert!(
        r.expect("valid")
            .expect("done")
            .values
            .iter()
            .flatten()
            .all(Option::is_some)
    );
    let stop = Progress::default();
    stop.cancel();
    assert_eq!(
        sweep(
            &base,
            OptimizerKind::Adam,
            &HyperParams::default(),
            &x,
            &y,
            Metric::FinalLoss,
            &stop
        ),
        Ok(None)
    );
}
