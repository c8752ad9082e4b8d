//! The built-in presets, and files as the app writes them: every built-in parses and is on disk,
//! saving is atomic and round-trips, short hand-written files take the defaults, and a file from a
//! newer version says so.

use std::collections::BTreeSet;
use std::path::Path;

use optiscape::preset::{self, BUILTINS};
use optiscape::scenario::{
    Animation, Camera, Display, LossX, OptimizerConfig, RunConfig, Scenario, SurfaceConfig, Vectors,
};
use optiscape::sim::schedule::Schedule;
use optiscape::sim::surface::View;

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
        assert_eq!(optiscape::files::resolve(b.name).unwrap(), s);
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
                optiscape::files::load(&path).unwrap(),
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
        optiscape::files::save(&path, &scenario).unwrap_or_else(|e| panic!("{name}: {e}"));
        let loaded = optiscape::files::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
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
    let err = optiscape::files::save(&dir.path().join("v2.ron"), &newer).unwrap_err();
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
    optiscape::files::save(&path, &first).unwrap();
    let second = Scenario::welcome();
    optiscape::files::save(&path, &second).unwrap();
    assert_eq!(
        optiscape::files::load(&path).unwrap(),
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
    let err = optiscape::files::save(&path, &bad).unwrap_err();
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
    let err = optiscape::files::save(&folder, &second).unwrap_err();
    assert!(err.file.ends_with("folder.ron"), "{err}");
    assert!(folder.is_dir());
    assert_eq!(
        std::fs::read_to_string(folder.join("inside.txt")).unwrap(),
        "keep"
    );

    // A folder that does not exist: nothing is created.
    let err = optiscape::files::save(&dir.path().join("nowhere/x.ron"), &second).unwrap_err();
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
