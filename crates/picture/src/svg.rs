//! The SVG painter of [`super::picture`] items: text stays `<text>` (editable in Inkscape or a slide
//! program), lines, arrows and markers stay vector shapes, each layer is a `<g>` with its name as id,
//! and an image (the filled field, or the 3-D block) is embedded once as a base64 PNG.

use std::fmt::Write as _;
use std::path::Path;

use super::encode::ExportError;
use super::picture::{Anchor, Image, Item, Picture};
use super::text;

/// The picture as an SVG document.
pub fn to_string(picture: &Picture) -> String {
    let (w, h) = (picture.width, picture.height);
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Bitstream Vera Sans, sans-serif">
<rect width="{w}" height="{h}" fill="{}"/>
"#,
        hex(picture.background)
    );
    let mut ids = 0;
    let mut open = false;
    for item in &picture.items {
        match item {
            Item::Group { name, clip } => {
                if open {
                    out.push_str("</g>\n");
                }
                open = true;
                match clip {
                    Some(r) => {
                        ids += 1;
                        let _ = writeln!(
                            out,
                            r#"<clipPath id="clip{ids}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
                            n(r[0]),
                            n(r[1]),
                            n(r[2]),
                            n(r[3])
                        );
                        let _ = writeln!(
                            out,
                            r#"<g id="{}" clip-path="url(#clip{ids})">"#,
                            escape(name)
                        );
                    }
                    None => {
                        let _ = writeln!(out, r#"<g id="{}">"#, escape(name));
                    }
                }
            }
            Item::End => {
                if open {
                    out.push_str("</g>\n");
                }
                open = false;
            }
            other => {
                ids += 1;
                shape(&mut out, other, ids);
            }
        }
    }
    if open {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// Writes the picture as an SVG file (through a temporary file, like every export).
pub fn write(picture: &Picture, path: &Path) -> Result<(), ExportError> {
    let svg = to_string(picture);
    optiscape_files::atomic::write(path, |out| {
        out.write_all(svg.as_bytes())
            .map_err(|e| ExportError::Failed(format!("SVG: {e}")))
    })
}

/// One drawing item; `id` is unique, for a gradient's definition.
fn shape(out: &mut String, item: &Item, id: usize) {
    match item {
        Item::Group { .. } | Item::End => {}
        Item::Image(image) => self::image(out, image),
        Item::Ramp { rect, colours } => {
            let last = colours.len().saturating_sub(1).max(1);
            let _ = write!(
                out,
                r#"<defs><linearGradient id="ramp{id}" x1="0" y1="1" x2="0" y2="0">"#
            );
            // Every eighth colour is plenty for a smooth ramp.
            for (k, c) in colours
                .iter()
                .enumerate()
                .filter(|(k, _)| k % 8 == 0 || *k == last)
            {
                let _ = write!(
                    out,
                    r#"<stop offset="{:.4}" stop-color="{}"/>"#,
                    k as f32 / last as f32,
                    hex(*c)
                );
            }
            let _ = writeln!(
                out,
                r#"</linearGradient></defs><rect x="{}" y="{}" width="{}" height="{}" fill="url(#ramp{id})"/>"#,
                n(rect[0]),
                n(rect[1]),
                n(rect[2]),
                n(rect[3])
            );
        }
        Item::Line {
            points,
            width,
            rgba,
        } => {
            let stroke = paint("stroke", *rgba);
            let w = n(*width);
            if let [a, b] = points.as_slice() {
                let _ = writeln!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {stroke} stroke-width="{w}" stroke-linecap="round"/>"#,
                    n(a[0]),
                    n(a[1]),
                    n(b[0]),
                    n(b[1])
                );
            } else {
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" {stroke} stroke-width="{w}" stroke-linecap="round" stroke-linejoin="round"/>"#,
                    points_attr(points)
                );
            }
        }
        Item::Polygon {
            points,
            fill,
            outline,
        } => {
            let _ = writeln!(
                out,
                r#"<polygon points="{}" {}{}/>"#,
                points_attr(points),
                paint("fill", *fill),
                outline_attr(*outline)
            );
        }
        Item::Circle {
            centre,
            radius,
            fill,
            ring,
        } => {
            let fill = fill.map_or_else(|| r#"fill="none""#.to_owned(), |f| paint("fill", f));
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" {fill}{}/>"#,
                n(centre[0]),
                n(centre[1]),
                n(*radius),
                outline_attr(*ring)
            );
        }
        Item::Rect { rect, rgba } => {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" {}/>"#,
                n(rect[0]),
                n(rect[1]),
                n(rect[2]),
                n(rect[3]),
                paint("fill", *rgba)
            );
        }
        Item::Text {
            pos,
            size,
            anchor,
            rgb,
            text: s,
        } => {
            let align = match anchor {
                Anchor::LeftTop | Anchor::LeftCenter | Anchor::LeftBottom => "start",
                Anchor::CenterTop | Anchor::CenterBottom => "middle",
                Anchor::RightCenter => "end",
            };
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{align}">{}</text>"#,
                n(pos[0]),
                n(text::baseline(pos[1], *size, *anchor)),
                n(text::em_size(*size)),
                hex(*rgb),
                escape(s)
            );
        }
    }
}

fn image(out: &mut String, image: &Image) {
    let Some(png) = png_bytes(image) else { return };
    let r = image.rect;
    let _ = writeln!(
        out,
        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
        n(r[0]),
        n(r[1]),
        n(r[2]),
        n(r[3]),
        base64(&png)
    );
}

/// The image's opaque pixels as a PNG file's bytes.
fn png_bytes(image: &Image) -> Option<Vec<u8>> {
    let rgb: Vec<u8> = image
        .rgba
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut bytes = Vec::new();
    let mut enc = png::Encoder::new(&mut bytes, image.width, image.height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().ok()?;
    w.write_image_data(&rgb).ok()?;
    w.finish().ok()?;
    Some(bytes)
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[((v >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `s` with the characters XML gives a meaning to written as entities.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with two decimals at most (a hundredth of a pixel), without trailing zeros.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0" } else { s }.to_owned()
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// `fill="#rrggbb"` (or `stroke`), with its opacity when not opaque.
fn paint(what: &str, rgba: [u8; 4]) -> String {
    let colour = hex([rgba[0], rgba[1], rgba[2]]);
    if rgba[3] == 255 {
        format!(r#"{what}="{colour}""#)
    } else {
        let a = f32::from(rgba[3]) / 255.0;
        format!(r#"{what}="{colour}" {what}-opacity="{a:.3}""#)
    }
}

fn outline_attr(outline: Option<([u8; 4], f32)>) -> String {
    outline.map_or_else(String::new, |(rgba, w)| {
        format!(" {} stroke-width=\"{}\"", paint("stroke", rgba), n(w))
    })
}

fn points_attr(points: &[[f32; 2]]) -> String {
    let mut s = String::with_capacity(points.len() * 14);
    for (k, p) in points
        .iter()
        .filter(|p| p[0].is_finite() && p[1].is_finite() && p[0].abs() < 1e6 && p[1].abs() < 1e6)
        .enumerate()
    {
        if k > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", n(p[0]), n(p[1]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_examples() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"a<b & "c" > 'd'"#),
            "a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
    }
}
