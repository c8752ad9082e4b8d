//! The window's use of [`crate::render::lod`]: path pieces in screen points for egui, and balls.

use egui::{Color32, Pos2, Shape, Stroke};
use egui_plot::PlotTransform;

use crate::render::lod::{self, Coverage, Projection};
use crate::sim::V2;

/// The projection of a plot transform (built from its window and frame in f64).
pub fn projection(t: &PlotTransform) -> Projection {
    let (f, b) = (t.frame(), t.bounds());
    Projection::new(
        [b.min()[0], b.max()[0], b.min()[1], b.max()[1]],
        [f.left(), f.top(), f.width(), f.height()],
    )
}

/// Coverage of the plot's frame.
pub fn coverage(t: &PlotTransform) -> Coverage {
    let f = t.frame();
    Coverage::new([f.left(), f.top(), f.width(), f.height()])
}

/// The screen polylines that draw `points[from..to]`.
pub fn pieces(
    points: &[V2],
    from: usize,
    to: usize,
    project: &Projection,
    coverage: &mut Coverage,
) -> Vec<Vec<Pos2>> {
    lod::pieces(points, from, to, project, coverage)
        .into_iter()
        .map(|p| p.into_iter().map(|[x, y]| Pos2::new(x, y)).collect())
        .collect()
}

/// The shapes of `pieces` stroked with `stroke`.
pub fn stroked(pieces: &[Vec<Pos2>], stroke: Stroke) -> impl Iterator<Item = Shape> + '_ {
    pieces.iter().map(move |p| Shape::line(p.clone(), stroke))
}

/// A ball: a disc with a dark rim, readable on any part of the colour map.
pub fn ball(centre: Pos2, radius: f32, color: Color32) -> [Shape; 2] {
    [
        Shape::circle_filled(centre, radius + 2.0, Color32::BLACK),
        Shape::circle_filled(centre, radius, color),
    ]
}
