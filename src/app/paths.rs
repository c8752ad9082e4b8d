//! Drawing long paths with a sensible level of detail: a path is projected to the screen, vertices
//! closer than a pixel are dropped, and segments that only retrace pixels the path already covers
//! (an optimizer oscillating across a valley, ten thousand times) are skipped. What is left is
//! drawn as a few polylines; a path of 10,000 steps costs hundreds of vertices, not tens of thousands.

use egui::{Color32, Pos2, Rect, Shape, Stroke};
use egui_plot::PlotTransform;

use crate::sim::V2;

/// Size of the cells (in points) used to remember which parts of the screen a path already covers.
const CELL: f32 = 2.0;
/// A skipped stretch shorter than this (in points) is bridged instead of breaking the line.
const RETRACE: f32 = 4.0;
/// Vertices closer than this (in points) to the previous one are dropped.
const MIN_STEP: f32 = 0.75;
/// A vertex within this distance (in points) of the chord past it is merged into the chord.
const FLAT: f32 = 0.75;

/// Which cells of the frame a path has covered.
pub struct Coverage {
    frame: Rect,
    cols: usize,
    rows: usize,
    bits: Vec<u64>,
}

impl Coverage {
    pub fn new(frame: Rect) -> Self {
        let cols = (frame.width() / CELL).ceil().max(1.0) as usize;
        let rows = (frame.height() / CELL).ceil().max(1.0) as usize;
        Self {
            frame,
            cols,
            rows,
            bits: vec![0; (cols * rows).div_ceil(64)],
        }
    }

    /// Forgets everything, for the next path.
    pub fn clear(&mut self) {
        self.bits.fill(0);
    }

    fn index(&self, p: Pos2) -> Option<usize> {
        let (x, y) = (
            (p.x - self.frame.left()) / CELL,
            (p.y - self.frame.top()) / CELL,
        );
        if x < 0.0 || y < 0.0 || !x.is_finite() || !y.is_finite() {
            return None;
        }
        let (c, r) = (x as usize, y as usize);
        (c < self.cols && r < self.rows).then_some(r * self.cols + c)
    }

    fn covered(&self, p: Pos2) -> bool {
        self.index(p)
            .is_some_and(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    fn cover(&mut self, p: Pos2) {
        if let Some(i) = self.index(p) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    /// Points along a segment, at most a cell apart, ends included.
    fn along(a: Pos2, b: Pos2) -> impl Iterator<Item = Pos2> {
        let d = b - a;
        let n = ((d.x.abs().max(d.y.abs()) / CELL).ceil() as usize).clamp(1, 4096);
        let step = d / n as f32;
        (0..=n).map(move |k| a + step * k as f32)
    }

    /// Whether every cell the segment passes through is already covered.
    fn covered_segment(&self, a: Pos2, b: Pos2) -> bool {
        Self::along(a, b).all(|p| self.covered(p))
    }

    fn cover_segment(&mut self, a: Pos2, b: Pos2) {
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
    transform: &PlotTransform,
    coverage: &mut Coverage,
) -> Vec<Vec<Pos2>> {
    let mut out = Vec::new();
    let mut piece: Vec<Pos2> = Vec::new();
    let to = to.min(points.len());
    let mut last: Option<Pos2> = None;
    let project = Affine::of(transform);
    for p in points.get(from..to).unwrap_or_default() {
        let s = project.apply(*p);
        let Some(prev) = last else {
            piece.push(s);
            last = Some(s);
            continue;
        };
        if prev.distance_sq(s) < MIN_STEP * MIN_STEP {
            continue;
        }
        if coverage.covered_segment(prev, s) {
            // Retracing covered pixels: draw nothing, the piece waits at its last vertex.
        } else {
            let kept = piece.last().copied().unwrap_or(prev);
            if kept.distance_sq(prev) > RETRACE * RETRACE {
                // The skipped stretch wandered off: joining across it would draw a false line.
                if piece.len() > 1 {
                    out.push(std::mem::take(&mut piece));
                } else {
                    piece.clear();
                }
                piece.push(prev);
            }
            extend(&mut piece, s);
            coverage.cover_segment(prev, s);
        }
        last = Some(s);
    }
    if piece.len() > 1 {
        out.push(piece);
    }
    out
}

/// Appends `s`, first dropping the last vertex if it lies within [`FLAT`] of the chord from the one
/// before to `s` (a smooth stretch, or a jitter thinner than the stroke, costs two vertices).
fn extend(piece: &mut Vec<Pos2>, s: Pos2) {
    if let [.., a, b] = piece[..]
        && segment_distance(b, a, s) < FLAT
    {
        piece.pop();
    }
    piece.push(s);
}

/// Distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    let t = if len_sq > 0.0 {
        ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}

/// The plot transform as one multiply-add per coordinate (the plot's own does more per call).
struct Affine {
    scale: [f64; 2],
    offset: [f64; 2],
}

impl Affine {
    fn of(t: &PlotTransform) -> Self {
        // Built in f64 from the window and the frame, so a zoom far from the origin stays exact.
        let (frame, b) = (t.frame(), t.bounds());
        let sx = f64::from(frame.width()) / b.width();
        let sy = -f64::from(frame.height()) / b.height();
        Self {
            scale: [sx, sy],
            offset: [
                f64::from(frame.left()) - b.min()[0] * sx,
                f64::from(frame.bottom()) - b.min()[1] * sy,
            ],
        }
    }

    #[inline]
    fn apply(&self, p: V2) -> Pos2 {
        Pos2::new(
            (self.offset[0] + self.scale[0] * p.x) as f32,
            (self.offset[1] + self.scale[1] * p.y) as f32,
        )
    }
}

/// The shapes of `pieces` stroked with `stroke`.
pub fn stroked(pieces: &[Vec<Pos2>], stroke: Stroke) -> impl Iterator<Item = Shape> + '_ {
    pieces.iter().map(move |p| Shape::line(p.clone(), stroke))
}

/// A ball: a disc with a dark rim, readable on any part of the colour map.
pub fn ball(centre: Pos2, radius: f32, color: Color32) -> [Shape; 2] {
    [
        Shape::circle_filled(centre, radius + 2.0, Color32::BLACK),
        Shape::circle_filled(centre, radius, color),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_plot::{PlotBounds, PlotPoint};

    fn transform() -> PlotTransform {
        let frame = Rect::from_min_size(Pos2::ZERO, egui::vec2(400.0, 400.0));
        PlotTransform::new(
            frame,
            PlotBounds::from_min_max([0.0, 0.0], [4.0, 4.0]),
            false,
        )
    }

    #[test]
    fn an_oscillation_in_place_costs_a_few_vertices() {
        let t = transform();
        let mut cov = Coverage::new(*t.frame());
        // Back and forth between two points 3 px apart, 10,000 times.
        let pts: Vec<V2> = (0..10_000)
            .map(|i| V2::new(2.0 + 0.03 * (i % 2) as f64, 2.0))
            .collect();
        let pieces = pieces(&pts, 0, pts.len(), &t, &mut cov);
        let vertices: usize = pieces.iter().map(Vec::len).sum();
        assert!(vertices <= 4, "{vertices}");
    }

    #[test]
    fn a_two_cycle_across_a_valley_is_drawn_once() {
        let t = transform();
        let mut cov = Coverage::new(*t.frame());
        // Jumping 20 px back and forth while drifting a hundredth of a pixel per step.
        let pts: Vec<V2> = (0..10_000)
            .map(|i| V2::new(2.0 + 0.2 * (i % 2) as f64, 2.0 + 1e-6 * i as f64))
            .collect();
        let pieces = pieces(&pts, 0, pts.len(), &t, &mut cov);
        let vertices: usize = pieces.iter().map(Vec::len).sum();
        assert!(vertices <= 10, "{vertices}");
    }

    #[test]
    fn a_path_through_new_pixels_is_kept_whole() {
        let t = transform();
        let mut cov = Coverage::new(*t.frame());
        let pts: Vec<V2> = (0..100)
            .map(|i| V2::new(0.1 + 0.03 * i as f64, 0.5 + 0.01 * i as f64))
            .collect();
        let pieces = pieces(&pts, 0, pts.len(), &t, &mut cov);
        assert_eq!(pieces.len(), 1);
        // A straight path keeps only its ends.
        assert_eq!(pieces[0].len(), 2);
        let (first, last) = (pieces[0][0], pieces[0][1]);
        assert_eq!(first, t.position_from_point(&PlotPoint::new(0.1, 0.5)));
        assert_eq!(
            last,
            t.position_from_point(&PlotPoint::new(0.1 + 0.03 * 99.0, 0.5 + 0.99))
        );
    }

    #[test]
    fn corners_and_zig_zags_are_kept() {
        let t = transform();
        let mut cov = Coverage::new(*t.frame());
        // A zig-zag of 10 px teeth, each vertex on new pixels.
        let pts: Vec<V2> = (0..40)
            .map(|i| V2::new(0.2 + 0.05 * i as f64, 2.0 + 0.1 * (i % 2) as f64))
            .collect();
        let pieces = pieces(&pts, 0, pts.len(), &t, &mut cov);
        assert_eq!(pieces.iter().map(Vec::len).sum::<usize>(), 40);
    }

    #[test]
    fn the_projection_matches_the_plot() {
        let frame = Rect::from_min_size(Pos2::new(30.0, 20.0), egui::vec2(640.0, 480.0));
        let t = PlotTransform::new(
            frame,
            PlotBounds::from_min_max([1e6, -3.0], [1e6 + 1e-3, -2.0]),
            false,
        );
        let a = Affine::of(&t);
        for p in [
            V2::new(1e6, -3.0),
            V2::new(1e6 + 5e-4, -2.5),
            V2::new(1e6 + 1e-3, -2.0),
        ] {
            let want = t.position_from_point(&PlotPoint::new(p.x, p.y));
            assert!(
                a.apply(p).distance(want) < 0.05,
                "{:?} vs {want:?}",
                a.apply(p)
            );
        }
    }

    #[test]
    fn ranges_and_off_screen_points_are_safe() {
        let t = transform();
        let mut cov = Coverage::new(*t.frame());
        let pts = vec![
            V2::new(-1e300, 1e300),
            V2::new(f64::MAX, 0.0),
            V2::new(1.0, 1.0),
        ];
        let _ = pieces(&pts, 0, 99, &t, &mut cov);
        assert!(pieces(&pts, 5, 2, &t, &mut cov).is_empty());
    }
}
