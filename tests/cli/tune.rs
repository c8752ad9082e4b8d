//! `optiscape tune`: the JSON contract, checked against single runs made with `optiscape trace` and
//! against gradient descent's known stable rates on a quadratic bowl; `--run`, `--metric`, the picture,
//! and refusals.

use std::path::{Path, PathBuf};

use super::optiscape;
use serde_json::Value;

/// ½(x² + 9y²) with gradient descent (named, in magenta) and momentum from (2, 1), no tolerance.
const BOWL: &str = r##"(
    title: "Bowl",
    surface: (name: "quadratic", params: {"kappa": 9.0, "theta": 0.0}),
    steps: 5000,
    runs: [
        (name: "GD", optimizer: (name: "sgd", lr: 0.01), start: (2.0, 1.0), color: "#ff00ff"),
        (optimizer: (name: "momentum", lr: 0.01), start: (2.0, 1.0)),
    ],
)"##;
const KAPPA: f64 = 9.0;

struct Bowl {
    _dir: tempfile::TempDir,
    preset: PathBuf,
    dir: PathBuf,
}

fn bowl() -> Bowl {
    let dir = tempfile::tempdir().expect("temp dir");
    let preset = dir.path().join("bowl.ron");
    std::fs::write(&preset, BOWL).expect("written");
    Bowl {
        dir: dir.path().to_path_buf(),
        preset,
        _dir: dir,
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// Runs `tune` with `args` and reads the JSON it wrote.
fn tune_json(b: &Bowl, args: &[&str]) -> Value {
    let out = b.dir.join("tune.json");
    let o = optiscape()
        .arg("tune")
        .arg(s(&b.preset))
        .args(args)
        .args(["-o", s(&out)])
        .output()
        .expect("runs");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON")
}

/// Gradient descent on the bowl at `lr`, by `optiscape trace`: (status, stopped_at, final loss).
fn trace_gd(lr: f64, tol: Option<f64>) -> (String, Option<u64>, Option<f64>) {
    let mut args = vec![
        "trace".to_owned(),
        "--surface=quadratic".to_owned(),
        format!("--param=kappa={KAPPA}"),
        "--param=theta=0".to_owned(),
        "--optimizer=sgd".to_owned(),
        "--start=2,1".to_owned(),
        "--steps=5000".to_owned(),
        format!("--lr={lr}"),
    ];
    if let Some(t) = tol {
        args.push(format!("--tol={t}"));
    }
    let o = optiscape().args(&args).output().expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let loss = v["losses"]
        .as_array()
        .and_then(|l| l.last())
        .and_then(Value::as_f64);
    (
        v["status"].as_str().unwrap_or_default().to_owned(),
        v["stopped_at"].as_u64(),
        loss,
    )
}

fn floats(v: &Value) -> Vec<Option<f64>> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(Value::as_f64)
        .collect()
}

/// The rates of the grid `MIN:MAX:COUNT` as the library spaces them, after checking that the JSON's
/// `lr` holds them. The single runs take these: serde_json reads a number back to within an ulp, and
/// an ulp of the rate moves a final loss.
fn grid(v: &Value, text: &str) -> Vec<f64> {
    let exact = optiscape::sim::tune::parse_grid(text)
        .expect("valid")
        .values();
    let read = floats(&v["lr"]);
    assert_eq!(read.len(), exact.len());
    for (r, e) in read.iter().zip(&exact) {
        assert!(
            r.is_some_and(|r| ((r - e) / e).abs() < 1e-15),
            "{r:?} ≠ {e}"
        );
    }
    exact
}

/// An object's keys, sorted.
fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The grid index of the JSON's rate `lr` (as read back, like `lr`).
fn index_of(v: &Value, lr: f64) -> usize {
    floats(&v["lr"])
        .iter()
        .position(|&r| r == Some(lr))
        .expect("a rate of the grid")
}

#[test]
fn the_json_holds_every_run_with_its_best_rate_as_single_runs_confirm() {
    let b = bowl();
    let v = tune_json(&b, &[]);
    assert_eq!(keys(&v), ["lr", "metric", "runs"]);
    assert_eq!(v["metric"], "steps_to_tol");
    let lr = grid(&v, "1e-5:1:61");
    assert_eq!(
        (lr.len(), lr[0], lr[60]),
        (61, 1e-5, 1.0),
        "the default grid"
    );
    assert!((lr[24] - 1e-3).abs() < 1e-15, "twelve rates a decade");
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2, "every run without --run");
    for (i, (name, optimizer)) in [("GD", "sgd"), ("SGD + momentum", "momentum")]
        .iter()
        .enumerate()
    {
        let r = &runs[i];
        assert_eq!(
            keys(r),
            ["best", "best_lr", "name", "optimizer", "run", "values"]
        );
        assert_eq!(
            (r["run"].as_u64(), &r["name"], &r["optimizer"]),
            (
                Some(i as u64),
                &Value::from(*name),
                &Value::from(*optimizer)
            )
        );
        assert_eq!(r["values"].as_array().map(Vec::len), Some(61));
    }
    let gd = floats(&runs[0]["values"]);
    // The y coordinate shrinks by |1 − 9·lr| a step: from 2/9 on, nothing settles.
    for (&rate, value) in lr.iter().zip(&gd) {
        if rate >= 2.0 / KAPPA {
            assert_eq!(*value, None, "lr {rate}");
        }
    }
    let best = runs[0]["best"].as_f64().expect("a best value");
    let k = index_of(&v, runs[0]["best_lr"].as_f64().expect("a best rate"));
    let best_lr = lr[k];
    assert_eq!(gd[k], Some(best));
    assert!(gd.iter().flatten().all(|&v| v >= best), "the fewest steps");
    // Gradient descent is fastest where max(|1 − lr|, |1 − 9·lr|) is smallest.
    let rho = |r: f64| (1.0 - r).abs().max((1.0 - KAPPA * r).abs());
    assert!(
        lr.iter().all(|&r| rho(r) >= rho(best_lr)),
        "best lr {best_lr}"
    );
    // Single runs at the best rate and its neighbours, with the sweep's tolerance 1e-6.
    for j in [k - 1, k, k + 1] {
        let (status, stopped, _) = trace_gd(lr[j], Some(1e-6));
        let steps = (status == "converged").then_some(stopped).flatten();
        assert_eq!(steps.map(|s| s as f64), gd[j], "lr {}", lr[j]);
        if j != k {
            assert!(gd[j].is_none_or(|v| v > best), "lr {} is slower", lr[j]);
        }
    }
}

#[test]
fn one_run_and_the_final_loss_metric() {
    let b = bowl();
    let all = tune_json(&b, &["--lr", "1e-3:1:37"]);
    let one = tune_json(&b, &["--lr", "1e-3:1:37", "--run", "1"]);
    let runs = one["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!(
        runs[0], all["runs"][1],
        "the same run as in the whole tuning"
    );
    assert_eq!(one["lr"], all["lr"]);
    let v = tune_json(&b, &["--run", "0", "--metric", "final_loss"]);
    assert_eq!(v["metric"], "final_loss");
    let lr = grid(&v, "1e-5:1:61");
    let values = floats(&v["runs"][0]["values"]);
    let best = v["runs"][0]["best"].as_f64().expect("a best value");
    let k = index_of(&v, v["runs"][0]["best_lr"].as_f64().expect("a best rate"));
    for (j, (&rate, value)) in lr.iter().zip(&values).enumerate() {
        let (status, _, loss) = trace_gd(rate, None);
        if status == "diverged" {
            assert_eq!(*value, None, "lr {rate} diverged");
        } else {
            assert_eq!(*value, loss, "lr {rate}: the final loss of a single run");
            // The lowest loss; a tie goes to the smaller rate.
            assert!(
                value.is_some_and(|v| v > best || (v == best && j >= k)),
                "lr {rate}"
            );
        }
    }
    assert!(rate_diverges(&lr, &values), "rates above 2/9 blow up");
}

/// Whether every rate above 2/κ has no value.
fn rate_diverges(lr: &[f64], values: &[Option<f64>]) -> bool {
    lr.iter()
        .zip(values)
        .filter(|(r, _)| **r > 2.0 / KAPPA)
        .all(|(_, v)| v.is_none())
}

#[test]
fn the_picture_is_a_png_of_the_asked_size_with_the_runs_colour() {
    let b = bowl();
    let png = b.dir.join("tune.png");
    let o = optiscape()
        .args(["tune", s(&b.preset), "--size", "640x480", "-o", s(&png)])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png).expect("written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("decodes");
    assert_eq!((info.width, info.height), (640, 480));
    let channels = info.color_type.samples();
    let magenta = buf
        .chunks(channels)
        .filter(|p| p[..3] == [255, 0, 255])
        .count();
    assert!(
        magenta > 50,
        "the GD run's curve is drawn in its colour ({magenta} pixels)"
    );
}

#[test]
fn a_built_in_preset_is_taken_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("gd.json");
    let o = optiscape()
        .args([
            "tune",
            "gd-bowl",
            "--run",
            "1",
            "--lr",
            "0.01:1:13",
            "-o",
            s(&out),
        ])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(v["runs"][0]["name"], "GD, lr = 0.05");
    assert_eq!(v["lr"].as_array().map(Vec::len), Some(13));
}

#[test]
fn bad_requests_fail_with_one_clear_line_and_the_sweeps_exit_codes() {
    let b = bowl();
    let out = b.dir.join("x.json");
    let preset = s(&b.preset).to_owned();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["--lr", "1e-5:1"], 2, "MIN:MAX:COUNT"),
        (vec!["--lr", "0:1:5"], 2, "min > 0"),
        (vec!["--lr", "1:1e-5:5"], 2, "min ≤ max"),
        (vec!["--lr", "1e-5:1:0"], 2, "from 1 to 1024"),
        (vec!["--lr", "a:1:5"], 2, "`a` is not a finite number"),
        (vec!["--lr", "1e-3:1e-2:1"], 2, "MIN = MAX"),
        (vec!["--metric", "speed"], 2, "--metric"),
        (
            vec!["--run", "2"],
            2,
            "bowl.ron has 2 runs, numbered from 0; there is no run 2",
        ),
    ];
    for (args, code, says) in cases {
        let o = optiscape()
            .args(["tune", &preset])
            .args(&args)
            .args(["-o", s(&out)])
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        if code == 2 && args[0] == "--lr" {
            assert!(err.contains("--lr"), "names the flag: {err}");
        }
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(!out.exists(), "no file is left behind");
    }
    for (args, code, says) in [
        (
            vec!["tune", "no-such-preset", "-o", s(&out)],
            1,
            "no-such-preset",
        ),
        (
            vec!["tune", &preset, "-o", "/tmp/tune.txt"],
            2,
            "--output: /tmp/tune.txt: the output must end in .png, .svg or .json",
        ),
    ] {
        let o = optiscape().args(&args).output().expect("runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn the_race_runs_at_the_rates_its_note_says_were_tuned() {
    // The note: 61 rates from 1e-5 to 1; the fewest steps to ‖∇f‖ < tol, else the lowest final loss.
    let race = optiscape::preset::builtin("rosenbrock-race")
        .expect("built in")
        .scenario()
        .expect("valid");
    assert!(
        race.description.contains("tuned") && race.description.contains("61"),
        "{}",
        race.description
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let tuned = |metric: &str| {
        let out = dir.path().join(format!("{metric}.json"));
        let o = optiscape()
            .args(["tune", "rosenbrock-race", "--metric", metric, "-o", s(&out)])
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: Value =
            serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
        v["runs"].as_array().expect("runs").clone()
    };
    let (steps, loss) = (tuned("steps_to_tol"), tuned("final_loss"));
    assert_eq!(steps.len(), race.runs.len());
    let mut by_loss = Vec::new();
    for (i, run) in race.runs.iter().enumerate() {
        let best = match steps[i]["best_lr"].as_f64() {
            Some(lr) => lr,
            None => {
                by_loss.push(run.optimizer.name.clone());
                loss[i]["best_lr"].as_f64().expect("a rate of lowest loss")
            }
        };
        let lr = run.optimizer.lr().expect("the preset sets each rate");
        // Within the ulp serde_json may lose reading the JSON back (and the preset writes the grid's
        // 0.009999999999999995 as 0.01).
        assert!(
            ((lr - best) / best).abs() < 1e-14,
            "{}: lr {lr}, tuned {best}",
            run.label()
        );
    }
    // The file's comment names the runs that no rate brings to the tolerance.
    assert_eq!(
        by_loss,
        [
            "sgd", "rprop", "rmsprop", "adagrad", "nadam", "adadelta", "adamw"
        ]
    );
}
