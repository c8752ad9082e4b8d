//! The landscape's picture of the surface: a texture of filled contours at screen resolution, the
//! isolines and the local minima, recomputed only when the surface, the window or the size changes.

use egui::{ColorImage, TextureHandle, TextureOptions};
use rayon::prelude::*;

use optiscape_core::sim::field::{NO_VALUE, Scale, viridis};
use optiscape_core::sim::surface::View;
use optiscape_core::sim::surface::wells::{Well, local_minima};
use optiscape_core::sim::{Surface, V2};
use optiscape_picture::picture::field::{self, Sampled};

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
    /// The local minima in that window, for the markers.
    pub wells: Vec<Well>,
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
        // The same samples, budget and isolines as every export (`render::picture::field`).
        let Sampled {
            field,
            scale,
            isolines,
        } = field::sample(surface, view, pixels, log, levels);
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
        let image = ColorImage::new([field.nx, field.ny], pixels_rgba);
        match &mut self.texture {
            Some(tex) => tex.set(image, TextureOptions::LINEAR),
            None => self.texture = Some(ctx.load_texture("surface", image, TextureOptions::LINEAR)),
        }
        self.isolines = isolines
            .into_iter()
            .map(|line| line.into_iter().map(|p| [p.x, p.y]).collect())
            .collect();
        self.scale = Some(scale);
        self.view = Some(view);
        self.wells = local_minima(surface, view);
        self.key = Some(key);
        true
    }
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
