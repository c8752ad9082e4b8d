//! The 3-D view: the surface as a shaded height field in perspective, isolines on it, and the runs'
//! trails and balls rolling on it. Drawn on the CPU with a depth buffer, so the window and the
//! exporter show the same picture and a frame costs a few milliseconds.
//!
//! The work falls in two halves that run at different rates: `mesh` turns a surface into shaded
//! world geometry once per surface and window, `raster` turns geometry into pixels every frame. This
//! file holds the world box both agree on and puts a frame together from the two.

mod mesh;
mod raster;

pub use mesh::Mesh;
pub use raster::Raster;

use rayon::prelude::*;

use super::lod::{Coverage, Px, pieces_px};
use crate::scenario::Camera;
use crate::sim::V2;
use mesh::to_unit;
use raster::{Projector, ball3, fill_mesh, line_px, line3};

/// Cells along each side of the default mesh.
pub const MESH: usize = 80;
/// Height of the surface box relative to its half-width.
const Z_SCALE: f64 = 0.9;
/// The camera looks at the middle of the box, a quarter of the way up.
const TARGET: V3 = V3::new(0.0, 0.0, 0.25 * Z_SCALE);

type V3 = nalgebra::Vector3<f64>;

/// One run as the 3-D view draws it: its trail (points and losses up to the step) and its colour.
pub struct Run3<'a> {
    pub rgb: [u8; 3],
    pub points: &'a [V2],
    pub losses: &'a [f64],
}

/// Where a point of the plane with loss `f` appears in a `width` × `height` picture from `camera`.
pub fn screen_of(
    mesh: &Mesh,
    camera: &Camera,
    width: u32,
    height: u32,
    p: V2,
    f: f64,
) -> Option<[f32; 2]> {
    Projector::new(camera, width, height)
        .project(mesh.world(p, f))
        .map(|q| [q[0], q[1]])
}

/// Draws the 3-D view of `mesh` with the runs up to `step`, `width` × `height` pixels.
pub fn draw(
    mesh: &Mesh,
    camera: &Camera,
    runs: &[Run3<'_>],
    step: usize,
    width: u32,
    height: u32,
    background: [u8; 3],
) -> Raster {
    let mut raster = Raster::new(width, height, background);
    let proj = Projector::new(camera, width, height);
    fill_mesh(&mut raster, mesh, &proj);
    for line in &mesh.isolines {
        line3(&mut raster, &proj, line, 1.0, [255, 255, 255], 0.35);
    }
    // Trails: projected, then thinned like the 2-D paths (segments that retrace covered pixels are
    // dropped), so an oscillating run costs a handful of segments.
    let trails: Vec<Vec<Vec<[f32; 3]>>> = runs
        .par_iter()
        .map(|run| {
            let shown = step
                .saturating_add(1)
                .min(run.points.len())
                .min(run.losses.len());
            let projected: Vec<[f32; 3]> =
                thin_world(mesh, &run.points[..shown], &run.losses[..shown])
                    .into_iter()
                    .filter_map(|p| proj.project(p))
                    .collect();
            let screen: Vec<Px> = projected.iter().map(|p| [p[0], p[1]]).collect();
            let mut coverage = Coverage::new([0.0, 0.0, width as f32, height as f32]);
            pieces_px(&screen, &mut coverage)
                .into_iter()
                .map(|piece| piece.into_iter().map(|i| projected[i]).collect())
                .collect()
        })
        .collect();
    for (run, pieces) in runs.iter().zip(&trails) {
        for piece in pieces {
            line_px(&mut raster, piece, 5.0, [0, 0, 0], 0.6);
            line_px(&mut raster, piece, 3.0, run.rgb, 1.0);
        }
    }
    for run in runs {
        let shown = step
            .saturating_add(1)
            .min(run.points.len())
            .min(run.losses.len());
        if shown > 0 {
            let k = shown - 1;
            ball3(
                &mut raster,
                &proj,
                mesh.world(run.points[k], run.losses[k]),
                7.0,
                run.rgb,
            );
        }
    }
    raster
}

/// The trail in world coordinates, keeping points at least 1/400 of the box apart (measured in the
/// plane, so the height, which costs a logarithm, is only worked out for the points kept).
fn thin_world(mesh: &Mesh, points: &[V2], losses: &[f64]) -> Vec<V3> {
    let mut out: Vec<V3> = Vec::new();
    let (mut lx, mut ly) = (f64::NAN, f64::NAN);
    let n = points.len();
    for (i, (&p, &f)) in points.iter().zip(losses).enumerate() {
        let (x, y) = (to_unit(p.x, mesh.view.x), to_unit(p.y, mesh.view.y));
        if !(x.is_finite() && y.is_finite()) || x.abs() > 50.0 || y.abs() > 50.0 {
            continue;
        }
        let near = (x - lx).powi(2) + (y - ly).powi(2) < 0.005 * 0.005;
        if near && i + 1 != n {
            continue;
        }
        (lx, ly) = (x, y);
        out.push(mesh.world(p, f));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::surface::View;
    use crate::sim::{Surface, SurfaceKind};

    fn mesh() -> Mesh {
        Mesh::new(
            &Surface::new(SurfaceKind::Quadratic),
            View::new(-3.0, 3.0, -3.0, 3.0),
            false,
            32,
            5,
        )
    }

    #[test]
    fn the_view_fills_the_middle_and_leaves_the_corners() {
        let m = mesh();
        let r = draw(&m, &Camera::default(), &[], 0, 320, 240, [1, 2, 3]);
        assert_eq!(r.rgba.len(), 320 * 240 * 4);
        let at = |x: usize, y: usize| {
            [
                r.rgba[(y * 320 + x) * 4],
                r.rgba[(y * 320 + x) * 4 + 1],
                r.rgba[(y * 320 + x) * 4 + 2],
            ]
        };
        assert_ne!(at(160, 120), [1, 2, 3], "the surface covers the centre");
        assert_eq!(at(0, 0), [1, 2, 3], "the background shows in a corner");
    }

    #[test]
    fn a_ball_at_the_bottom_of_the_bowl_is_seen_from_above() {
        let m = mesh();
        let pts = [V2::new(0.0, 0.0)];
        let losses = [0.0];
        let run = Run3 {
            rgb: [255, 0, 0],
            points: &pts,
            losses: &losses,
        };
        let top = Camera {
            azimuth: 0.0,
            elevation: 90.0,
            distance: 2.0,
        };
        let r = draw(&m, &top, &[run], 0, 200, 200, [0, 0, 0]);
        let centre = (100 * 200 + 100) * 4;
        assert_eq!(&r.rgba[centre..centre + 3], &[255, 0, 0]);
    }
}
