//! Each optimizer is described once, by its specs: everything that shows or checks a hyper-parameter
//! (sliders, CLI flags, preset fields, the fuzz dictionary, validation) is read from them.

use optiscape::sim::optim::{HyperKind, HyperValue, hyper_names, known_spec};

use super::*;

#[test]
fn a_name_has_one_shape_everywhere() {
    for kind in K::all() {
        for spec in kind.takes() {
            let first = known_spec(spec.name).expect("declared");
            assert_eq!(first.kind, spec.kind, "{kind}: {} changes shape", spec.name);
            assert!(
                spec.default.fits(spec.kind),
                "{kind}: {} default",
                spec.name
            );
        }
        let names: Vec<_> = kind.takes().iter().map(|s| s.name).collect();
        let mut unique = names.clone();
        unique.dedup();
        assert_eq!(names, unique, "{kind} lists a parameter twice");
    }
}

#[test]
fn every_default_is_allowed_and_inside_its_sliders() {
    for kind in K::all() {
        for spec in kind.takes() {
            assert!(
                spec.check(spec.default).is_ok(),
                "{kind}: {} default refused",
                spec.name
            );
            let values: Vec<f64> = match spec.default {
                HyperValue::F(x) => vec![x],
                HyperValue::P(a, b) => vec![a, b],
                _ => vec![],
            };
            assert_eq!(
                spec.edits.len(),
                values.len(),
                "{kind}: {} sliders",
                spec.name
            );
            for (edit, v) in spec.edits.iter().zip(values) {
                assert!(edit.min < edit.max, "{kind}: {}", edit.label);
                assert!(
                    (edit.min..=edit.max).contains(&v),
                    "{kind}: {} = {v}",
                    edit.label
                );
                assert!(!edit.label.is_empty());
            }
        }
    }
}

/// Every value a slider can reach (its ends and points between) is accepted, so dragging never
/// produces an invalid run.
#[test]
fn slider_ranges_stay_inside_what_is_allowed() {
    for kind in K::all() {
        for spec in kind.takes() {
            let reach = |i: usize| {
                let e = &spec.edits[i];
                let lo = if e.log && e.min == 0.0 { 1e-12 } else { e.min };
                [lo, (lo + e.max) / 2.0, e.max]
            };
            let tries: Vec<HyperValue> = match spec.default {
                HyperValue::F(_) => reach(0).into_iter().map(HyperValue::F).collect(),
                HyperValue::P(a, b) => {
                    let mut out: Vec<_> =
                        reach(0).into_iter().map(|x| HyperValue::P(x, b)).collect();
                    out.extend(reach(1).into_iter().map(|y| HyperValue::P(a, y)));
                    out
                }
                _ => vec![],
            };
            for v in tries {
                // A pair's two sliders may cross (min step above max step); that one rule is the
                // pair's own and is reported as such.
                if spec.name == "step_sizes" {
                    continue;
                }
                assert!(
                    spec.check(v).is_ok(),
                    "{kind}: {} = {v:?} reachable but refused",
                    spec.name
                );
            }
        }
    }
}

#[test]
fn every_name_is_a_cli_flag_and_a_fuzz_word() {
    let help = assert_cmd::Command::cargo_bin("optiscape")
        .expect("binary")
        .args(["trace", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&help.stdout);
    let dict = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/preset.dict"))
        .expect("fuzz dictionary");
    for name in hyper_names() {
        let flag = format!("--{}", name.replace('_', "-"));
        assert!(help.contains(&flag), "trace --help lacks {flag}");
        assert!(
            dict.contains(&format!("\"{name}:\"")),
            "fuzz/preset.dict lacks {name}:"
        );
        let spec = known_spec(name).expect("declared");
        if let HyperKind::Choice(variants) = spec.kind {
            for v in variants {
                assert!(
                    dict.contains(&format!("\"{v}\"")),
                    "fuzz/preset.dict lacks {v}"
                );
            }
        }
    }
}

#[test]
fn every_name_round_trips_through_a_preset() {
    use optiscape::scenario::OptimizerConfig;
    for kind in K::all() {
        let mut cfg = OptimizerConfig::from_params(kind.name(), &hp());
        for spec in kind.takes() {
            cfg.set(spec.name, spec.default);
        }
        let text = ron::to_string(&cfg).expect("writes");
        // As presets are read: a bare value and `Some(value)` alike.
        let back: OptimizerConfig = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&text)
            .expect("reads its own text");
        assert_eq!(back, cfg, "{kind}: {text}");
        for spec in kind.takes() {
            assert!(text.contains(&format!("{}:", spec.name)), "{kind}: {text}");
        }
    }
}
