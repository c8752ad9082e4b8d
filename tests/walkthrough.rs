//! Walkthrough files: the shipped one follows the lecture, and bad files are refused with the
//! field named; `optiscape validate` takes them too.

use std::process::Command;

use optiscape::files::Disk;
use optiscape::walkthrough::{self, MAX_STOPS};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_optiscape"))
}

#[test]
fn the_lecture_walkthrough_follows_the_lecture_in_order() {
    let tour = walkthrough::lecture().expect("valid");
    let order: Vec<&str> = tour.stops.iter().map(|s| s.preset.as_str()).collect();
    // Gradient descent and its failures (local minima, plateaus), batches, momentum (the rolling
    // ball, the saddle, less oscillation, a larger lr), EMA, Nesterov, Rprop and its trouble with
    // batches, RMSProp, the adaptive family of the summary table, Adam with α = 3e-4, and the
    // closing race.
    let lecture = [
        "gd-bowl",
        "gd-local-minimum",
        "gd-plateau",
        "batch-sizes-linreg",
        "rolling-ball",
        "saddle-momentum-escapes",
        "zigzag-bowl",
        "momentum-larger-lr",
        "ema-vs-momentum",
        "nesterov-lookahead",
        "rprop-signs",
        "rprop-minibatch",
        "rmsprop-adapts",
        "adaptive-steps",
        "adam-lecture-lr",
        "adam-family",
        "rosenbrock-race",
    ];
    let mut found = order.iter().filter(|p| lecture.contains(p));
    for want in lecture {
        assert_eq!(found.next(), Some(&want), "{order:?}");
    }
    for stop in &tour.stops {
        // Sentence ends: punctuation followed by a space or the end (not the point of 0.9).
        let note = format!("{} ", stop.note.trim());
        let sentences = [". ", "? ", "! "]
            .iter()
            .map(|end| note.matches(end).count())
            .sum::<usize>();
        assert!(
            (1..=3).contains(&sentences),
            "{}: {}",
            stop.preset,
            stop.note
        );
    }
    // The rolling ball is a physics run; Adam uses the lecture's α; the race has every optimizer.
    let at = |name: &str| &tour.stops[order.iter().position(|p| *p == name).unwrap()].scenario;
    assert!(at("rolling-ball").runs.iter().any(|r| r.physics.is_some()));
    assert!(
        at("adam-lecture-lr")
            .runs
            .iter()
            .any(|r| r.optimizer.lr() == Some(3e-4))
    );
    let race: std::collections::BTreeSet<&str> = at("rosenbrock-race")
        .runs
        .iter()
        .map(|r| r.optimizer.name.as_str())
        .collect();
    assert_eq!(race.len(), optiscape::sim::OptimizerKind::COUNT, "{race:?}");
}

#[test]
fn bad_walkthroughs_are_refused_with_the_field_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("mine.ron"), "(runs: [()])").expect("write");
    let long = "x".repeat(1001);
    let many = format!(
        "(stops: [{}])",
        "(preset: \"gd-bowl\"),".repeat(MAX_STOPS + 1)
    );
    let cases: Vec<(String, Option<&str>, &str)> = vec![
        ("(stops: [])".into(), Some("stops"), "1 to 200"),
        (many, Some("stops"), "1 to 200"),
        (
            "(stops: [(preset: \"gd-bowl\"), (preset: \"moebius\")])".into(),
            Some("stops[1].preset"),
            "neither a built-in preset nor a file",
        ),
        (
            format!("(stops: [(preset: \"gd-bowl\", note: \"{long}\")])"),
            Some("stops[0].note"),
            "at most 1000",
        ),
        (
            "(stops: [(preset: \"gd-bowl\", slide: 3)])".into(),
            Some("stops[0].slide"),
            "`slide`",
        ),
        ("(version: 7, stops: [])".into(), Some("version"), "newer"),
        (
            "(stops: [(preset: \"bad.ron\")])".into(),
            Some("stops[0].preset"),
            "runs",
        ),
        ("".into(), None, "is empty"),
    ];
    std::fs::write(
        dir.path().join("bad.ron"),
        "(runs: [(optimizer: (name: \"adamz\"))])",
    )
    .expect("write");
    for (text, field, says) in cases {
        let e = walkthrough::parse(text.as_bytes(), "w.ron", Some(dir.path()), &Disk)
            .expect_err(&text[..text.len().min(80)]);
        assert_eq!(e.field.as_deref(), field, "{e}");
        assert!(e.to_string().contains(says), "{e}");
    }
    // A preset path is taken relative to the walkthrough's folder.
    let ok = walkthrough::parse(
        b"(stops: [(preset: \"mine.ron\", note: \"Mine.\")])",
        "w.ron",
        Some(dir.path()),
        &Disk,
    )
    .expect("relative preset");
    assert_eq!(ok.stops[0].scenario.runs.len(), 1);
}

#[test]
fn validate_takes_walkthrough_files_and_reports_their_problems() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad-walk.ron");
    std::fs::write(
        &bad,
        "(title: \"t\", stops: [(preset: \"gd-bowl\"), (preset: \"nope\")])",
    )
    .expect("write");
    let shipped = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/presets/walkthroughs/lecture-l07.ron"
    );
    let out = bin().args(["validate", shipped]).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok (walkthrough of 19 stops)"));
    let out = bin()
        .args(["validate", shipped])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("stops[1].preset") && text.contains("nope"),
        "{text}"
    );
    // The walkthrough subcommand refuses a bad file before opening any window.
    let out = bin().arg("walkthrough").arg(&bad).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stops[1].preset"));
}
