//! A scenario's network section: checked with every error naming its field, carried whole by
//! preset files and links, computed by the window in the background into the slice and the paths
//! it draws, and drawn by the exports.

use std::sync::Arc;

use optiscape::app::computed::Computed;
use optiscape::preset;
use optiscape::scenario::{NetConfig, RunConfig, Scenario};
use optiscape::sim::SurfaceKind;
use optiscape::sim::schedule::Schedule;

fn net_scenario() -> Scenario {
    optiscape::files::resolve("net-adam-vs-sgd").expect("built in")
}

#[test]
fn every_bad_value_is_refused_with_its_field_named() {
    type Edit = fn(&mut Scenario);
    let cases: [(Edit, &str); 11] = [
        (|s| net(s).data = "mnist".into(), "net.data"),
        (|s| net(s).plane = "diagonal".into(), "net.plane"),
        (|s| net(s).samples = 1, "net.samples"),
        (|s| net(s).data_noise = f64::NAN, "net.data_noise"),
        (|s| net(s).hidden = vec![8, 0], "net.hidden"),
        (|s| net(s).grid = 1, "net.grid"),
        (|s| s.steps = 1_000_000, "steps"),
        (|s| s.tol = Some(1e-6), "tol"),
        (|s| s.runs[1].batch_size = Some(0), "runs[1].batch_size"),
        (|s| s.runs[1].noise = 0.5, "runs[1].noise"),
        (
            |s| {
                s.runs[0].schedule = Schedule::Step {
                    step_size: 10,
                    gamma: 0.5,
                }
            },
            "runs[0].schedule",
        ),
    ];
    for (edit, path) in cases {
        let mut s = net_scenario();
        edit(&mut s);
        let e = s.experiment().expect_err(path);
        assert_eq!(e.path, path, "{e}");
        assert_eq!(s.validate().expect_err(path).path, path);
    }
    // The endpoints plane needs two runs.
    let mut s = net_scenario();
    net(&mut s).plane = "endpoints".into();
    assert!(s.experiment().is_ok());
    s.runs.push(s.runs[0].clone());
    assert_eq!(s.experiment().expect_err("three runs").path, "net.plane");
    // A file cannot ask for hours of work.
    let mut s = net_scenario();
    net(&mut s).hidden = vec![64; 4];
    net(&mut s).samples = 10_000;
    s.steps = 20_000;
    let e = s.experiment().expect_err("too big");
    assert_eq!(e.path, "steps");
    assert!(e.message.contains("cap"), "{e}");
    // The tools that run on a 2-D surface say why they cannot take it.
    assert_eq!(net_scenario().compile().expect_err("a network").path, "net");
}

fn net(s: &mut Scenario) -> &mut NetConfig {
    s.net.as_mut().expect("a network scenario")
}

#[test]
fn files_and_links_carry_the_network_section() {
    let mut s = net_scenario();
    *net(&mut s) = NetConfig {
        data: "spiral".into(),
        samples: 300,
        data_noise: 0.05,
        seed: 7,
        hidden: vec![16, 4, 3],
        plane: "random".into(),
        grid: 25,
    };
    let text = preset::to_ron(&s).expect("writes");
    assert_eq!(preset::parse(text.as_bytes(), "s.ron").expect("reads"), s);
    let link = optiscape::link::link(Some("https://example.org/optiscape/"), &s).expect("a link");
    assert_eq!(optiscape::link::read(&link).expect("opens"), s);
    // A short hand-written section takes the defaults: 256 points of two moons with noise 0.1.
    let short = r#"(net: (), runs: [(optimizer: (name: "adam", lr: 0.01))])"#;
    let s = preset::parse(short.as_bytes(), "short.ron").expect("valid");
    let setup = s.experiment().expect("valid").expect("a network").setup;
    assert_eq!(
        (setup.samples, setup.data_noise, setup.hidden),
        (256, 0.1, vec![8, 8])
    );
    // An unknown field is refused by name.
    let bad = r#"(net: (layers: 3), runs: [])"#;
    let e = preset::parse(bad.as_bytes(), "bad.ron").expect_err("unknown field");
    assert!(e.to_string().contains("layers"), "{e}");
}

/// The costs the budget counts (`optiscape::cost`): a wide network's PCA plane through few iterates
/// is cheap (no weights × weights matrix), a file or link asking for more work than the budget is
/// refused with what to lower, and more runs than a scenario holds are refused.
#[test]
fn files_and_links_are_held_to_the_one_budget() {
    let mut wide = net_scenario();
    net(&mut wide).hidden = vec![64; 4];
    net(&mut wide).samples = 2;
    net(&mut wide).grid = 9;
    wide.steps = 1;
    let link = optiscape::link::link(None, &wide).expect("a link");
    let opened = optiscape::link::read(&link).expect("a link to a wide network opens");
    let t = std::time::Instant::now();
    let outcome = opened
        .experiment()
        .expect("valid")
        .expect("a network")
        .compute();
    assert_eq!(outcome.net.params(), 12_737);
    let [a, b] = outcome.plane.explained.expect("PCA shares");
    assert!(a >= b && a + b <= 1.0 + 1e-9, "{a} {b}");
    assert!(
        t.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        t.elapsed()
    );
    // A one-neuron network's 201² slice over 10,000 samples: half a minute of forward passes.
    let mut slice = net_scenario();
    net(&mut slice).hidden = vec![1];
    net(&mut slice).samples = 10_000;
    net(&mut slice).grid = 201;
    net(&mut slice).plane = "random".into();
    slice.steps = 3;
    let e = slice.validate().expect_err("over the budget");
    assert_eq!(e.path, "steps");
    assert!(
        e.message.contains("over the budget of 30 s; take fewer"),
        "{e}"
    );
    let text = preset::to_ron(&slice).expect("written");
    let e = preset::parse(text.as_bytes(), "slice.ron").expect_err("refused on load");
    assert!(e.to_string().contains("over the budget"), "{e}");
    // Every optimizer is a run; at most as many as a scenario holds.
    let mut many = net_scenario();
    many.runs = vec![many.runs[0].clone(); 65];
    assert_eq!(many.experiment().expect_err("65 runs").path, "runs");
}

#[test]
fn the_window_computes_the_slice_in_the_background_and_draws_the_projected_paths_on_it() {
    let scenario = net_scenario();
    let mut computed = Computed::default();
    computed.update(&scenario, false);
    assert!(computed.error.is_none(), "{:?}", computed.error);
    let (_, total) = computed.background().expect("trained in the background");
    // The two runs in pieces of a few steps, a row of the slice each, each run's slice values.
    assert!(total > 2 * 10 + 41 + 2, "{total}");
    computed.settle();
    let net = computed.net.clone().expect("computed");
    let surface = computed.surface.clone().expect("the slice");
    assert_eq!(surface.kind(), SurfaceKind::Slice);
    let outcome = &net.outcome;
    // The slice is exact at its grid points: its middle is Adam's final weights.
    let mid = optiscape::sim::V2::new(outcome.xs[20], outcome.ys[20]);
    let adam_end = *outcome.runs[0].losses.last().expect("steps");
    assert!((surface.value(mid) - adam_end).abs() < 1e-12);
    for (i, run) in computed.runs.iter().enumerate() {
        let t = &run.trajectory;
        assert_eq!(t.points.len(), scenario.steps + 1);
        for k in [0, 500, scenario.steps] {
            let r = net.readout(i, k).expect("a readout");
            // The ball sits on the slice at its projection; the plot shows the true loss.
            assert_eq!(t.losses[k], r.slice_loss);
            let p = outcome.projected[i][k];
            assert_eq!((t.points[k].x, t.points[k].y), (p.0[0], p.0[1]));
            assert_eq!(r.off_plane, p.1);
            let training = computed.loss_path(i).expect("a loss path");
            assert_eq!(training.losses[k], outcome.runs[i].losses[k]);
            assert_eq!(
                r.loss,
                outcome.net.loss(&outcome.runs[i].weights[k], &outcome.data)
            );
        }
    }
    // A changed run trains again; the shown results stay until the new ones arrive.
    let mut changed = scenario.clone();
    changed.runs[1].optimizer.set_float("lr", 0.05);
    computed.update(&changed, false);
    assert!(computed.background().is_some());
    assert!(Arc::ptr_eq(computed.net.as_ref().expect("kept"), &net));
    computed.settle();
    let new = computed.net.clone().expect("computed");
    assert!(!Arc::ptr_eq(&new, &net));
    assert_eq!(new.experiment.runs[1].optimizer.lr(), 0.05);
    // Leaving the network for a surface drops its results.
    let mut plain = changed;
    plain.net = None;
    plain.runs = vec![RunConfig::default()];
    computed.update(&plain, false);
    assert!(computed.net.is_none());
    assert_eq!(
        computed.surface.as_ref().map(|s| s.kind()),
        Some(SurfaceKind::Rosenbrock)
    );
}

/// `optiscape render PRESET ARGS -o out`, which must succeed.
fn render(preset: &str, args: &[&str], out: &std::path::Path) {
    let run = assert_cmd::Command::cargo_bin("optiscape")
        .expect("built")
        .args(["render", preset])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{preset} {args:?}: {err}");
}

#[test]
fn exports_draw_the_slice_and_say_what_it_is() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let svg = dir.path().join("net.svg");
    render("net-adam-vs-sgd", &["--step", "1000"], &svg);
    let text = std::fs::read_to_string(&svg).expect("written");
    assert!(
        text.contains("2-D slice of a 105-dimensional landscape"),
        "the picture says what it shows"
    );
    let png = dir.path().join("net3d.png");
    render("net-lecture-lr", &["--view", "3d"], &png);
    assert!(std::fs::metadata(&png).expect("written").len() > 10_000);
}

#[test]
fn an_export_from_the_window_draws_its_network_without_training_it_again() {
    use optiscape::render::resolve::{Given, resolve};
    let mut app = optiscape::app::OptiscapeApp::new(net_scenario());
    app.computed.settle();
    let net = app.computed.net.clone().expect("trained in the window");
    let source = app.export_source();
    let drawn = resolve(&source.scenario, &source.given()).expect("drawn");
    assert!(!drawn.trained, "the window's outcome is drawn");
    // Its paths are the window's, on the window's slice.
    for (r, shown) in drawn.runs.iter().zip(&app.computed.runs) {
        assert_eq!(r.trajectory.points, shown.trajectory.points);
    }
    let grid = net.outcome.surface_grid().expect("a slice");
    assert_eq!(drawn.surface, optiscape::sim::Surface::sampled(grid));
    // Without it the export trains, and an outcome of another experiment is not taken.
    assert!(
        resolve(&source.scenario, &Given::NONE)
            .expect("drawn")
            .trained
    );
    let mut other = source.scenario.clone();
    other.runs[1].optimizer.set_float("lr", 0.05);
    assert!(resolve(&other, &source.given()).expect("drawn").trained);
}
