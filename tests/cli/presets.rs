//! Presets on the command line: `optiscape validate FILE...`, `optiscape trace --preset` and opening a
//! preset that cannot be loaded. No test here opens a window: only the paths that fail before it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use optiscape::preset::BUILTINS;
use serde_json::Value;

fn optiscape() -> Command {
    let mut cmd = Command::cargo_bin("optiscape").expect("the binary is built for the tests");
    // Should a test ever reach the window by mistake, it fails to start instead of opening one.
    cmd.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("presets"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    files.sort();
    files
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_passes_every_shipped_preset() {
    let files = shipped();
    assert_eq!(files.len(), BUILTINS.len());
    let out = optiscape().arg("validate").args(&files).output().unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), files.len(), "one line per file:\n{stdout}");
    for (line, file) in lines.iter().zip(&files) {
        assert_eq!(*line, format!("{}: ok", file.display()));
    }
}

#[test]
fn validate_names_the_bad_files_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = Path::new("presets/zigzag-bowl.ron");
    let bad = dir.path().join("bad-lr.ron");
    std::fs::write(
        &bad,
        "(runs: [(), (optimizer: (name: \"adam\", lr: -1.0))])",
    )
    .unwrap();
    let typo = dir.path().join("typo.ron");
    std::fs::write(&typo, "(\n  steps: \"many\",\n)").unwrap();
    let missing = dir.path().join("missing.ron");
    let out = optiscape()
        .arg("validate")
        .args([good, &bad, &typo, &missing])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        4,
        "one line per file, the good one too:\n{stdout}"
    );
    assert_eq!(lines[0], "presets/zigzag-bowl.ron: ok");
    let bad = bad.display().to_string();
    assert!(
        lines[1].starts_with(&format!("{bad}: runs[1].optimizer.lr: ")),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("> 0"),
        "says what is allowed: {}",
        lines[1]
    );
    let typo = typo.display().to_string();
    assert_eq!(lines[2], format!("{typo}:2:9: steps: Expected integer"));
    assert_eq!(lines[3], format!("{}: no such file", missing.display()));
}

#[test]
fn validate_needs_a_file() {
    let out = optiscape().arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

const TRACE_KEYS: [&str; 8] = [
    "surface",
    "optimizer",
    "hyper",
    "start",
    "points",
    "losses",
    "status",
    "stopped_at",
];

/// Runs `trace --preset ARG`, expects success and a JSON array; returns it.
fn trace(arg: &str) -> Vec<Value> {
    let out = optiscape()
        .args(["trace", "--preset", arg])
        .output()
        .unwrap();
    assert!(out.status.success(), "{arg}: {}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    v.as_array().expect("a JSON array").clone()
}

#[test]
fn trace_preset_prints_one_trace_per_run() {
    let scenario = optiscape::preset::builtin("rosenbrock-race")
        .unwrap()
        .scenario()
        .unwrap();
    let traces = trace("presets/rosenbrock-race.ron");
    assert_eq!(traces.len(), scenario.runs.len());
    for (t, run) in traces.iter().zip(&scenario.runs) {
        let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
        for key in TRACE_KEYS {
            assert!(keys.contains(&key), "trace has `{key}`: {keys:?}");
        }
        assert_eq!(t["surface"], "rosenbrock");
        assert_eq!(t["optimizer"], run.optimizer.name.as_str());
        assert_eq!(t["hyper"]["lr"], run.optimizer.lr().unwrap());
        assert_eq!(t["start"], serde_json::json!([run.start.0, run.start.1]));
        let points = t["points"].as_array().unwrap();
        assert_eq!(points.len(), t["losses"].as_array().unwrap().len());
        assert!(points.len() >= 2 && points.len() <= scenario.steps + 1);
        assert!(t["status"].is_string());
    }
}

#[test]
fn trace_preset_takes_a_built_in_name() {
    for name in ["saddle-momentum-escapes", "custom-double-well"] {
        let scenario = optiscape::preset::builtin(name)
            .unwrap()
            .scenario()
            .unwrap();
        let traces = trace(name);
        assert_eq!(traces.len(), scenario.runs.len(), "{name}");
        assert_eq!(
            trace(&format!("presets/{name}.ron")),
            traces,
            "{name}: same as the file"
        );
    }
}

#[test]
fn trace_preset_refuses_other_run_flags_and_bad_presets() {
    for args in [
        &[
            "trace",
            "--preset",
            "presets/rosenbrock-race.ron",
            "--surface",
            "rosenbrock",
        ][..],
        &["trace", "--preset", "rosenbrock-race", "--steps", "10"],
        &["trace", "--preset", "rosenbrock-race", "--lr", "0.1"],
        &["trace", "--preset", "no-such-preset"],
        &["trace", "--preset", "no-such-file.ron"],
    ] {
        let out = optiscape().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(text(&out.stderr).trim().lines().count(), 1, "{args:?}");
    }
    let out = optiscape()
        .args(["trace", "--preset", "no-such-file.ron"])
        .output()
        .unwrap();
    assert!(text(&out.stderr).contains("no-such-file.ron: no such file"));
    let out = optiscape()
        .args(["trace", "--preset", "no-such-preset"])
        .output()
        .unwrap();
    assert!(text(&out.stderr).contains("built-in presets: gd-bowl, gd-local-minimum"));
}

#[test]
fn opening_a_preset_that_cannot_be_loaded_fails_before_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(runs: [(optimizer: (name: \"adamz\"))])").unwrap();
    let cases = [
        (
            "no-such-file.ron".to_owned(),
            "no-such-file.ron: no such file".to_owned(),
        ),
        (
            "no-such-preset".to_owned(),
            "no-such-preset: is neither a file nor a built-in preset".to_owned(),
        ),
        (
            broken.display().to_string(),
            format!(
                "{}: runs[0].optimizer.name: unknown optimizer `adamz`",
                broken.display()
            ),
        ),
        // A link is a link, not a path, even with slashes in it.
        (
            "https://example.org/optiscape/#s=1.!!!".to_owned(),
            "link: its scenario is not base64url".to_owned(),
        ),
        (
            "#s=7.AAAA".to_owned(),
            "link: its scenario is in format \"7\"".to_owned(),
        ),
    ];
    for (arg, says) in cases {
        let out = optiscape().arg(&arg).output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{arg}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {says}")),
            "{arg}: {stderr}"
        );
        assert!(
            !stderr.contains("window"),
            "{arg}: failed before any window: {stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "{arg}: {stderr}");
    }
}

#[test]
fn trace_preset_names_each_run_and_its_colour_as_the_window_draws_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.ron");
    std::fs::write(
        &path,
        r##"(surface: (name: "booth"), steps: 3, runs: [
            (name: "mine", optimizer: (name: "sgd"), start: (1.0, 1.0), color: "#ff8800"),
            (optimizer: (name: "adam"), start: (1.0, 1.0)),
        ])"##,
    )
    .unwrap();
    let traces = trace(path.to_str().unwrap());
    assert_eq!(traces[0]["name"], "mine");
    assert_eq!(traces[0]["colour"], "#ff8800");
    // Unnamed: the optimizer's title, as the runs panel shows it; the dark theme's second colour.
    assert_eq!(traces[1]["name"], "Adam");
    let [r, g, b] = optiscape::scenario::palette::colour(1, true);
    assert_eq!(traces[1]["colour"], format!("#{r:02x}{g:02x}{b:02x}"));
    // A single trace has neither.
    let out = optiscape()
        .args(["trace", "--surface", "booth", "--optimizer", "sgd"])
        .args(["--start", "1,1", "--steps", "2"])
        .output()
        .unwrap();
    let one: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(one.get("name").is_none() && one.get("colour").is_none());
}

/// `optiscape link PRESET [--base URL]` prints a link whose scenario is the preset's; the base comes
/// from --base, else OPTISCAPE_WEB_URL, else the fragment is printed alone.
#[test]
fn link_prints_a_link_that_carries_the_preset() {
    let run = |args: &[&str], env: Option<&str>| {
        let mut cmd = optiscape();
        cmd.arg("link").args(args).env_remove("OPTISCAPE_WEB_URL");
        if let Some(base) = env {
            cmd.env("OPTISCAPE_WEB_URL", base);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout).trim().to_owned()
    };
    let scenario = optiscape::files::resolve("nesterov-lookahead").unwrap();
    let bare = run(&["nesterov-lookahead"], None);
    assert!(bare.starts_with("#s=1."), "{bare}");
    assert_eq!(optiscape::link::read(&bare).unwrap(), scenario);
    let env = run(&["nesterov-lookahead"], Some("https://a.example/o/"));
    assert_eq!(env, format!("https://a.example/o/{bare}"));
    let flag = run(
        &[
            "presets/nesterov-lookahead.ron",
            "--base",
            "https://b.example/",
        ],
        Some("https://a.example/o/"),
    );
    assert_eq!(flag, format!("https://b.example/{bare}"));
    let out = optiscape()
        .args(["link", "no-such-preset"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
