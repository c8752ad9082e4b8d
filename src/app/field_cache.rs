//! The landscape's picture of the surface: a texture of filled contours at screen resolution and the
//! isolines, recomputed only when the surface, the window or the size changes.

use egui::{ColorImage, TextureHandle, TextureOptions};
use rayon::prelude::*;

use crate::sim::field::{Field, Isoline, NO_VALUE, Scale, viridis};
use crate::sim::path::thin;
use crate::sim::surface::View;
use crate::sim::{Surface, V2};

/// Evaluations per redraw the texture may cost (a data-backed surface costs one per sample).
const EVAL_BUDGET: usize = 3_000_000;
/// Cells along the longer side of the grid the isolines are traced on.
const ISOLINE_CELLS: usize = 320;

#[derive(Debug, Clone, PartialEq)]
struct Key {
    surface: Surface,
    view: View,
    pixels: [usize; 2],
    log: bool,
    levels: usize,
}

/// The cached picture.
#[derive(Default)]
pub struct FieldCache {
    key: Option<Key>,
    pub texture: Option<TextureHandle>,
    /// Isoline polylines, thinned to about two pixels between vertices.
    pub isolines: Vec<Vec<[f64; 2]>>,
    pub scale: Option<Scale>,
    /// The window the texture covers.
    pub view: Option<View>,
    lut: Vec<egui::Color32>,
}

impl FieldCache {
    /// Makes sure the picture shows `surface` over `view` at `pixels`; returns whether it was redrawn.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        surface: &Surface,
        view: View,
        pixels: [usize; 2],
        log: bool,
        levels: usize,
    ) -> bool {
        let key = Key {
            surface: surface.clone(),
            view,
            pixels,
            log,
            levels,
        };
        if self.key.as_ref() == Some(&key) && self.texture.is_some() {
            return false;
        }
        if self.lut.is_empty() {
            self.lut = (0..256).map(|i| rgb(viridis(i as f64 / 255.0))).collect();
        }
        let cost = surface.sample_count().unwrap_or(1).max(1);
        let (nx, ny) = fit_grid(pixels, EVAL_BUDGET / cost);
        let field = Field::sample(surface, view, nx, ny);
        let scale = field.scale(log);
        let steps = scale.steps();
        let pixels_rgba: Vec<egui::Color32> = field
            .values
            .par_iter()
            .map(|&v| {
                if v.is_nan() {
                    rgb(NO_VALUE)
                } else {
                    self.lut[usize::from(steps.index(v))]
                }
            })
            .collect();
        let image = ColorImage::new([nx, ny], pixels_rgba);
        match &mut self.texture {
            Some(tex) => tex.set(image, TextureOptions::LINEAR),
            None => self.texture = Some(ctx.load_texture("surface", image, TextureOptions::LINEAR)),
        }
        let (ix, iy) = fit_grid([nx, ny], ISOLINE_CELLS * ISOLINE_CELLS);
        let coarse = if (ix, iy) == (nx, ny) {
            field
        } else {
            Field::sample(surface, view, ix, iy)
        };
        let coarse_t = coarse.normalized(&scale);
        let min_dist = 2.0 * view.size().x / pixels[0].max(1) as f64;
        self.isolines = thin_isolines(coarse.isolines(&coarse_t, &scale, levels), min_dist);
        self.scale = Some(scale);
        self.view = Some(view);
        self.key = Some(key);
        true
    }
}

fn thin_isolines(isolines: Vec<Isoline>, min_dist: f64) -> Vec<Vec<[f64; 2]>> {
    isolines
        .into_iter()
        .flat_map(|iso| iso.lines)
        .map(|line| {
            thin(&line, line.len(), min_dist)
                .into_iter()
                .map(|k| [line[k].x, line[k].y])
                .collect()
        })
        .collect()
}

/// The largest grid with the aspect of `pixels` and at most `budget` cells (and no more than the pixels).
fn fit_grid(pixels: [usize; 2], budget: usize) -> (usize, usize) {
    let (px, py) = (pixels[0].max(2), pixels[1].max(2));
    let cells = px * py;
    if cells <= budget.max(4) {
        return (px, py);
    }
    let f = (budget.max(4) as f64 / cells as f64).sqrt();
    (
        ((px as f64 * f) as usize).max(2),
        ((py as f64 * f) as usize).max(2),
    )
}

fn rgb(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// The centre and size of a view, for placing the texture.
pub fn centre_size(view: View) -> (V2, V2) {
    (
        V2::new(0.5 * (view.x[0] + view.x[1]), 0.5 * (view.y[0] + view.y[1])),
        view.size(),
    )
}

#[cfg(test)]
mod tests {
    use super::fit_grid;

    #[test]
    fn grids_fit_the_budget_and_keep_the_aspect() {
        assert_eq!(fit_grid([100, 50], 1_000_000), (100, 50));
        let (x, y) = fit_grid([2000, 1000], 20_000);
        assert!(x * y <= 20_000);
        assert!((x as f64 / y as f64 - 2.0).abs() < 0.1);
        assert_eq!(fit_grid([0, 0], 10), (2, 2));
    }
}
