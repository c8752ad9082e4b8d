//! Drawing primitives for pictures: anti-aliased polylines, circles and rectangles (tiny-skia). Ticks
//! and numbers are written by [`super::ticks`].

use rayon::prelude::*;
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, PixmapMut, Stroke, Transform,
};

/// A number in a few characters, as everything on screen and in pictures writes it.
pub use super::ticks::fmt_number as short;

pub fn rgb(c: [u8; 3]) -> Color {
    Color::from_rgba8(c[0], c[1], c[2], 255)
}

pub fn with_alpha(c: [u8; 3], a: u8) -> [u8; 4] {
    [c[0], c[1], c[2], a]
}

fn paint(rgba: [u8; 4]) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(rgba[0], rgba[1], rgba[2], rgba[3]);
    p.anti_alias = true;
    p
}

pub fn clip_mask(w: u32, h: u32, rect: [f32; 4]) -> Option<tiny_skia::Mask> {
    let mut mask = tiny_skia::Mask::new(w, h)?;
    let r = tiny_skia::Rect::from_xywh(rect[0], rect[1], rect[2], rect[3])?;
    mask.fill_path(
        &PathBuilder::from_rect(r),
        FillRule::Winding,
        false,
        Transform::identity(),
    );
    Some(mask)
}

/// A shape to fill and its colour. Strokes wider than a pixel become their outline once, here, so a
/// picture painted in strips does not stroke them again in every strip; thinner ones stay strokes,
/// which tiny-skia draws as hairlines without a stroker.
pub enum Ink {
    Fill(tiny_skia::Path, [u8; 4]),
    Hairline(tiny_skia::Path, Stroke, [u8; 4]),
}

impl Ink {
    /// A polyline with round caps and joins, as [`polyline`] draws it.
    pub fn line(pts: &[[f32; 2]], width: f32, rgba: [u8; 4]) -> Option<Ink> {
        Self::stroke(line_path(pts)?, round_stroke(width), rgba)
    }

    /// A disc, or a ring of `width` around the circle.
    pub fn circle(c: [f32; 2], r: f32, ring: Option<f32>, rgba: [u8; 4]) -> Option<Ink> {
        if !(c[0].is_finite() && c[1].is_finite() && c[0].abs() < 1e6 && c[1].abs() < 1e6) {
            return None;
        }
        let path = PathBuilder::from_circle(c[0], c[1], r)?;
        match ring {
            None => Some(Ink::Fill(path, rgba)),
            Some(width) => Self::stroke(
                path,
                Stroke {
                    width,
                    ..Stroke::default()
                },
                rgba,
            ),
        }
    }

    /// A filled polygon (closed between its last and first points).
    pub fn polygon(pts: &[[f32; 2]], rgba: [u8; 4]) -> Option<Ink> {
        let mut pb = PathBuilder::new();
        let mut iter = pts.iter().filter(|p| finite(**p));
        let first = iter.next()?;
        pb.move_to(first[0], first[1]);
        for q in iter {
            pb.line_to(q[0], q[1]);
        }
        pb.close();
        Some(Ink::Fill(pb.finish()?, rgba))
    }

    /// A filled rectangle: left, top, width, height.
    pub fn rect(r: [f32; 4], rgba: [u8; 4]) -> Option<Ink> {
        let rect = tiny_skia::Rect::from_xywh(r[0], r[1], r[2], r[3])?;
        Some(Ink::Fill(PathBuilder::from_rect(rect), rgba))
    }

    fn stroke(path: tiny_skia::Path, stroke: Stroke, rgba: [u8; 4]) -> Option<Ink> {
        // tiny-skia's own test for "draw as a hairline", under an identity transform.
        if stroke.width <= 1.0 {
            return Some(Ink::Hairline(path, stroke, rgba));
        }
        path.stroke(&stroke, 1.0)
            .map(|outline| Ink::Fill(outline, rgba))
    }

    fn paint_on(&self, pix: &mut PixmapMut<'_>, at: Transform, clip: Option<&tiny_skia::Mask>) {
        match self {
            Ink::Fill(path, rgba) => {
                pix.fill_path(path, &paint(*rgba), FillRule::Winding, at, clip)
            }
            Ink::Hairline(path, stroke, rgba) => {
                pix.stroke_path(path, &paint(*rgba), stroke, at, clip)
            }
        }
    }
}

/// Paints `inks` in order over `pix`, clipped to the rectangle `clip` if any (whose mask over the
/// whole picture is `mask`); with `strips`, in horizontal strips at once (see [`in_bands`]).
pub fn paint_inks(
    pix: &mut Pixmap,
    inks: &[Ink],
    clip: Option<[f32; 4]>,
    mask: Option<&tiny_skia::Mask>,
    strips: bool,
) {
    if !strips {
        for ink in inks {
            ink.paint_on(&mut pix.as_mut(), Transform::identity(), mask);
        }
        return;
    }
    in_bands(pix, |strip, at, top| {
        let mask = clip.and_then(|c| {
            clip_mask(
                strip.width(),
                strip.height(),
                [c[0], c[1] - top as f32, c[2], c[3]],
            )
        });
        for ink in inks {
            ink.paint_on(strip, at, mask.as_ref());
        }
    });
}

/// Runs `draw` on horizontal strips of `pix` at once. Each strip is a picture of its own, given with
/// the transform that keeps whole-picture coordinates and with its top row; it rasterises only what
/// falls in it, and rasterising is the costliest part of a picture.
fn in_bands(pix: &mut Pixmap, draw: impl Fn(&mut PixmapMut<'_>, Transform, u32) + Sync) {
    let (w, h) = (pix.width(), pix.height());
    // More strips than threads, since the lines crowd into some of them.
    let strips = 4 * rayon::current_num_threads().clamp(1, 16) as u32;
    let rows = h.div_ceil(strips).max(1);
    pix.data_mut()
        .par_chunks_mut(rows as usize * w as usize * 4)
        .enumerate()
        .for_each(|(i, bytes)| {
            let top = i as u32 * rows;
            let height = (bytes.len() / (w as usize * 4)) as u32;
            if let Some(mut strip) = PixmapMut::from_bytes(bytes, w, height) {
                draw(
                    &mut strip,
                    Transform::from_translate(0.0, -(top as f32)),
                    top,
                );
            }
        });
}

fn line_path(pts: &[[f32; 2]]) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    let mut iter = pts.iter().filter(|p| finite(**p));
    let first = iter.next()?;
    pb.move_to(first[0], first[1]);
    for q in iter {
        pb.line_to(q[0], q[1]);
    }
    pb.finish()
}

/// A point a picture can hold (far-off points of a diverged run are left out).
fn finite(p: [f32; 2]) -> bool {
    p[0].is_finite() && p[1].is_finite() && p[0].abs() < 1e6 && p[1].abs() < 1e6
}

fn round_stroke(width: f32) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }
}

pub fn polyline(
    pix: &mut Pixmap,
    pts: &[[f32; 2]],
    width: f32,
    rgba: [u8; 4],
    clip: Option<&tiny_skia::Mask>,
) {
    let Some(path) = line_path(pts) else { return };
    let stroke = round_stroke(width);
    pix.stroke_path(&path, &paint(rgba), &stroke, Transform::identity(), clip);
}

pub fn circle(
    pix: &mut Pixmap,
    c: [f32; 2],
    r: f32,
    fill: Option<[u8; 4]>,
    stroke: Option<([u8; 4], f32)>,
    clip: Option<&tiny_skia::Mask>,
) {
    if !(c[0].is_finite() && c[1].is_finite() && c[0].abs() < 1e6 && c[1].abs() < 1e6) {
        return;
    }
    let Some(path) = PathBuilder::from_circle(c[0], c[1], r) else {
        return;
    };
    if let Some(f) = fill {
        pix.fill_path(
            &path,
            &paint(f),
            FillRule::Winding,
            Transform::identity(),
            clip,
        );
    }
    if let Some((rgba, width)) = stroke {
        let s = Stroke {
            width,
            ..Stroke::default()
        };
        pix.stroke_path(&path, &paint(rgba), &s, Transform::identity(), clip);
    }
}

pub fn fill_rect(pix: &mut Pixmap, r: [f32; 4], rgba: [u8; 4]) {
    if let Some(rect) = tiny_skia::Rect::from_xywh(r[0], r[1], r[2], r[3]) {
        pix.fill_rect(rect, &paint(rgba), Transform::identity(), None);
    }
}
