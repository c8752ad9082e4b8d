//! The tiny-skia painter of [`super::picture`] items, for PNG, GIF and APNG. It decides nothing: shapes
//! become [`Ink`]s, painted in batches (in horizontal strips at once for a large layer such as the
//! isolines), text is blended glyph by glyph, images are copied.

use rayon::prelude::*;
use tiny_skia::{FilterQuality, Mask, Pixmap, PixmapPaint, Transform};

use super::draw::{Ink, clip_mask, paint_inks};
use super::picture::{Image, Item};
use super::text;

/// A whole picture on a new pixmap of its size: its background, then its items.
pub fn picture(picture: &super::picture::Picture) -> Option<Pixmap> {
    let (w, h) = (picture.width, picture.height);
    let mut pix = Pixmap::new(w, h)?;
    let [r, g, b] = picture.background;
    pix.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
    Painter::new(w, h, &[]).paint(&mut pix, &picture.items, false);
    Some(pix)
}

/// Paints items onto pixmaps of one size, keeping the clip masks of the rectangles it was told of.
pub struct Painter {
    width: u32,
    height: u32,
    masks: Vec<([f32; 4], Mask)>,
}

impl Painter {
    /// A painter for `width × height` pictures; `clips` are the clip rectangles to prepare once.
    pub fn new(width: u32, height: u32, clips: &[[f32; 4]]) -> Self {
        let masks = clips
            .iter()
            .filter_map(|&r| clip_mask(width, height, r).map(|m| (r, m)))
            .collect();
        Self {
            width,
            height,
            masks,
        }
    }

    /// Paints `items` in order over `pix`; with `strips`, shapes are rasterised in horizontal strips
    /// at once (for a single picture or the static layer; animations already paint frames in parallel).
    pub fn paint(&self, pix: &mut Pixmap, items: &[Item], strips: bool) {
        let mut clip: Option<[f32; 4]> = None;
        let mut inks: Vec<Ink> = Vec::new();
        let flush = |pix: &mut Pixmap, inks: &mut Vec<Ink>, clip: Option<[f32; 4]>| {
            if inks.is_empty() {
                return;
            }
            let owned;
            let mask = match clip {
                None => None,
                Some(r) => match self.masks.iter().find(|(c, _)| *c == r) {
                    Some((_, m)) => Some(m),
                    None if strips => None,
                    None => {
                        owned = clip_mask(self.width, self.height, r);
                        owned.as_ref()
                    }
                },
            };
            paint_inks(pix, inks, clip, mask, strips);
            inks.clear();
        };
        for item in items {
            match item {
                Item::Group { clip: c, .. } => {
                    flush(pix, &mut inks, clip);
                    clip = *c;
                }
                Item::End => {
                    flush(pix, &mut inks, clip);
                    clip = None;
                }
                Item::Image(image) => {
                    flush(pix, &mut inks, clip);
                    draw_image(pix, image);
                }
                Item::Ramp { rect, colours } => {
                    flush(pix, &mut inks, clip);
                    ramp(pix, *rect, colours);
                }
                Item::Text {
                    pos,
                    size,
                    anchor,
                    rgb,
                    text: s,
                } => {
                    flush(pix, &mut inks, clip);
                    text::draw(pix, s, pos[0], pos[1], *size, *rgb, *anchor);
                }
                Item::Line {
                    points,
                    width,
                    rgba,
                } => inks.extend(Ink::line(points, *width, *rgba)),
                Item::Polygon {
                    points,
                    fill,
                    outline,
                } => {
                    inks.extend(Ink::polygon(points, *fill));
                    if let Some((rgba, w)) = outline {
                        let mut closed = points.clone();
                        closed.extend(points.first().copied());
                        inks.extend(Ink::line(&closed, *w, *rgba));
                    }
                }
                Item::Circle {
                    centre,
                    radius,
                    fill,
                    ring,
                } => {
                    if let Some(f) = fill {
                        inks.extend(Ink::circle(*centre, *radius, None, *f));
                    }
                    if let Some((rgba, w)) = ring {
                        inks.extend(Ink::circle(*centre, *radius, Some(*w), *rgba));
                    }
                }
                Item::Rect { rect, rgba } => inks.extend(Ink::rect(*rect, *rgba)),
            }
        }
        flush(pix, &mut inks, clip);
    }
}

/// Copies an image whose pixels map one to one onto the picture; scales any other.
fn draw_image(pix: &mut Pixmap, image: &Image) {
    let r = image.rect;
    let exact = r.iter().all(|v| v.fract() == 0.0 && *v >= 0.0)
        && r[2] as u32 == image.width
        && r[3] as u32 == image.height
        && r[0] as u32 + image.width <= pix.width()
        && r[1] as u32 + image.height <= pix.height();
    let (w, x0, y0) = (image.width as usize, r[0] as usize, r[1] as usize);
    if exact && image.rgba.len() == w * image.height as usize * 4 {
        let width = pix.width() as usize;
        pix.data_mut()
            .par_chunks_mut(width * 4)
            .skip(y0)
            .zip(image.rgba.par_chunks(w * 4))
            .for_each(|(line, src)| line[x0 * 4..(x0 + w) * 4].copy_from_slice(src));
        return;
    }
    let size = tiny_skia::IntSize::from_wh(image.width, image.height);
    let Some(src) = size.and_then(|s| Pixmap::from_vec(image.rgba.to_vec(), s)) else {
        return;
    };
    let (sx, sy) = (r[2] / image.width as f32, r[3] / image.height as f32);
    let paint = PixmapPaint {
        quality: FilterQuality::Nearest,
        ..PixmapPaint::default()
    };
    let at = Transform::from_row(sx, 0.0, 0.0, sy, r[0], r[1]);
    pix.draw_pixmap(0, 0, src.as_ref(), &paint, at, None);
}

/// A vertical ramp: each row of the rectangle takes the colour at its height.
fn ramp(pix: &mut Pixmap, rect: [f32; 4], colours: &[[u8; 3]]) {
    let Some(last) = colours.len().checked_sub(1) else {
        return;
    };
    let (x0, y0) = (rect[0].round() as i64, rect[1].round() as i64);
    let (w, h) = (rect[2].round() as i64, rect[3].round() as i64);
    let (pw, ph) = (i64::from(pix.width()), i64::from(pix.height()));
    let data = pix.data_mut();
    for row in 0..h {
        let t = 1.0 - row as f64 / (h - 1).max(1) as f64;
        let c = colours[((t * last as f64).round() as usize).min(last)];
        let y = y0 + row;
        if !(0..ph).contains(&y) {
            continue;
        }
        for x in (x0..x0 + w).filter(|x| (0..pw).contains(x)) {
            let i = ((y * pw + x) * 4) as usize;
            data[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
}
