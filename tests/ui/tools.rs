//! Tools → sweep, basin map and learning-rate tuning, driven through the window: they fill in,
//! clicking a cell changes the run, the tuned rates go to the runs, Cancel stops them, and the sweep's
//! and basin map's settings are saved with the scenario.

use std::time::{Duration, Instant};

use crate::common;

use common::{builtin, harness};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::preset;

fn open(h: &mut Harness<'static, OptiscapeApp>, item: &str) {
    h.get_by_label("Tools").click();
    h.run();
    h.get_by_label(item).click();
    // The tool keeps asking for frames while it computes, so the harness steps instead of settling.
    h.run_steps(3);
}

/// Runs frames until the tool's computation has finished.
fn wait(h: &mut Harness<'static, OptiscapeApp>) {
    let until = Instant::now() + Duration::from_secs(120);
    loop {
        h.step();
        if !h.state().tools.explorer.running() {
            break;
        }
        assert!(Instant::now() < until, "the tool never finished");
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run();
}

#[test]
fn a_sweep_fills_in_and_a_click_gives_the_run_that_cells_hyper_parameters() {
    let mut s = builtin("saddle-momentum-escapes");
    s.sweep.x.count = 8;
    s.sweep.y.count = 6;
    s.sweep.steps = Some(200);
    let mut h = harness(s);
    h.state_mut().document.selected = 1;
    open(&mut h, "Hyper-parameter sweep…");
    wait(&mut h);
    let app = h.state();
    assert_eq!(
        app.scenario().sweep.run,
        1,
        "the sweep is of the selected run"
    );
    assert_eq!(app.tools.explorer.error, None);
    assert_eq!(app.tools.explorer.progress(), Some((6, 6)));
    let pic = app.tools.explorer.picture().expect("a picture");
    assert_eq!((pic.nx, pic.ny), (8, 6));
    assert!(
        !pic.colours.contains(&[60, 60, 60]),
        "every row is filled in"
    );
    let sweep = app.scenario().sweep.clone();
    let before = app.scenario().runs[1].optimizer.clone();
    h.get_by_label("tool picture").click();
    h.run_steps(3);
    let after = &h.state().scenario().runs[1].optimizer;
    assert_ne!(*after, before);
    let lr = after.lr().expect("lr set");
    let momentum = after.float("momentum").expect("momentum set");
    assert!(
        sweep.x.values().contains(&lr),
        "lr {lr} is a value of the x axis"
    );
    assert!(
        sweep.y.values().contains(&momentum),
        "momentum {momentum} is a value of the y axis"
    );
    // The landscape follows at once: the run's trajectory is the one with those settings.
    let compiled = h.state().scenario().compile().expect("valid");
    assert_eq!(compiled.runs[1].optimizer.lr(), lr);
}

#[test]
fn a_basin_map_fills_in_and_a_click_moves_the_runs_start() {
    let mut s = builtin("himmelblau-four-minima");
    s.basins.grid = 16;
    s.basins.steps = Some(300);
    let mut h = harness(s);
    open(&mut h, "Basin map…");
    wait(&mut h);
    let app = h.state();
    assert_eq!(app.tools.explorer.error, None);
    let pic = app.tools.explorer.picture().expect("a picture");
    assert_eq!((pic.nx, pic.ny), (16, 16));
    assert!(!pic.colours.contains(&[60, 60, 60]));
    assert_eq!(pic.markers.len(), 4, "Himmelblau's four minima are marked");
    let view = app.scenario().view_or_default();
    let before = app.scenario().runs[0].start;
    h.get_by_label("tool picture").click();
    h.run_steps(3);
    let start = h.state().scenario().runs[0].start;
    assert_ne!(start, before);
    // The start is the centre of a grid cell.
    let cell = (view.x[1] - view.x[0]) / 16.0;
    let k = (start.0 - view.x[0]) / cell - 0.5;
    assert!(
        (k - k.round()).abs() < 1e-9,
        "x = {} is a cell centre",
        start.0
    );
}

#[test]
fn cancel_stops_a_long_sweep_and_leaves_the_scenario_alone() {
    let mut s = builtin("saddle-momentum-escapes");
    s.sweep.x.count = 64;
    s.sweep.y.count = 64;
    s.sweep.steps = Some(50_000);
    let mut h = harness(s);
    let runs = h.state().scenario().runs.clone();
    open(&mut h, "Hyper-parameter sweep…");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    wait(&mut h);
    let (done, total) = h.state().tools.explorer.progress().expect("a job");
    assert!(
        done < total,
        "cancelled before the end ({done} of {total} rows)"
    );
    assert_eq!(h.state().scenario().runs, runs);
    h.get_by_label("Compute again");
}

#[test]
fn tool_settings_are_saved_with_the_scenario_and_checked_on_load() {
    let mut s = builtin("himmelblau-four-minima");
    s.sweep.y.name = "beta1".to_owned();
    s.sweep.metric = optiscape::sim::sweep::Metric::StepsToTol;
    s.basins.grid = 200;
    let text = preset::to_ron(&s).expect("writes");
    let again = preset::parse(text.as_bytes(), "again.ron").expect("reads");
    assert_eq!(again.sweep, s.sweep);
    assert_eq!(again.basins, s.basins);
    for (bad, field) in [
        ("(basins: (grid: 1))", "basins.grid"),
        ("(runs: [()], sweep: (run: 3))", "sweep.run"),
        ("(sweep: (x: (name: \"speed\")))", "sweep.x.name"),
        (
            "(sweep: (x: (name: \"lr\", min: 0.0, log: true)))",
            "sweep.x.min",
        ),
        ("(sweep: (y: (count: 5000)))", "sweep.y.count"),
    ] {
        let e = preset::parse(bad.as_bytes(), "bad.ron").expect_err(bad);
        assert_eq!(e.field.as_deref(), Some(field), "{bad}: {e}");
    }
}

#[test]
fn tuning_gives_each_run_its_best_rate_when_asked() {
    use optiscape::render::ticks::fmt_number;
    use optiscape::scenario::OptimizerConfig;
    use optiscape::sim::sweep::Metric;
    use optiscape::sim::tune;
    use optiscape::work::Progress;

    // Gradient descent and Adam on the ill-conditioned bowl: their best rates differ.
    let mut s = builtin("gd-bowl");
    s.runs[1].optimizer = OptimizerConfig::with_lr("adam", 0.05);
    s.steps = 400;
    let mut h = harness(s.clone());
    open(&mut h, "Tune learning rate…");
    wait(&mut h);
    let app = h.state();
    assert_eq!(app.tools.explorer.error, None);
    assert_eq!(
        app.tools.explorer.progress(),
        Some((61, 61)),
        "one unit per rate"
    );
    // The same tuning as the command line's, run by run.
    let compiled = s.compile().expect("valid");
    let expected: Vec<tune::Tuned> = compiled
        .runs
        .iter()
        .zip(&s.runs)
        .map(|(spec, run)| {
            tune::tune(
                spec,
                &run.optimizer.params(),
                &tune::default_grid(),
                Metric::StepsToTol,
                &Progress::default(),
            )
            .expect("valid")
            .expect("not cancelled")
        })
        .collect();
    assert_eq!(app.tools.explorer.tuned(), expected.as_slice());
    let best: Vec<f64> = expected
        .iter()
        .map(|t| t.best_lr().expect("every run reaches the tolerance"))
        .collect();
    assert_ne!(best[0], best[1], "Adam takes a different rate");
    for b in &best {
        h.get_by_label(&fmt_number(*b));
    }
    let before: Vec<Option<f64>> = s.runs.iter().map(|r| r.optimizer.lr()).collect();
    h.get_by_label("Use tuned rates").click();
    h.run_steps(3);
    let after: Vec<Option<f64>> = h
        .state()
        .scenario()
        .runs
        .iter()
        .map(|r| r.optimizer.lr())
        .collect();
    assert_eq!(after, vec![Some(best[0]), Some(best[1])]);
    assert_ne!(after, before);
    assert_eq!(
        h.state().scenario().runs[1].optimizer.name,
        "adam",
        "only the rate changed"
    );
    // The tuning does not depend on the runs' own rates, so it stands after they change.
    assert!(!h.state().tools.explorer.running());
    assert_eq!(h.state().tools.explorer.tuned(), expected.as_slice());
}

#[test]
fn a_best_rate_at_the_end_of_the_grid_is_said_to_be_there() {
    use optiscape::render::ticks::fmt_number;
    use optiscape::sim::sweep::Metric;
    use optiscape::sim::tune::{self, GridEnd};

    // Gradient descent on the bowl at rates far below its stable ones: the larger, the lower the
    // final loss, so the best rate is the grid's largest and a larger one may do better still.
    let mut h = harness(builtin("gd-bowl"));
    let settings = &mut h.state_mut().tools.explorer.tune;
    settings.metric = Metric::FinalLoss;
    settings.grid = tune::parse_grid("1e-4:1e-3:4").expect("valid");
    open(&mut h, "Tune learning rate…");
    wait(&mut h);
    let tuned = h.state().tools.explorer.tuned().to_vec();
    assert!(!tuned.is_empty());
    for t in &tuned {
        assert_eq!(t.best_lr(), Some(1e-3), "{t:?}");
        assert_eq!(t.best_at_end(), Some(GridEnd::Largest));
    }
    let label = format!("{} (the largest tried)", fmt_number(1e-3));
    assert_eq!(
        h.get_all_by_label(&label).count(),
        tuned.len(),
        "one row per run"
    );
}

#[test]
fn the_tuning_curves_follow_the_windows_theme() {
    let s = builtin("gd-bowl");
    let mut h = harness(s.clone());
    // Every rate has a final loss, so every run has a curve.
    h.state_mut().tools.explorer.tune.metric = optiscape::sim::sweep::Metric::FinalLoss;
    open(&mut h, "Tune learning rate…");
    wait(&mut h);
    // The picture's corner is the theme's background; the last run's curve is in its colour.
    let last = s.runs.len() - 1;
    let look = |h: &Harness<'static, OptiscapeApp>, dark: bool| {
        let pix = h
            .state()
            .tools
            .explorer
            .draw()
            .expect("the tuning's curves");
        let px = |x, y| {
            let c = pix.pixel(x, y).expect("inside").demultiply();
            [c.red(), c.green(), c.blue()]
        };
        // The closest any pixel comes to the last run's colour in this theme (its curve is drawn
        // last, over the others).
        let curve = s.runs[last].rgb_in(last, dark).map(i32::from);
        let nearest = (0..pix.height())
            .flat_map(|y| (0..pix.width()).map(move |x| (x, y)))
            .map(|(x, y)| {
                let c = px(x, y);
                (0..3)
                    .map(|k| (i32::from(c[k]) - curve[k]).abs())
                    .sum::<i32>()
            })
            .min()
            .expect("pixels");
        let has_curve = nearest <= 12;
        (px(1, 1), has_curve)
    };
    assert!(h.state().document.persisted.dark);
    assert_ne!(
        s.runs[last].rgb_in(last, true),
        s.runs[last].rgb_in(last, false)
    );
    assert_eq!(look(&h, true), ([27, 27, 27], true));
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Light theme").click();
    h.run_steps(3);
    assert!(!h.state().document.persisted.dark);
    assert_eq!(look(&h, false), ([248, 248, 248], true));
}
