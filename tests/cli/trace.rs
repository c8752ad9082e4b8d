//! `optiscape trace`, `hyper`, `eval` and the lists: the JSON each prints, in full precision.

use super::{json, optiscape};

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
