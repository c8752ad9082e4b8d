//! The command line is a contract: these tests run the real binary, one module per command or
//! group of commands. They form one test binary because each binary links the whole window stack.

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

#[path = "cli/budget.rs"]
mod budget;
#[path = "cli/files.rs"]
mod files;
#[path = "cli/net.rs"]
mod net;
#[path = "cli/presets.rs"]
mod presets;
#[path = "cli/refusals.rs"]
mod refusals;
#[path = "cli/shell.rs"]
mod shell;
#[path = "cli/sweep.rs"]
mod sweep;
#[path = "cli/trace.rs"]
mod trace;
#[path = "cli/tune.rs"]
mod tune;
