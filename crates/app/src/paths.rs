//! The window's use of [`optiscape_picture::lod`]: the plot's transform as the display list's projection.

use egui_plot::PlotTransform;

use optiscape_picture::lod::Projection;

/// The projection of a plot transform (built from its window and frame in f64).
pub fn projection(t: &PlotTransform) -> Projection {
    let (f, b) = (t.frame(), t.bounds());
    Projection::new(
        [b.min()[0], b.max()[0], b.min()[1], b.max()[1]],
        [f.left(), f.top(), f.width(), f.height()],
    )
}
