//! Turning a surface into world geometry: heights on the colour scale, shaded colours, isolines and
//! the walls under the border. It is built once per surface and window and then drawn from any
//! camera, so everything that needs the (possibly costly) surface is done here and not per frame.

use super::camera::FLOOR;
use super::{V3, Z_SCALE};
use optiscape_core::sim::field::{Field, Scale, viridis};
use optiscape_core::sim::surface::View;
use optiscape_core::sim::surface::wells::Landmarks;
use optiscape_core::sim::{Surface, V2};

/// A surface ready to be drawn from any camera: heights on the colour scale, colours and normals.
pub struct Mesh {
    pub(super) n: usize,
    pub(super) view: View,
    scale: Scale,
    /// World positions of the (n + 1)² vertices, row-major, x and y in [−1, 1], z in [0, Z_SCALE].
    pub(super) pos: Vec<V3>,
    /// Shaded colour of each vertex.
    pub(super) rgb: Vec<[f32; 3]>,
    /// Isolines as world polylines, at the height of their level.
    pub(super) isolines: Vec<Vec<V3>>,
    /// The walls from the surface's border down to the floor, so the view never looks under the
    /// sheet: triangles over `pos`/`rgb` (whose wall vertices follow the grid's).
    pub(super) walls: Vec<[usize; 3]>,
    /// Found once with the mesh, for the markers.
    pub landmarks: Landmarks,
}

impl Mesh {
    /// The mesh of `surface` over `view` with `n` cells a side; heights follow the same (log) colour
    /// scale as the contour map.
    pub fn new(surface: &Surface, view: View, log: bool, n: usize, levels: usize) -> Self {
        let n = n.clamp(4, 512);
        // Vertices sit on the grid's corners: sample n + 1 points a side over the window.
        let size = view.size();
        let (dx, dy) = (size.x / n as f64, size.y / n as f64);
        let padded = View::new(
            view.x[0] - dx / 2.0,
            view.x[1] + dx / 2.0,
            view.y[0] - dy / 2.0,
            view.y[1] + dy / 2.0,
        );
        let field = Field::sample(surface, padded, n + 1, n + 1);
        // Two decades rather than the map's six: as heights, deeper logs turn every minimum into a
        // needle-thin pit.
        let flat = field.scale(log);
        let scale = Scale::with_decades(log, flat.min, flat.max, 2.0);
        let t = field.normalized(&scale);
        let world = |col: f64, row: f64, t: f64| {
            V3::new(
                2.0 * col / n as f64 - 1.0,
                1.0 - 2.0 * row / n as f64,
                t * Z_SCALE,
            )
        };
        let pos: Vec<V3> = (0..=n)
            .flat_map(|r| (0..=n).map(move |c| (r, c)))
            .map(|(r, c)| world(c as f64, r as f64, t[r * (n + 1) + c]))
            .collect();
        let light = V3::new(-0.4, 0.5, 0.75).normalize();
        let rgb = (0..pos.len())
            .map(|i| {
                let (r, c) = (i / (n + 1), i % (n + 1));
                let at = |r: usize, c: usize| pos[r.min(n) * (n + 1) + c.min(n)];
                let ddx = at(r, c + 1) - at(r, c.saturating_sub(1));
                let ddy = at(r.saturating_sub(1), c) - at(r + 1, c);
                let normal = ddx.cross(&ddy).normalize();
                let shade = if normal.x.is_finite() {
                    0.55 + 0.45 * normal.dot(&light).max(0.0)
                } else {
                    1.0
                };
                let base = viridis(t[i]);
                base.map(|v| (f64::from(v) * shade) as f32)
            })
            .collect();
        let isolines = field
            .isolines(&t, &scale, levels)
            .into_iter()
            .flat_map(|iso| {
                let z = iso.t * Z_SCALE + 0.004;
                iso.lines.into_iter().map(move |line| {
                    line.into_iter()
                        .map(|p| V3::new(to_unit(p.x, view.x), to_unit(p.y, view.y), z))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let (mut pos, mut rgb) = (pos, rgb);
        let walls = build_walls(n, &mut pos, &mut rgb);
        let landmarks = Landmarks::find(surface, view);
        Self {
            n,
            view,
            scale,
            pos,
            rgb,
            isolines,
            walls,
            landmarks,
        }
    }

    /// The mesh of a scenario's surface (compiled to `surface`) over its view, with its colour scale
    /// and isolines, as the window and the exporter draw it.
    pub fn of_scenario(scenario: &optiscape_core::scenario::Scenario, surface: &Surface) -> Self {
        let log = scenario
            .display
            .log_scale
            .unwrap_or(surface.info().log_scale);
        Self::new(
            surface,
            scenario.view_on(surface),
            log,
            super::MESH,
            scenario.display.isolines,
        )
    }

    /// Where a point of the plane lies in the box's unit square (its window is −1..1), if it is near
    /// enough to draw: a diverging run leaves for far away or infinity.
    pub fn unit(&self, p: V2) -> Option<(f64, f64)> {
        let (x, y) = (to_unit(p.x, self.view.x), to_unit(p.y, self.view.y));
        (x.is_finite() && y.is_finite() && x.abs() <= 50.0 && y.abs() <= 50.0).then_some((x, y))
    }

    /// The plane's window the mesh covers.
    pub fn view(&self) -> View {
        self.view
    }

    /// The scale of the heights and colours (the colour bar's).
    pub fn scale(&self) -> &Scale {
        &self.scale
    }

    /// Whether the straight line from `eye` to `p` passes above the surface all the way, so `p` is
    /// seen; marched in steps of half a cell, and only inside the box.
    pub fn visible_from(&self, eye: V3, p: V3) -> bool {
        let d = p - eye;
        let steps = (d.norm() * self.n as f64).ceil().clamp(1.0, 4096.0) as usize;
        // The last four samples (two cells) are the point's own neighbourhood, where it rests on
        // the surface: a ball in a narrow pit is seen over its rim.
        (0..steps.saturating_sub(4)).all(|k| {
            let q = eye + d * (k as f64 / steps as f64);
            self.height_at(q.x, q.y).is_none_or(|z| q.z >= z - 0.02)
        })
    }

    /// The world position of a point of the plane, on the drawn surface (its height interpolated
    /// from the mesh, so a ball rests on what is seen even where the mesh is coarser than a sharp
    /// minimum); points outside the window are placed by their loss `f`.
    pub fn world(&self, p: V2, f: f64) -> V3 {
        let (x, y) = (to_unit(p.x, self.view.x), to_unit(p.y, self.view.y));
        V3::new(
            x,
            y,
            self.height_at(x, y)
                .unwrap_or_else(|| self.scale.t(f) * Z_SCALE)
                + 0.01,
        )
    }

    /// The mesh's height at (x, y) in [−1, 1]², bilinear between its vertices.
    fn height_at(&self, x: f64, y: f64) -> Option<f64> {
        let n = self.n as f64;
        let (c, r) = ((x + 1.0) / 2.0 * n, (1.0 - y) / 2.0 * n);
        if !(0.0..=n).contains(&c) || !(0.0..=n).contains(&r) {
            return None;
        }
        let (c0, r0) = (
            (c.floor() as usize).min(self.n - 1),
            (r.floor() as usize).min(self.n - 1),
        );
        let (fc, fr) = (c - c0 as f64, r - r0 as f64);
        let z = |r: usize, c: usize| self.pos[r * (self.n + 1) + c].z;
        let top = z(r0, c0) * (1.0 - fc) + z(r0, c0 + 1) * fc;
        let bottom = z(r0 + 1, c0) * (1.0 - fc) + z(r0 + 1, c0 + 1) * fc;
        Some(top * (1.0 - fr) + bottom * fr)
    }
}

/// Adds a floor vertex under every border vertex and the wall triangles between them.
fn build_walls(n: usize, pos: &mut Vec<V3>, rgb: &mut Vec<[f32; 3]>) -> Vec<[usize; 3]> {
    let idx = |r: usize, c: usize| r * (n + 1) + c;
    // The border, once around: top row, right column, bottom row backwards, left column upwards.
    let mut ring: Vec<usize> = (0..=n).map(|c| idx(0, c)).collect();
    ring.extend((1..=n).map(|r| idx(r, n)));
    ring.extend((0..n).rev().map(|c| idx(n, c)));
    ring.extend((1..n).rev().map(|r| idx(r, 0)));
    let mut walls = Vec::with_capacity(2 * ring.len());
    let base = pos.len();
    for &v in &ring {
        pos.push(V3::new(pos[v].x, pos[v].y, FLOOR));
        rgb.push(rgb[v].map(|c| c * 0.35));
    }
    for k in 0..ring.len() {
        let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
        let (fa, fb) = (base + k, base + (k + 1) % ring.len());
        walls.push([a, b, fb]);
        walls.push([a, fb, fa]);
    }
    walls
}

pub(super) fn to_unit(v: f64, range: [f64; 2]) -> f64 {
    2.0 * (v - range[0]) / (range[1] - range[0]) - 1.0
}
