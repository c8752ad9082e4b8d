//! Files written by the command line: modes, symlinks, signals and streamed animations.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_optiscape");

/// Runs the binary with `args` under the shell prelude `setup` (a umask, a file size limit).
fn run_with(setup: &str, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{setup}; exec \"$@\""))
        .arg("sh")
        .arg(BIN)
        .args(args)
        .output()
        .expect("runs")
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o7777
}

/// The names of the temporary files in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.starts_with(".optiscape-").then_some(name)
        })
        .collect()
}

fn render_png(setup: &str, out: &Path) -> Output {
    let out = out.to_str().expect("a UTF-8 path");
    run_with(
        setup,
        &["render", "gd-bowl", "-o", out, "--size", "160x100"],
    )
}

#[test]
fn a_symlink_to_a_setuid_program_is_replaced_by_a_plain_file() {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("program");
    std::fs::write(&program, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o4755)).unwrap();
    let link = dir.path().join("out.png");
    std::os::unix::fs::symlink(&program, &link).unwrap();

    let out = render_png("umask 027", &link);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_file(), "the link itself is replaced");
    assert_eq!(mode(&link), 0o640, "a new file's mode, from the umask");
    assert!(std::fs::read(&link).unwrap().starts_with(b"\x89PNG"));
    assert_eq!(std::fs::read_to_string(&program).unwrap(), "#!/bin/sh\n");
    assert_eq!(mode(&program), 0o4755);
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn a_replaced_file_keeps_its_mode_without_setuid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.png");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o4755)).unwrap();
    let out = render_png("umask 022", &path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&path), 0o755);
}

#[test]
fn a_link_to_a_device_gives_a_file_that_is_not_world_writable() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("out.png");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let out = render_png("umask 022", &link);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
    assert_eq!(mode(&link), 0o644);
}

/// A file size limit stands in for a full disk: writes past it fail as they would there.
#[test]
fn a_write_that_fails_names_the_file_and_leaves_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.png", "out.gif"] {
        let path = dir.path().join(name);
        std::fs::write(&path, "old").unwrap();
        let out = path.to_str().unwrap();
        let out = run_with(
            "ulimit -f 8; trap '' XFSZ",
            &[
                "render", "gd-bowl", "-o", out, "--size", "800x600", "--frames", "3",
            ],
        );
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        let expected = format!("cannot write {}: File too large", path.display());
        assert!(err.contains(&expected), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(temporaries(dir.path()).is_empty());
    }
}

/// Waits until the temporary file beside the target has frames in it.
fn wait_for_frames(dir: &Path, child: &mut std::process::Child) {
    let start = Instant::now();
    loop {
        let written = temporaries(dir)
            .iter()
            .any(|t| std::fs::metadata(dir.join(t)).is_ok_and(|m| m.len() > 0));
        if written {
            return;
        }
        if start.elapsed() > Duration::from_secs(30) || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            panic!("no temporary file with frames appeared");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_signal_during_an_animation_removes_the_temporary_file() {
    for (signal, name) in [(15, "TERM"), (2, "INT")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.gif");
        std::fs::write(&path, "old").unwrap();
        let mut child = Command::new(BIN)
            .args(["render", "rosenbrock-race", "-o"])
            .arg(&path)
            .args(["--frames", "3000", "--size", "400x300"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starts");
        wait_for_frames(dir.path(), &mut child);
        let sent = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waits") {
                break status;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                panic!("SIG{name} did not end the render");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.signal(), Some(signal), "ends as SIG{name} would");
        assert!(temporaries(dir.path()).is_empty(), "after SIG{name}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }
}
