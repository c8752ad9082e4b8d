//! The lecture's own variants, derived by hand from the rules file: Rprop as on the slide.

use optiscape::sim::optim::HyperValue;

use super::*;

fn lecture() -> HyperParams {
    hp().with("lr", 0.1)
        .with("variant", HyperValue::C("lecture"))
}

#[test]
fn the_lectures_rprop_moves_every_step_and_defaults_to_the_slides_etas() {
    let x0 = v(1.0, 2.0);
    // x: +, +, − (flip), −, −.   y: 0, then +, +, +, +.
    let gs = [
        v(1.0, 0.0),
        v(2.0, 0.5),
        v(-3.0, 0.5),
        v(-1.0, 0.5),
        v(-1.0, 0.5),
    ];
    let xs = [
        1.0 - 0.1,                                   // the first step moves lr
        1.0 - 0.1 - 0.12,                            // same sign: ×1.2
        1.0 - 0.1 - 0.12 + 0.072,                    // flip: ×0.6, and it still moves
        1.0 - 0.1 - 0.12 + 0.072 + 0.0864,           // same sign again: ×1.2
        1.0 - 0.1 - 0.12 + 0.072 + 0.0864 + 0.10368, // ×1.2
    ];
    let ys = [
        2.0,        // sign(0) = 0: no move
        2.0 - 0.06, // g·g_prev = 0 ≤ 0: ×0.6
        2.0 - 0.06 - 0.072,
        2.0 - 0.06 - 0.072 - 0.0864,
        2.0 - 0.06 - 0.072 - 0.0864 - 0.10368,
    ];
    let path = rprop_path(lecture(), x0, &gs);
    for (t, p) in path.iter().enumerate() {
        assert!(
            close(p.x, xs[t], REL),
            "x after step {}: {} vs {}",
            t + 1,
            p.x,
            xs[t]
        );
        assert!(
            close(p.y, ys[t], REL),
            "y after step {}: {} vs {}",
            t + 1,
            p.y,
            ys[t]
        );
    }
    // torch's iRprop− on the same gradients stands still on the flip.
    let torch = rprop_path(hp().with("lr", 0.1), x0, &gs);
    assert_eq!(torch[2].x, torch[1].x);
    assert!(path[2].x != path[1].x);
}

#[test]
fn the_lectures_etas_are_a_default_that_a_set_value_overrides() {
    let o = opt(K::Rprop, lecture());
    assert_eq!(o.params().get("etas"), Some(HyperValue::P(0.6, 1.2)));
    assert_eq!(o.params().get("variant"), Some(HyperValue::C("lecture")));
    assert_eq!(
        opt(K::Rprop, hp()).params().get("etas"),
        Some(HyperValue::P(0.5, 1.2)),
        "torch's default variant keeps torch's etas"
    );
    // Set etas (0.5, 1.2) under the lecture's rule: the flip halves the step.
    let p = lecture().with("etas", (0.5, 1.2));
    let gs = [v(1.0, 0.0), v(2.0, 0.0), v(-3.0, 0.0)];
    let path = rprop_path(p, v(0.0, 0.0), &gs);
    assert!(close(path[2].x, -0.1 - 0.12 + 0.06, REL), "{}", path[2].x);
}

#[test]
fn the_lectures_rprop_clamps_after_the_first_step() {
    let p = lecture().with("lr", 1.0).with("step_sizes", (0.3, 0.5));
    // The first step keeps lr (the slide starts from it); the next ones are clamped.
    let path = rprop_path(p, v(0.0, 0.0), &[v(1.0, 0.0), v(1.0, 0.0), v(-1.0, 0.0)]);
    let want = [-1.0, -1.5, -1.2];
    for (t, (p, w)) in path.iter().zip(want).enumerate() {
        assert!(close(p.x, w, REL), "step {}: {} vs {w}", t + 1, p.x);
    }
}

#[test]
fn the_variant_is_a_preset_identifier_and_a_cli_flag() {
    let text = r#"(surface: (name: "booth"), steps: 3, runs: [
        (optimizer: (name: "rprop", lr: 0.1, variant: lecture), start: (-5.0, 8.0)),
    ])"#;
    let scenario =
        optiscape::preset::parse(text.as_bytes(), "test").expect("a lecture Rprop preset");
    let spec = &scenario.compile().expect("valid").runs[0];
    let preset_path = spec.run().points;
    assert_eq!(
        spec.optimizer.params().get("etas"),
        Some(HyperValue::P(0.6, 1.2))
    );
    // `variant: lecture` is written back as an identifier.
    let written = optiscape::preset::to_ron(&scenario).expect("writes");
    assert!(written.contains("variant: lecture"), "{written}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_optiscape"))
        .args([
            "trace",
            "--surface",
            "booth",
            "--optimizer",
            "rprop",
            "--lr",
            "0.1",
        ])
        .args(["--variant", "lecture", "--start", "-5,8", "--steps", "3"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cli_path: Vec<V2> = json["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| v(p[0].as_f64().expect("x"), p[1].as_f64().expect("y")))
        .collect();
    assert_eq!(cli_path, preset_path);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_optiscape"))
        .args(["trace", "--optimizer", "rprop", "--variant", "slide"])
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("lecture"));
}
