//! The filled contours and isolines of the plot area: the one costly part of the static layer, since the
//! surface is sampled here. It is kept apart so its evaluation budget and parallel filling can be tuned
//! without reading the rest of the picture. The window and the exports sample, colour and place it
//! with the same [`FieldLayer`].

use std::sync::Arc;

use rayon::prelude::*;

use super::{Image, Item};
use crate::lod::Projection;
use optiscape_core::sim::field::{Field, NO_VALUE, Scale, viridis};
use optiscape_core::sim::path::thin;
use optiscape_core::sim::surface::View;
use optiscape_core::sim::surface::wells::Landmarks;
use optiscape_core::sim::{Surface, V2};

/// Evaluations the field may cost (a data-backed surface costs one per sample), in the window and in
/// every export alike.
const EVAL_BUDGET: usize = 3_000_000;
/// Cells along the longer side of the grid the isolines are traced on.
const ISOLINE_CELLS: usize = 320;
/// Least distance between an isoline's vertices, in pixels.
const ISOLINE_STEP: f64 = 1.5;

/// The surface sampled for a plot of `pixels`: the samples (with the colour scale) and the isolines
/// in plane coordinates. The window shows it as a texture, the exports as an image; both take it from
/// here, with one budget.
pub struct Sampled {
    pub field: Field,
    pub scale: Scale,
    pub isolines: Vec<Vec<V2>>,
}

/// Samples `surface` over `view` for a plot of `pixels` (width, height) with `levels` isolines.
pub fn sample(
    surface: &Surface,
    view: View,
    pixels: [usize; 2],
    log: bool,
    levels: usize,
) -> Sampled {
    let cost = surface.sample_count().unwrap_or(1).max(1);
    let (nx, ny) = fit_grid(pixels[0], pixels[1], EVAL_BUDGET / cost);
    let field = Field::sample(surface, view, nx, ny);
    let scale = field.scale(log);
    // Isolines are traced on every few samples of the same field.
    let stride = nx.max(ny).div_ceil(ISOLINE_CELLS).max(1);
    let coarse = field.subsample(stride);
    let t = coarse.normalized(&scale);
    let min_dist = ISOLINE_STEP * view.size().x / pixels[0].max(1) as f64;
    let isolines = coarse
        .isolines(&t, &scale, levels)
        .into_iter()
        .flat_map(|iso| iso.lines)
        .map(|line| {
            thin(&line, line.len(), min_dist)
                .into_iter()
                .map(|k| line[k])
                .collect()
        })
        .collect();
    Sampled {
        field,
        scale,
        isolines,
    }
}

/// The field as a picture shows it: the surface sampled over `view` at `pixels`, coloured once (the
/// window uploads the colours as its texture, the exports paint them as an image), the isolines
/// in plane coordinates and the landmarks in the view. The window keeps one while its view stays.
#[derive(Debug, Clone)]
pub struct FieldLayer {
    pub view: View,
    /// Width and height of the image, in pixels.
    pub pixels: [usize; 2],
    /// `pixels[0] × pixels[1]` RGBA pixels, row by row from the top.
    pub rgba: Arc<Vec<u8>>,
    pub scale: Scale,
    pub isolines: Vec<Vec<V2>>,
    /// Minima, wells and saddles, for the markers.
    pub landmarks: Landmarks,
}

impl FieldLayer {
    /// Samples and colours `surface` over `view` for an image of `pixels`, with `levels` isolines.
    pub fn sample(
        surface: &Surface,
        view: View,
        pixels: [usize; 2],
        log: bool,
        levels: usize,
    ) -> Self {
        let [pw, ph] = pixels.map(|p| p.max(1));
        let Sampled {
            field,
            scale,
            isolines,
        } = sample(surface, view, [pw, ph], log, levels);
        Self {
            view,
            pixels: [pw, ph],
            rgba: Arc::new(colours(&field, &scale, pw, ph)),
            scale,
            isolines,
            landmarks: Landmarks::find(surface, view),
        }
    }

    /// Adds the image where `project` puts the layer's view, and the isolines over it, as the
    /// layer "field" clipped to `plot`.
    pub fn items(&self, out: &mut Vec<Item>, project: &Projection, plot: [f32; 4], unit: f32) {
        let [l, t] = project.apply(V2::new(self.view.x[0], self.view.y[1]));
        let [r, b] = project.apply(V2::new(self.view.x[1], self.view.y[0]));
        out.push(Item::Group {
            name: "field",
            clip: Some(plot),
        });
        out.push(Item::Image(Image {
            rect: [l, t, r - l, b - t],
            width: self.pixels[0] as u32,
            height: self.pixels[1] as u32,
            rgba: Arc::clone(&self.rgba),
        }));
        let white = [255, 255, 255, 70];
        out.extend(self.isolines.iter().filter(|l| l.len() >= 2).map(|l| {
            let line = l.iter().map(|&q| project.apply(q)).collect();
            Item::line(line, unit, white)
        }));
        out.push(Item::End);
    }
}

/// The colour of every pixel of a `pw × ph` image, from the nearest sample of `field`.
fn colours(field: &Field, scale: &Scale, pw: usize, ph: usize) -> Vec<u8> {
    let lut: Vec<[u8; 3]> = (0..256).map(|i| viridis(f64::from(i) / 255.0)).collect();
    let steps = scale.steps();
    let (nx, ny) = (field.nx, field.ny);
    // The sample column of every pixel column, worked out once instead of once per pixel.
    let columns: Vec<usize> = (0..pw).map(|col| (col * nx / pw).min(nx - 1)).collect();
    let mut rgba = vec![255u8; pw * ph * 4];
    rgba.par_chunks_mut(pw * 4)
        .enumerate()
        .for_each(|(row, line)| {
            let gy = (row * ny / ph).min(ny - 1);
            let samples = &field.values[gy * nx..(gy + 1) * nx];
            for (px, &gx) in line.chunks_exact_mut(4).zip(&columns) {
                let v = samples[gx];
                let c = if v.is_nan() {
                    NO_VALUE
                } else {
                    lut[usize::from(steps.index(v))]
                };
                px[..3].copy_from_slice(&c);
            }
        });
    rgba
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

#[cfg(test)]
mod tests {
    use super::*;
    use optiscape_core::sim::SurfaceKind;

    #[test]
    fn grids_fit_the_budget_and_keep_the_aspect() {
        assert_eq!(fit_grid(100, 50, 1_000_000), (100, 50));
        let (x, y) = fit_grid(2000, 1000, 20_000);
        assert!(x * y <= 20_000);
        assert!((x as f64 / y as f64 - 2.0).abs() < 0.1);
        assert_eq!(fit_grid(0, 0, 10), (2, 2));
    }

    #[test]
    fn a_big_plot_keeps_to_the_budget_and_its_isolines_are_thinned() {
        let surface = Surface::new(SurfaceKind::Rosenbrock);
        let view = surface.info().view;
        let s = sample(&surface, view, [3840, 2160], true, 12);
        assert!(s.field.nx * s.field.ny <= EVAL_BUDGET);
        assert!(!s.isolines.is_empty());
        let step = ISOLINE_STEP * view.size().x / 3840.0;
        for line in &s.isolines {
            // Every vertex but the last keeps its distance from the one before.
            for w in line[..line.len() - 1].windows(2) {
                assert!((w[1] - w[0]).norm() >= step * 0.999, "vertices thinned");
            }
        }
    }
}
