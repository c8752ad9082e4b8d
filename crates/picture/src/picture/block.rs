//! The chrome of the 3-D view as items of the shared picture: the x and y axes along the block's
//! front edges and the f axis up its left corner, each with ticks and labels, the colour bar of the
//! heights' scale, the markers at the minima, wells and saddles that are not hidden behind the
//! surface, and the balls over them. The window paints these over the GPU's block and the exporter
//! over the CPU's, so both show the same chrome in the same places.

use super::landscape::Theme;
use super::{Anchor, Item, axis_labels, bar_labels, colour_bar, markers, with_alpha};
use crate::view3d::{FLOOR, Mesh, Projector, Run3, Z_SCALE, block_area};
use optiscape_core::sim::V2;

type V3 = nalgebra::Vector3<f64>;

/// How the chrome is drawn: text size and line width unit in pixels, theme, and whether to mark
/// the landmarks.
#[derive(Debug, Clone, Copy)]
pub struct BlockStyle {
    pub font: f32,
    pub unit: f32,
    pub theme: Theme,
    pub markers: bool,
}

/// The colour bar's ramp in a `width × height` picture with text of size `font`: right of the
/// block area.
pub fn block_bar(width: u32, height: u32, font: f32) -> [f32; 4] {
    let a = block_area(width, height);
    let top = a[1] + 1.8 * font;
    [
        a[0] + a[2] + 0.04 * width as f32,
        top,
        1.1 * font,
        (a[1] + a[3] - top).max(4.0),
    ]
}

/// The axes, colour bar and markers of the 3-D view of `mesh` seen through `proj`, in a
/// `width × height` picture.
pub fn block_chrome(
    mesh: &Mesh,
    proj: &Projector,
    width: u32,
    height: u32,
    style: BlockStyle,
) -> Vec<Item> {
    let mut out = Vec::new();
    block_axes(&mut out, mesh, proj, style);
    let bar = block_bar(width, height, style.font);
    colour_bar(
        &mut out,
        bar,
        mesh.scale(),
        style.font,
        style.unit,
        style.theme.text(),
        width as f32,
    );
    if style.markers {
        let eye = V3::from(proj.eye());
        let view = mesh.view();
        let project = |p: V2| {
            let inside =
                (view.x[0]..=view.x[1]).contains(&p.x) && (view.y[0]..=view.y[1]).contains(&p.y);
            let w = mesh.world(p, f64::NAN);
            match proj.project(w) {
                Some([x, y, _]) if inside && mesh.visible_from(eye, w) => [x, y],
                _ => [f32::NAN; 2],
            }
        };
        let everywhere = [0.0, 0.0, width as f32, height as f32];
        markers(&mut out, &mesh.landmarks, project, everywhere, style.unit);
    }
    out
}

/// The opacity of a ball the surface hides.
pub const HIDDEN_ALPHA: u8 = 115;

/// The runs' balls at `step`, as the contour map draws them (a disc with a dark rim), over the
/// markers; a ball behind a hill is drawn faint rather than lost: the balls are what the class
/// follows.
pub fn balls(
    out: &mut Vec<Item>,
    mesh: &Mesh,
    proj: &Projector,
    runs: &[Run3<'_>],
    step: usize,
    u: f32,
) {
    let eye = V3::from(proj.eye());
    out.push(Item::Group {
        name: "balls",
        clip: None,
    });
    for run in runs {
        let k = step.min(run.points.len().saturating_sub(1));
        let (Some(&p), Some(&f)) = (run.points.get(k), run.losses.get(k)) else {
            continue;
        };
        if mesh.unit(p).is_none() {
            continue;
        }
        let w = mesh.world(p, f);
        let Some([x, y, _]) = proj.project(w) else {
            continue;
        };
        let alpha = if mesh.visible_from(eye, w) {
            255
        } else {
            HIDDEN_ALPHA
        };
        out.push(Item::Circle {
            centre: [x, y],
            radius: 8.0 * u,
            fill: Some(with_alpha(run.rgb, alpha)),
            ring: Some(([0, 0, 0, alpha], 2.0 * u)),
        });
    }
    out.push(Item::End);
}

/// One axis: a world edge from `a` to `b`, its marks pointing along `out` (a world direction away
/// from the block), and its name; `shares_start` when another axis labels the corner at `a`, so
/// this one leaves a label there out.
struct Edge<'a> {
    a: V3,
    b: V3,
    out: V3,
    name: &'a str,
    shares_start: bool,
}

fn block_axes(out: &mut Vec<Item>, mesh: &Mesh, proj: &Projector, s: BlockStyle) {
    let (f, u, ink) = (s.font, s.unit, s.theme.text());
    let grey = [150, 150, 150, 255];
    out.push(Item::Group {
        name: "axes",
        clip: None,
    });
    let eye = V3::from(proj.eye());
    // The front edges: those on the camera's side of the box.
    let (sx, sy) = (sign(eye.x), sign(eye.y));
    let view = mesh.view();
    let px = |p: V3| proj.project(p).map(|q| [q[0], q[1]]);
    let length = |e: &Edge| match (px(e.a), px(e.b)) {
        (Some(a), Some(b)) => (a[0] - b[0]).hypot(a[1] - b[1]),
        _ => 0.0,
    };
    let x_edge = Edge {
        a: V3::new(-1.0, sy, FLOOR),
        b: V3::new(1.0, sy, FLOOR),
        out: V3::new(0.0, sy, 0.0),
        name: "x",
        shares_start: false,
    };
    let y_edge = Edge {
        a: V3::new(sx, -1.0, FLOOR),
        b: V3::new(sx, 1.0, FLOOR),
        out: V3::new(sx, 0.0, 0.0),
        name: "y",
        shares_start: false,
    };
    for (edge, range) in [(x_edge, view.x), (y_edge, view.y)] {
        let ticks: Vec<(f64, String)> = axis_labels(range[0], range[1], length(&edge), f)
            .into_iter()
            .map(|t| ((t.value - range[0]) / (range[1] - range[0]), t.label))
            .collect();
        draw_edge(out, proj, &edge, &ticks, f, u, ink, grey);
    }
    // The f axis up the corner that is leftmost on the picture, on the block's outline.
    let corner = [(-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)]
        .into_iter()
        .map(|(x, y)| V3::new(x, y, 0.0))
        .filter_map(|c| px(c).map(|q| (c, q[0])))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c);
    if let Some(c) = corner {
        let z_edge = Edge {
            a: V3::new(c.x, c.y, 0.0),
            b: V3::new(c.x, c.y, Z_SCALE),
            out: -V3::from(proj.right()),
            name: "f",
            shares_start: true,
        };
        let labels = bar_labels(mesh.scale(), length(&z_edge), f);
        let ticks: Vec<(f64, String)> = labels.ticks.into_iter().map(|t| (t.t, t.label)).collect();
        draw_edge(out, proj, &z_edge, &ticks, f, u, ink, grey);
    }
    out.push(Item::End);
}

#[allow(clippy::too_many_arguments)]
fn draw_edge(
    out: &mut Vec<Item>,
    proj: &Projector,
    e: &Edge,
    ticks: &[(f64, String)],
    f: f32,
    u: f32,
    ink: [u8; 3],
    grey: [u8; 4],
) {
    let px = |p: V3| proj.project(p).map(|q| [q[0], q[1]]);
    let (Some(a), Some(b)) = (px(e.a), px(e.b)) else {
        return;
    };
    out.push(Item::line(vec![a, b], u, grey));
    // The marks' direction on the picture: the edge's outward direction, projected at its middle.
    let mid = (e.a + e.b) / 2.0;
    let Some(dir) = px(mid)
        .zip(px(mid + e.out.normalize() * 0.1))
        .map(|(p, q)| [q[0] - p[0], q[1] - p[1]])
        .and_then(|d| {
            let n = d[0].hypot(d[1]);
            (n > 1e-3).then(|| [d[0] / n, d[1] / n])
        })
    else {
        return;
    };
    let anchor = anchor_for(dir);
    let tick = 6.0 * u;
    let mut far = 0.0f32;
    for (t, label) in ticks {
        let Some(p) = px(e.a + (e.b - e.a) * *t) else {
            continue;
        };
        if e.shares_start && (p[0] - a[0]).hypot(p[1] - a[1]) < 1.5 * f {
            continue;
        }
        let end = [p[0] + dir[0] * tick, p[1] + dir[1] * tick];
        out.push(Item::line(vec![p, end], u, grey));
        let at = [end[0] + dir[0] * 3.0, end[1] + dir[1] * 3.0];
        out.push(Item::text(at, f, anchor, ink, label));
        far = far.max(crate::text::width(label, f));
    }
    // The name beyond the labels, by the edge's middle.
    if let Some(m) = px(mid) {
        let reach = tick
            + 3.0
            + if dir[0].abs() > dir[1].abs() {
                far
            } else {
                1.2 * f
            }
            + 0.6 * f;
        let at = [m[0] + dir[0] * reach, m[1] + dir[1] * reach];
        out.push(Item::text(at, f, anchor, ink, e.name));
    }
}

/// The anchor that puts a label beyond a mark pointing along `dir` (on the picture).
fn anchor_for(dir: [f32; 2]) -> Anchor {
    if dir[1].abs() >= dir[0].abs() {
        if dir[1] > 0.0 {
            Anchor::CenterTop
        } else {
            Anchor::CenterBottom
        }
    } else if dir[0] > 0.0 {
        Anchor::LeftCenter
    } else {
        Anchor::RightCenter
    }
}

fn sign(v: f64) -> f64 {
    if v < 0.0 { -1.0 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::Picture;
    use optiscape_core::scenario::Camera;
    use optiscape_core::sim::surface::View;
    use optiscape_core::sim::{Surface, SurfaceKind};

    const STYLE: BlockStyle = BlockStyle {
        font: 16.0,
        unit: 1.0,
        theme: Theme::DARK,
        markers: true,
    };

    fn picture(mesh: &Mesh, camera: &Camera) -> Picture {
        let proj = Projector::new(camera, 1000, 700);
        Picture {
            width: 1000,
            height: 700,
            background: [0; 3],
            items: block_chrome(mesh, &proj, 1000, 700, STYLE),
        }
    }

    #[test]
    fn the_axes_name_x_y_and_f_and_number_the_view_and_the_colour_scale() {
        let surface = Surface::new(SurfaceKind::Rosenbrock);
        let mesh = Mesh::new(&surface, View::new(-2.0, 2.0, -1.0, 3.0), true, 40, 8);
        let p = picture(&mesh, &Camera::default());
        let axes = p.texts_in("axes");
        for name in ["x", "y", "f"] {
            assert!(axes.contains(&name), "{name} in {axes:?}");
        }
        for label in ["-2", "0", "2"] {
            assert!(axes.contains(&label), "{label} in {axes:?}");
        }
        let bar = block_bar(1000, 700, STYLE.font);
        let labels = bar_labels(mesh.scale(), bar[3], STYLE.font);
        let drawn = p.texts_in("colour-bar");
        assert_eq!(drawn[0], labels.title);
        for t in &labels.ticks {
            assert!(
                drawn.contains(&t.label.as_str()),
                "{} in {drawn:?}",
                t.label
            );
        }
    }

    #[test]
    fn the_chrome_stays_in_the_picture_from_every_side() {
        let surface = Surface::new(SurfaceKind::Himmelblau);
        let mesh = Mesh::new(&surface, View::new(-5.0, 5.0, -5.0, 5.0), true, 40, 8);
        for azimuth in (-180..180).step_by(30) {
            let camera = Camera {
                azimuth: f64::from(azimuth),
                ..Camera::default()
            };
            for item in picture(&mesh, &camera).items {
                if let Item::Text { pos, text, .. } = item {
                    let inside =
                        (0.0..=1000.0).contains(&pos[0]) && (0.0..=700.0).contains(&pos[1]);
                    assert!(inside, "{text} at {pos:?} from azimuth {azimuth}");
                }
            }
        }
    }

    #[test]
    fn a_ball_at_the_bottom_of_a_bowl_is_solid_from_above_and_faint_behind_the_rim() {
        let surface = Surface::new(SurfaceKind::Quadratic);
        let mesh = Mesh::new(&surface, View::new(-3.0, 3.0, -3.0, 3.0), false, 40, 8);
        let (points, losses) = ([V2::new(0.0, 0.0)], [0.0]);
        let run = Run3 {
            rgb: [255, 0, 0],
            points: &points,
            losses: &losses,
        };
        let ball = |elevation: f64| {
            let camera = Camera {
                elevation,
                ..Camera::default()
            };
            let proj = Projector::new(&camera, 800, 600);
            let mut out = Vec::new();
            balls(&mut out, &mesh, &proj, std::slice::from_ref(&run), 10, 1.0);
            let centre = proj.project(mesh.world(points[0], 0.0)).expect("in front");
            match out.as_slice() {
                [
                    Item::Group { .. },
                    Item::Circle {
                        centre: c,
                        fill: Some(f),
                        ..
                    },
                    Item::End,
                ] => {
                    assert_eq!(*c, [centre[0], centre[1]]);
                    f[3]
                }
                other => panic!("one ball: {other:?}"),
            }
        };
        assert_eq!(ball(80.0), 255);
        assert_eq!(ball(5.0), HIDDEN_ALPHA);
    }

    #[test]
    fn a_minimum_behind_the_rim_of_a_bowl_is_not_marked() {
        let surface = Surface::new(SurfaceKind::Quadratic);
        let mesh = Mesh::new(&surface, View::new(-3.0, 3.0, -3.0, 3.0), false, 40, 8);
        let marked = |elevation: f64| {
            let camera = Camera {
                elevation,
                ..Camera::default()
            };
            let p = picture(&mesh, &camera);
            let mut inside = false;
            p.items
                .iter()
                .filter(|i| {
                    match i {
                        Item::Group { name, .. } => inside = *name == "markers",
                        Item::End => inside = false,
                        _ => return inside,
                    }
                    false
                })
                .count()
        };
        assert!(marked(80.0) > 0, "seen from above");
        assert_eq!(marked(5.0), 0, "hidden by the near rim");
    }
}
