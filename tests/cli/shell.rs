//! The command line in a shell: pipes, full disks, escaped names, links wherever presets go.

use std::process::{Command, Output};

use super::{json, optiscape, refused};

/// The binary as a plain command, whose standard streams can be any file.
fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_optiscape"))
}

/// Runs `args` with stdout a pipe whose reading end is already closed.
fn into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    bin().args(args).stdout(writer).output().expect("runs")
}

/// Runs `args` with stdout (or stderr) on `/dev/full`, where every write fails with ENOSPC.
fn onto_full_disk(args: &[&str], stderr: bool) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut cmd = bin();
    cmd.args(args);
    if stderr {
        cmd.stderr(full);
    } else {
        cmd.stdout(full);
    }
    cmd.output().expect("runs")
}

const PRINTING: &[&[&str]] = &[
    &["link", "gd-bowl"],
    &["validate", "presets/gd-bowl.ron"],
    &["trace", "--preset", "gd-bowl"],
    &["surfaces"],
    &["optimizers"],
    &["eval", "--surface", "rosenbrock", "--at", "0,0"],
    &["--help"],
];

#[test]
fn a_closed_stdout_ends_quietly() {
    for args in PRINTING {
        let out = into_closed_pipe(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} said: {err}");
    }
}

#[test]
fn a_full_disk_on_stdout_is_an_error_naming_stdout() {
    for args in PRINTING {
        let out = onto_full_disk(args, false);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to stdout") && err.contains("No space left"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_full_stderr_does_not_turn_an_error_into_a_panic() {
    let cases: &[(&[&str], i32)] = &[
        (&["render", "no-such-preset", "-o", "x.png"], 1),
        (&["trace", "--steps", "many"], 2),
        (&["validate", "no-such-file.ron"], 1),
        (&["render", "gd-bowl", "-o", "x.txt"], 2),
    ];
    for (args, code) in cases {
        let out = onto_full_disk(args, true);
        assert_eq!(out.status.code(), Some(*code), "{args:?}");
    }
}

/// A preset whose run is named with terminal escapes: set the title, return to the line's start
/// and print `: ok`, then clear the screen.
const HOSTILE: &str = "(surface: (name: \"no-such\\u{1b}]0;owned\\u{7}\\r x.ron: ok\\u{1b}[2J\"))";

fn assert_no_controls(what: &str, text: &[u8]) {
    let text = String::from_utf8_lossy(text);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{what} printed control characters: {text:?}"
    );
}

#[test]
fn names_from_a_preset_or_a_link_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.ron");
    std::fs::write(&file, HOSTILE).unwrap();
    let out = optiscape().arg("validate").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_no_controls("validate", &out.stdout);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("\\u{1b}]0;owned\\u{7}\\r"), "{report}");
    // The same scenario in a link: every command that takes a preset says so, escaped.
    let packed = link_of(HOSTILE.as_bytes());
    for args in [
        vec!["render", packed.as_str(), "-o", "x.png"],
        vec!["validate", packed.as_str()],
        vec![packed.as_str()],
    ] {
        let out = optiscape()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_no_controls("stderr", &out.stderr);
        assert_no_controls("stdout", &out.stdout);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("link") && said.contains("\\u{1b}"), "{said}");
    }
}

/// A link carrying RON text that need not be a valid scenario (the binary makes links only of
/// valid ones): deflate and base64url, as `optiscape link` writes them.
fn link_of(ron: &[u8]) -> String {
    use base64::Engine;
    let packed = miniz_oxide::deflate::compress_to_vec(ron, 9);
    format!(
        "https://example.org/#s=1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

#[test]
fn a_link_goes_wherever_a_preset_goes() {
    let out = optiscape().args(["link", "gd-bowl"]).output().unwrap();
    assert!(out.status.success());
    let link = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let validate = optiscape().args(["validate", &link]).output().unwrap();
    assert!(validate.status.success());
    assert_eq!(String::from_utf8_lossy(&validate.stdout).trim(), "link: ok");
    // A copied address whose fragment repeats a `#`.
    let repeated = link.replacen('#', "#top#", 1);
    assert!(
        bin()
            .args(["validate", &repeated])
            .output()
            .unwrap()
            .status
            .success()
    );
    let png = dir.path().join("l.png");
    let render = optiscape()
        .args(["render", &link, "--size", "320x200", "-o"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        render.status.success(),
        "{}",
        String::from_utf8_lossy(&render.stderr)
    );
    assert!(png.exists());
    let from_link = json(&["trace", "--preset", &link]);
    assert_eq!(from_link, json(&["trace", "--preset", "gd-bowl"]));
    let relinked = optiscape()
        .args(["link", &link, "--base", "https://other.example/app/"])
        .output()
        .unwrap();
    let relinked = String::from_utf8(relinked.stdout).unwrap();
    assert_eq!(
        relinked.trim(),
        link.replacen(
            &link[..link.find('#').unwrap()],
            "https://other.example/app/",
            1
        )
    );
    // A walkthrough's stop may be a link too.
    let walk = dir.path().join("w.ron");
    std::fs::write(
        &walk,
        format!("(title: \"t\", stops: [(preset: \"{link}\", note: \"n\")])"),
    )
    .unwrap();
    let checked = optiscape().arg("validate").arg(&walk).output().unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
}

#[test]
fn a_walkthrough_and_a_preset_are_told_apart() {
    let walk = "presets/walkthroughs/lecture-l07.ron";
    for args in [vec![walk], vec!["render", walk, "-o", "x.png"]] {
        let out = optiscape().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is a walkthrough") && err.contains("optiscape walkthrough"),
            "{args:?}: {err}"
        );
    }
    for (arg, says) in [
        ("presets/gd-bowl.ron", "is a preset, not a walkthrough"),
        ("gd-bowl", "is a built-in preset, not a walkthrough"),
    ] {
        let out = optiscape().args(["walkthrough", arg]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{arg}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{arg}: {err}");
    }
}

#[test]
fn a_bad_flag_value_exits_2_naming_the_flag() {
    let err = refused(&[
        "render",
        "valley-3d",
        "--view",
        "3d",
        "--azimuth",
        "1e308",
        "-o",
        "x.png",
    ]);
    assert!(
        err.contains("--azimuth") && err.contains("-360 to 360"),
        "{err}"
    );
    assert!(err.len() < 200, "a short line: {err}");
    let err = refused(&[
        "render",
        "gd-bowl",
        "--view",
        "3d",
        "--elevation",
        "2",
        "-o",
        "x.png",
    ]);
    assert!(
        err.contains("--elevation") && err.contains("5 to 90"),
        "{err}"
    );
    let err = refused(&["render", "gd-bowl", "-o", ""]);
    assert!(!err.ends_with("(one of: )"), "{err}");
    assert!(err.contains("--output"), "{err}");
    let err = refused(&["render", "gd-bowl", "-o", "x.bmp"]);
    assert!(err.contains("--output") && err.contains(".gif"), "{err}");
}

#[test]
fn lower_case_constants_and_located_expression_errors() {
    let v = json(&[
        "eval",
        "--surface",
        "custom",
        "--expr",
        "pi + e*x",
        "--at",
        "1,0",
    ]);
    let f = v["value"].as_f64().expect("value");
    assert!(
        (f - (std::f64::consts::PI + std::f64::consts::E)).abs() < 1e-12,
        "{v}"
    );
    let err = refused(&[
        "eval",
        "--surface",
        "custom",
        "--expr",
        "x + (y -)",
        "--at",
        "0,0",
    ]);
    assert!(err.contains("character 8") && err.contains("`-`"), "{err}");
    assert!(!err.contains("(0-1)"), "no rewritten text: {err}");
}

#[test]
fn a_huge_number_in_a_message_is_written_short() {
    let dir = tempfile::tempdir().unwrap();
    for (text, says) in [
        (
            "(display: (camera: (azimuth: 1e308)))",
            "display.camera.azimuth: 1e308 degrees",
        ),
        (
            "(runs: [(optimizer: (name: \"adam\", betas: (1e300, 0.9)))])",
            "betas = 1e300,0.9 is not allowed",
        ),
        (
            "(view: (x: (0, 1e300), y: (0, 1)))",
            "view.x: (0, 1e300) needs",
        ),
    ] {
        let file = dir.path().join("big.ron");
        std::fs::write(&file, text).unwrap();
        let out = bin().arg("validate").arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{text}");
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(report.contains(says), "{text}: {report}");
        assert!(report.len() < 200, "{text}: {report}");
    }
}
