//! Every accepted input has a bounded cost: what is over the budget is refused before it runs
//! (`optiscape::cost`), on one line that names the flag to lower, in well under a second of work.

use std::time::{Duration, Instant};

use super::*;

/// Runs `args`, expects a refusal at once (exit 2 for a flag, 1 for a preset; nothing is
/// computed), one line on stderr naming `flag` and the budget, and no file `out` left behind;
/// returns the line.
fn over_budget(args: &[&str], flag: &str, out: &std::path::Path) -> String {
    let t = Instant::now();
    let o = optiscape().args(args).output().expect("runs");
    let err = String::from_utf8_lossy(&o.stderr).trim().to_owned();
    let err = err.strip_prefix("error: ").unwrap_or(&err).to_owned();
    assert!(matches!(o.status.code(), Some(1 | 2)), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(flag), "{args:?} should name {flag}: {err}");
    assert!(
        err.contains("over the budget of 30 s") || err.contains("over the cap"),
        "{args:?}: {err}"
    );
    // Refused before the work: the work itself would take minutes or hours.
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "{args:?} took {:?}",
        t.elapsed()
    );
    assert!(!out.exists(), "no file is left behind by {args:?}");
    err
}

/// A preset file of `runs` runs (cycling through a few optimizers) on `surface`.
fn preset(dir: &std::path::Path, surface: &str, runs: usize, steps: usize) -> String {
    let optimizers = ["adam", "sgd", "momentum", "rmsprop"];
    let runs: Vec<String> = (0..runs)
        .map(|i| format!("(optimizer: (name: \"{}\"))", optimizers[i % 4]))
        .collect();
    let text = format!(
        "(surface: {surface}, steps: {steps}, runs: [{}])",
        runs.join(", ")
    );
    let path = dir.join("many.ron");
    std::fs::write(&path, text).expect("written");
    path.to_str().expect("utf-8").to_owned()
}

/// About the costliest expression the custom surface accepts: 47 operations, 32 of them function
/// calls.
fn costliest_expression() -> String {
    let terms = ["cosh(tanh(x))"; 16].join("+");
    format!("(name: \"custom\", expr: \"{terms}\")")
}

#[test]
fn animations_count_frames_times_pixels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gif = dir.path().join("a.png");
    let e = over_budget(
        &[
            "render",
            "rosenbrock-race",
            "-o",
            gif.to_str().expect("utf-8"),
            "--frames",
            "10000",
        ],
        "--frames",
        &gif,
    );
    assert!(e.contains("10000 frames of 1600 × 1000 pixels"), "{e}");
    assert!(e.contains("fewer frames"), "{e}");
    let apng = dir.path().join("a.apng");
    over_budget(
        &[
            "render",
            "rosenbrock-race",
            "-o",
            apng.to_str().expect("utf-8"),
            "--frames",
            "50",
            "--size",
            "8192x8192",
        ],
        "--frames",
        &apng,
    );
}

#[test]
fn the_tools_count_every_run_of_their_grid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x.json");
    let o = out.to_str().expect("utf-8");
    let e = over_budget(
        &[
            "sweep",
            "rosenbrock-race",
            "--run",
            "1",
            "--x",
            "lr:1e-5:1e-1:1024:log",
            "--y",
            "momentum:0:0.99:1024",
            "--steps",
            "1000000",
            "-o",
            o,
        ],
        "--steps",
        &out,
    );
    assert!(e.contains("1024 × 1024 runs of 1000000 steps"), "{e}");
    over_budget(
        &["basins", "rosenbrock-race", "--grid", "1024", "-o", o],
        "--grid",
        &out,
    );
    // 64 runs, each within the budget at 1024 rates, but not all of them together.
    let many = preset(dir.path(), "(name: \"rosenbrock\")", 64, 20_000);
    let e = over_budget(
        &[
            "tune",
            &many,
            "--lr",
            "1e-5:1:1024",
            "--metric",
            "final_loss",
            "-o",
            o,
        ],
        "--steps",
        &out,
    );
    assert!(e.contains("tuning 64 runs at 1024 rates"), "{e}");
    let costly = preset(dir.path(), &costliest_expression(), 1, 1_000_000);
    over_budget(&["tune", &costly, "-o", o], "run 0", &out);
}

#[test]
fn a_scenario_counts_its_surfaces_cost_per_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("a.png");
    // 64 runs × 312,500 steps is within the cap on recorded steps; on the costliest expression it
    // is over the budget of time.
    let costly = preset(dir.path(), &costliest_expression(), 64, 312_500);
    let o = optiscape()
        .args(["render", &costly, "-o", out.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("steps: 64 runs × 312500 steps on custom"),
        "{err}"
    );
    assert!(
        err.contains("over the budget of 30 s; take fewer steps or runs, or a shorter expression"),
        "{err}"
    );
    assert!(!out.exists());
    // The same file says so when validated, as the window and a link would.
    let o = optiscape()
        .args(["validate", &costly])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("over the budget"));
    // Logistic regression's 256 samples make each step dear.
    let logreg = preset(dir.path(), "(name: \"logreg\")", 20, 1_000_000);
    let o = optiscape()
        .args(["validate", &logreg])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("over the budget"));
}

#[test]
fn a_network_counts_its_runs_and_plane_and_slice() {
    // One optimizer per run, at most as many as a scenario's runs.
    let names = vec!["adam"; 65].join(",");
    let e = refused(&["net", "--optimizer", &names, "--steps", "1"]);
    assert!(e.starts_with("error: --optimizer: 65 runs"), "{e}");
    // A one-neuron network's slice over 10,000 samples at 201² points.
    let e = refused(&[
        "net",
        "--optimizer",
        "adam",
        "--hidden",
        "1",
        "--steps",
        "3",
        "--samples",
        "10000",
        "--grid",
        "201",
        "--plane",
        "random",
    ]);
    assert!(
        e.starts_with("error: --steps:") && e.contains("over the budget of 30 s"),
        "{e}"
    );
    // The PCA plane of 2 × 1501 iterates of a 4,417-weight network: its Gram matrix and
    // eigen-decomposition are most of it, and the random plane costs none of that.
    let net = [
        "net",
        "--optimizer",
        "adam,sgd",
        "--hidden",
        "64,64",
        "--samples",
        "16",
    ];
    let e = refused(&[&net[..], &["--steps", "1500", "--grid", "3"]].concat());
    assert!(e.contains("the random plane"), "{e}");
    let random = [
        &net[..],
        &["--steps", "10", "--grid", "3", "--plane", "random"],
    ]
    .concat();
    assert_eq!(json(&random)["params"], 4417);
}

#[test]
fn a_wide_networks_pca_plane_needs_no_weights_by_weights_matrix() {
    // 12,737 weights: their covariance would be 1.3 GB and its eigen-decomposition minutes; two
    // runs' four iterates need a 4 × 4 Gram matrix.
    let t = Instant::now();
    let v = json(&[
        "net",
        "--optimizer",
        "adam,sgd",
        "--hidden",
        "64,64,64,64",
        "--steps",
        "1",
        "--samples",
        "2",
        "--grid",
        "5",
    ]);
    assert_eq!(v["params"], 12737);
    let shares = v["slice"]["explained_variance"].as_array().expect("shares");
    let shares: Vec<f64> = shares
        .iter()
        .map(|s| s.as_f64().expect("a number"))
        .collect();
    assert!(
        shares[0] >= shares[1] && shares[0] + shares[1] <= 1.0 + 1e-9,
        "{shares:?}"
    );
    assert!(
        t.elapsed() < Duration::from_secs(60),
        "took {:?}",
        t.elapsed()
    );
}
