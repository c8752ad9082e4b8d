use std::sync::Arc;

use super::*;
use crate::resolve::Given;
use crate::text;
use crate::ticks::axis_ticks;
use optiscape_core::scenario::palette;
use optiscape_core::sim::Trajectory;
use optiscape_core::sim::surface::View;

fn landscape(preset: &str, w: u32, h: u32) -> Landscape {
    let scenario = optiscape_files::resolve(preset).expect("built in");
    Landscape::new(&scenario, w, h, Given::NONE, Theme::DARK).expect("a landscape")
}

#[test]
fn the_view_keeps_one_unit_equal_on_both_axes() {
    let v = landscape::fit_aspect(View::new(-2.0, 2.0, -1.0, 3.0), [0.0, 0.0, 800.0, 400.0]);
    assert!((v.size().x / 800.0 - v.size().y / 400.0).abs() < 1e-12);
    assert!(v.x[0] <= -2.0 && v.x[1] >= 2.0 && v.y[0] <= -1.0 && v.y[1] >= 3.0);
}

#[test]
fn given_trajectories_are_drawn_as_they_are_and_others_are_computed() {
    let scenario = optiscape_files::resolve("zigzag-bowl").expect("built in");
    let compiled = scenario.compile().expect("valid");
    let mine: Vec<Arc<Trajectory>> = compiled
        .runs
        .iter()
        .map(|spec| Arc::new(spec.run()))
        .collect();
    let l =
        Landscape::new(&scenario, 400, 300, Given::paths(&mine), Theme::DARK).expect("a landscape");
    let visible: Vec<&Arc<Trajectory>> = scenario
        .runs
        .iter()
        .zip(&mine)
        .filter(|(r, _)| r.visible)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(l.runs.len(), visible.len());
    for (drawn, given) in l.runs.iter().zip(visible) {
        assert!(Arc::ptr_eq(&drawn.trajectory, given), "not computed again");
    }
    // A list that does not match the runs is not used.
    let l = Landscape::new(&scenario, 400, 300, Given::paths(&mine[..1]), Theme::DARK)
        .expect("a landscape");
    assert!(
        l.runs
            .iter()
            .all(|d| mine.iter().all(|m| !Arc::ptr_eq(&d.trajectory, m)))
    );
    assert_eq!(l.runs[0].trajectory.points, mine[0].points);
}

#[test]
fn a_divergence_label_in_the_legend_corner_goes_below_the_legend() {
    let l = landscape("lr-too-large", 1200, 750);
    let [lx, ly, lw, lh] = l.legend_rect().expect("runs, so a legend");
    let (p, f) = (l.layout.plot, l.layout.font);
    // A run that left through the top right corner, where the legend sits.
    let label = "diverged at step 7";
    let (u, legend) = (l.layout.unit, l.legend_rect());
    let [x, y] = diverged_label_at([p[0] + p[2] + 50.0, p[1] - 50.0], label, p, f, u, legend);
    let w = text::width(label, f);
    assert!(
        x + w > lx && x < lx + lw,
        "the label is in the legend's columns"
    );
    assert!(
        y - f / 2.0 >= ly + lh,
        "below the legend: {y} vs {}",
        ly + lh
    );
    assert!(y <= p[1] + p[3], "still inside the plot");
    // Elsewhere the label stays beside its cross.
    let c = [p[0] + 100.0, p[1] + p[3] - 100.0];
    let [x, y] = diverged_label_at(c, label, p, f, u, legend);
    assert!(
        (x - c[0]).abs() < 30.0 && (y - c[1]).abs() < 30.0,
        "{x},{y} vs {c:?}"
    );
}

#[test]
fn the_axes_carry_the_labels_of_render_ticks() {
    let l = landscape("zigzag-bowl", 1600, 1000);
    let pic = l.picture(usize::MAX);
    let (p, f) = (l.layout.plot, l.layout.font);
    let xs: Vec<String> = axis_ticks(
        l.view.x[0],
        l.view.x[1],
        f64::from(p[2]),
        f64::from(5.0 * f),
    )
    .into_iter()
    .map(|t| t.label)
    .collect();
    let ys: Vec<String> = axis_ticks(
        l.view.y[0],
        l.view.y[1],
        f64::from(p[3]),
        f64::from(5.0 * f),
    )
    .into_iter()
    .map(|t| t.label)
    .collect();
    assert!(xs.len() >= 3 && ys.len() >= 3, "{xs:?} {ys:?}");
    let mut expected: Vec<&str> = xs.iter().chain(&ys).map(String::as_str).collect();
    expected.extend(["x", "y"]);
    assert_eq!(pic.texts_in("axes"), expected);
    let bar = pic.texts_in("colour-bar");
    assert_eq!(bar[0], l.bar.title);
    for t in &l.bar.ticks {
        assert!(bar.contains(&t.label.as_str()), "{} in {bar:?}", t.label);
    }
    let title = optiscape_files::resolve("zigzag-bowl")
        .expect("built in")
        .title;
    assert_eq!(pic.texts_in("title"), [title.as_str()]);
}

#[test]
fn vectors_are_listed_only_when_the_scenario_shows_them() {
    let l = landscape("nesterov-lookahead", 800, 500);
    let arrows = |items: &[Item]| {
        let mut inside = false;
        let mut heads = 0;
        for item in items {
            match item {
                Item::Group { name, .. } => inside = *name == "vectors",
                Item::End => inside = false,
                Item::Polygon { .. } if inside => heads += 1,
                _ => {}
            }
        }
        heads
    };
    // Momentum: its velocity (which is its step); Nesterov: jump, correction and step.
    assert_eq!(arrows(&l.frame(10)), 4);
    // At the end there is no next update to show.
    assert_eq!(arrows(&l.frame(usize::MAX)), 0);
    let plain = landscape("zigzag-bowl", 800, 500);
    assert_eq!(arrows(&plain.frame(10)), 0);
}

/// As in the window, a run that diverges shows its cross and "diverged at step k" from the first
/// frame on, like the faint path ahead of the ball.
#[test]
fn a_divergence_is_marked_from_the_first_frame() {
    let l = landscape("lr-too-large", 800, 500);
    let says_diverged = |step: usize| {
        l.frame(step).iter().any(
            |item| matches!(item, Item::Text { text, .. } if text.starts_with("diverged at step")),
        )
    };
    assert!(says_diverged(0));
    assert!(says_diverged(l.last_step()));
}

/// Nesterov's triangle as on the slide: the brown jump ends where the red correction starts (torch's
/// iterate, the ball), and the green step starts where the brown jump does (the lecture's ball).
#[test]
fn nesterovs_triangle_closes_at_the_ball() {
    let scenario = optiscape_files::resolve("nesterov-lookahead").expect("built in");
    let l = Landscape::new(&scenario, 800, 500, Given::NONE, Theme::DARK).expect("a landscape");
    let step = 5;
    // The arrows' shafts: momentum's blue, then Nesterov's brown, red and green; each shaft is a
    // dark outline then the coloured line.
    let shafts: Vec<(Vec<[f32; 2]>, [u8; 4])> = l
        .frame(step)
        .into_iter()
        .skip_while(|i| {
            !matches!(
                i,
                Item::Group {
                    name: "vectors",
                    ..
                }
            )
        })
        .filter_map(|i| match i {
            Item::Line { points, rgba, .. } if rgba[..3] != [0, 0, 0] => Some((points, rgba)),
            _ => None,
        })
        .collect();
    let colour = |c: [u8; 3]| {
        shafts
            .iter()
            .filter(|(_, rgba)| rgba[..3] == c)
            .map(|(p, _)| p.clone())
            .collect::<Vec<_>>()
    };
    let (brown, red) = (colour(palette::VECTOR_BROWN), colour(palette::VECTOR_RED));
    let green = colour(palette::VECTOR_GREEN);
    assert_eq!((brown.len(), red.len(), green.len()), (1, 1, 1));
    let ball = l.project.apply(l.runs[1].trajectory.points[step]);
    let near = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).hypot(a[1] - b[1]) < 0.5;
    assert!(near(red[0][0], ball), "the correction starts at the ball");
    assert!(near(green[0][0], brown[0][0]), "step and jump start at θ");
    assert!(!near(brown[0][0], ball), "θ is not the ball after step 1");
}

/// Vectors are drawn at true length unless too short to read; then each such ball has one "×k"
/// label in its colour, clear of every arrow, other label and the one note that says what it means.
#[test]
fn vectors_are_at_true_length_or_labelled_per_ball_clear_of_arrows() {
    for (preset, w, h) in [
        ("nesterov-lookahead", 800, 500),
        ("gd-bowl", 800, 500),
        ("gd-bowl", 760, 360),
        ("gd-bowl", 640, 300),
    ] {
        labels_clear_of_arrows(preset, w, h);
    }
}

fn labels_clear_of_arrows(preset: &str, w: u32, h: u32) {
    let l = landscape(preset, w, h);
    let balls = |step: usize| -> Vec<vectors::Ball> {
        l.runs
            .iter()
            .filter_map(|r| {
                let spec = r.spec.as_ref()?;
                let s = spec.replay().seek(step)?;
                Some(vectors::Ball {
                    at: s.point,
                    step: s.next?,
                    lr: spec.optimizer.lr(),
                    rgb: r.rgb,
                })
            })
            .collect()
    };
    let is_label = |t: &str| t.starts_with('×') && !t.starts_with("×k:");
    let mut scaled_somewhere = false;
    for step in [0, 5, 10, 30, 60, 100] {
        let scales = vectors::scales(&balls(step), l.vectors, &l.project, l.layout.unit);
        let items = l.frame(step);
        let labels: Vec<([f32; 2], [u8; 3])> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, pos, rgb, .. } if is_label(text) => Some((*pos, *rgb)),
                _ => None,
            })
            .collect();
        let scaled: Vec<usize> = (0..scales.len())
            .filter(|&k| (scales[k] - 1.0).abs() >= 0.005)
            .collect();
        assert_eq!(labels.len(), scaled.len(), "step {step}: {scales:?}");
        for (label, k) in labels.iter().zip(&scaled) {
            assert_eq!(label.1, l.runs[*k].rgb, "a label in its ball's colour");
        }
        let notes = items
            .iter()
            .filter(|i| matches!(i, Item::Text { text, .. } if text.starts_with("×k:")))
            .count();
        assert_eq!(notes, usize::from(!scaled.is_empty()));
        scaled_somewhere |= !scaled.is_empty();
        // Label boxes cross no arrow shaft and no other label box.
        let boxes: Vec<[f32; 4]> = items
            .windows(2)
            .filter_map(|w| match w {
                [Item::Rect { rect, .. }, Item::Text { text, .. }] if is_label(text) => Some(*rect),
                _ => None,
            })
            .collect();
        let shafts: Vec<&Vec<[f32; 2]>> = items
            .iter()
            .skip_while(|i| {
                !matches!(
                    i,
                    Item::Group {
                        name: "vectors",
                        ..
                    }
                )
            })
            .filter_map(|i| match i {
                Item::Line { points, .. } => Some(points),
                _ => None,
            })
            .collect();
        let note: Vec<[f32; 4]> = items
            .windows(2)
            .filter_map(|w| match w {
                [Item::Rect { rect, .. }, Item::Text { text, .. }] if text.starts_with("×k:") => {
                    Some(*rect)
                }
                _ => None,
            })
            .collect();
        for (a, r) in boxes.iter().enumerate() {
            for b in boxes[a + 1..].iter().chain(&note) {
                let apart = r[0] + r[2] <= b[0]
                    || b[0] + b[2] <= r[0]
                    || r[1] + r[3] <= b[1]
                    || b[1] + b[3] <= r[1];
                assert!(
                    apart,
                    "{preset} step {step}: labels {r:?} and {b:?} overlap"
                );
            }
            for s in &shafts {
                let inside = |p: &[f32; 2]| {
                    p[0] > r[0] && p[0] < r[0] + r[2] && p[1] > r[1] && p[1] < r[1] + r[3]
                };
                let mid = [(s[0][0] + s[1][0]) / 2.0, (s[0][1] + s[1][1]) / 2.0];
                assert!(
                    !inside(&s[0]) && !inside(&s[1]) && !inside(&mid),
                    "step {step}: label {r:?} on an arrow {s:?}"
                );
            }
        }
    }
    assert!(
        scaled_somewhere,
        "{preset}: the steps near the minimum are too short to read"
    );
}
