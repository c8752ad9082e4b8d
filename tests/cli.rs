//! The command line is a contract: these tests run the real binary.

use assert_cmd::Command;
use serde_json::Value;

fn optiscape() -> Command {
    Command::cargo_bin("optiscape").expect("the binary is built for the tests")
}

/// Runs with `args`, expects success, parses stdout as JSON.
fn json(args: &[&str]) -> Value {
    let out = optiscape().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Runs with `args`, expects exit code 2 and one line on stderr; returns that line.
fn refused(args: &[&str]) -> String {
    let out = optiscape().args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} should exit 2; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    assert_eq!(
        err.lines().count(),
        1,
        "one line expected for {args:?}, got: {err}"
    );
    assert!(out.stdout.is_empty(), "nothing on stdout for {args:?}");
    err
}

const ADAM: [&str; 10] = [
    "trace",
    "--surface",
    "rosenbrock",
    "--optimizer",
    "adam",
    "--start",
    "-1.5,2",
    "--steps",
    "3",
    "--lr=0.1",
];

#[test]
fn trace_prints_the_contract_object() {
    let v = json(&ADAM);
    assert_eq!(v["surface"], "rosenbrock");
    assert_eq!(v["optimizer"], "adam");
    assert_eq!(v["start"], serde_json::json!([-1.5, 2.0]));
    assert_eq!(v["status"], "max_steps");
    assert!(v["stopped_at"].is_null());
    let hyper = &v["hyper"];
    assert_eq!(hyper["lr"], 0.1);
    assert_eq!(hyper["betas"], serde_json::json!([0.9, 0.999]));
    assert_eq!(hyper["eps"], 1e-8);
    assert_eq!(hyper["weight_decay"], 0.0);
    assert_eq!(hyper["amsgrad"], false);
    let points = v["points"].as_array().expect("points");
    let losses = v["losses"].as_array().expect("losses");
    assert_eq!(points.len(), 4);
    assert_eq!(losses.len(), 4);
    assert_eq!(losses[0], 12.5, "f(-1.5, 2) = 2.5² + 100·(2 − 2.25)²");
    // Adam's first step moves every coordinate by lr against the gradient's sign.
    let p1 = &points[1];
    assert!((p1[0].as_f64().unwrap() - (-1.4)).abs() < 1e-9);
    assert!((p1[1].as_f64().unwrap() - 2.1).abs() < 1e-9);
}

#[test]
fn trace_numbers_round_trip_in_full_precision() {
    let v = json(&ADAM);
    let x = v["points"][2][0].as_f64().unwrap();
    let text = serde_json::to_string(&v["points"][2][0]).unwrap();
    assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits());
    assert!(text.len() > 12, "printed with all its digits: {text}");
}

#[test]
fn trace_reports_divergence_with_finite_points_only() {
    let v = json(&[
        "trace",
        "--surface",
        "rosenbrock",
        "--optimizer",
        "sgd",
        "--start",
        "-1.5,2",
        "--steps",
        "100",
        "--lr",
        "1",
    ]);
    assert_eq!(v["status"], "diverged");
    let k = v["stopped_at"].as_u64().expect("stopped_at") as usize;
    assert_eq!(v["points"].as_array().unwrap().len(), k);
    assert_eq!(v["losses"].as_array().unwrap().len(), k);
    assert!((2..100).contains(&k));
}

#[test]
fn trace_stops_at_the_tolerance() {
    let v = json(&[
        "trace",
        "--surface",
        "quadratic",
        "--optimizer",
        "sgd",
        "--lr",
        "0.05",
        "--start",
        "1,1",
        "--steps",
        "100000",
        "--tol",
        "1e-6",
    ]);
    assert_eq!(v["status"], "converged");
    let n = v["points"].as_array().unwrap().len();
    assert_eq!(v["stopped_at"].as_u64(), Some(n as u64 - 1));
    assert!(n < 100_001);
}

#[test]
fn trace_is_reproducible_with_a_seed() {
    let args = [
        "trace",
        "--surface",
        "linreg",
        "--optimizer",
        "sgd",
        "--lr",
        "0.05",
        "--start",
        "0,0",
        "--steps",
        "50",
        "--batch-size",
        "8",
        "--noise",
        "0.1",
        "--seed",
        "7",
    ];
    assert_eq!(json(&args), json(&args));
    let mut other = args;
    other[16] = "8";
    assert_ne!(json(&args)["points"], json(&other)["points"]);
}

#[test]
fn hyper_reports_torch_kwargs_with_defaults() {
    let run = |opt: &str| {
        json(&[
            "trace",
            "--surface",
            "booth",
            "--optimizer",
            opt,
            "--start",
            "0,0",
            "--steps",
            "1",
        ])["hyper"]
            .clone()
    };
    assert_eq!(run("momentum")["momentum"], 0.9);
    assert_eq!(run("nesterov")["nesterov"], true);
    assert_eq!(run("ema")["momentum"], 0.9);
    assert!(run("ema").get("dampening").is_none(), "EMA is no torch SGD");
    assert_eq!(run("amsgrad")["amsgrad"], true);
    assert_eq!(run("adadelta")["lr"], 1.0);
    assert_eq!(run("adamax")["lr"], 0.002);
    assert_eq!(run("nadam")["momentum_decay"], 0.004);
    assert_eq!(run("rprop")["etas"], serde_json::json!([0.5, 1.2]));
    assert_eq!(run("rprop")["step_sizes"], serde_json::json!([1e-6, 50.0]));
    assert_eq!(run("adagrad")["eps"], 1e-10);
    assert_eq!(run("rmsprop")["alpha"], 0.99);
}

#[test]
fn every_hyper_flag_is_accepted_where_torch_takes_it() {
    let ok = |opt: &str, flags: &[&str]| {
        let mut args = vec![
            "trace",
            "--surface",
            "booth",
            "--optimizer",
            opt,
            "--start",
            "0,0",
            "--steps",
            "2",
        ];
        args.extend_from_slice(flags);
        json(&args)
    };
    ok(
        "sgd",
        &[
            "--lr",
            "0.01",
            "--momentum",
            "0.5",
            "--dampening",
            "0.1",
            "--weight-decay",
            "0.01",
        ],
    );
    ok("sgd", &["--momentum", "0.5", "--nesterov"]);
    ok("momentum", &["--nesterov", "true"]);
    ok(
        "rmsprop",
        &[
            "--alpha",
            "0.9",
            "--eps",
            "1e-6",
            "--centered",
            "--momentum",
            "0.5",
        ],
    );
    ok(
        "adagrad",
        &["--lr-decay", "0.1", "--initial-accumulator-value", "0.1"],
    );
    ok("adadelta", &["--rho", "0.95"]);
    ok("adam", &["--betas", "0.8,0.99", "--amsgrad"]);
    ok("nadam", &["--momentum-decay", "0.01"]);
    ok("rprop", &["--etas", "0.4,1.3", "--step-sizes", "1e-5,10"]);
    let v = ok("adam", &["--amsgrad", "false"]);
    assert_eq!(v["hyper"]["amsgrad"], false);
}

#[test]
fn eval_prints_value_and_gradient() {
    let v = json(&["eval", "--surface", "rosenbrock", "--at", "0,0"]);
    assert_eq!(v["value"], 1.0);
    assert_eq!(v["grad"], serde_json::json!([-2.0, 0.0]));
    let v = json(&[
        "eval",
        "--surface",
        "quadratic",
        "--param",
        "kappa=50",
        "--param",
        "theta=0",
        "--at",
        "0,1",
    ]);
    assert_eq!(v["value"], 25.0);
}

#[test]
fn lists_name_every_surface_and_optimizer() {
    let surfaces = json(&["surfaces", "--json"]);
    let names: Vec<&str> = surfaces
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for n in [
        "rosenbrock",
        "beale",
        "saddle",
        "monkey_saddle",
        "himmelblau",
        "booth",
        "rastrigin",
        "ackley",
        "six_hump_camel",
        "goldstein_price",
        "styblinski_tang",
        "quadratic",
        "linreg",
        "logreg",
    ] {
        assert!(names.contains(&n), "{n} missing");
    }
    let optimizers = json(&["optimizers", "--json"]);
    let names: Vec<&str> = optimizers
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "sgd", "momentum", "nesterov", "ema", "rprop", "rmsprop", "adagrad", "adadelta",
            "adam", "amsgrad", "adamax", "nadam", "adamw", "lion"
        ]
    );
    for o in optimizers.as_array().unwrap() {
        let paper = o["paper"].as_str().unwrap_or_default();
        assert!(paper.len() > 10, "{} has no paper: {o}", o["name"]);
        assert!(
            o["year"]
                .as_u64()
                .is_some_and(|y| (1950..2030).contains(&y)),
            "{o}"
        );
    }
    let adam = &optimizers[8];
    assert_eq!(adam["name"], "adam");
    assert!(adam["paper"].as_str().unwrap().contains("Kingma"), "{adam}");
    let text = optiscape().arg("surfaces").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("kappa=10"));
    let text = optiscape().arg("optimizers").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("--momentum-decay 0.004"));
}

#[test]
fn bad_input_names_the_flag_and_exits_2() {
    let base = [
        "trace",
        "--surface",
        "rosenbrock",
        "--optimizer",
        "adam",
        "--start",
        "0,0",
        "--steps",
        "10",
    ];
    let with = |extra: &[&str]| {
        let mut v = base.to_vec();
        v.extend_from_slice(extra);
        refused(&v)
    };
    let cases: &[(&[&str], &str)] = &[
        (&["--lr", "0"], "--lr"),
        (&["--lr", "-1"], "--lr"),
        (&["--lr", "nan"], "--lr"),
        (&["--lr", "inf"], "--lr"),
        (&["--lr", "abc"], "--lr"),
        (&["--betas", "0.9,1"], "--betas"),
        (&["--betas", "-0.1,0.9"], "--betas"),
        (&["--betas", "0.9"], "--betas"),
        (&["--eps", "-1"], "--eps"),
        (&["--weight-decay", "-0.1"], "--weight-decay"),
        (&["--momentum", "0.5"], "--momentum"),
        (&["--etas", "0.5,1.2"], "--etas"),
        (&["--noise", "-1"], "--noise"),
        (&["--tol", "0"], "--tol"),
        (&["--batch-size", "4"], "--batch-size"),
        (&["--param", "a=nan"], "--param"),
        (&["--param", "zeta=1"], "--param"),
        (&["--frobnicate"], "--frobnicate"),
    ];
    for (extra, flag) in cases {
        let err = with(extra);
        assert!(
            err.contains(flag),
            "{extra:?}: message should name {flag}: {err}"
        );
    }
}

#[test]
fn bad_names_points_and_counts_are_refused() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "trace",
                "--surface",
                "banana",
                "--optimizer",
                "adam",
                "--start",
                "0,0",
                "--steps",
                "1",
            ],
            "--surface",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "shampoo",
                "--start",
                "0,0",
                "--steps",
                "1",
            ],
            "--optimizer",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adam",
                "--start",
                "0",
                "--steps",
                "1",
            ],
            "--start",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adam",
                "--start",
                "0,inf",
                "--steps",
                "1",
            ],
            "--start",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adam",
                "--start",
                "0,0,0",
                "--steps",
                "1",
            ],
            "--start",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adam",
                "--start",
                "0,0",
                "--steps",
                "1000001",
            ],
            "--steps",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adam",
                "--start",
                "0,0",
                "--steps",
                "-5",
            ],
            "--steps",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adam",
                "--start",
                "0,0",
                "--steps",
                "1e99",
            ],
            "--steps",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "rprop",
                "--start",
                "0,0",
                "--steps",
                "1",
                "--weight-decay",
                "0.1",
            ],
            "--weight-decay",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "nesterov",
                "--start",
                "0,0",
                "--steps",
                "1",
                "--dampening",
                "0.1",
            ],
            "--dampening",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "sgd",
                "--start",
                "0,0",
                "--steps",
                "1",
                "--nesterov",
            ],
            "--momentum",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "sgd",
                "--start",
                "0,0",
                "--steps",
                "1",
                "--momentum",
                "0.9",
                "--dampening",
                "0.5",
                "--nesterov",
            ],
            "--dampening",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "momentum",
                "--start",
                "0,0",
                "--steps",
                "1",
                "--momentum",
                "1",
            ],
            "--momentum",
        ),
        (
            &[
                "trace",
                "--surface",
                "booth",
                "--optimizer",
                "adagrad",
                "--start",
                "0,0",
                "--steps",
                "1",
                "--betas",
                "0.9,0.99",
            ],
            "--betas",
        ),
        (&["eval", "--surface", "booth", "--at", "nan,0"], "--at"),
    ];
    for (args, flag) in cases {
        let err = refused(args);
        assert!(
            err.contains(flag),
            "{args:?}: message should name {flag}: {err}"
        );
    }
}

#[test]
fn no_arguments_garbage_never_panics() {
    for args in [
        vec!["trace"],
        vec!["trace", "--start", ""],
        vec!["eval", "--at", "1,2"],
        vec![
            "trace",
            "--surface",
            "\u{1}",
            "--optimizer",
            "adam",
            "--start",
            "0,0",
            "--steps",
            "1",
        ],
        vec!["surfaces", "--json", "extra"],
    ] {
        let out = optiscape().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}
