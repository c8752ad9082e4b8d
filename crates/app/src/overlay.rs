//! What the balls are doing and why, beyond the display list: the vectors' colours for the panels'
//! keys, the runs' states at a step (which the landscape's vectors are drawn from, see
//! [`optiscape_picture::picture::vectors`]), and the step hovered in the loss plot marked on every
//! path.

use egui::{Color32, Stroke, Ui};
use egui_plot::{PlotPoint, PlotTransform};

use super::state::Computed;
use super::{Document, OptiscapeApp};
use optiscape_core::scenario::palette;
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

/// Rings where every visible run was at the step hovered in the loss plot.
pub fn draw_hovered_step(
    ui: &Ui,
    t: &PlotTransform,
    step: usize,
    document: &Document,
    computed: &Computed,
) {
    let painter = ui.painter().with_clip_rect(*t.frame());
    for run in computed.run_draws(document.scenario(), document.dark()) {
        let pts = &run.trajectory.points;
        if pts.is_empty() {
            continue;
        }
        let p = pts[step.min(pts.len() - 1)];
        let c = t.position_from_point(&PlotPoint::new(p.x, p.y));
        let rgb = run.rgb;
        painter.circle_stroke(c, 11.0, Stroke::new(4.0, Color32::BLACK));
        painter.circle_stroke(
            c,
            11.0,
            Stroke::new(2.0, Color32::from_rgb(rgb[0], rgb[1], rgb[2])),
        );
    }
}
