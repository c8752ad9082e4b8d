//! What the balls are doing and why: vectors at each ball (−lr·∇f, the step taken, the velocity,
//! Nesterov's look-ahead jump and correction, adaptive step sizes), a faint field of −∇f arrows, and
//! the step hovered in the loss plot marked on every path.
//!
//! The geometry is [`optiscape_picture::picture::vectors`], shared with exported pictures; this file
//! gathers the window's balls and paints the items.

use egui::{Color32, Pos2, Stroke, Ui};
use egui_plot::{PlotPoint, PlotTransform};

use super::{OptiscapeApp, paths, picture_view};
use optiscape_core::scenario::{Vectors, palette};
use optiscape_core::sim::trajectory::Snapshot;
use optiscape_picture::picture::vectors;

/// The lecture's colours: look-ahead jump brown, correction red, accumulated step green, momentum blue.
pub const BROWN: Color32 = from_rgb(palette::VECTOR_BROWN);
pub const RED: Color32 = from_rgb(palette::VECTOR_RED);
pub const GREEN: Color32 = from_rgb(palette::VECTOR_GREEN);
pub const BLUE: Color32 = from_rgb(palette::VECTOR_BLUE);
/// The effective step-size ellipse.
pub const VIOLET: Color32 = from_rgb(vectors::VIOLET);

const fn from_rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

impl OptiscapeApp {
    /// The state of every run at `step` (exact: replayed, resuming forwards).
    pub fn snapshots(&mut self, step: usize) -> Vec<Option<Snapshot>> {
        self.computed.snapshots(step)
    }
}

/// The vectors at each visible ball, for the toggles in `v` (geometry from
/// [`optiscape_picture::picture::vectors`], as in exported pictures).
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
    let dark = app.persisted.dark;
    let balls: Vec<vectors::Ball> = app
        .scenario()
        .runs
        .iter()
        .zip(&app.computed.runs)
        .zip(snaps)
        .enumerate()
        .filter(|(_, ((run, _), _))| run.visible)
        .filter_map(|(i, ((run, result), snap))| {
            let (snap, spec) = (snap.as_ref()?, result.spec.as_ref()?);
            Some(vectors::Ball {
                at: snap.point,
                step: snap.next?,
                lr: spec.optimizer.lr(),
                rgb: run.rgb_in(i, dark),
            })
        })
        .collect();
    let mut items = Vec::new();
    let f = t.frame();
    let plot = [f.left(), f.top(), f.width(), f.height()];
    vectors::at_balls(&mut items, &balls, v, &paths::projection(t), plot, 1.0);
    let painter = ui.painter().with_clip_rect(*t.frame());
    picture_view::paint(&painter, &items, Pos2::ZERO, 1.0);
}

/// Faint arrows of −∇f on a grid over the plot (geometry from
/// [`optiscape_picture::picture::vectors::gradient_field`]).
pub fn draw_gradient_field(app: &OptiscapeApp, ui: &Ui, t: &PlotTransform) {
    let Some(surface) = &app.computed.surface else {
        return;
    };
    let f = *t.frame();
    let mut items = Vec::new();
    let rect = [f.left(), f.top(), f.width(), f.height()];
    vectors::gradient_field(&mut items, surface, &paths::projection(t), rect, 1.0);
    let painter = ui.painter().with_clip_rect(f);
    picture_view::paint(&painter, &items, Pos2::ZERO, 1.0);
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
