//! Tests of the tools' jobs: a sweep's rows reach the picture while the rest runs and make the
//! whole sweep, and a cancel keeps the rows done.

use std::time::{Duration, Instant};

use super::*;
use crate::jobs::Progress;
use optiscape_core::preset;

/// A sweep of `rows` rows of 8 runs of `steps` steps each, of the run the preset's sweep names.
fn sweep_of(rows: usize, steps: usize) -> Inputs {
    let mut s = preset::builtin("saddle-momentum-escapes")
        .expect("built in")
        .scenario()
        .expect("valid");
    s.sweep.x.count = 8;
    s.sweep.y.count = rows;
    s.sweep.steps = Some(steps);
    Inputs::of(&s, Tool::Sweep, &TuneSettings::default())
}

/// Rows of the picture still pending.
fn pending_rows(pic: &GridPicture) -> usize {
    pic.colours
        .chunks(pic.nx)
        .filter(|row| row.iter().all(|c| *c == PENDING))
        .count()
}

/// The sweep's rows as they are now (`None` where one has not arrived).
fn rows_of(explorer: &Explorer) -> Vec<Option<Vec<Option<f64>>>> {
    match &explorer.job {
        Some(Computing::Sweep(r)) => r.rows.clone(),
        _ => panic!("a sweep was started"),
    }
}

/// Polls `explorer` as a frame does until its job ends, telling whether a picture with some rows
/// but not all was ever shown.
fn poll_to_the_end(explorer: &mut Explorer) -> bool {
    let until = Instant::now() + Duration::from_secs(300);
    let mut partial = false;
    while explorer.running() {
        assert!(Instant::now() < until, "the tool never finished");
        explorer.poll("sweep", &[]);
        if let Some(pic) = explorer.picture() {
            let pending = pending_rows(pic);
            partial |= pending > 0 && pending < pic.ny;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    partial
}

#[test]
fn a_sweeps_rows_reach_the_picture_while_the_rest_runs_and_make_the_whole_sweep() {
    let inputs = sweep_of(24, 2000);
    let mut explorer = Explorer::default();
    explorer.start(inputs.clone());
    assert_eq!(explorer.error, None);
    assert!(poll_to_the_end(&mut explorer), "rows appear before the end");
    assert_eq!(explorer.progress(), Some((24, 24)));
    let pic = explorer.picture().expect("a picture");
    assert_eq!(pending_rows(pic), 0, "every row arrived");
    // The same sweep computed at once.
    let mut spec = run_of(&inputs).expect("a run");
    spec.steps = 2000;
    let s = &inputs.sweep;
    let params = inputs.run.clone().expect("a run").optimizer.params();
    let kind = spec.optimizer.kind();
    let whole = sweep::sweep(
        &spec,
        kind,
        &params,
        &s.x,
        &s.y,
        s.metric,
        &Progress::default(),
    )
    .expect("valid")
    .expect("not cancelled");
    let rows: Option<Vec<_>> = rows_of(&explorer).into_iter().collect();
    assert_eq!(rows, Some(whole.values));
}

#[test]
fn a_cancelled_sweep_keeps_the_rows_it_did() {
    let mut explorer = Explorer::default();
    explorer.start(sweep_of(64, 20_000));
    let until = Instant::now() + Duration::from_secs(300);
    while explorer.progress().is_some_and(|(done, _)| done == 0) {
        assert!(Instant::now() < until, "no row ever arrived");
        explorer.poll("sweep", &[]);
        std::thread::sleep(Duration::from_millis(1));
    }
    explorer.cancel();
    poll_to_the_end(&mut explorer);
    let (done, total) = explorer.progress().expect("a job");
    assert!(0 < done && done < total, "{done} of {total}");
    let arrived = rows_of(&explorer).iter().flatten().count();
    assert_eq!(arrived, done, "every row done is handed over");
    let pic = explorer.picture().expect("a picture");
    assert_eq!(pending_rows(pic), total - done);
}
