//! Bad input on the command line: the message names the flag, the exit code is 2, and nothing
//! panics.

use super::{optiscape, refused};

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
