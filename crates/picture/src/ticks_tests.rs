use proptest::prelude::*;

use super::*;

/// "-0", "-0.00" or "-0e0": a zero with a sign.
fn negative_zero(label: &str) -> bool {
    label.starts_with('-') && label.chars().skip(1).all(|c| matches!(c, '0' | '.' | 'e'))
}

fn labels(ticks: &[Tick]) -> Vec<&str> {
    ticks.iter().map(|t| t.label.as_str()).collect()
}

/// Properties every axis must have: round values in range, increasing, distinct labels that read
/// back as their values, no "-0", and a number of ticks the axis has room for.
fn check_axis(lo: f64, hi: f64, length: f64, spacing: f64) -> Result<(), TestCaseError> {
    let ticks = axis_ticks(lo, hi, length, spacing);
    let step = axis_step(lo, hi, length, spacing).expect("a step");
    prop_assert!(ticks.len() as f64 <= length / spacing + 1.0 + 1e-9);
    prop_assert!(ticks.len() as f64 >= (length / (2.5 * spacing)).floor());
    for w in ticks.windows(2) {
        prop_assert!(w[0].value < w[1].value);
        prop_assert_ne!(&w[0].label, &w[1].label);
    }
    for t in &ticks {
        prop_assert!(t.value >= lo && t.value <= hi);
        prop_assert!(!negative_zero(&t.label), "{}", t.label);
        prop_assert!(!t.label.is_empty());
        let read: f64 = t
            .label
            .parse()
            .map_err(|_| TestCaseError::fail(t.label.clone()))?;
        prop_assert!(
            (read - t.value).abs() <= 0.5 * step,
            "{} for {}",
            t.label,
            t.value
        );
        prop_assert_eq!(&tick_label(t.value, step, lo, hi), &t.label);
    }
    // One notation per axis.
    let sci = ticks.iter().filter(|t| t.label.contains('e')).count();
    let zero = ticks.iter().filter(|t| t.label == "0").count();
    prop_assert!(
        sci == 0 || sci + zero == ticks.len(),
        "{:?}",
        labels(&ticks)
    );
    Ok(())
}

fn check_bar(scale: &Scale, length: f64, spacing: f64) -> Result<(), TestCaseError> {
    let bar = bar_ticks(scale, "f", length, spacing);
    let ticks = &bar.ticks;
    prop_assert!(ticks.len() as f64 <= length / spacing + 1.0 + 1e-9);
    if length >= 5.0 * spacing {
        prop_assert!(ticks.len() >= 2, "{:?} {:?}", scale, bar);
    }
    for w in ticks.windows(2) {
        prop_assert!(w[0].value < w[1].value);
        prop_assert!(w[0].t < w[1].t);
        prop_assert!((w[1].t - w[0].t) * length >= spacing - 1e-6, "{:?}", bar);
        prop_assert_ne!(&w[0].label, &w[1].label);
    }
    let shift = if bar.note.is_some() { scale.min } else { 0.0 };
    for t in ticks {
        prop_assert!((0.0..=1.0).contains(&t.t));
        prop_assert!(t.value + shift >= scale.min && t.value + shift <= scale.max);
        prop_assert!(!negative_zero(&t.label), "{}", t.label);
        let read: f64 = t
            .label
            .parse()
            .map_err(|_| TestCaseError::fail(t.label.clone()))?;
        prop_assert!(
            (read - t.value).abs()
                <= 1e-9 * t.value.abs().max(1e-300) + 1e-12 * (scale.max - scale.min)
        );
    }
    let sci = ticks.iter().filter(|t| t.label.contains('e')).count();
    let zero = ticks.iter().filter(|t| t.label == "0").count();
    prop_assert!(sci == 0 || sci + zero == ticks.len(), "{:?}", bar);
    if !scale.log && sci == 0 {
        let decimals = |s: &str| s.split_once('.').map_or(0, |(_, d)| d.len());
        prop_assert!(
            ticks
                .windows(2)
                .all(|w| decimals(&w[0].label) == decimals(&w[1].label))
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn axis_ticks_hold_at_any_range_and_size(
        centre in -1.0f64..1.0,
        width in 0.05f64..20.0,
        exponent in -9i32..9,
        length in 40.0f64..4000.0,
        spacing in 20.0f64..200.0,
    ) {
        let unit = 10f64.powi(exponent);
        let (lo, hi) = ((centre * 10.0 - width / 2.0) * unit, (centre * 10.0 + width / 2.0) * unit);
        check_axis(lo, hi, length, spacing)?;
    }

    #[test]
    fn colour_bar_ticks_hold_at_any_scale_and_size(
        min in -1.0f64..1.0,
        span in 0.001f64..10.0,
        exponent in -8i32..8,
        log in any::<bool>(),
        at_zero in any::<bool>(),
        length in 60.0f64..2000.0,
        spacing in 15.0f64..80.0,
    ) {
        let unit = 10f64.powi(exponent);
        let min = if at_zero { min.abs() * 1e-6 * unit } else { min * unit };
        let scale = Scale::new(log, min, min + span * unit);
        check_bar(&scale, length, spacing)?;
    }

    #[test]
    fn single_numbers_read_back(v in -1e12f64..1e12, exponent in -12i32..4) {
        let v = v * 10f64.powi(exponent);
        let s = fmt_number(v);
        let read: f64 = s.parse().map_err(|_| TestCaseError::fail(s.clone()))?;
        prop_assert!((read - v).abs() <= 5e-3 * v.abs(), "{} for {}", s, v);
        prop_assert!(!s.contains("e0") && !s.contains("e-0") && !negative_zero(&s), "{}", s);
        prop_assert_eq!(s.contains('e'), !(1e-3..9999.5).contains(&v.abs()) && v != 0.0);
    }
}

#[test]
fn half_steps_carry_a_decimal() {
    // The x axis of a presentation-mode window 1600 px wide.
    let ticks = axis_ticks(-3.3, 3.3, 1500.0, 70.0);
    assert_eq!(
        labels(&ticks),
        [
            "-3.0", "-2.5", "-2.0", "-1.5", "-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5", "2.0",
            "2.5", "3.0"
        ]
    );
    assert_eq!(
        labels(&axis_ticks(-2.0, 2.0, 400.0, 70.0)),
        ["-2", "-1", "0", "1", "2"]
    );
    assert_eq!(tick_label(-1e-17, 0.5, -3.0, 3.0), "0.0");
    assert_eq!(
        labels(&axis_ticks(0.0, 1e5, 500.0, 100.0)),
        ["0", "2.0e4", "4.0e4", "6.0e4", "8.0e4", "1.0e5"]
    );
    assert!(axis_ticks(1.0, 1.0, 500.0, 70.0).is_empty());
    assert!(axis_ticks(0.0, f64::NAN, 500.0, 70.0).is_empty());
}

#[test]
fn numbers_are_plain_inside_and_scientific_outside() {
    assert_eq!(fmt_number(-1.0316), "-1.032");
    assert_eq!(fmt_number(0.0), "0");
    assert_eq!(fmt_number(-0.0), "0");
    assert_eq!(fmt_number(1.2e-5), "1.2e-5");
    assert_eq!(fmt_number(14359.0), "1.44e4");
    assert_eq!(fmt_number(1e5), "1e5");
    assert_eq!(fmt_number(454.5), "454.5");
    assert_eq!(fmt_number(0.001), "0.001");
    assert_eq!(fmt_number(7840.0), "7840");
    assert_eq!(fmt_number(9999.7), "1e4");
    assert_eq!(fmt_number(0.0031194), "0.003119");
}

#[test]
fn a_zoomed_linear_bar_has_round_distinct_labels() {
    let bar = bar_ticks(&Scale::new(false, 41.403, 41.487), "f", 400.0, 40.0);
    let l: Vec<&str> = bar.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        l,
        [
            "41.41", "41.42", "41.43", "41.44", "41.45", "41.46", "41.47", "41.48"
        ]
    );
    let bar = bar_ticks(&Scale::new(false, -1.0316, 5.73), "f", 400.0, 40.0);
    let l: Vec<&str> = bar.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(l, ["-1", "0", "1", "2", "3", "4", "5"]);
    assert_eq!(bar.title, "f");
}

#[test]
fn a_log_bar_has_powers_of_ten() {
    let bar = bar_ticks(&Scale::new(true, 1e-5, 1.4e4), "f", 600.0, 30.0);
    assert_eq!(bar.title, "f (log)");
    assert_eq!(bar.note, None);
    let l: Vec<&str> = bar.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(
        l.contains(&"1e-1") && l.contains(&"1e0") && l.contains(&"1e4"),
        "{l:?}"
    );
    // Many decades: powers of ten only, evenly spaced.
    assert!(l.iter().all(|s| s.starts_with('1')), "{l:?}");
    // Few decades: 2× and 5× between.
    let bar = bar_ticks(&Scale::with_decades(true, 0.0, 50.0, 2.0), "f", 600.0, 30.0);
    let l: Vec<&str> = bar.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(
        l.contains(&"2") && l.contains(&"5") && l.contains(&"10"),
        "{l:?}"
    );
    // A minimum below zero: the labels measure the height above it, and say so.
    let bar = bar_ticks(&Scale::new(true, -1.0316, 5.73), "f", 600.0, 30.0);
    assert_eq!(bar.title, "f − min (log)");
    assert_eq!(bar.note.as_deref(), Some("min = -1.032"));
    assert!(bar.ticks.iter().any(|t| t.label == "1e0"));
}
