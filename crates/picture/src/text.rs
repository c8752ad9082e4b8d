//! Text for pictures: DejaVu Sans (bundled, Bitstream Vera licence) rasterised with ab_glyph, which
//! reads glyphs lazily (loading the font costs nothing), and blended into a pixmap.

use std::sync::LazyLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use tiny_skia::Pixmap;

/// DejaVu Sans, the font of the window and of exported pictures.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

static FONT: LazyLock<Option<FontRef<'static>>> =
    LazyLock::new(|| FontRef::try_from_slice(DEJAVU_SANS).ok());

/// Where a text's anchor point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    LeftTop,
    LeftCenter,
    CenterTop,
    RightCenter,
    CenterBottom,
    LeftBottom,
}

/// The width in pixels of `text` at `px`.
pub fn width(text: &str, px: f32) -> f32 {
    let Some(font) = FONT.as_ref() else {
        return 0.0;
    };
    let scaled = font.as_scaled(PxScale::from(px));
    text.chars()
        .map(|c| scaled.h_advance(font.glyph_id(c)))
        .sum()
}

/// Draws `text` at `px` with its `anchor` at (x, y), in opaque `rgb`.
pub fn draw(
    pixmap: &mut Pixmap,
    text: &str,
    x: f32,
    y: f32,
    px: f32,
    rgb: [u8; 3],
    anchor: Anchor,
) {
    let Some(font) = FONT.as_ref() else { return };
    let scaled = font.as_scaled(PxScale::from(px));
    let w = width(text, px);
    let h = scaled.ascent() - scaled.descent();
    let (left, top) = match anchor {
        Anchor::LeftTop => (x, y),
        Anchor::LeftCenter => (x, y - h / 2.0),
        Anchor::CenterTop => (x - w / 2.0, y),
        Anchor::RightCenter => (x - w, y - h / 2.0),
        Anchor::CenterBottom => (x - w / 2.0, y - h),
        Anchor::LeftBottom => (x, y - h),
    };
    let baseline = top + scaled.ascent();
    let mut pen = left;
    for c in text.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(PxScale::from(px), point(pen, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            let (bw, bh) = (b.width().ceil() as usize, b.height().ceil() as usize);
            let mut mask = vec![0u8; bw * bh];
            outline.draw(|gx, gy, cov| {
                if let Some(m) = mask.get_mut(gy as usize * bw + gx as usize) {
                    *m = (cov.clamp(0.0, 1.0) * 255.0).round() as u8;
                }
            });
            blend_mask(pixmap, &mask, bw, b.min.x as i64, b.min.y as i64, rgb);
        }
        pen += scaled.h_advance(id);
    }
}

/// Blends an 8-bit coverage mask of width `w` at (x, y) in colour `rgb` over an opaque pixmap.
fn blend_mask(pixmap: &mut Pixmap, mask: &[u8], w: usize, x: i64, y: i64, rgb: [u8; 3]) {
    if w == 0 {
        return;
    }
    let (pw, ph) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
    let data = pixmap.data_mut();
    for (row, line) in mask.chunks(w).enumerate() {
        let py = y + row as i64;
        if py < 0 || py >= ph {
            continue;
        }
        for (col, &a) in line.iter().enumerate() {
            let px = x + col as i64;
            if a == 0 || px < 0 || px >= pw {
                continue;
            }
            let i = ((py * pw + px) * 4) as usize;
            let a = u32::from(a);
            for (k, &c) in rgb.iter().enumerate() {
                let d = u32::from(data[i + k]);
                data[i + k] = ((u32::from(c) * a + d * (255 - a) + 127) / 255) as u8;
            }
        }
    }
}

/// The height of a line of text at `px` (ascent to descent), the box [`draw`] anchors to.
pub fn height(px: f32) -> f32 {
    FONT.as_ref().map_or(px, |font| {
        let scaled = font.as_scaled(PxScale::from(px));
        scaled.ascent() - scaled.descent()
    })
}

/// The baseline of text at `px` anchored at height `y` (for writers that place text by its baseline).
pub fn baseline(y: f32, px: f32, anchor: Anchor) -> f32 {
    let Some(font) = FONT.as_ref() else {
        return y;
    };
    let scaled = font.as_scaled(PxScale::from(px));
    let h = scaled.ascent() - scaled.descent();
    let top = match anchor {
        Anchor::LeftTop | Anchor::CenterTop => y,
        Anchor::LeftCenter | Anchor::RightCenter => y - h / 2.0,
        Anchor::CenterBottom | Anchor::LeftBottom => y - h,
    };
    top + scaled.ascent()
}

/// The em size of text drawn at `px` here: `px` is the line's height (ascent to descent, as ab_glyph
/// scales), while SVG's `font-size` and egui's font sizes give the em, about 14 % smaller for DejaVu.
pub fn em_size(px: f32) -> f32 {
    FONT.as_ref().map_or(px, |font| {
        px * font.units_per_em().unwrap_or(2048.0) / font.height_unscaled()
    })
}
