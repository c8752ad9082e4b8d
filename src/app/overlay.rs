//! What the balls are doing and why: vectors at each ball (−lr·∇f, the step taken, the velocity,
//! Nesterov's look-ahead jump and correction, adaptive step sizes), a faint field of −∇f arrows, and
//! the step hovered in the loss plot marked on every path.
//!
//! The vectors at one ball share one scale (shown next to it), so their lengths can be compared; the
//! scale makes the longest about 90 points on screen.

use egui::{Color32, Pos2, Shape, Stroke, Ui, Vec2};
use egui_plot::{PlotPoint, PlotTransform};

use super::OptiscapeApp;
use crate::scenario::{Vectors, palette};
use crate::sim::trajectory::Snapshot;
use crate::sim::{RunSpec, V2};

/// The lecture's colours: look-ahead jump brown, correction red, accumulated step green, momentum blue.
pub const BROWN: Color32 = from_rgb(palette::VECTOR_BROWN);
pub const RED: Color32 = from_rgb(palette::VECTOR_RED);
pub const GREEN: Color32 = from_rgb(palette::VECTOR_GREEN);
pub const BLUE: Color32 = from_rgb(palette::VECTOR_BLUE);
/// The effective step-size ellipse.
pub const VIOLET: Color32 = Color32::from_rgb(220, 170, 255);

const fn from_rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Longest vector at a ball, in points.
const LONGEST: f32 = 90.0;

impl OptiscapeApp {
    /// The state of every run at `step` (exact: replayed, resuming forwards).
    pub fn snapshots(&mut self, step: usize) -> Vec<Option<Snapshot>> {
        let specs: Vec<Option<RunSpec>> =
            self.computed.runs.iter().map(|r| r.spec.clone()).collect();
        self.replays.resize_with(specs.len(), || None);
        self.replays.truncate(specs.len());
        specs
            .iter()
            .zip(self.replays.iter_mut())
            .map(|(spec, cached)| {
                let spec = spec.clone()?;
                if cached.as_ref().is_none_or(|(s, _)| *s != spec) {
                    let replay = spec.replay();
                    *cached = Some((spec, replay));
                }
                cached.as_mut().and_then(|(_, r)| r.seek(step))
            })
            .collect()
    }
}

/// An arrow from `from` along `v` (screen units), with a dark outline for contrast.
fn arrow(shapes: &mut Vec<Shape>, from: Pos2, v: Vec2, color: Color32, width: f32) {
    if v.length() < 1.0 || !v.x.is_finite() || !v.y.is_finite() {
        return;
    }
    let tip = from + v;
    let dir = v.normalized();
    let head = (0.3 * v.length()).clamp(6.0, 14.0);
    let side = Vec2::new(-dir.y, dir.x) * head * 0.5;
    let base = tip - dir * head;
    for (w, c) in [
        (width + 2.5, Color32::from_black_alpha(170)),
        (width, color),
    ] {
        shapes.push(Shape::line_segment([from, base], Stroke::new(w, c)));
    }
    shapes.push(Shape::convex_polygon(
        vec![tip, base + side, base - side],
        color,
        Stroke::new(1.0, Color32::BLACK),
    ));
}

/// The vectors at each visible ball, for the toggles in `v`.
pub fn draw_vectors(
    app: &OptiscapeApp,
    ui: &Ui,
    t: &PlotTransform,
    snaps: &[Option<Snapshot>],
    v: Vectors,
) {
    if !(v.gradient || v.step || v.velocity || v.lookahead || v.step_sizes) {
        return;
    }
    let painter = ui.painter().with_clip_rect(*t.frame());
    let screen = |p: V2| t.position_from_point(&PlotPoint::new(p.x, p.y));
    // Plane vectors to screen vectors (y flips).
    let to_screen = |p: V2, d: V2| screen(p + d) - screen(p);
    let mut shapes = Vec::new();
    let mut placed: Vec<egui::Rect> = Vec::new();
    for ((run, result), snap) in app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .zip(snaps)
    {
        let (Some(snap), Some(spec)) = (snap, &result.spec) else {
            continue;
        };
        let Some(step) = snap.next else { continue };
        if !run.visible {
            continue;
        }
        let x = snap.point;
        let lr = spec.optimizer.lr();
        let nesterov = step.lookahead.is_some() && v.lookahead;
        let mut list: Vec<(V2, V2, Color32)> = Vec::new();
        if nesterov {
            let jump_to = step.lookahead.unwrap_or(x);
            list.push((x, jump_to - x, BROWN));
            list.push((jump_to, step.next - jump_to, RED));
            list.push((x, step.update, GREEN));
        } else {
            if v.gradient {
                list.push((x, step.grad * -lr, RED));
            }
            if v.step {
                list.push((x, step.update, GREEN));
            }
        }
        if v.velocity
            && let Some(vel) = step.velocity
        {
            list.push((x, vel, BLUE));
        }
        // One scale per ball, so the vectors there compare.
        let longest = list
            .iter()
            .map(|(o, d, _)| to_screen(*o, *d).length())
            .fold(0.0f32, f32::max);
        let scale = if longest > 0.0 {
            LONGEST / longest
        } else {
            1.0
        };
        for (o, d, c) in &list {
            let from = screen(x) + (screen(*o) - screen(x)) * scale;
            arrow(&mut shapes, from, to_screen(*o, *d) * scale, *c, 3.0);
        }
        if v.step_sizes
            && let Some(eff) = step.eff_lr
        {
            ellipse(&mut shapes, screen(x), eff);
        }
        if !list.is_empty() && (scale - 1.0).abs() > 0.05 {
            let label = format!("×{}", crate::render::ticks::fmt_number(f64::from(scale)));
            let mut at = screen(x) + Vec2::new(12.0, 12.0);
            let galley =
                painter.layout_no_wrap(label, egui::FontId::proportional(13.0), Color32::WHITE);
            // Balls that sit together (a shared start) would stack their labels; move down instead.
            let mut rect = egui::Rect::from_min_size(at, galley.size()).expand(2.0);
            while placed.iter().any(|r: &egui::Rect| r.intersects(rect)) {
                at.y += rect.height() + 2.0;
                rect = rect.translate(Vec2::new(0.0, rect.height() + 2.0));
            }
            placed.push(rect);
            shapes.push(Shape::rect_filled(
                rect,
                2.0,
                Color32::from_black_alpha(160),
            ));
            shapes.push(Shape::galley(at, galley, Color32::WHITE));
        }
    }
    painter.extend(shapes);
}

/// The per-coordinate effective step sizes as an axis-aligned ellipse (larger semi-axis 40 points).
fn ellipse(shapes: &mut Vec<Shape>, centre: Pos2, eff: V2) {
    let (sx, sy) = (eff.x.abs(), eff.y.abs());
    let big = sx.max(sy);
    if !(big.is_finite() && big > 0.0) {
        return;
    }
    let (a, b) = ((40.0 * sx / big) as f32, (40.0 * sy / big) as f32);
    let pts: Vec<Pos2> = (0..48)
        .map(|k| {
            let th = k as f32 / 48.0 * std::f32::consts::TAU;
            centre + Vec2::new(a.max(1.0) * th.cos(), b.max(1.0) * th.sin())
        })
        .collect();
    shapes.push(Shape::closed_line(
        pts.clone(),
        Stroke::new(4.0, Color32::from_black_alpha(150)),
    ));
    shapes.push(Shape::closed_line(pts, Stroke::new(2.0, VIOLET)));
}

/// Faint arrows of −∇f on a grid, normalised (direction only; longer where the slope is steeper,
/// logarithmically).
pub fn draw_gradient_field(app: &OptiscapeApp, ui: &Ui, t: &PlotTransform) {
    let Some(surface) = &app.computed.surface else {
        return;
    };
    let frame = *t.frame();
    let painter = ui.painter().with_clip_rect(frame);
    let cell = 48.0;
    let (cols, rows) = (
        (frame.width() / cell).ceil() as usize,
        (frame.height() / cell).ceil() as usize,
    );
    let mut shapes = Vec::new();
    let color = Color32::from_rgba_unmultiplied(255, 255, 255, 110);
    for r in 0..rows {
        for c in 0..cols {
            let s = frame.min + Vec2::new((c as f32 + 0.5) * cell, (r as f32 + 0.5) * cell);
            let p = t.value_from_position(s);
            let g = surface.grad(V2::new(p.x, p.y));
            let n = g.norm();
            if !(n.is_finite() && n > 0.0) {
                continue;
            }
            // −∇f on screen: y flips.
            let dir = Vec2::new(-(g.x / n) as f32, (g.y / n) as f32);
            let len = (0.25 + 0.1 * (1.0 + n).ln() as f32).min(0.8) * cell;
            let (a, b) = (s - dir * len * 0.5, s + dir * len * 0.5);
            shapes.push(Shape::line_segment([a, b], Stroke::new(1.2, color)));
            let side = Vec2::new(-dir.y, dir.x) * 3.0;
            shapes.push(Shape::convex_polygon(
                vec![b, b - dir * 6.0 + side, b - dir * 6.0 - side],
                color,
                Stroke::NONE,
            ));
        }
    }
    painter.extend(shapes);
}

/// Rings where every visible run was at the step hovered in the loss plot.
pub fn draw_hovered_step(app: &OptiscapeApp, ui: &Ui, t: &PlotTransform, step: usize) {
    let painter = ui.painter().with_clip_rect(*t.frame());
    for (i, (run, result)) in app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .enumerate()
    {
        let pts = &result.trajectory.points;
        if !run.visible || pts.is_empty() {
            continue;
        }
        let p = pts[step.min(pts.len() - 1)];
        let c = t.position_from_point(&PlotPoint::new(p.x, p.y));
        let rgb = run.rgb_in(i, app.persisted.dark);
        painter.circle_stroke(c, 11.0, Stroke::new(4.0, Color32::BLACK));
        painter.circle_stroke(
            c,
            11.0,
            Stroke::new(2.0, Color32::from_rgb(rgb[0], rgb[1], rgb[2])),
        );
    }
}
