//! The 3-D view: the surface as a shaded height field in perspective, isolines on it, and the runs'
//! trails and balls rolling on it. The window draws it on the GPU, exports (and windows without a GL
//! context) on the CPU; both from the same mesh and camera, so they show the same picture.
//!
//! `mesh` turns a surface into shaded world geometry once per surface and view, and `camera` says
//! where the world lands on the picture (the block framed to fit). `raster` turns geometry into
//! pixels on the CPU every frame; `gpu` prepares the same geometry as buffers for the window's GPU
//! renderer, rebuilding only what changed. This file holds the world box they agree on and puts a
//! CPU frame together.

mod camera;
mod gpu;
mod mesh;
mod raster;

pub use camera::{FLOOR, Projector, block_area};
pub use gpu::{ColouredRun, GpuFrame, GpuScene, MeshBuffers, RunStep, Trails, Uploads};
pub use mesh::Mesh;
pub use raster::{DEPTH_BIAS, Raster};

use rayon::prelude::*;

use super::lod::{Coverage, Px, pieces_px};
use optiscape_core::scenario::Camera;
use optiscape_core::sim::V2;
use raster::{fill_mesh, line_px, line3};

/// Cells along each side of the default mesh.
pub const MESH: usize = 80;
/// Height of the surface box relative to its half-width.
pub const Z_SCALE: f64 = 0.9;
/// Trails keep points at least this far apart in the plane (the box is 2 across).
const THIN: f64 = 0.005;

type V3 = nalgebra::Vector3<f64>;

/// One run as the 3-D view draws it: its trail (points and losses up to the step) and its colour.
pub struct Run3<'a> {
    pub rgb: [u8; 3],
    pub points: &'a [V2],
    pub losses: &'a [f64],
}

impl<'a> Run3<'a> {
    /// The runs of `coloured` (colour and trajectory) as the 3-D view draws them.
    pub fn all(coloured: &'a [ColouredRun]) -> Vec<Self> {
        coloured
            .iter()
            .map(|(rgb, t)| Self {
                rgb: *rgb,
                points: &t.points,
                losses: &t.losses,
            })
            .collect()
    }
}

/// Draws the 3-D view of `mesh` with the runs' trails up to `step`, `width` × `height` pixels (the
/// balls are items of the chrome, [`crate::picture::block::balls`]).
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
    // dropped), so an oscillating run costs a handful of segments. No vertex is merged into a longer
    // chord: across a curved surface a chord would pass under it.
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
            pieces_px(&screen, &mut coverage, 0.0)
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
    raster
}

/// The trail in world coordinates, keeping points at least [`THIN`] apart (measured in the
/// plane, so the height, which costs a logarithm, is only worked out for the points kept).
fn thin_world(mesh: &Mesh, points: &[V2], losses: &[f64]) -> Vec<V3> {
    let mut out: Vec<V3> = Vec::new();
    let (mut lx, mut ly) = (f64::NAN, f64::NAN);
    let n = points.len();
    for (i, (&p, &f)) in points.iter().zip(losses).enumerate() {
        let Some((x, y)) = mesh.unit(p) else {
            continue;
        };
        let near = (x - lx).powi(2) + (y - ly).powi(2) < THIN * THIN;
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
    use optiscape_core::sim::surface::View;
    use optiscape_core::sim::{Surface, SurfaceKind};

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
        // The middle of the block area, not of the picture: the colour bar has the right.
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
        let a = block_area(320, 240);
        let (cx, cy) = ((a[0] + a[2] / 2.0) as usize, (a[1] + a[3] / 2.0) as usize);
        assert_ne!(at(cx, cy), [1, 2, 3], "the surface covers the centre");
        assert_eq!(
            at(319, 239),
            [1, 2, 3],
            "and leaves the colour bar's corner"
        );
        assert_eq!(at(0, 0), [1, 2, 3], "the background shows in a corner");
    }
}
