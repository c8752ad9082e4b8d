//! The 3-D view: the surface as a shaded height field in perspective, isolines on it, and the runs'
//! trails and balls rolling on it. Drawn on the CPU with a depth buffer, so the window and the
//! exporter show the same picture and a frame costs a few milliseconds.

use rayon::prelude::*;

use super::lod::{Coverage, Px, pieces_px};
use crate::scenario::Camera;
use crate::sim::field::{Field, Scale, viridis};
use crate::sim::surface::View;
use crate::sim::{Surface, V2};

/// Cells along each side of the default mesh.
pub const MESH: usize = 80;
/// Height of the surface box relative to its half-width.
const Z_SCALE: f64 = 0.9;
/// The camera looks at the middle of the box, a quarter of the way up.
const TARGET: V3 = V3::new(0.0, 0.0, 0.25 * Z_SCALE);

type V3 = nalgebra::Vector3<f64>;

/// A surface ready to be drawn from any camera: heights on the colour scale, colours and normals.
pub struct Mesh {
    n: usize,
    view: View,
    scale: Scale,
    /// World positions of the (n + 1)² vertices, row-major, x and y in [−1, 1], z in [0, Z_SCALE].
    pos: Vec<V3>,
    /// Shaded colour of each vertex.
    rgb: Vec<[f32; 3]>,
    /// Isolines as world polylines, at the height of their level.
    isolines: Vec<Vec<V3>>,
    /// The walls from the surface's border down to the floor, so the view never looks under the
    /// sheet: triangles over `pos`/`rgb` (whose wall vertices follow the grid's).
    walls: Vec<[usize; 3]>,
}

/// One run as the 3-D view draws it: its trail (points and losses up to the step) and its colour.
pub struct Run3<'a> {
    pub rgb: [u8; 3],
    pub points: &'a [V2],
    pub losses: &'a [f64],
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
        Self {
            n,
            view,
            scale,
            pos,
            rgb,
            isolines,
            walls,
        }
    }

    /// The world position of a point of the plane, on the drawn surface (its height interpolated
    /// from the mesh, so a ball rests on what is seen even where the mesh is coarser than a sharp
    /// minimum); points outside the window are placed by their loss `f`.
    fn world(&self, p: V2, f: f64) -> V3 {
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
        pos.push(V3::new(pos[v].x, pos[v].y, -0.02));
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

fn to_unit(v: f64, range: [f64; 2]) -> f64 {
    2.0 * (v - range[0]) / (range[1] - range[0]) - 1.0
}

/// Perspective projection of the world to pixels.
struct Projector {
    eye: V3,
    right: V3,
    up: V3,
    forward: V3,
    focal: f64,
    centre: [f64; 2],
}

impl Projector {
    fn new(camera: &Camera, width: u32, height: u32) -> Self {
        let (az, el) = (camera.azimuth.to_radians(), camera.elevation.to_radians());
        let target = TARGET;
        let eye = target
            + V3::new(el.cos() * az.cos(), el.cos() * az.sin(), el.sin()) * (camera.distance * 1.6);
        let forward = (target - eye).normalize();
        let right = forward
            .cross(&V3::z())
            .try_normalize(1e-12)
            .unwrap_or_else(V3::x);
        let up = right.cross(&forward);
        // A 35° vertical field of view.
        let focal = f64::from(height) / 2.0 / (17.5f64).to_radians().tan();
        Self {
            eye,
            right,
            up,
            forward,
            focal,
            centre: [f64::from(width) / 2.0, f64::from(height) / 2.0],
        }
    }

    /// Pixel x, y and depth (distance along the view direction); `None` behind the camera.
    fn project(&self, p: V3) -> Option<[f32; 3]> {
        let d = p - self.eye;
        let z = d.dot(&self.forward);
        if z < 1e-3 {
            return None;
        }
        let x = self.centre[0] + self.focal * d.dot(&self.right) / z;
        let y = self.centre[1] - self.focal * d.dot(&self.up) / z;
        Some([x as f32, y as f32, z as f32])
    }
}

/// An RGB picture with a depth buffer.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// Opaque RGBA bytes.
    pub rgba: Vec<u8>,
    depth: Vec<f32>,
}

impl Raster {
    fn new(width: u32, height: u32, background: [u8; 3]) -> Self {
        let n = (width * height) as usize;
        let rgba = [background[0], background[1], background[2], 255].repeat(n);
        Self {
            width,
            height,
            rgba,
            depth: vec![f32::INFINITY; n],
        }
    }

    /// Blends `rgb` at `alpha` into pixel (x, y) if it is nearer than what is there (plus `bias`); lines
    /// and balls do not write depth, so they never hide each other.
    #[inline]
    fn plot(&mut self, x: i64, y: i64, z: f32, rgb: [u8; 3], alpha: f32, bias: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let i = (y * i64::from(self.width) + x) as usize;
        if z > self.depth[i] + bias {
            return;
        }
        let p = &mut self.rgba[i * 4..i * 4 + 3];
        for (d, s) in p.iter_mut().zip(rgb) {
            *d = (f32::from(*d) * (1.0 - alpha) + f32::from(s) * alpha) as u8;
        }
    }
}

/// A screen triangle ready to rasterise: its pixel box, the barycentric weights of the first two
/// corners as linear functions of the pixel position (w = a·x + b·y + c), depths and colours.
struct Tri {
    x0: i32,
    x1: i32,
    y0: i32,
    y1: i32,
    /// The first corner: weights are linear in the offset from it (small numbers, exact edges).
    o: [f32; 2],
    a: [f32; 2],
    b: [f32; 2],
    c: [f32; 2],
    z: [f32; 3],
    rgb: [[f32; 3]; 3],
}

/// Rows of pixels per band; bands are filled in parallel.
const BAND: usize = 16;

fn triangle(p: [[f32; 3]; 3], rgb: [[f32; 3]; 3], w: usize, h: usize) -> Option<Tri> {
    let [p0, p1, p2] = p;
    let area = (p1[0] - p0[0]) * (p2[1] - p0[1]) - (p1[1] - p0[1]) * (p2[0] - p0[0]);
    if !(area.abs() > 1e-9 && area.is_finite()) {
        return None;
    }
    let xmin = p0[0].min(p1[0]).min(p2[0]).max(0.0);
    let xmax = p0[0].max(p1[0]).max(p2[0]).min(w as f32 - 1.0);
    let ymin = p0[1].min(p1[1]).min(p2[1]).max(0.0);
    let ymax = p0[1].max(p1[1]).max(p2[1]).min(h as f32 - 1.0);
    if xmax < xmin || ymax < ymin {
        return None;
    }
    let inv = 1.0 / area;
    // w0 is the weight of p0: the signed area of (p1, p2, pixel) over the triangle's. In offsets from
    // p0 (small numbers, so shared edges agree to the last bit) w0 = 1 and w1 = 0 there.
    let (a0, b0, c0) = ((p1[1] - p2[1]) * inv, (p2[0] - p1[0]) * inv, 1.0);
    let (a1, b1, c1) = ((p2[1] - p0[1]) * inv, (p0[0] - p2[0]) * inv, 0.0);
    Some(Tri {
        x0: xmin as i32,
        x1: xmax.ceil() as i32,
        y0: ymin as i32,
        y1: ymax.ceil() as i32,
        o: [p0[0], p0[1]],
        a: [a0, a1],
        b: [b0, b1],
        c: [c0, c1],
        z: [p0[2], p1[2], p2[2]],
        rgb,
    })
}

/// Fills the triangles of the mesh with Gouraud shading and a depth test, in bands of rows.
fn fill_mesh(raster: &mut Raster, mesh: &Mesh, proj: &Projector) {
    let n = mesh.n;
    let (w, h) = (raster.width as usize, raster.height as usize);
    let screen: Vec<Option<[f32; 3]>> = mesh.pos.iter().map(|&p| proj.project(p)).collect();
    let mut tris = Vec::with_capacity(2 * n * n);
    // Nearest cells first: farther triangles then mostly fail the depth test instead of painting
    // pixels that nearer ones paint over again.
    let toward = proj.eye;
    let rows: Vec<usize> = if toward.y > 0.0 {
        (0..n).collect()
    } else {
        (0..n).rev().collect()
    };
    let cols: Vec<usize> = if toward.x > 0.0 {
        (0..n).rev().collect()
    } else {
        (0..n).collect()
    };
    for &r in &rows {
        for &c in &cols {
            let (a, b, d, e) = (
                r * (n + 1) + c,
                r * (n + 1) + c + 1,
                (r + 1) * (n + 1) + c,
                (r + 1) * (n + 1) + c + 1,
            );
            for [i, j, k] in [[a, b, e], [a, e, d]] {
                if let (Some(p), Some(q), Some(s)) = (screen[i], screen[j], screen[k]) {
                    tris.extend(triangle(
                        [p, q, s],
                        [mesh.rgb[i], mesh.rgb[j], mesh.rgb[k]],
                        w,
                        h,
                    ));
                }
            }
        }
    }
    for &[i, j, k] in &mesh.walls {
        if let (Some(p), Some(q), Some(s)) = (screen[i], screen[j], screen[k]) {
            tris.extend(triangle(
                [p, q, s],
                [mesh.rgb[i], mesh.rgb[j], mesh.rgb[k]],
                w,
                h,
            ));
        }
    }
    let bands = h.div_ceil(BAND);
    let mut binned: Vec<Vec<u32>> = vec![Vec::new(); bands];
    for (i, t) in tris.iter().enumerate() {
        for band in binned
            .iter_mut()
            .take(t.y1 as usize / BAND + 1)
            .skip(t.y0 as usize / BAND)
        {
            band.push(i as u32);
        }
    }
    raster
        .rgba
        .par_chunks_mut(w * 4 * BAND)
        .zip(raster.depth.par_chunks_mut(w * BAND))
        .zip(binned.par_iter())
        .enumerate()
        .for_each(|(k, ((rgba, depth), list))| {
            let (by0, by1) = ((k * BAND) as i32, ((k + 1) * BAND).min(h) as i32 - 1);
            for &i in list {
                fill_triangle(&tris[i as usize], rgba, depth, w, by0, by1);
            }
        });
}

fn fill_triangle(t: &Tri, rgba: &mut [u8], depth: &mut [f32], w: usize, by0: i32, by1: i32) {
    // The third weight as a linear function too: w2 = 1 − w0 − w1.
    let a2 = -t.a[0] - t.a[1];
    for y in t.y0.max(by0)..=t.y1.min(by1) {
        let py = y as f32 + 0.5 - t.o[1];
        // Each weight is linear in x along the row; the span where all three are ≥ 0 is found by
        // solving for x, so no pixel outside the triangle is visited.
        let k0 = t.b[0] * py + t.c[0];
        let k1 = t.b[1] * py + t.c[1];
        let k2 = 1.0 - k0 - k1;
        let (mut lo, mut hi) = (t.x0 as f32 + 0.5 - t.o[0], t.x1 as f32 + 0.5 - t.o[0]);
        // A pixel centre on an edge shared by two triangles is drawn by both (the depth test picks
        // one), so no crack shows between them.
        const EDGE: f32 = 1e-3;
        for (a, k) in [(t.a[0], k0), (t.a[1], k1), (a2, k2)] {
            if a > 0.0 {
                lo = lo.max((-EDGE - k) / a);
            } else if a < 0.0 {
                hi = hi.min((-EDGE - k) / a);
            } else if k < -EDGE {
                hi = lo - 1.0;
            }
        }
        if hi < lo {
            continue;
        }
        let (lo, hi) = (lo + t.o[0], hi + t.o[0]);
        let (xs, xe) = (
            (lo - 0.5).ceil().max(t.x0 as f32) as i32,
            (hi - 0.5).floor().min(t.x1 as f32) as i32,
        );
        let px = xs as f32 + 0.5 - t.o[0];
        let w0 = t.a[0] * px + k0;
        let w1 = t.a[1] * px + k1;
        let w2 = 1.0 - w0 - w1;
        // Depth and colour are linear along the row too: start values and steps per pixel.
        let blend = |v: [f32; 3], w0: f32, w1: f32, w2: f32| w0 * v[0] + w1 * v[1] + w2 * v[2];
        let channel = |k: usize| [t.rgb[0][k], t.rgb[1][k], t.rgb[2][k]];
        let mut z = blend(t.z, w0, w1, w2);
        let dz = blend(t.z, t.a[0], t.a[1], a2);
        let mut c = [0.0f32; 3];
        let mut dc = [0.0f32; 3];
        for k in 0..3 {
            c[k] = blend(channel(k), w0, w1, w2);
            dc[k] = blend(channel(k), t.a[0], t.a[1], a2);
        }
        let row = (y - by0) as usize * w;
        for x in xs..=xe {
            let i = row + x as usize;
            if z < depth[i] {
                depth[i] = z;
                // Float-to-int casts saturate, so out-of-range values clamp to 0..255.
                rgba[i * 4] = c[0] as u8;
                rgba[i * 4 + 1] = c[1] as u8;
                rgba[i * 4 + 2] = c[2] as u8;
            }
            z += dz;
            c[0] += dc[0];
            c[1] += dc[1];
            c[2] += dc[2];
        }
    }
}

/// A world polyline drawn `width` pixels wide, hidden where the surface is in front.
fn line3(raster: &mut Raster, proj: &Projector, pts: &[V3], width: f32, rgb: [u8; 3], alpha: f32) {
    let projected: Vec<[f32; 3]> = pts.iter().filter_map(|&p| proj.project(p)).collect();
    line_px(raster, &projected, width, rgb, alpha);
}

/// A polyline in pixels with depth, drawn `width` pixels wide and depth-tested.
fn line_px(raster: &mut Raster, projected: &[[f32; 3]], width: f32, rgb: [u8; 3], alpha: f32) {
    let r = (width / 2.0).max(0.5);
    let thin = width <= 1.5;
    for seg in projected.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let len = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
        let steps = (len.ceil() as usize).clamp(1, 4096);
        for s in 0..=steps {
            let f = s as f32 / steps as f32;
            let (x, y, z) = (
                a[0] + (b[0] - a[0]) * f,
                a[1] + (b[1] - a[1]) * f,
                a[2] + (b[2] - a[2]) * f,
            );
            if thin {
                raster.plot(x as i64, y as i64, z, rgb, alpha, 0.02 * z);
                continue;
            }
            let ri = r.ceil() as i64;
            for oy in -ri..=ri {
                for ox in -ri..=ri {
                    if (ox * ox + oy * oy) as f32 <= r * r + 0.25 {
                        raster.plot(x as i64 + ox, y as i64 + oy, z, rgb, alpha, 0.02 * z);
                    }
                }
            }
        }
    }
}

/// A ball: a disc with a dark rim at a world point, if it is not behind the surface.
fn ball3(raster: &mut Raster, proj: &Projector, p: V3, radius: f32, rgb: [u8; 3]) {
    let Some([cx, cy, z]) = proj.project(p) else {
        return;
    };
    // A ball behind a hill is drawn see-through rather than lost: the balls are what the class follows.
    let (x, y) = (cx as i64, cy as i64);
    let hidden = x >= 0
        && y >= 0
        && x < i64::from(raster.width)
        && y < i64::from(raster.height)
        && z > raster.depth[(y * i64::from(raster.width) + x) as usize] + 0.02 * z;
    let alpha = if hidden { 0.45 } else { 1.0 };
    let (ri, rim) = ((radius + 2.0).ceil() as i64, radius + 2.0);
    for oy in -ri..=ri {
        for ox in -ri..=ri {
            let d = ((ox * ox + oy * oy) as f32).sqrt();
            let colour = if d <= radius {
                rgb
            } else if d <= rim {
                [0, 0, 0]
            } else {
                continue;
            };
            raster.plot(x + ox, y + oy, 0.0, colour, alpha, 0.0);
        }
    }
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
    use crate::sim::SurfaceKind;

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

    #[test]
    fn the_projection_puts_the_target_in_the_middle() {
        let p = Projector::new(&Camera::default(), 400, 300);
        let c = p.project(TARGET).expect("in front");
        assert!((c[0] - 200.0).abs() < 1e-3 && (c[1] - 150.0).abs() < 1e-3);
        let behind = p.eye - (TARGET - p.eye);
        assert!(p.project(behind).is_none());
    }
}
