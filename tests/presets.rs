//! The preset loader is a contract: a malformed or hostile file never panics or hangs, and its
//! message names the file, the line and column where RON gives them, the field path and what is
//! allowed. The built-ins, saving and defaults are in `presets/saving.rs`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use optiscape::preset::{self, BUILTINS, MAX_BYTES, PresetError};

/// What a table row puts on disk.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
    /// A directory where the file should be.
    Dir,
    /// Nothing at all.
    Missing,
    /// A valid preset padded past 1 MiB: refused by its size alone.
    Big,
    /// A valid preset nobody may read (chmod 000).
    Unreadable,
}

/// One row: name, input, `line:col` exactly as the message must give it (`None` where RON gives
/// none), the field path exactly, and pieces the message must contain (what is wrong, what is allowed).
struct Case(
    &'static str,
    Input,
    Option<(usize, usize)>,
    Option<&'static str>,
    &'static [&'static str],
);

fn case(
    name: &'static str,
    text: impl Into<String>,
    pos: Option<(usize, usize)>,
    field: Option<&'static str>,
    says: &'static [&'static str],
) -> Case {
    Case(name, Input::Text(text.into()), pos, field, says)
}

/// A run list with one run of `optimizer`.
fn one_run(optimizer: &str) -> String {
    format!("(runs: [(optimizer: {optimizer})])")
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let deep = 100_000;
    let mut garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    garbage[0] = 0xff;
    vec![
        // Syntax errors and truncation.
        case("syntax", r#"(runs: [(optimizer: (name: "adam" lr: 0.1))])"#, Some((1, 35)), Some("runs[0].optimizer.name"), &["Expected comma"]),
        case("syntax_line3", "(\n    title: \"t\",\n    steps: 10 0,\n)", Some((3, 15)), Some("steps"), &["Expected comma"]),
        case("truncated", r#"(runs: [(optimizer: (name: "adam", lr: 0.1)"#, Some((1, 43)), Some("runs[0].optimizer.lr"), &["Expected comma"]),
        case("truncated_string", "(title: \"The Rosen", Some((1, 9)), Some("title"), &["Expected end of string"]),
        case("truncated_comment", "(title: \"t\") /* never closed", Some((1, 16)), None, &["Unclosed block comment"]),
        // Unknown fields.
        case("unknown_top_field", r#"(title: "t", colour: 3)"#, Some((1, 14)), Some("colour"), &["`colour`", "expected one of", "`title`"]),
        case("unknown_hyper", one_run(r#"(name: "adam", lrr: 0.1)"#), Some((1, 36)), Some("runs[0].optimizer.lrr"), &["`lrr`", "expected one of", "`lr`"]),
        // Unknown surface or optimizer names.
        case("unknown_surface", r#"(surface: (name: "moebius"))"#, None, Some("surface.name"), &["unknown surface `moebius`", "known surfaces", "rosenbrock"]),
        case("unknown_optimizer", r#"(runs: [(), (), (optimizer: (name: "adamz"))])"#, None, Some("runs[2].optimizer.name"), &["unknown optimizer `adamz`", "known optimizers", "adam"]),
        case("unknown_surface_param", r#"(surface: (name: "quadratic", params: {"kapa": 3.0}))"#, None, Some("surface.params.kapa"), &["no parameter `kapa`", "kappa"]),
        case("unknown_schedule", "(runs: [(schedule: Sawtooth)])", Some((1, 20)), Some("runs[0].schedule"), &["`Sawtooth`", "Constant"]),
        case("hyper_not_taken", one_run(r#"(name: "sgd", betas: (0.9, 0.99))"#), None, Some("runs[0].optimizer.betas"), &["does not take `betas`", "lr"]),
        // Wrong types.
        case("string_for_int", r#"(steps: "many")"#, Some((1, 8)), Some("steps"), &["Expected integer"]),
        case("string_for_float", one_run(r#"(name: "adam", lr: "fast")"#), Some((1, 39)), Some("runs[0].optimizer.lr"), &["Expected float"]),
        case("int_for_bool", "(same_start: 1)", Some((1, 13)), Some("same_start"), &["Expected boolean"]),
        case("list_for_struct", r#"(surface: ["rosenbrock"])"#, Some((1, 11)), Some("surface"), &["Expected opening `(`"]),
        case("bad_colour", r#"(runs: [(color: "red")])"#, None, Some("runs[0].color"), &["`red`", "#rrggbb"]),
        // NaN and infinities.
        case("nan_lr", one_run(r#"(name: "adam", lr: NaN)"#), None, Some("runs[0].optimizer.lr"), &["NaN", "finite number > 0"]),
        case("nan_start", "(runs: [(start: (NaN, 0.0))])", None, Some("runs[0].start"), &["finite"]),
        case("inf_lr", one_run(r#"(name: "sgd", lr: inf)"#), None, Some("runs[0].optimizer.lr"), &["inf", "finite number > 0"]),
        case("neg_inf_view", "(view: (x: (-inf, 1.0), y: (0.0, 1.0)))", None, Some("view.x"), &["finite", "min < max"]),
        case("inf_noise", "(runs: [(noise: inf)])", None, Some("runs[0].noise"), &["finite"]),
        case("nan_tol", "(tol: NaN, runs: [()])", None, Some("tol"), &["finite number > 0"]),
        // Found by the fuzz target: without runs there was no run to check the tolerance.
        case("nan_tol_no_runs", "(tol\n:NaN)", None, Some("tol"), &["finite number > 0"]),
        // Learning rates that are not positive.
        case("negative_lr", one_run(r#"(name: "adam", lr: -0.1)"#), None, Some("runs[0].optimizer.lr"), &["-0.1", "> 0"]),
        case("zero_lr", r#"(runs: [(), (optimizer: (name: "rmsprop", lr: 0.0))])"#, None, Some("runs[1].optimizer.lr"), &["lr = 0", "> 0"]),
        // β outside [0, 1).
        case("beta_one", one_run(r#"(name: "adam", betas: (0.9, 1.0))"#), None, Some("runs[0].optimizer.betas"), &["[0, 1)"]),
        case("beta_negative", one_run(r#"(name: "nadam", betas: (-0.1, 0.9))"#), None, Some("runs[0].optimizer.betas"), &["[0, 1)"]),
        case("momentum_too_big", one_run(r#"(name: "momentum", momentum: 1.5)"#), None, Some("runs[0].optimizer.momentum"), &["1.5"]),
        // Absurd step counts.
        case("steps_over_cap", "(steps: 99999999999, runs: [()])", None, Some("steps"), &["cap of 1000000"]),
        case("steps_overflow", "(steps: 1000000000000000000000000000000)", Some((1, 9)), Some("steps"), &["out of bounds"]),
        case("steps_negative", "(steps: -5)", Some((1, 10)), Some("steps"), &["out of bounds"]),
        case("steps_budget", format!("(steps: 1000000, runs: [{}])", "(),".repeat(21)), None, Some("steps"), &["budget of 20000000"]),
        case("too_many_runs", format!("(steps: 10, runs: [{}])", "(),".repeat(65)), None, Some("runs"), &["65 runs", "at most 64"]),
        case("zero_schedule_step", "(runs: [(schedule: Step(step_size: 0, gamma: 0.5))])", None, Some("runs[0].schedule.step_size"), &["at least 1"]),
        // Absurdly long strings.
        case("long_title", format!("(title: \"{}\")", "a".repeat(900_000)), None, Some("title"), &["900000 characters", "at most 1000"]),
        case("long_expr", format!("(surface: (name: \"custom\", expr: \"{}x\"))", "-".repeat(200_000)), None, Some("surface.expr"), &["at most 500"]),
        case("long_colour", format!("(runs: [(color: \"#{}\")])", "f".repeat(100_000)), None, Some("runs[0].color"), &["#rrggbb"]),
        // Names or descriptions over 1,000 characters (counted in characters, not bytes).
        case("long_description", format!("(description: \"{}\")", "x".repeat(1001)), None, Some("description"), &["1001 characters", "at most 1000"]),
        case("long_run_name", format!("(runs: [(name: \"{}\")])", "é".repeat(1001)), None, Some("runs[0].name"), &["1001 characters", "at most 1000"]),
        // Deeply nested input.
        case("deep_parens", "(".repeat(deep), Some((1, 2)), None, &["Expected identifier"]),
        case("deep_brackets", "[".repeat(deep), Some((1, 1)), None, &["Expected opening `(`", "Scenario"]),
        case("deep_in_runs", format!("(runs: {}{})", "[".repeat(deep), "]".repeat(deep)), Some((1, 9)), Some("runs[0]"), &["Expected opening `(`", "RunConfig"]),
        case("deep_unknown_field", format!("(extra: {}{})", "[".repeat(deep), "]".repeat(deep)), Some((1, 2)), Some("extra"), &["`extra`", "expected one of"]),
        case("deep_params", format!("(surface: (params: {}))", "{".repeat(deep)), Some((1, 21)), Some("surface.params"), &["Expected string"]),
        // Binary garbage, empty files.
        Case("binary", Input::Bytes(garbage), None, None, &["not UTF-8", "offset 0"]),
        Case("nul_bytes", Input::Bytes(vec![0; 64]), Some((1, 1)), None, &["Expected opening `(`"]),
        case("empty", "", None, None, &["is empty"]),
        case("blank", " \n\t\n", None, None, &["is empty"]),
        case("only_comment", "// nothing here\n", Some((1, 16)), None, &["Expected opening `(`"]),
        // Files that are not presets at all.
        Case("a_directory", Input::Dir, None, None, &["is a directory"]),
        Case("missing", Input::Missing, None, None, &["no such file"]),
        Case("big", Input::Big, None, None, &["1048577 bytes", "at most 1 MiB"]),
        Case("unreadable", Input::Unreadable, None, None, &["permission denied"]),
        // A newer format.
        case("newer", "(version: 99, hologram: true)", None, Some("version"), &["99", "newer", "update optiscape"]),
    ]
}

/// Puts the row's input on disk; `None` when the case cannot be made here (see `Unreadable`).
fn setup(dir: &Path, Case(name, input, _, _, says): &Case) -> Option<PathBuf> {
    let path = dir.join(format!("{name}.ron"));
    let valid = r#"(runs: [(optimizer: (name: "adam"))])"#;
    match input {
        Input::Text(t) => std::fs::write(&path, t).unwrap(),
        Input::Bytes(b) => std::fs::write(&path, b).unwrap(),
        Input::Dir => std::fs::create_dir(&path).unwrap(),
        Input::Missing => {}
        Input::Big => {
            let mut text = format!("{valid}\n//");
            text.push_str(&" ".repeat(MAX_BYTES as usize + 1 - text.len()));
            assert!(
                preset::parse(text.as_bytes(), "big").is_ok(),
                "valid apart from its size"
            );
            std::fs::write(&path, text).unwrap();
        }
        Input::Unreadable => {
            std::fs::write(&path, valid).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
            }
            if std::fs::read(&path).is_ok() {
                // Running as root (or on a system without Unix permissions): chmod 000 does not stop
                // reading, so check the message the loader gives for a PermissionDenied error instead.
                let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
                let message = preset::io_message(&denied);
                for piece in *says {
                    assert!(
                        message.contains(piece),
                        "unreadable: `{message}` lacks `{piece}`"
                    );
                }
                return None;
            }
        }
    }
    Some(path)
}

/// Loads `path` on another thread: a panic or a load that takes over 10 s fails the test.
fn load_guarded(name: &str, path: &Path) -> Result<optiscape::scenario::Scenario, PresetError> {
    let (tx, rx) = mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| optiscape::files::load(&owned));
        let _ = tx.send(result);
    });
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => panic!("{name}: the loader panicked"),
        Err(_) => panic!("{name}: the loader hung (no answer in 10 s)"),
    }
}

/// What is wrong with the message `err` gave for the row, if anything.
fn problems(file: &str, err: &PresetError, Case(_, _, pos, field, says): &Case) -> Vec<String> {
    let shown = err.to_string();
    let mut out = Vec::new();
    if err.file != file || !shown.starts_with(file) {
        out.push(format!("does not name the file {file}"));
    }
    if err.position != *pos {
        out.push(format!("position {:?}, expected {pos:?}", err.position));
    }
    if let Some((line, col)) = pos
        && !shown.starts_with(&format!("{file}:{line}:{col}: "))
    {
        out.push(format!("does not show {line}:{col} after the file name"));
    }
    if err.field.as_deref() != *field {
        out.push(format!("field {:?}, expected {field:?}", err.field));
    }
    if let Some(field) = field
        && !shown.contains(&format!(": {field}: "))
    {
        out.push(format!("does not show the field `{field}`"));
    }
    out.extend(
        says.iter()
            .filter(|p| !shown.contains(*p))
            .map(|p| format!("does not say `{p}`")),
    );
    if shown.chars().count() > 2000 {
        out.push(format!("is {} characters long", shown.chars().count()));
    }
    out
}

#[test]
fn every_malformed_or_hostile_file_is_refused_with_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in cases() {
        let Some(path) = setup(dir.path(), &case) else {
            continue;
        };
        match load_guarded(case.0, &path) {
            Ok(_) => failures.push(format!("{}: loaded, but should be refused", case.0)),
            Err(err) => {
                let found = problems(&path.display().to_string(), &err, &case);
                if !found.is_empty() {
                    let shown: String = err.to_string().chars().take(300).collect();
                    failures.push(format!(
                        "{}: {}\n    message: {shown}",
                        case.0,
                        found.join("; ")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn truncating_any_built_in_preset_never_panics_and_is_located() {
    for b in BUILTINS {
        let text = b.text.trim_end();
        let last = text.rfind(')').unwrap();
        for cut in (1..last).step_by(7).filter(|&i| text.is_char_boundary(i)) {
            let err = preset::parse(&text.as_bytes()[..cut], "cut.ron")
                .expect_err(&format!("{} cut at byte {cut} should be refused", b.name));
            assert_eq!(err.file, "cut.ron");
            assert!(
                err.position.is_some(),
                "{}: RON locates the cut: {err}",
                b.name
            );
        }
    }
}

#[path = "presets/saving.rs"]
mod saving;
