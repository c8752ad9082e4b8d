//! What the balls are doing and why: vectors at each ball (−lr·∇f, the step taken, the velocity,
//! Nesterov's look-ahead jump and correction, adaptive step sizes as an ellipse) with the scale they
//! are drawn at, and a faint field of −∇f arrows. The window and the exporters both draw these items.
//!
//! The vectors at one ball share one scale (shown next to it), so their lengths can be compared; the
//! scale makes the longest [`LONGEST`] units long. Lengths are in the picture's line-width unit `u`
//! (one point in the window).

use super::{Anchor, Item, arrow, with_alpha};
use crate::render::lod::Projection;
use crate::render::text;
use crate::render::ticks::fmt_number;
use crate::scenario::{Vectors, palette};
use crate::sim::optim::Step;
use crate::sim::{Surface, V2};

/// The effective step-size ellipse.
pub const VIOLET: [u8; 3] = [220, 170, 255];
/// Longest vector at a ball, in units.
pub const LONGEST: f32 = 90.0;
/// Text size (line height) of the scale labels, in units.
const LABEL: f32 = 15.0;

/// A ball and the update that leads on from it.
#[derive(Debug, Clone, Copy)]
pub struct Ball {
    pub at: V2,
    pub step: Step,
    pub lr: f64,
}

/// The vectors the toggles in `v` ask for at one ball: origin, displacement (plane units), colour.
fn vectors_of(b: &Ball, v: Vectors) -> Vec<(V2, V2, [u8; 3])> {
    let (x, step) = (b.at, b.step);
    let mut list = Vec::new();
    if let (true, Some(jump_to)) = (v.lookahead, step.lookahead) {
        list.push((x, jump_to - x, palette::VECTOR_BROWN));
        list.push((jump_to, step.next - jump_to, palette::VECTOR_RED));
        list.push((x, step.update, palette::VECTOR_GREEN));
    } else {
        if v.gradient {
            list.push((x, step.grad * -b.lr, palette::VECTOR_RED));
        }
        if v.step {
            list.push((x, step.update, palette::VECTOR_GREEN));
        }
    }
    if v.velocity
        && let Some(vel) = step.velocity
    {
        list.push((x, vel, palette::VECTOR_BLUE));
    }
    list
}

/// The vectors at each ball for the toggles in `v`, with a "×scale" label beside a ball whose
/// vectors are drawn longer or shorter than they are.
pub fn at_balls(out: &mut Vec<Item>, balls: &[Ball], v: Vectors, project: &Projection, u: f32) {
    let screen = |p: V2| project.apply(p);
    // Plane vectors to picture vectors (y flips).
    let to_screen = |p: V2, d: V2| {
        let (a, b) = (screen(p), screen(p + d));
        [b[0] - a[0], b[1] - a[1]]
    };
    let mut placed: Vec<[f32; 4]> = Vec::new();
    for ball in balls {
        let list = vectors_of(ball, v);
        let x = screen(ball.at);
        // One scale per ball, so the vectors there compare.
        let longest = list
            .iter()
            .map(|(o, d, _)| {
                let s = to_screen(*o, *d);
                s[0].hypot(s[1])
            })
            .fold(0.0f32, f32::max);
        let scale = if longest > 0.0 {
            LONGEST * u / longest
        } else {
            1.0
        };
        for (origin, d, c) in &list {
            let o = screen(*origin);
            let from = [x[0] + (o[0] - x[0]) * scale, x[1] + (o[1] - x[1]) * scale];
            let s = to_screen(*origin, *d);
            arrow(out, from, [s[0] * scale, s[1] * scale], *c, 3.0 * u, u);
        }
        if v.step_sizes
            && let Some(eff) = ball.step.eff_lr
        {
            ellipse(out, x, eff, u);
        }
        if !list.is_empty() && (scale - 1.0).abs() > 0.05 {
            let label = format!("×{}", fmt_number(f64::from(scale)));
            let size = LABEL * u;
            let (w, h) = (text::width(&label, size), text::height(size));
            let pad = 2.0 * u;
            let mut rect = [
                x[0] + 12.0 * u - pad,
                x[1] + 12.0 * u - pad,
                w + 2.0 * pad,
                h + 2.0 * pad,
            ];
            // Balls that sit together (a shared start) would stack their labels; move down instead.
            while placed.iter().any(|r| overlap(r, &rect)) {
                rect[1] += rect[3];
            }
            placed.push(rect);
            out.push(Item::Rect {
                rect,
                rgba: [0, 0, 0, 160],
            });
            let at = [rect[0] + pad, rect[1] + pad];
            out.push(Item::text(
                at,
                size,
                Anchor::LeftTop,
                [255, 255, 255],
                &label,
            ));
        }
    }
}

fn overlap(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
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
