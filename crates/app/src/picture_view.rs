//! The egui painter of [`optiscape_picture::picture`] items: the window draws the same list the exporters
//! paint. Items are in picture pixels; `origin` and `scale` place them on the screen. An image is
//! painted from a texture the caller keeps (the landscape's field, uploaded once per view).

use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, TextureId};

use optiscape_picture::picture::{Anchor, Image, Item};

fn colour(c: [u8; 4]) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

fn align(a: Anchor) -> Align2 {
    match a {
        Anchor::LeftTop => Align2::LEFT_TOP,
        Anchor::LeftCenter => Align2::LEFT_CENTER,
        Anchor::CenterTop => Align2::CENTER_TOP,
        Anchor::RightCenter => Align2::RIGHT_CENTER,
        Anchor::CenterBottom => Align2::CENTER_BOTTOM,
        Anchor::LeftBottom => Align2::LEFT_BOTTOM,
    }
}

/// Paints `items` with `painter` (whose clip rectangle a layer's clip narrows), a picture pixel `p`
/// landing at `origin + scale·p`; images are left out.
pub fn paint(painter: &Painter, items: &[Item], origin: Pos2, scale: f32) {
    paint_with(painter, items, origin, scale, &|_| None);
}

/// [`paint`], painting an image from the texture `texture` gives for it (the landscape's field,
/// uploaded once while its view stays); an image without one is left out.
pub fn paint_with(
    painter: &Painter,
    items: &[Item],
    origin: Pos2,
    scale: f32,
    texture: &dyn Fn(&Image) -> Option<TextureId>,
) {
    let at = |p: [f32; 2]| origin + egui::vec2(p[0], p[1]) * scale;
    let mut layer = painter.clone();
    let mut shapes: Vec<Shape> = Vec::new();
    for item in items {
        match item {
            Item::Group { clip, .. } => {
                layer.extend(std::mem::take(&mut shapes));
                layer = match clip {
                    Some(r) => painter.with_clip_rect(
                        egui::Rect::from_min_max(at([r[0], r[1]]), at([r[0] + r[2], r[1] + r[3]]))
                            .intersect(painter.clip_rect()),
                    ),
                    None => painter.clone(),
                };
            }
            Item::End => {
                layer.extend(std::mem::take(&mut shapes));
                layer = painter.clone();
            }
            other => push_shape(&mut shapes, other, &layer, origin, scale, texture),
        }
    }
    layer.extend(shapes);
}

/// Adds the shapes of one drawing item (not a group's start or end) to `shapes`; text is laid out
/// by `layer`.
fn push_shape(
    shapes: &mut Vec<Shape>,
    item: &Item,
    layer: &Painter,
    origin: Pos2,
    scale: f32,
    texture: &dyn Fn(&Image) -> Option<TextureId>,
) {
    let at = |p: [f32; 2]| origin + egui::vec2(p[0], p[1]) * scale;
    match item {
        Item::Image(image) => {
            if let Some(id) = texture(image) {
                let r = image.rect;
                let rect =
                    egui::Rect::from_min_max(at([r[0], r[1]]), at([r[0] + r[2], r[1] + r[3]]));
                let uv = egui::Rect::from_min_max(Pos2::ZERO, egui::pos2(1.0, 1.0));
                shapes.push(Shape::image(id, rect, uv, Color32::WHITE));
            }
        }
        Item::Ramp { rect, colours } => shapes.push(ramp(at, *rect, colours)),
        Item::Line {
            points,
            width,
            rgba,
        } => {
            let pts: Vec<Pos2> = points.iter().map(|p| at(*p)).collect();
            shapes.push(Shape::line(pts, Stroke::new(width * scale, colour(*rgba))));
        }
        Item::Polygon {
            points,
            fill,
            outline,
        } => {
            let stroke = outline.map_or(Stroke::NONE, |(c, w)| Stroke::new(w * scale, colour(c)));
            let pts = points.iter().map(|p| at(*p)).collect();
            shapes.push(Shape::convex_polygon(pts, colour(*fill), stroke));
        }
        Item::Circle {
            centre,
            radius,
            fill,
            ring,
        } => {
            let (c, r) = (at(*centre), radius * scale);
            if let Some(f) = fill {
                shapes.push(Shape::circle_filled(c, r, colour(*f)));
            }
            if let Some((rgba, w)) = ring {
                shapes.push(Shape::circle_stroke(
                    c,
                    r,
                    Stroke::new(w * scale, colour(*rgba)),
                ));
            }
        }
        Item::Rect { rect, rgba } => {
            let r = egui::Rect::from_min_max(
                at([rect[0], rect[1]]),
                at([rect[0] + rect[2], rect[1] + rect[3]]),
            );
            shapes.push(Shape::rect_filled(r, 2.0, colour(*rgba)));
        }
        Item::Text {
            pos,
            size,
            anchor,
            rgb,
            text,
        } => {
            let c = Color32::from_rgb(rgb[0], rgb[1], rgb[2]);
            // The list's sizes are line heights; egui's are ems.
            let font = FontId::proportional(optiscape_picture::text::em_size(*size) * scale);
            let galley = layer.layout_no_wrap(text.clone(), font, c);
            let rect = align(*anchor).anchor_size(at(*pos), galley.size());
            shapes.push(Shape::galley(rect.min, galley, c));
        }
        Item::Group { .. } | Item::End => {}
    }
}

/// A vertical ramp as a mesh, `colours` from the bottom edge up.
fn ramp(at: impl Fn([f32; 2]) -> Pos2, r: [f32; 4], colours: &[[u8; 3]]) -> Shape {
    let mut mesh = egui::Mesh::default();
    let last = colours.len().saturating_sub(1).max(1);
    for (k, c) in colours.iter().enumerate() {
        let y = r[1] + r[3] * (1.0 - k as f32 / last as f32);
        let c = Color32::from_rgb(c[0], c[1], c[2]);
        mesh.colored_vertex(at([r[0], y]), c);
        mesh.colored_vertex(at([r[0] + r[2], y]), c);
        if k > 0 {
            let b = 2 * k as u32;
            mesh.add_triangle(b - 2, b - 1, b);
            mesh.add_triangle(b - 1, b, b + 1);
        }
    }
    Shape::mesh(mesh)
}
