//! `optiscape net`: the JSON contract, the planes' promises, and one-line errors for bad flags.

use super::optiscape;
use serde_json::Value;

fn net(args: &[&str]) -> Value {
    let out = optiscape().arg("net").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

#[test]
fn every_run_has_a_value_per_iterate_and_the_slice_a_row_per_y() {
    let v = net(&[
        "--optimizer",
        "adam,sgd,momentum",
        "--lr",
        "0.01",
        "--steps",
        "60",
        "--grid",
        "9",
    ]);
    assert_eq!(v["params"], 105);
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 3);
    for (run, name) in runs.iter().zip(["adam", "sgd", "momentum"]) {
        assert_eq!(run["optimizer"], name);
        assert_eq!(run["lr"], 0.01);
        for field in ["losses", "accuracy", "slice_losses", "off_plane"] {
            assert_eq!(floats(&run[field]).len(), 61, "{field}");
        }
        assert_eq!(run["path"].as_array().expect("path").len(), 61);
        let acc = floats(&run["accuracy"]);
        assert!(acc.iter().all(|a| (0.0..=1.0).contains(a)));
    }
    let slice = &v["slice"];
    assert_eq!(slice["plane"], "pca");
    let (x, y) = (floats(&slice["x"]), floats(&slice["y"]));
    assert_eq!((x.len(), y.len()), (9, 9));
    assert!(y.windows(2).all(|w| w[0] < w[1]), "rows in ascending y");
    let values = slice["values"].as_array().expect("rows");
    assert_eq!(values.len(), 9);
    assert!(values.iter().all(|r| floats(r).len() == 9));
}

#[test]
fn an_odd_pca_slice_is_centred_on_the_first_runs_end() {
    let v = net(&[
        "--optimizer",
        "adam,rmsprop",
        "--lr",
        "0.01",
        "--steps",
        "80",
        "--grid",
        "7",
    ]);
    let run = &v["runs"][0];
    let last = *floats(&run["losses"]).last().expect("losses");
    let middle = floats(&v["slice"]["values"][3])[3];
    assert!((middle - last).abs() < 1e-9, "{middle} against {last}");
    let end = &run["path"][80];
    assert!(end[0].as_f64().expect("x").abs() < 1e-9 && end[1].as_f64().expect("y").abs() < 1e-9);
    assert!(*floats(&run["off_plane"]).last().expect("off") < 1e-9);
    let explained = floats(&v["slice"]["explained_variance"]);
    assert!(explained[0] >= explained[1] && explained[0] + explained[1] <= 1.0 + 1e-9);
}

#[test]
fn the_endpoints_plane_holds_the_start_and_both_ends() {
    let v = net(&[
        "--optimizer",
        "adam,sgd",
        "--lr",
        "0.01,0.5",
        "--steps",
        "50",
        "--plane",
        "endpoints",
        "--grid",
        "5",
    ]);
    let at = |run: usize, k: usize| -> [f64; 2] {
        let p = &v["runs"][run]["path"][k];
        [p[0].as_f64().expect("x"), p[1].as_f64().expect("y")]
    };
    for (got, want) in [
        (at(0, 0), [0.0, 0.0]),
        (at(1, 0), [0.0, 0.0]),
        (at(0, 50), [1.0, 0.0]),
        (at(1, 50), [0.0, 1.0]),
    ] {
        assert!(
            (got[0] - want[0]).abs() < 1e-9 && (got[1] - want[1]).abs() < 1e-9,
            "{got:?}"
        );
    }
    for run in 0..2 {
        let off = floats(&v["runs"][run]["off_plane"]);
        assert!(off[0] < 1e-9 && off[50] < 1e-9);
        // On the plane the slice's value is the true loss.
        let (true_loss, on_slice) = (
            floats(&v["runs"][run]["losses"]),
            floats(&v["runs"][run]["slice_losses"]),
        );
        assert!((true_loss[50] - on_slice[50]).abs() < 1e-9);
    }
}

#[test]
fn the_same_seed_gives_the_same_json() {
    let args = [
        "--optimizer",
        "adam",
        "--steps",
        "30",
        "--batch-size",
        "16",
        "--plane",
        "random",
        "--grid",
        "3",
        "--seed",
        "4",
    ];
    assert_eq!(net(&args), net(&args));
}

#[test]
fn bad_flags_exit_2_with_one_line_naming_the_flag() {
    for (args, flag) in [
        (vec!["--optimizer", "adam", "--data", "blobs"], "--data"),
        (vec!["--optimizer", "nosuch"], "--optimizer"),
        (
            vec!["--optimizer", "adam", "--plane", "endpoints"],
            "--plane: endpoints needs exactly two optimizers",
        ),
        (
            vec!["--optimizer", "adam,sgd", "--lr", "0.1,0.2,0.3"],
            "--lr",
        ),
        (vec!["--optimizer", "adam", "--lr", "-1"], "--lr"),
        (vec!["--optimizer", "adam", "--lr", "nan"], "--lr"),
        (vec!["--optimizer", "adam", "--grid", "1"], "--grid"),
        (
            vec!["--optimizer", "adam", "--steps", "1000000000"],
            "--steps",
        ),
        (vec!["--optimizer", "adam", "--samples", "1"], "--samples"),
        (vec!["--optimizer", "adam", "--hidden", "0"], "--hidden"),
        (
            vec!["--optimizer", "adam", "--batch-size", "0"],
            "--batch-size",
        ),
        (
            vec!["--optimizer", "adam", "--data-noise", "-1"],
            "--data-noise",
        ),
    ] {
        let out = optiscape().arg("net").args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}
