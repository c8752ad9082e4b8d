//! The filled contours and isolines of the plot area: the one costly part of the static layer, since the
//! surface is sampled here. It is kept apart from the scene so its evaluation budget and parallel
//! filling can be tuned without reading the drawing of paths and chrome.

use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::Layout;
use crate::render::draw::{Ink, paint_inks};
use crate::render::lod::Projection;
use crate::sim::Surface;
use crate::sim::field::{Field, NO_VALUE, Scale, viridis};
use crate::sim::path::thin;
use crate::sim::surface::View;

/// Evaluations the field may cost (a data-backed surface costs one per sample).
const EVAL_BUDGET: usize = 4_000_000;
/// Cells along the longer side of the grid the isolines are traced on.
const ISOLINE_CELLS: usize = 400;

/// Draws the filled contours and isolines into the plot area; returns the colour scale.
pub(super) fn draw_field(
    pix: &mut Pixmap,
    surface: &Surface,
    view: View,
    layout: &Layout,
    log: bool,
    levels: usize,
) -> Scale {
    let p = layout.plot;
    let (pw, ph) = (p[2].round() as usize, p[3].round() as usize);
    let cost = surface.sample_count().unwrap_or(1).max(1);
    let (nx, ny) = fit_grid(pw, ph, EVAL_BUDGET / cost);
    let field = Field::sample(surface, view, nx, ny);
    let scale = field.scale(log);
    let project = Projection::new([view.x[0], view.x[1], view.y[0], view.y[1]], p);
    // Isolines are traced on every few samples of the same field while the colours are filled in.
    let stride = nx.max(ny).div_ceil(ISOLINE_CELLS).max(1);
    let (lines, ()) = rayon::join(
        || {
            let coarse = field.subsample(stride);
            let t = coarse.normalized(&scale);
            let min_dist = 1.5 / project.scale[0].abs();
            coarse
                .isolines(&t, &scale, levels)
                .into_iter()
                .flat_map(|iso| iso.lines)
                .map(|line| {
                    thin(&line, line.len(), min_dist)
                        .into_iter()
                        .map(|k| project.apply(line[k]))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        },
        || fill_colours(pix, &field, &scale, p),
    );
    let white = [255, 255, 255, 70];
    let inks: Vec<Ink> = lines
        .iter()
        .filter_map(|l| Ink::line(l, layout.unit, white))
        .collect();
    paint_inks(pix, &inks, None, None, true);
    scale
}

/// The colour of every pixel of the plot area, from the nearest sample of `field`.
fn fill_colours(pix: &mut Pixmap, field: &Field, scale: &Scale, p: [f32; 4]) {
    let lut: Vec<[u8; 3]> = (0..256).map(|i| viridis(f64::from(i) / 255.0)).collect();
    let steps = scale.steps();
    let (nx, ny) = (field.nx, field.ny);
    let (pw, ph) = (p[2].round() as usize, p[3].round() as usize);
    let width = pix.width() as usize;
    let (x0, y0) = (p[0].round() as usize, p[1].round() as usize);
    // The sample column of every pixel column, worked out once instead of once per pixel.
    let columns: Vec<usize> = (0..pw)
        .map(|col| (col * nx / pw.max(1)).min(nx - 1))
        .collect();
    pix.data_mut()
        .par_chunks_mut(width * 4)
        .enumerate()
        .skip(y0)
        .take(ph)
        .for_each(|(row, line)| {
            let gy = ((row - y0) * ny / ph.max(1)).min(ny - 1);
            let samples = &field.values[gy * nx..(gy + 1) * nx];
            for (col, &gx) in columns.iter().enumerate() {
                let v = samples[gx];
                let c = if v.is_nan() {
                    NO_VALUE
                } else {
                    lut[usize::from(steps.index(v))]
                };
                let i = (x0 + col) * 4;
                if i + 3 < line.len() {
                    line[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
                }
            }
        });
}

/// The largest grid of at most `budget` cells with the aspect of `w × h` (and no more than w × h).
fn fit_grid(w: usize, h: usize, budget: usize) -> (usize, usize) {
    let (w, h) = (w.max(2), h.max(2));
    if w * h <= budget.max(4) {
        return (w, h);
    }
    let f = (budget.max(4) as f64 / (w * h) as f64).sqrt();
    (
        ((w as f64 * f) as usize).max(2),
        ((h as f64 * f) as usize).max(2),
    )
}
