//! Turning world geometry into pixels: perspective projection, triangles filled with a depth test in
//! parallel bands of rows, and depth-tested lines and balls. This is the per-frame cost, kept apart
//! from the mesh so its inner loops can be read and tuned on their own.

use rayon::prelude::*;

use super::V3;
use super::camera::Projector;
use super::mesh::Mesh;

/// How much nearer than it is a line counts when tested against the surface (a fraction of
/// its depth), so what lies on the surface is not hidden by it.
pub const DEPTH_BIAS: f32 = 0.02;

/// An RGB picture with a depth buffer.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// Opaque RGBA bytes.
    pub rgba: Vec<u8>,
    depth: Vec<f32>,
}

impl Raster {
    pub(super) fn new(width: u32, height: u32, background: [u8; 3]) -> Self {
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
pub(super) fn fill_mesh(raster: &mut Raster, mesh: &Mesh, proj: &Projector) {
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
pub(super) fn line3(
    raster: &mut Raster,
    proj: &Projector,
    pts: &[V3],
    width: f32,
    rgb: [u8; 3],
    alpha: f32,
) {
    let projected: Vec<[f32; 3]> = pts.iter().filter_map(|&p| proj.project(p)).collect();
    line_px(raster, &projected, width, rgb, alpha);
}

/// A polyline in pixels with depth, drawn `width` pixels wide and depth-tested.
pub(super) fn line_px(
    raster: &mut Raster,
    projected: &[[f32; 3]],
    width: f32,
    rgb: [u8; 3],
    alpha: f32,
) {
    let r = (width / 2.0).max(0.5);
    let thin = width <= 1.5;
    // A thin line blends each pixel once, as the GPU's lines do, however many samples land on it.
    let mut last = (i64::MIN, i64::MIN);
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
                let at = (x as i64, y as i64);
                if at != last {
                    raster.plot(at.0, at.1, z, rgb, alpha, DEPTH_BIAS * z);
                    last = at;
                }
                continue;
            }
            let ri = r.ceil() as i64;
            for oy in -ri..=ri {
                for ox in -ri..=ri {
                    if (ox * ox + oy * oy) as f32 <= r * r + 0.25 {
                        raster.plot(x as i64 + ox, y as i64 + oy, z, rgb, alpha, DEPTH_BIAS * z);
                    }
                }
            }
        }
    }
}
