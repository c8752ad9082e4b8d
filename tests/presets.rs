//! The preset loader is a contract: a malformed or hostile file never panics or hangs, and its
//! message names the file, the line and column where RON gives them, the field path and what is
//! allowed. Saving is atomic and round-trips; short hand-written files take the defaults.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use optiscape::preset::{self, BUILTINS, MAX_BYTES, PresetError};
use optiscape::scenario::{
    Animation, Camera, Display, LossX, OptimizerConfig, RunConfig, Scenario, SurfaceConfig, Vectors,
};
use optiscape::sim::schedule::Schedule;
use optiscape::sim::surface::View;

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
        let result = std::panic::catch_unwind(|| preset::load(&owned));
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

#[test]
fn every_built_in_parses_compiles_and_describes_itself() {
    assert!(BUILTINS.len() >= 10);
    for b in BUILTINS {
        let s = b.scenario().unwrap_or_else(|e| panic!("{}: {e}", b.name));
        s.validate().unwrap_or_else(|e| panic!("{}: {e}", b.name));
        assert!(!s.runs.is_empty(), "{} has runs", b.name);
        for (what, text) in [("title", &s.title), ("description", &s.description)] {
            assert!(!text.trim().is_empty(), "{} has a {what}", b.name);
            assert!(
                text.chars().count() < 1000,
                "{}'s {what} is under 1,000 characters",
                b.name
            );
        }
        assert_eq!(preset::builtin(b.name).unwrap().text, b.text);
        assert_eq!(preset::resolve(b.name).unwrap(), s);
    }
}

#[test]
fn the_presets_folder_holds_exactly_the_built_ins() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let mut on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let b = preset::builtin(&stem).unwrap_or_else(|| panic!("{stem}.ron is not built in"));
            assert_eq!(std::fs::read_to_string(&path).unwrap(), b.text, "{stem}");
            assert_eq!(
                preset::load(&path).unwrap(),
                b.scenario().unwrap(),
                "{stem}"
            );
            on_disk.insert(stem);
        }
    }
    let built_in: BTreeSet<String> = BUILTINS.iter().map(|b| b.name.to_owned()).collect();
    assert_eq!(on_disk, built_in);
    assert_eq!(built_in.len(), BUILTINS.len(), "no name is built in twice");
}

/// A scenario with every field away from its default; `surface` picks the surface-specific ones.
#[rustfmt::skip]
fn every_field(surface: &str) -> Scenario {
    let opt = |name: &str, f: &dyn Fn(&mut OptimizerConfig)| {
        let mut o = OptimizerConfig::with_lr(name, 0.0123);
        f(&mut o);
        o
    };
    let optimizers = [
        opt("sgd", &|o| { o.set("momentum", 0.5); o.set("dampening", 0.1); o.set("nesterov", false); o.set("weight_decay", 0.01) }),
        opt("rmsprop", &|o| { o.set("alpha", 0.95); o.set("eps", 1e-7); o.set("centered", true); o.set("momentum", 0.3) }),
        opt("adagrad", &|o| { o.set("lr_decay", 0.001); o.set("initial_accumulator_value", 0.1) }),
        opt("adadelta", &|o| o.set("rho", 0.8)),
        opt("adam", &|o| { o.set("betas", (0.8, 0.99)); o.set("amsgrad", true) }),
        opt("nadam", &|o| o.set("momentum_decay", 0.005)),
        opt("rprop", &|o| { o.set("etas", (0.4, 1.3)); o.set("step_sizes", (1e-5, 10.0)) }),
    ];
    let schedules = [
        Schedule::Constant,
        Schedule::Step { step_size: 30, gamma: 0.7 },
        Schedule::Exponential { gamma: 0.99 },
        Schedule::Cosine { t_max: 200, eta_min: 1e-4 },
        Schedule::Warmup { steps: 20, start_factor: 0.05 },
    ];
    let data = matches!(surface, "linreg" | "logreg");
    let runs = optimizers.into_iter().enumerate().map(|(i, optimizer)| RunConfig {
        name: format!("run «{i}» with \"quotes\" and \\ backslash"),
        optimizer,
        start: (0.1 * i as f64 - 0.3, 1.0 / 3.0),
        color: Some(format!("#{:02x}a0ff", i * 30)),
        visible: i % 2 == 0,
        noise: 0.01 * i as f64,
        seed: u64::MAX - i as u64,
        batch_size: data.then_some(16 + i),
        schedule: schedules[i % schedules.len()],
        physics: None,
    }).collect();
    let (params, expr) = match surface {
        "quadratic" => ([("kappa".to_owned(), 50.0), ("theta".to_owned(), -15.5)].into(), None),
        "custom" => (Default::default(), Some("x^2 + 10*sin(y)^2".to_owned())),
        _ => (Default::default(), None),
    };
    Scenario {
        version: 1,
        title: "Every field — ünïcode, \"quotes\", \\ and\nnewlines".to_owned(),
        description: "d".repeat(1000),
        surface: SurfaceConfig { name: surface.to_owned(), params, expr },
        view: Some(View::new(-2.5, 3.25, -1.0, 0.1)),
        steps: 321,
        tol: Some(1e-7),
        sweep: Default::default(),
        basins: Default::default(),
        net: None,
        same_start: false,
        runs,
        animation: Animation { speed: 33.5, looping: true },
        display: Display {
            isolines: 20,
            log_scale: Some(true),
            markers: false,
            vectors: Vectors { gradient: true, step: true, velocity: true, lookahead: true, step_sizes: true },
            gradient_field: true,
            view_3d: true,
            side_by_side: true,
            loss_x: LossX::Epochs,
            camera: Camera { azimuth: 30.0, elevation: 20.0, distance: 3.5 },
        },
    }
}

#[test]
fn saving_then_loading_gives_back_an_equal_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let mut scenarios: Vec<(String, Scenario)> = BUILTINS
        .iter()
        .map(|b| (b.name.to_owned(), b.scenario().unwrap()))
        .collect();
    for surface in ["quadratic", "linreg", "custom"] {
        scenarios.push((format!("every-field-{surface}"), every_field(surface)));
    }
    scenarios.push(("welcome".to_owned(), Scenario::welcome()));
    for (name, scenario) in scenarios {
        let path = dir.path().join(format!("{name}.ron"));
        preset::save(&path, &scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
        let loaded = preset::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded, scenario, "{name} round-trips through a file");
        let text = preset::to_ron(&scenario).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // And once more: what was written is what is written again.
        assert_eq!(preset::to_ron(&loaded).unwrap(), text, "{name} is stable");
    }
}

#[test]
fn fields_left_out_take_their_defaults() {
    assert_eq!(
        preset::parse(b"()", "empty.ron").unwrap(),
        Scenario::default()
    );
    let s = preset::parse(br#"(runs: [(optimizer: (name: "adam"))])"#, "short.ron").unwrap();
    let expected = Scenario {
        runs: vec![RunConfig {
            optimizer: OptimizerConfig::from_params("adam", &Default::default()),
            ..RunConfig::default()
        }],
        ..Scenario::default()
    };
    assert_eq!(s, expected);
    assert_eq!(s.surface.name, "rosenbrock");
    assert_eq!(s.steps, 1000);
    assert_eq!(s.version, 1);
    assert!(s.runs[0].visible && s.runs[0].optimizer.lr().is_none());
    let compiled = s.compile().unwrap();
    assert_eq!(
        compiled.runs[0].optimizer.params().get("lr"),
        Some(optiscape::sim::optim::HyperValue::F(0.001)),
        "Adam's default lr"
    );
    assert_eq!(compiled.runs[0].steps, 1000);
}

#[test]
fn a_file_from_a_newer_version_says_so() {
    let err = preset::parse(b"(version: 99, hologram: (a: 1))", "future.ron").unwrap_err();
    assert_eq!(err.field.as_deref(), Some("version"));
    assert!(
        err.message.contains("newer") && err.message.contains("99"),
        "{err}"
    );
    let newer = Scenario {
        version: 2,
        ..Scenario::welcome()
    };
    let err = newer.compile().unwrap_err();
    assert_eq!(err.path, "version");
    assert!(err.message.contains("newer"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let err = preset::save(&dir.path().join("v2.ron"), &newer).unwrap_err();
    assert!(
        err.to_string().contains("newer"),
        "saving a newer version is refused: {err}"
    );
}

/// The names in `dir`, to see that no temporary file is left behind.
fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn saving_is_atomic_and_a_failed_save_keeps_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    let first = preset::builtin("zigzag-bowl").unwrap().scenario().unwrap();
    preset::save(&path, &first).unwrap();
    let second = Scenario::welcome();
    preset::save(&path, &second).unwrap();
    assert_eq!(
        preset::load(&path).unwrap(),
        second,
        "the save replaced the file"
    );
    assert_eq!(
        names_in(dir.path()),
        BTreeSet::from(["mine.ron".to_owned()])
    );
    let before = std::fs::read(&path).unwrap();

    // An invalid scenario is refused before anything is written.
    let mut bad = second.clone();
    bad.runs[1].optimizer.set_float("lr", -1.0);
    let err = preset::save(&path, &bad).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("runs[1].optimizer.lr"), "{err}");
    assert!(err.file.ends_with("mine.ron"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "byte-for-byte intact"
    );

    // The target is a directory: the rename fails, the directory and its content stay.
    let folder = dir.path().join("folder.ron");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.txt"), "keep").unwrap();
    let err = preset::save(&folder, &second).unwrap_err();
    assert!(err.file.ends_with("folder.ron"), "{err}");
    assert!(folder.is_dir());
    assert_eq!(
        std::fs::read_to_string(folder.join("inside.txt")).unwrap(),
        "keep"
    );

    // A folder that does not exist: nothing is created.
    let err = preset::save(&dir.path().join("nowhere/x.ron"), &second).unwrap_err();
    assert!(err.to_string().contains("nowhere"), "{err}");

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "byte-for-byte intact"
    );
    assert_eq!(
        names_in(dir.path()),
        BTreeSet::from(["folder.ron".to_owned(), "mine.ron".to_owned()]),
        "no temporary file is left behind"
    );
}
