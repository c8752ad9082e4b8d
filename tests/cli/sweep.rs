//! `optiscape sweep` and `optiscape basins`: the JSON contract, pictures, and refusals.

use std::path::Path;

use super::optiscape;
use serde_json::Value;

fn run_ok(args: &[&str]) {
    let out = optiscape().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("written")).expect("JSON")
}

fn png_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("written"),
    ));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

#[test]
fn a_sweep_as_json_has_one_row_per_y_value_and_null_where_a_run_diverged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sweep.json");
    let out_s = out.to_str().expect("utf-8");
    // Momentum on Rosenbrock: the largest learning rates blow up.
    run_ok(&[
        "sweep",
        "rosenbrock-race",
        "--run",
        "1",
        "--x",
        "lr:1e-5:1e-1:7:log",
        "--y",
        "momentum:0:0.9:4",
        "--steps",
        "300",
        "-o",
        out_s,
    ]);
    let v = read_json(&out);
    assert_eq!(v["x"]["name"], "lr");
    assert_eq!(v["y"]["name"], "momentum");
    assert_eq!(v["metric"], "final_loss");
    let xs = v["x"]["values"].as_array().expect("x values");
    let ys = v["y"]["values"].as_array().expect("y values");
    assert_eq!(xs.len(), 7);
    assert_eq!(ys.len(), 4);
    assert_eq!(xs[0].as_f64(), Some(1e-5));
    assert_eq!(xs[6].as_f64(), Some(0.1));
    assert_eq!(ys[3].as_f64(), Some(0.9));
    let rows = v["values"].as_array().expect("values");
    assert_eq!(rows.len(), 4, "one row per y value");
    for row in rows {
        assert_eq!(
            row.as_array().expect("a row").len(),
            7,
            "one entry per x value"
        );
    }
    // lr = 0.1 with momentum diverges on Rosenbrock; lr = 1e-5 never does.
    assert!(rows.iter().all(|r| r[6].is_null()), "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r[0].as_f64().is_some_and(f64::is_finite))
    );
    // The cell equals a single run with those settings.
    let trace = optiscape()
        .args([
            "trace",
            "--surface",
            "rosenbrock",
            "--optimizer",
            "momentum",
            "--start=-1.5,2",
            "--steps",
            "300",
            "--lr",
            "1e-5",
            "--momentum",
            "0.9",
            "--tol",
            "1e-4",
        ])
        .output()
        .expect("runs");
    let trace: Value = serde_json::from_slice(&trace.stdout).expect("JSON");
    let last = trace["losses"].as_array().expect("losses").last().cloned();
    assert_eq!(rows[3][0].as_f64(), last.and_then(|l| l.as_f64()));
}

#[test]
fn steps_to_tolerance_is_null_where_the_tolerance_was_never_met() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("steps.json");
    run_ok(&[
        "sweep",
        "himmelblau-four-minima",
        "--run",
        "0",
        "--x",
        "lr:1e-4:1e-2:3:log",
        "--y",
        "momentum:0:0.5:2",
        "--steps",
        "500",
        "--metric",
        "steps_to_tol",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    let v = read_json(&out);
    assert_eq!(v["metric"], "steps_to_tol");
    let rows = v["values"].as_array().expect("values");
    // lr = 1e-4 is far too slow to converge in 500 steps; lr = 1e-2 converges.
    assert!(rows.iter().all(|r| r[0].is_null()), "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r[2].as_f64().is_some_and(|k| k > 0.0 && k <= 500.0))
    );
}

#[test]
fn a_basin_map_as_json_and_as_a_picture() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("basins.json");
    run_ok(&[
        "basins",
        "himmelblau-four-minima",
        "--run",
        "0",
        "--grid",
        "12",
        "--steps",
        "600",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    let v = read_json(&out);
    assert_eq!(v["minima"].as_array().expect("minima").len(), 4);
    let basin = v["basin"].as_array().expect("basin");
    assert_eq!(basin.len(), 12);
    let ids: std::collections::BTreeSet<i64> = basin
        .iter()
        .flat_map(|r| {
            r.as_array()
                .expect("row")
                .iter()
                .map(|c| c.as_i64().expect("index"))
        })
        .collect();
    assert!(
        (0..4).all(|k| ids.contains(&k)),
        "all four minima are reached: {ids:?}"
    );
    let png = dir.path().join("basins.png");
    run_ok(&[
        "basins",
        "himmelblau-four-minima",
        "--grid",
        "16",
        "--steps",
        "300",
        "--size",
        "640x480",
        "-o",
        png.to_str().expect("utf-8"),
    ]);
    assert_eq!(png_size(&png), (640, 480));
}

#[test]
fn bad_requests_fail_with_a_clear_line_and_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x.json");
    let out_s = out.to_str().expect("utf-8");
    for (args, code, says) in [
        (
            vec![
                "sweep",
                "rosenbrock-race",
                "--run",
                "99",
                "--x",
                "lr:1e-4:1e-2:3:log",
                "--y",
                "momentum:0:0.5:2",
                "-o",
                out_s,
            ],
            2,
            "no run 99",
        ),
        (
            vec![
                "sweep",
                "rosenbrock-race",
                "--run",
                "0",
                "--x",
                "lr:1e-4:1e-2:3:log",
                "--y",
                "betas:0:0.5:2",
                "-o",
                out_s,
            ],
            2,
            "betas",
        ),
        (
            vec![
                "sweep",
                "rosenbrock-race",
                "--x",
                "lr:1e-4",
                "--y",
                "momentum:0:0.5:2",
                "-o",
                out_s,
            ],
            2,
            "--x",
        ),
        (
            vec![
                "sweep",
                "no-such-preset",
                "--x",
                "lr:1e-4:1e-2:3",
                "--y",
                "momentum:0:0.5:2",
                "-o",
                out_s,
            ],
            1,
            "no-such-preset",
        ),
        (
            vec![
                "basins",
                "himmelblau-four-minima",
                "--grid",
                "1",
                "-o",
                out_s,
            ],
            2,
            "--grid",
        ),
        (
            vec!["basins", "himmelblau-four-minima", "-o", "/tmp/basins.txt"],
            2,
            ".png, .svg or .json",
        ),
    ] {
        let o = optiscape().args(&args).output().expect("runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(!out.exists(), "no file is left behind");
    }
}

#[test]
fn an_axis_that_cannot_be_swept_says_why_and_names_its_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x.json");
    let out_s = out.to_str().expect("utf-8");
    // rosenbrock-race: run 0 is SGD, run 3 Rprop.
    for (run, x, y, flag, says) in [
        (
            "0",
            "lr:1e-4:1e-2:3:log",
            "nesterov:0:1:2",
            "--y",
            "`nesterov` of sgd is an on/off setting (true or false), so it cannot be swept",
        ),
        (
            "3",
            "etas:0.5:1.2:3",
            "lr:1e-4:1e-2:2:log",
            "--x",
            "`etas` of rprop is a pair of numbers and an axis sweeps one number",
        ),
        (
            "0",
            "lr:1e-4:1e-2:3:log",
            "lr:1e-3:1e-1:2:log",
            "--y",
            "both axes sweep `lr`",
        ),
        (
            "0",
            "lr:1e-4:1e-2:3:log",
            "betas:0:0.5:2",
            "--y",
            "optimizer `sgd` does not take `betas`",
        ),
    ] {
        let args = [
            "sweep",
            "rosenbrock-race",
            "--run",
            run,
            "--x",
            x,
            "--y",
            y,
            "-o",
            out_s,
        ];
        let o = optiscape().args(args).output().expect("runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(matches!(o.status.code(), Some(1 | 2)), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("error: {flag}: ")),
            "{args:?}: {err}"
        );
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            err.contains("a sweep axis of") || says.starts_with("both"),
            "{err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(!out.exists());
    }
}
