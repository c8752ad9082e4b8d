//! The landscape as plain data: a list of backend-neutral primitives in picture pixels (y down),
//! built once from (scenario, computed runs, step, view, size, theme) and painted by whichever
//! painter wants it — tiny-skia for PNG, GIF and APNG ([`super::paint`]), an SVG writer
//! ([`super::svg`]) and egui in the window. Painters only paint: every layout decision (tick values,
//! label positions, what goes below the legend, how long an arrow is) is taken here, so the builder's
//! tests check them without any painter.
//!
//! [`Landscape`] holds the costly static part (field image, isolines, gradient field, axes, colour
//! bar, markers, title, legend) once; [`Landscape::frame`] adds what changes with the step (paths,
//! balls, divergence crosses and labels, the vectors at each ball).

pub mod block;
mod chrome;
pub mod field;
mod landscape;
mod runs;
pub mod side;
pub mod vectors;

use std::sync::Arc;

pub use super::text::Anchor;
use crate::error::PictureError;
pub use chrome::{
    AXIS_SPACING, AxesStyle, AxisSpec, BAR_SPACING, LEGEND_LINE, axes, axis_labels, bar_labels,
    colour_bar, legend, legend_label, legend_size, markers, minimum_marker, named_colour_bar,
    plot_axes, text_box, title, title_legend, unit_for,
};
pub use field::FieldLayer;
pub use landscape::{
    Content, Landscape, Layout, RunDraw, Theme, WINDOW_FONT, fit_aspect, layout, window_layout,
};
pub use runs::{PathFrame, PathRun, diverged_cross, diverged_label, diverged_label_at, paths};
pub use side::SideBySide;

/// Opaque RGBA pixels shown stretched over a rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Left, top, width, height in picture pixels.
    pub rect: [f32; 4],
    pub width: u32,
    pub height: u32,
    /// `width × height` RGBA pixels, row by row from the top; shared, since the field image is large
    /// and every frame of an animation shows it.
    pub rgba: Arc<Vec<u8>>,
}

/// One thing to paint. Colours are sRGB; an alpha of 255 is opaque.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// The start of a named layer (the field, the axes, the vectors…), clipped to a rectangle if
    /// given; it lasts until [`Item::End`]. Layers do not nest.
    Group {
        name: &'static str,
        clip: Option<[f32; 4]>,
    },
    /// The end of the current layer.
    End,
    Image(Image),
    /// A vertical colour ramp: `colours` evenly spread from the bottom edge to the top edge.
    Ramp {
        rect: [f32; 4],
        colours: Vec<[u8; 3]>,
    },
    /// An open polyline with round caps and joins.
    Line {
        points: Vec<[f32; 2]>,
        width: f32,
        rgba: [u8; 4],
    },
    /// A closed, filled polygon, optionally outlined.
    Polygon {
        points: Vec<[f32; 2]>,
        fill: [u8; 4],
        outline: Option<([u8; 4], f32)>,
    },
    /// A disc and/or a ring around it.
    Circle {
        centre: [f32; 2],
        radius: f32,
        fill: Option<[u8; 4]>,
        ring: Option<([u8; 4], f32)>,
    },
    /// A filled rectangle: left, top, width, height.
    Rect {
        rect: [f32; 4],
        rgba: [u8; 4],
    },
    /// One line of text of height `size` with its `anchor` at `pos`.
    Text {
        pos: [f32; 2],
        size: f32,
        anchor: Anchor,
        rgb: [u8; 3],
        text: String,
    },
}

impl Item {
    pub fn line(points: Vec<[f32; 2]>, width: f32, rgba: [u8; 4]) -> Self {
        Self::Line {
            points,
            width,
            rgba,
        }
    }

    pub fn text(pos: [f32; 2], size: f32, anchor: Anchor, rgb: [u8; 3], text: &str) -> Self {
        Self::Text {
            pos,
            size,
            anchor,
            rgb,
            text: text.to_owned(),
        }
    }
}

/// A whole picture: its size, background and items in painting order.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub background: [u8; 3],
    pub items: Vec<Item>,
}

impl Picture {
    /// The texts of the layer `name`, in order.
    pub fn texts_in(&self, name: &str) -> Vec<&str> {
        let mut inside = false;
        let mut out = Vec::new();
        for item in &self.items {
            match item {
                Item::Group { name: n, .. } => inside = *n == name,
                Item::End => inside = false,
                Item::Text { text, .. } if inside => out.push(text.as_str()),
                _ => {}
            }
        }
        out
    }
}

/// An arrow from `from` along `v` (pixels): a dark-outlined shaft and a filled head.
pub fn arrow(out: &mut Vec<Item>, from: [f32; 2], v: [f32; 2], rgb: [u8; 3], width: f32, u: f32) {
    let len = v[0].hypot(v[1]);
    if len < u || !len.is_finite() {
        return;
    }
    let tip = [from[0] + v[0], from[1] + v[1]];
    let dir = [v[0] / len, v[1] / len];
    let head = (0.3 * len).clamp(6.0 * u, 14.0 * u);
    let side = [-dir[1] * head * 0.5, dir[0] * head * 0.5];
    let base = [tip[0] - dir[0] * head, tip[1] - dir[1] * head];
    out.push(Item::line(
        vec![from, base],
        width + 2.5 * u,
        [0, 0, 0, 170],
    ));
    out.push(Item::line(vec![from, base], width, with_alpha(rgb, 255)));
    out.push(Item::Polygon {
        points: vec![
            tip,
            [base[0] + side[0], base[1] + side[1]],
            [base[0] - side[0], base[1] - side[1]],
        ],
        fill: with_alpha(rgb, 255),
        outline: Some(([0, 0, 0, 255], u)),
    });
}

/// Refuses a picture size outside 16 to 8192 pixels a side (the painters' limits).
pub fn check_size(width: u32, height: u32) -> Result<(), PictureError> {
    if (16..=8192).contains(&width) && (16..=8192).contains(&height) {
        Ok(())
    } else {
        Err(PictureError::Size { width, height })
    }
}

/// `text` in white on a dark box (alpha `shade`) `pad` wide around it, its top left corner at `at`.
pub fn boxed_text(out: &mut Vec<Item>, at: [f32; 2], size: f32, text: &str, pad: f32, shade: u8) {
    let (w, h) = (super::text::width(text, size), super::text::height(size));
    out.push(Item::Rect {
        rect: [at[0] - pad, at[1] - pad, w + 2.0 * pad, h + 2.0 * pad],
        rgba: [0, 0, 0, shade],
    });
    out.push(Item::text(at, size, Anchor::LeftTop, [255, 255, 255], text));
}

pub fn with_alpha(c: [u8; 3], a: u8) -> [u8; 4] {
    [c[0], c[1], c[2], a]
}

#[cfg(test)]
mod tests;
