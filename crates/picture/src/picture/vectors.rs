//! What the balls are doing and why: vectors at each ball (−lr·∇f, the step taken, the velocity,
//! Nesterov's look-ahead jump and correction, adaptive step sizes as an ellipse) with the scale they
//! are drawn at, and a faint field of −∇f arrows. The window and the exporters both draw these items.
//!
//! Vectors are drawn at true length (plane units) where that is readable; otherwise a ball's vectors
//! are scaled by one factor, labelled "×k" beside it in its colour (see [`scales`]), and one note says
//! what that means. Lengths are in the picture's line-width unit `u` (one point in the window).

use super::{Anchor, Item, arrow, boxed_text, with_alpha};
use crate::lod::Projection;
use crate::text;
use optiscape_core::scenario::{Vectors, palette};
use optiscape_core::sim::optim::Step;
use optiscape_core::sim::{Surface, V2};

/// The effective step-size ellipse.
pub const VIOLET: [u8; 3] = [220, 170, 255];
/// A ball's vectors are readable when the longest is at least this long, in units (a few ball
/// widths, so they reach out from under the ball).
pub const READABLE: f32 = 60.0;
/// Text size (line height) of the scale note, in units.
const LABEL: f32 = 15.0;

/// A ball, the update that leads on from it, and its run's colour (for its scale label).
#[derive(Debug, Clone, Copy)]
pub struct Ball {
    pub at: V2,
    pub step: Step,
    pub lr: f64,
    pub rgb: [u8; 3],
}

/// The vectors the toggles in `v` ask for at one ball: origin, displacement (plane units), colour.
/// No arrow lies under another: Nesterov's triangle stands for its velocity, and a step that is the
/// velocity (momentum's) is shown once, in the velocity's blue.
fn vectors_of(b: &Ball, v: Vectors) -> Vec<(V2, V2, [u8; 3])> {
    let (x, step) = (b.at, b.step);
    if let (true, Some(theta), Some(correction)) = (v.lookahead, step.theta, step.correction) {
        // The lecture's triangle, from its ball θₜ: the jump to torch's iterate xₜ (brown), the
        // correction measured there (red), and their sum, the step to θₜ₊₁ (green).
        return vec![
            (theta, x - theta, palette::VECTOR_BROWN),
            (x, correction, palette::VECTOR_RED),
            (theta, x - theta + correction, palette::VECTOR_GREEN),
        ];
    }
    let mut list = Vec::new();
    if v.gradient {
        list.push((x, step.grad * -b.lr, palette::VECTOR_RED));
    }
    let velocity = step.velocity.filter(|_| v.velocity);
    let same = |a: V2, b: V2| (a - b).norm() <= 1e-12 * a.norm().max(b.norm());
    if v.step && !velocity.is_some_and(|vel| same(vel, step.update)) {
        list.push((x, step.update, palette::VECTOR_GREEN));
    }
    if let Some(vel) = velocity {
        list.push((x, vel, palette::VECTOR_BLUE));
    }
    list
}

/// How much longer than true each ball's vectors are drawn: 1 (true length: the arrow that moves the
/// ball, in plane units, so its length shows lr × slope) where the longest is at least [`READABLE`]
/// units; otherwise the factor that makes it [`READABLE`] units long. One factor per ball, so the
/// vectors at a ball compare.
pub fn scales(balls: &[Ball], v: Vectors, project: &Projection, u: f32) -> Vec<f32> {
    balls
        .iter()
        .map(|b| {
            let longest = vectors_of(b, v)
                .iter()
                .map(|(o, d, _)| {
                    let (a, b) = (project.apply(*o), project.apply(*o + *d));
                    (b[0] - a[0]).hypot(b[1] - a[1])
                })
                .filter(|l| l.is_finite())
                .fold(0.0f32, f32::max);
            if longest > 0.0 && longest < READABLE * u {
                READABLE * u / longest
            } else {
                1.0
            }
        })
        .collect()
}

/// Whether a factor is shown as one (labels round to a few digits).
fn is_true_length(scale: f32) -> bool {
    (scale - 1.0).abs() < 0.005
}

/// The vectors at each ball for the toggles in `v`, each ball's at its own [`scales`] factor; where
/// that is not 1, a "×k" label in the ball's colour beside it, clear of every arrow, ball and other
/// label, and one note in the plot's top left corner (`plot`) that says what "×k" means.
pub fn at_balls(
    out: &mut Vec<Item>,
    balls: &[Ball],
    v: Vectors,
    project: &Projection,
    plot: [f32; 4],
    u: f32,
) {
    let screen = |p: V2| project.apply(p);
    // Plane vectors to picture vectors (y flips).
    let to_screen = |p: V2, d: V2| {
        let (a, b) = (screen(p), screen(p + d));
        [b[0] - a[0], b[1] - a[1]]
    };
    let scales = scales(balls, v, project, u);
    let mut shafts: Vec<([f32; 2], [f32; 2])> = Vec::new();
    for (ball, &scale) in balls.iter().zip(&scales) {
        let x = screen(ball.at);
        for (origin, d, c) in vectors_of(ball, v) {
            let o = screen(origin);
            // Scaled about the ball, so a scaled triangle still meets at it.
            let from = [x[0] + (o[0] - x[0]) * scale, x[1] + (o[1] - x[1]) * scale];
            let s = to_screen(origin, d);
            let tip = [s[0] * scale, s[1] * scale];
            // Nesterov's jump and step start together and may lie along each other: the jump
            // is drawn wide and the step narrow on top, so both show.
            let width = match c {
                palette::VECTOR_BROWN => 6.0,
                palette::VECTOR_GREEN => 2.5,
                _ => 3.5,
            };
            arrow(out, from, tip, c, width * u, u);
            shafts.push((from, [from[0] + tip[0], from[1] + tip[1]]));
        }
        if v.step_sizes
            && let Some(eff) = ball.step.eff_lr
        {
            ellipse(out, x, eff, u);
        }
    }
    let mut taken: Vec<[f32; 4]> = balls
        .iter()
        .map(|b| {
            let c = screen(b.at);
            let r = 11.0 * u;
            [c[0] - r, c[1] - r, 2.0 * r, 2.0 * r]
        })
        .collect();
    let scaled =
        |ball: &Ball, scale: f32| !is_true_length(scale) && !vectors_of(ball, v).is_empty();
    if balls.iter().zip(&scales).any(|(b, &s)| scaled(b, s)) {
        // The note goes first, so no label is placed under it.
        taken.push(scale_note(out, plot, u));
    }
    for (ball, &scale) in balls.iter().zip(&scales) {
        if !scaled(ball, scale) {
            continue;
        }
        // Two figures are enough to read a factor by.
        let label = if scale < 9.95 {
            format!("×{scale:.1}")
        } else {
            format!("×{scale:.0}")
        };
        let rect = label_rect(screen(ball.at), &label, &shafts, &taken, u);
        taken.push(rect);
        out.push(Item::Rect {
            rect,
            rgba: [0, 0, 0, 190],
        });
        let pad = 3.0 * u;
        out.push(Item::text(
            [rect[0] + pad, rect[1] + pad],
            LABEL * u,
            Anchor::LeftTop,
            ball.rgb,
            &label,
        ));
    }
}

/// Where the label `text` of the ball at `c` goes: the first of the places around the ball that
/// crosses no arrow shaft and no `taken` box (balls and labels), else the first place.
fn label_rect(
    c: [f32; 2],
    text: &str,
    shafts: &[([f32; 2], [f32; 2])],
    taken: &[[f32; 4]],
    u: f32,
) -> [f32; 4] {
    let size = LABEL * u;
    let pad = 3.0 * u;
    let (w, h) = (
        text::width(text, size) + 2.0 * pad,
        text::height(size) + 2.0 * pad,
    );
    let d = 14.0 * u;
    let places = [
        [d, d],
        [d, -d - h],
        [-d - w, d],
        [-d - w, -d - h],
        [d + 4.0 * u, -h / 2.0],
        [-d - 4.0 * u - w, -h / 2.0],
        [-w / 2.0, d + 4.0 * u],
        [-w / 2.0, -d - 4.0 * u - h],
        [2.5 * d, 2.5 * d],
        [-2.5 * d - w, -2.5 * d - h],
    ];
    let rects = places.map(|[dx, dy]| [c[0] + dx, c[1] + dy, w, h]);
    rects
        .iter()
        .find(|r| {
            !taken.iter().any(|t| overlap(r, t))
                && !shafts.iter().any(|(a, b)| segment_meets(r, *a, *b))
        })
        .copied()
        .unwrap_or(rects[0])
}

fn overlap(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}

/// Whether the segment from `a` to `b` passes through the rectangle `r` (sampled finely enough for
/// label-sized boxes).
fn segment_meets(r: &[f32; 4], a: [f32; 2], b: [f32; 2]) -> bool {
    let len = (b[0] - a[0]).hypot(b[1] - a[1]);
    let n = (len / 2.0).ceil().clamp(1.0, 2000.0) as usize;
    (0..=n).any(|k| {
        let t = k as f32 / n as f32;
        let p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        p[0] >= r[0] && p[0] <= r[0] + r[2] && p[1] >= r[1] && p[1] <= r[1] + r[3]
    })
}

/// What "×k" beside a ball means, once, on a dark box in the plot's top left corner; returns the
/// box.
fn scale_note(out: &mut Vec<Item>, plot: [f32; 4], u: f32) -> [f32; 4] {
    let label = "×k: vectors drawn k times their true length, which is too short to read";
    let at = [plot[0] + 8.0 * u, plot[1] + 8.0 * u];
    let (size, pad) = (LABEL * u, 3.0 * u);
    boxed_text(out, at, size, label, pad, 170);
    [
        at[0] - pad,
        at[1] - pad,
        text::width(label, size) + 2.0 * pad,
        text::height(size) + 2.0 * pad,
    ]
}

/// The per-coordinate effective step sizes as an axis-aligned ellipse (larger semi-axis 40 units).
fn ellipse(out: &mut Vec<Item>, c: [f32; 2], eff: V2, u: f32) {
    let (sx, sy) = (eff.x.abs(), eff.y.abs());
    let big = sx.max(sy);
    if !(big.is_finite() && big > 0.0) {
        return;
    }
    let (a, b) = ((40.0 * sx / big) as f32 * u, (40.0 * sy / big) as f32 * u);
    let pts: Vec<[f32; 2]> = (0..=48)
        .map(|k| {
            let th = k as f32 / 48.0 * std::f32::consts::TAU;
            [c[0] + a.max(u) * th.cos(), c[1] + b.max(u) * th.sin()]
        })
        .collect();
    out.push(Item::line(pts.clone(), 4.0 * u, [0, 0, 0, 150]));
    out.push(Item::line(pts, 2.0 * u, with_alpha(VIOLET, 255)));
}

/// Faint arrows of −∇f on a grid over `rect`, normalised (direction only; longer where the slope is
/// steeper, logarithmically).
pub fn gradient_field(
    out: &mut Vec<Item>,
    surface: &Surface,
    project: &Projection,
    rect: [f32; 4],
    u: f32,
) {
    let cell = 48.0 * u;
    let (cols, rows) = (
        (rect[2] / cell).ceil() as usize,
        (rect[3] / cell).ceil() as usize,
    );
    let colour = [255, 255, 255, 110];
    for r in 0..rows {
        for c in 0..cols {
            let s = [
                rect[0] + (c as f32 + 0.5) * cell,
                rect[1] + (r as f32 + 0.5) * cell,
            ];
            let g = surface.grad(project.invert(s));
            let n = g.norm();
            if !(n.is_finite() && n > 0.0) {
                continue;
            }
            // −∇f in the picture: y flips.
            let dir = [-(g.x / n) as f32, (g.y / n) as f32];
            let len = (0.25 + 0.1 * (1.0 + n).ln() as f32).min(0.8) * cell;
            let a = [s[0] - dir[0] * len * 0.5, s[1] - dir[1] * len * 0.5];
            let b = [s[0] + dir[0] * len * 0.5, s[1] + dir[1] * len * 0.5];
            out.push(Item::line(vec![a, b], 1.2 * u, colour));
            let side = [-dir[1] * 3.0 * u, dir[0] * 3.0 * u];
            let back = [b[0] - dir[0] * 6.0 * u, b[1] - dir[1] * 6.0 * u];
            out.push(Item::Polygon {
                points: vec![
                    b,
                    [back[0] + side[0], back[1] + side[1]],
                    [back[0] - side[0], back[1] - side[1]],
                ],
                fill: colour,
                outline: None,
            });
        }
    }
}
