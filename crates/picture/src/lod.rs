//! Level of detail for long paths, shared by the window and the exporters: a path is projected to
//! the screen, vertices closer than a pixel are dropped, smooth stretches and jitter thinner than the
//! stroke collapse into chords, and segments that only retrace pixels the path already covers (an
//! optimizer oscillating across a valley, ten thousand times) are skipped. A path of 10,000 steps then
//! costs tens to hundreds of vertices instead of ten thousand.

use optiscape_core::sim::V2;

/// Size of the cells (in pixels) used to remember which parts of the screen a path already covers.
const CELL: f32 = 2.0;
/// A skipped stretch shorter than this (in pixels) is bridged instead of breaking the line.
const RETRACE: f32 = 4.0;
/// Vertices closer than this (in pixels) to the previous one are dropped.
const MIN_STEP: f32 = 0.75;
/// A vertex within this distance (in pixels) of the chord past it is merged into the chord.
const FLAT: f32 = 0.75;

/// A screen point in pixels (x right, y down).
pub type Px = [f32; 2];

/// The map from the plane to the screen: `screen = offset + scale · p` per coordinate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub scale: [f64; 2],
    pub offset: [f64; 2],
}

impl Projection {
    /// The projection that shows `view` (x0, x1, y0, y1) in the rectangle `[left, top, width, height]`
    /// with y pointing up.
    pub fn new(view: [f64; 4], rect: [f32; 4]) -> Self {
        let [x0, x1, y0, y1] = view;
        let [left, top, width, height] = rect;
        let sx = f64::from(width) / (x1 - x0);
        let sy = -f64::from(height) / (y1 - y0);
        Self {
            scale: [sx, sy],
            offset: [f64::from(left) - x0 * sx, f64::from(top + height) - y0 * sy],
        }
    }

    #[inline]
    pub fn apply(&self, p: V2) -> Px {
        [
            (self.offset[0] + self.scale[0] * p.x) as f32,
            (self.offset[1] + self.scale[1] * p.y) as f32,
        ]
    }

    /// The point of the plane at a screen position.
    pub fn invert(&self, s: Px) -> V2 {
        V2::new(
            (f64::from(s[0]) - self.offset[0]) / self.scale[0],
            (f64::from(s[1]) - self.offset[1]) / self.scale[1],
        )
    }
}

/// Which cells of a rectangle a path has covered.
pub struct Coverage {
    origin: Px,
    cols: usize,
    rows: usize,
    bits: Vec<u64>,
}

fn dist_sq(a: Px, b: Px) -> f32 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

impl Coverage {
    /// Coverage of the rectangle `[left, top, width, height]` (pixels).
    pub fn new(rect: [f32; 4]) -> Self {
        let cols = (rect[2] / CELL).ceil().clamp(1.0, 1e5) as usize;
        let rows = (rect[3] / CELL).ceil().clamp(1.0, 1e5) as usize;
        Self {
            origin: [rect[0], rect[1]],
            cols,
            rows,
            bits: vec![0; (cols * rows).div_ceil(64)],
        }
    }

    /// Forgets everything, for the next path.
    pub fn clear(&mut self) {
        self.bits.fill(0);
    }

    fn index(&self, p: Px) -> Option<usize> {
        let (x, y) = (
            (p[0] - self.origin[0]) / CELL,
            (p[1] - self.origin[1]) / CELL,
        );
        if !(x >= 0.0 && y >= 0.0 && x.is_finite() && y.is_finite()) {
            return None;
        }
        let (c, r) = (x as usize, y as usize);
        (c < self.cols && r < self.rows).then(|| r * self.cols + c)
    }

    fn covered(&self, p: Px) -> bool {
        self.index(p)
            .is_some_and(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    fn cover(&mut self, p: Px) {
        if let Some(i) = self.index(p) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    /// Points along a segment, at most a cell apart, ends included.
    fn along(a: Px, b: Px) -> impl Iterator<Item = Px> {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let n = ((dx.abs().max(dy.abs()) / CELL).ceil().min(4096.0) as usize).max(1);
        let (sx, sy) = (dx / n as f32, dy / n as f32);
        (0..=n).map(move |k| [a[0] + sx * k as f32, a[1] + sy * k as f32])
    }

    /// Whether every cell the segment passes through is already covered.
    fn covered_segment(&self, a: Px, b: Px) -> bool {
        Self::along(a, b).all(|p| self.covered(p))
    }

    fn cover_segment(&mut self, a: Px, b: Px) {
        for p in Self::along(a, b) {
            self.cover(p);
        }
    }
}

/// The screen polylines that draw `points[from..to]`.
pub fn pieces(
    points: &[V2],
    from: usize,
    to: usize,
    project: &Projection,
    coverage: &mut Coverage,
) -> Vec<Vec<Px>> {
    let to = to.min(points.len());
    let screen: Vec<Px> = points
        .get(from..to)
        .unwrap_or_default()
        .iter()
        .map(|p| project.apply(*p))
        .collect();
    pieces_px(&screen, coverage, FLAT)
        .into_iter()
        .map(|piece| piece.into_iter().map(|i| screen[i]).collect())
        .collect()
}

/// The polylines (as indices into `screen`) that draw a path already in pixels; a vertex within
/// `flat` pixels of the chord past it is dropped (0 keeps every vertex that reaches new pixels).
pub fn pieces_px(screen: &[Px], coverage: &mut Coverage, flat: f32) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut piece: Vec<usize> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, &s) in screen.iter().enumerate() {
        let Some(prev_i) = last else {
            piece.push(i);
            last = Some(i);
            continue;
        };
        let prev = screen[prev_i];
        if dist_sq(prev, s) < MIN_STEP * MIN_STEP {
            continue;
        }
        if !coverage.covered_segment(prev, s) {
            let kept = piece.last().map_or(prev, |&k| screen[k]);
            if dist_sq(kept, prev) > RETRACE * RETRACE {
                // The skipped stretch wandered off: joining across it would draw a false line.
                if piece.len() > 1 {
                    out.push(std::mem::take(&mut piece));
                } else {
                    piece.clear();
                }
                piece.push(prev_i);
            }
            extend(&mut piece, screen, i, flat);
            coverage.cover_segment(prev, s);
        }
        last = Some(i);
    }
    if piece.len() > 1 {
        out.push(piece);
    }
    out
}

/// Appends `i`, first dropping the last vertex if it lies within `flat` of the chord from the one
/// before to `i` (a smooth stretch, or a jitter thinner than the stroke, costs two vertices).
fn extend(piece: &mut Vec<usize>, screen: &[Px], i: usize, flat: f32) {
    if let [.., a, b] = piece[..]
        && segment_distance(screen[b], screen[a], screen[i]) < flat
    {
        piece.pop();
    }
    piece.push(i);
}

/// Distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: Px, a: Px, b: Px) -> f32 {
    let ab = [b[0] - a[0], b[1] - a[1]];
    let len_sq = ab[0] * ab[0] + ab[1] * ab[1];
    let t = if len_sq > 0.0 {
        (((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / len_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist_sq(p, [a[0] + ab[0] * t, a[1] + ab[1] * t]).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Projection, Coverage) {
        let rect = [0.0, 0.0, 400.0, 400.0];
        (
            Projection::new([0.0, 4.0, 0.0, 4.0], rect),
            Coverage::new(rect),
        )
    }

    #[test]
    fn an_oscillation_in_place_costs_a_few_vertices() {
        let (p, mut cov) = setup();
        let pts: Vec<V2> = (0..10_000)
            .map(|i| V2::new(2.0 + 0.03 * (i % 2) as f64, 2.0))
            .collect();
        let vertices: usize = pieces(&pts, 0, pts.len(), &p, &mut cov)
            .iter()
            .map(Vec::len)
            .sum();
        assert!(vertices <= 4, "{vertices}");
    }

    #[test]
    fn a_two_cycle_across_a_valley_is_drawn_once() {
        let (p, mut cov) = setup();
        let pts: Vec<V2> = (0..10_000)
            .map(|i| V2::new(2.0 + 0.2 * (i % 2) as f64, 2.0 + 1e-6 * i as f64))
            .collect();
        let vertices: usize = pieces(&pts, 0, pts.len(), &p, &mut cov)
            .iter()
            .map(Vec::len)
            .sum();
        assert!(vertices <= 10, "{vertices}");
    }

    #[test]
    fn a_straight_path_keeps_its_ends() {
        let (p, mut cov) = setup();
        let pts: Vec<V2> = (0..100)
            .map(|i| V2::new(0.1 + 0.03 * i as f64, 0.5 + 0.01 * i as f64))
            .collect();
        let pieces = pieces(&pts, 0, pts.len(), &p, &mut cov);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0], vec![p.apply(pts[0]), p.apply(pts[99])]);
    }

    #[test]
    fn corners_and_zig_zags_are_kept() {
        let (p, mut cov) = setup();
        let pts: Vec<V2> = (0..40)
            .map(|i| V2::new(0.2 + 0.05 * i as f64, 2.0 + 0.1 * (i % 2) as f64))
            .collect();
        let vertices: usize = pieces(&pts, 0, pts.len(), &p, &mut cov)
            .iter()
            .map(Vec::len)
            .sum();
        assert_eq!(vertices, 40);
    }

    #[test]
    fn projection_is_exact_far_from_the_origin_and_invertible() {
        let p = Projection::new([1e6, 1e6 + 1e-3, -3.0, -2.0], [30.0, 20.0, 640.0, 480.0]);
        assert_eq!(p.apply(V2::new(1e6, -3.0)), [30.0, 500.0]);
        let mid = p.apply(V2::new(1e6 + 5e-4, -2.5));
        assert!(
            (mid[0] - 350.0).abs() < 0.01 && (mid[1] - 260.0).abs() < 0.01,
            "{mid:?}"
        );
        let back = p.invert(mid);
        assert!((back - V2::new(1e6 + 5e-4, -2.5)).norm() < 1e-6);
    }

    #[test]
    fn ranges_and_off_screen_points_are_safe() {
        let (p, mut cov) = setup();
        let pts = vec![
            V2::new(-1e300, 1e300),
            V2::new(f64::MAX, 0.0),
            V2::new(1.0, 1.0),
        ];
        let _ = pieces(&pts, 0, 99, &p, &mut cov);
        assert!(pieces(&pts, 5, 2, &p, &mut cov).is_empty());
    }
}
