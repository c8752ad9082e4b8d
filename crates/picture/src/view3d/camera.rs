//! Where the camera is and how the world lands on the picture: one perspective projection that the
//! CPU raster applies point by point and the GPU applies as a matrix, so both put every vertex on the
//! same pixel.
//!
//! The block is framed, not merely looked at: the camera aims at the middle of the box, and the focal
//! length is chosen so that the sphere around the box fits the picture's block area from the
//! default distance. From any direction the whole block is then in view, and scrolling nearer
//! enlarges it from there.

use super::{V3, Z_SCALE};
use optiscape_core::scenario::Camera;

/// The bottom of the walls under the surface.
pub const FLOOR: f64 = -0.02;
/// The middle of the box, which the camera looks at.
pub(super) const TARGET: V3 = V3::new(0.0, 0.0, (Z_SCALE + FLOOR) / 2.0);
/// World units per unit of the camera's distance.
const DISTANCE_UNIT: f64 = 1.6;
/// The distance at which the whole block just fits the block area (the default camera's).
const FIT_DISTANCE: f64 = 2.4;
/// Nearest and farthest depths the GPU keeps: the camera is never nearer than 0.8 to the middle of
/// a box 1.5 across, nor farther than 32.
const NEAR: f64 = 0.05;
const FAR: f64 = 100.0;

/// The part of a `width × height` picture the block is framed in (left, top, width, height): the
/// right sixth is kept for the colour bar, a strip at the top for the title, a little at the bottom
/// and left for the axes' labels. Fractions of the size, so the window and an export of the same
/// size frame the block alike whatever their text sizes.
pub fn block_area(width: u32, height: u32) -> [f32; 4] {
    let (w, h) = (width as f32, height as f32);
    [0.04 * w, 0.08 * h, 0.78 * w, 0.86 * h]
}

/// Perspective projection of the world to pixels (y down, the picture's top left corner at 0, 0).
#[derive(Debug, Clone, Copy)]
pub struct Projector {
    pub(super) eye: V3,
    right: V3,
    up: V3,
    forward: V3,
    focal: f64,
    centre: [f64; 2],
    size: [f64; 2],
}

impl Projector {
    /// The projection of `camera` into a `width × height` picture, the block framed in
    /// [`block_area`].
    pub fn new(camera: &Camera, width: u32, height: u32) -> Self {
        let (az, el) = (camera.azimuth.to_radians(), camera.elevation.to_radians());
        let eye = TARGET
            + V3::new(el.cos() * az.cos(), el.cos() * az.sin(), el.sin())
                * (camera.distance * DISTANCE_UNIT);
        let forward = (TARGET - eye).normalize();
        let right = forward
            .cross(&V3::z())
            .try_normalize(1e-12)
            .unwrap_or_else(V3::x);
        let up = right.cross(&forward);
        let area = block_area(width, height);
        // The box's bounding sphere, seen from the fitting distance, fills the shorter side.
        let radius = (2.0 + (Z_SCALE - TARGET.z).powi(2)).sqrt();
        let half_angle = (radius / (FIT_DISTANCE * DISTANCE_UNIT)).asin();
        let focal = f64::from(area[2].min(area[3])) / 2.0 / half_angle.tan();
        Self {
            eye,
            right,
            up,
            forward,
            focal,
            centre: [
                f64::from(area[0] + area[2] / 2.0),
                f64::from(area[1] + area[3] / 2.0),
            ],
            size: [f64::from(width), f64::from(height)],
        }
    }

    /// The point's position relative to the camera: right, up and depth along the view direction.
    fn view(&self, p: V3) -> V3 {
        let d = p - self.eye;
        V3::new(d.dot(&self.right), d.dot(&self.up), d.dot(&self.forward))
    }

    /// Pixel x, y and depth (distance along the view direction); `None` behind the camera.
    pub fn project(&self, p: V3) -> Option<[f32; 3]> {
        let v = self.view(p);
        if v.z < 1e-3 {
            return None;
        }
        let x = self.centre[0] + self.focal * v.x / v.z;
        let y = self.centre[1] - self.focal * v.y / v.z;
        Some([x as f32, y as f32, v.z as f32])
    }

    /// The same projection as a GL clip-space matrix (column-major): x and y to normalised device
    /// coordinates of the whole picture, y up, and depth from [`NEAR`] to [`FAR`].
    pub fn clip_matrix(&self) -> [f32; 16] {
        let [w, h] = self.size;
        let (sx, sy) = (2.0 * self.focal / w, 2.0 * self.focal / h);
        let (ox, oy) = (
            2.0 * self.centre[0] / w - 1.0,
            1.0 - 2.0 * self.centre[1] / h,
        );
        let (a, b) = (
            (FAR + NEAR) / (FAR - NEAR),
            -2.0 * FAR * NEAR / (FAR - NEAR),
        );
        // Rows of P·V, where V takes world points to (right, up, depth) and P is the perspective.
        let (r, u, f) = (self.right, self.up, self.forward);
        let t = [-r.dot(&self.eye), -u.dot(&self.eye), -f.dot(&self.eye)];
        let rows = [
            [
                sx * r.x + ox * f.x,
                sx * r.y + ox * f.y,
                sx * r.z + ox * f.z,
                sx * t[0] + ox * t[2],
            ],
            [
                sy * u.x + oy * f.x,
                sy * u.y + oy * f.y,
                sy * u.z + oy * f.z,
                sy * t[1] + oy * t[2],
            ],
            [a * f.x, a * f.y, a * f.z, a * t[2] + b],
            [f.x, f.y, f.z, t[2]],
        ];
        let mut m = [0.0f32; 16];
        for (row, values) in rows.iter().enumerate() {
            for (col, v) in values.iter().enumerate() {
                m[col * 4 + row] = *v as f32;
            }
        }
        m
    }

    /// The camera's position in the world.
    pub fn eye(&self) -> [f64; 3] {
        self.eye.into()
    }

    /// The world direction that points right on the picture (it is level).
    pub fn right(&self) -> [f64; 3] {
        self.right.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight corners of the box, the surface's highest level on top.
    fn corners() -> Vec<V3> {
        let mut out = Vec::new();
        for x in [-1.0, 1.0] {
            for y in [-1.0, 1.0] {
                for z in [FLOOR, Z_SCALE] {
                    out.push(V3::new(x, y, z));
                }
            }
        }
        out
    }

    #[test]
    fn the_projection_puts_the_target_in_the_middle_of_the_block_area() {
        let p = Projector::new(&Camera::default(), 400, 300);
        let c = p.project(TARGET).expect("in front");
        let a = block_area(400, 300);
        assert!((c[0] - (a[0] + a[2] / 2.0)).abs() < 1e-3);
        assert!((c[1] - (a[1] + a[3] / 2.0)).abs() < 1e-3);
        let behind = p.eye - (TARGET - p.eye);
        assert!(p.project(behind).is_none());
    }

    #[test]
    fn the_whole_block_is_in_its_area_from_every_direction_at_the_default_distance() {
        for (w, h) in [(1280, 800), (950, 440), (400, 900), (2560, 1600)] {
            let a = block_area(w, h);
            for az in (-180..180).step_by(15) {
                for el in (5..=90).step_by(5) {
                    let camera = Camera {
                        azimuth: f64::from(az),
                        elevation: f64::from(el),
                        ..Camera::default()
                    };
                    let p = Projector::new(&camera, w, h);
                    for c in corners() {
                        let [x, y, _] = p.project(c).expect("in front");
                        assert!(
                            x >= a[0] && x <= a[0] + a[2] && y >= a[1] && y <= a[1] + a[3],
                            "{w}×{h}, azimuth {az}, elevation {el}: corner {c:?} at ({x}, {y})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn nearer_cameras_show_a_larger_block() {
        let span = |distance: f64| {
            let camera = Camera {
                distance,
                ..Camera::default()
            };
            let p = Projector::new(&camera, 800, 600);
            let xs: Vec<f32> = corners()
                .into_iter()
                .filter_map(|c| p.project(c).map(|q| q[0]))
                .collect();
            xs.iter().fold(f32::MIN, |a, &b| a.max(b)) - xs.iter().fold(f32::MAX, |a, &b| a.min(b))
        };
        assert!(span(1.5) > 1.3 * span(2.4));
        assert!(span(6.0) < 0.6 * span(2.4));
    }

    #[test]
    fn the_clip_matrix_lands_every_point_on_the_pixel_the_projection_gives() {
        for camera in [
            Camera::default(),
            Camera {
                azimuth: 130.0,
                elevation: 12.0,
                distance: 1.2,
            },
            Camera {
                azimuth: 0.0,
                elevation: 90.0,
                distance: 8.0,
            },
        ] {
            let (w, h) = (1000, 640);
            let p = Projector::new(&camera, w, h);
            let m = p.clip_matrix();
            for c in corners()
                .into_iter()
                .chain([TARGET, V3::new(0.3, -0.7, 0.2)])
            {
                let Some([x, y, depth]) = p.project(c) else {
                    continue;
                };
                let v = [c.x as f32, c.y as f32, c.z as f32, 1.0];
                let clip: Vec<f32> = (0..4)
                    .map(|row| (0..4).map(|col| m[col * 4 + row] * v[col]).sum())
                    .collect();
                let (nx, ny) = (clip[0] / clip[3], clip[1] / clip[3]);
                let px = (nx + 1.0) / 2.0 * w as f32;
                let py = (1.0 - ny) / 2.0 * h as f32;
                assert!((px - x).abs() < 0.05 && (py - y).abs() < 0.05, "{c:?}");
                assert!((clip[3] - depth).abs() < 1e-4, "w is the depth");
                let nz = clip[2] / clip[3];
                assert!((-1.0..=1.0).contains(&nz), "inside the depth range: {nz}");
            }
        }
    }
}
