//! Run colours: sixteen per theme, told apart from each other and from the vector colours, and
//! readable on the theme's backgrounds; every shipped preset's runs stay apart in both themes.

use optiscape::preset::BUILTINS;
use optiscape::scenario::palette::{
    self, DARK, LIGHT, VECTOR_BLUE, VECTOR_BROWN, VECTOR_GREEN, VECTOR_RED,
};

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

/// WCAG contrast ratio.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// CIE L*a*b* under D65.
fn lab(c: [u8; 3]) -> [f64; 3] {
    let [r, g, b] = c.map(linear);
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIE76 colour difference.
fn delta_e(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (a, b) = (lab(a), lab(b));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

fn grey(c: egui::Color32) -> [u8; 3] {
    [c.r(), c.g(), c.b()]
}

/// The backgrounds run colours are drawn on in a theme: panels (list, table) and plots.
fn backgrounds(dark: bool) -> Vec<[u8; 3]> {
    let v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    vec![
        grey(v.panel_fill),
        grey(v.window_fill),
        grey(v.extreme_bg_color),
    ]
}

#[test]
fn the_colour_science_is_right() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert!((lab([255, 255, 255])[0] - 100.0).abs() < 1e-3);
    assert!(delta_e([255, 0, 0], [254, 0, 0]) < 1.0);
    assert!(delta_e([0, 0, 0], [255, 255, 255]) > 99.0);
}

#[test]
fn sixteen_colours_per_theme_are_told_apart() {
    for (theme, list) in [("dark", &DARK), ("light", &LIGHT)] {
        assert_eq!(list.len(), 16);
        for i in 0..16 {
            for j in 0..i {
                let d = delta_e(list[i], list[j]);
                assert!(
                    d >= 15.0,
                    "{theme}: colours {j} and {i} are only ΔE {d:.1} apart"
                );
            }
        }
    }
}

#[test]
fn every_colour_stands_out_from_its_theme_and_from_the_vectors() {
    for (dark, list) in [(true, &DARK), (false, &LIGHT)] {
        for (i, &c) in list.iter().enumerate() {
            for bg in backgrounds(dark) {
                let k = contrast(c, bg);
                assert!(
                    k >= 3.0,
                    "dark={dark}: colour {i} {c:?} has contrast {k:.2} on {bg:?}"
                );
            }
            for v in [VECTOR_RED, VECTOR_GREEN, VECTOR_BLUE, VECTOR_BROWN] {
                let d = delta_e(c, v);
                assert!(
                    d >= 15.0,
                    "dark={dark}: colour {i} {c:?} is ΔE {d:.1} from vector {v:?}"
                );
            }
        }
    }
}

#[test]
fn runs_take_the_palette_in_order_and_it_repeats_after_sixteen() {
    assert_eq!(palette::colour(0, true), DARK[0]);
    assert_eq!(palette::colour(15, false), LIGHT[15]);
    assert_eq!(palette::colour(16, true), DARK[0]);
}

#[test]
fn every_shipped_preset_keeps_its_runs_apart_in_both_themes() {
    for b in BUILTINS {
        let s = b.scenario().expect("valid");
        for dark in [true, false] {
            let colours: Vec<[u8; 3]> = (0..s.runs.len())
                .map(|i| s.runs[i].rgb_in(i, dark))
                .collect();
            for i in 0..colours.len() {
                for j in 0..i {
                    let d = delta_e(colours[i], colours[j]);
                    assert!(
                        d >= 15.0,
                        "{}: runs {j} and {i} are ΔE {d:.1} apart (dark={dark})",
                        b.name
                    );
                }
            }
        }
    }
}
