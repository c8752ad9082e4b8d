//! The landscape's field, kept between frames: the display list's [`FieldLayer`] (samples, colours,
//! isolines and landmarks, as every export makes it) for the window's view and pixels, and its
//! colours uploaded as a texture. Both are made again only when the surface, the view, the size or
//! the colouring changes.

use std::sync::Arc;

use egui::{ColorImage, TextureHandle, TextureOptions};

use optiscape_core::sim::Surface;
use optiscape_core::sim::surface::View;
use optiscape_picture::picture::FieldLayer;

#[derive(Debug, Clone, PartialEq)]
struct Key {
    surface: Surface,
    view: View,
    pixels: [usize; 2],
    log: bool,
    levels: usize,
}

/// The cached field.
#[derive(Default)]
pub struct FieldCache {
    key: Option<Key>,
    /// The field as the picture shows it.
    pub layer: Option<Arc<FieldLayer>>,
    /// The layer's colours on the GPU.
    pub texture: Option<TextureHandle>,
}

impl FieldCache {
    /// Makes sure the field shows `surface` over `view` at `pixels`; returns whether it was made again.
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
        let layer = FieldLayer::sample(surface, view, pixels, log, levels);
        let image = ColorImage::from_rgba_unmultiplied(layer.pixels, &layer.rgba);
        match &mut self.texture {
            Some(tex) => tex.set(image, TextureOptions::LINEAR),
            None => self.texture = Some(ctx.load_texture("surface", image, TextureOptions::LINEAR)),
        }
        self.layer = Some(Arc::new(layer));
        self.key = Some(key);
        true
    }
}
