//! How the loss plot puts losses on its y axis: log₁₀(f − f*) floored where rounding takes over,
//! log₁₀ f, or f itself; and the range it shows, chosen from the runs that stay meaningful, with
//! a diverging run cut where it leaves that range.

use optiscape_core::sim::Status;

/// Below this fraction of the loss's scale, f − f* is rounding, not progress: f64 carries about 16
/// digits, and the loss of a point near the minimum is summed from terms of that scale.
const GAP_FLOOR: f64 = 1e-12;

/// How losses are put on the y axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LossAxis {
    /// log₁₀(f − f*) with f* the known minimum value, no lower than `floor` (a whole power of ten).
    Gap { best: f64, floor: i32 },
    /// log₁₀ f, all losses being positive.
    Log,
    /// f as it is (losses can be negative, e.g. on a saddle).
    Linear,
}

impl LossAxis {
    /// The axis for runs whose losses are `losses`, on a surface whose known minimum value is
    /// `best` (if any).
    pub fn choose<'a>(best: Option<f64>, losses: impl Iterator<Item = &'a [f64]>) -> Self {
        let (mut lowest, mut scale) = (f64::INFINITY, 0.0f64);
        for l in losses {
            lowest = l.iter().copied().fold(lowest, f64::min);
            if let Some(&first) = l.first() {
                scale = scale.max(first.abs());
            }
        }
        match best {
            Some(b) if lowest >= b => {
                // The scale of f: the starts' losses above the minimum, or the minimum itself.
                let scale = (scale - b).abs().max(b.abs()).max(f64::MIN_POSITIVE);
                let floor = (GAP_FLOOR * scale).log10().floor().max(-300.0) as i32;
                Self::Gap { best: b, floor }
            }
            _ if lowest > 0.0 => Self::Log,
            _ => Self::Linear,
        }
    }

    pub fn y(self, f: f64) -> f64 {
        match self {
            Self::Gap { best, floor } => (f - best).log10().max(f64::from(floor)),
            Self::Log => f.max(1e-300).log10(),
            Self::Linear => f,
        }
    }

    pub fn label(self) -> String {
        match self {
            Self::Gap { floor, .. } => format!("log₁₀(f − f*), floored at {}", minus(floor)),
            Self::Log => "log₁₀ f".to_owned(),
            Self::Linear => "f".to_owned(),
        }
    }
}

fn minus(k: i32) -> String {
    if k < 0 {
        format!("−{}", -k)
    } else {
        k.to_string()
    }
}

/// The y range the loss plot shows: every value of the runs that did not diverge, and the start of
/// those that did, with a margin. `None` when there is nothing to show.
pub fn range(runs: &[(Status, Vec<[f64; 2]>)]) -> Option<[f64; 2]> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (status, pts) in runs {
        let meaningful = if *status == Status::Diverged {
            &pts[..pts.len().min(1)]
        } else {
            &pts[..]
        };
        for p in meaningful {
            lo = lo.min(p[1]);
            hi = hi.max(p[1]);
        }
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return None;
    }
    let margin = 0.05 * (hi - lo).max(1e-9 * hi.abs().max(1.0));
    Some([lo - margin, hi + margin])
}

/// A run's line cut where it first leaves `[lo, hi]`: the points inside, ending on the boundary,
/// and where it left (x, y on the boundary) if it did.
pub fn clip(pts: &[[f64; 2]], [lo, hi]: [f64; 2]) -> (Vec<[f64; 2]>, Option<[f64; 2]>) {
    let inside = |y: f64| (lo..=hi).contains(&y);
    let Some(out) = pts.iter().position(|p| !inside(p[1])) else {
        return (pts.to_vec(), None);
    };
    let mut kept = pts[..out].to_vec();
    let q = pts[out];
    let edge = if q[1] > hi { hi } else { lo };
    let exit = match kept.last() {
        Some(p) if p[1] != q[1] => {
            let s = (edge - p[1]) / (q[1] - p[1]);
            [p[0] + s * (q[0] - p[0]), edge]
        }
        _ => [q[0], edge],
    };
    kept.push(exit);
    (kept, Some(exit))
}

/// The line through `pts` with every point dropped that lies within `tol` (x, y) of the chord that
/// replaces it (Douglas–Peucker): with `tol` a fraction of a pixel, the same picture from far fewer
/// points.
pub fn simplify(pts: &[[f64; 2]], tol: [f64; 2]) -> Vec<[f64; 2]> {
    if pts.len() < 3 || !(tol[0] > 0.0 && tol[1] > 0.0) {
        return pts.to_vec();
    }
    // In units of the tolerance, so a point is kept when its squared distance exceeds 1.
    let unit: Vec<[f64; 2]> = pts.iter().map(|p| [p[0] / tol[0], p[1] / tol[1]]).collect();
    let mut keep = vec![false; pts.len()];
    let last = pts.len() - 1;
    keep[0] = true;
    keep[last] = true;
    let mut stack = vec![(0, last)];
    while let Some((a, b)) = stack.pop() {
        let (pa, pb) = (unit[a], unit[b]);
        let mut far = (a, 1.0);
        for (i, p) in unit.iter().enumerate().take(b).skip(a + 1) {
            // A NaN distance counts as far, so nothing odd is smoothed away.
            let d = chord_distance_sq(*p, pa, pb);
            let d = if d.is_nan() { f64::INFINITY } else { d };
            if d > far.1 {
                far = (i, d);
            }
        }
        if far.0 != a {
            keep[far.0] = true;
            stack.push((a, far.0));
            stack.push((far.0, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// Squared distance from `p` to the segment from `a` to `b`.
fn chord_distance_sq(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let ab = [b[0] - a[0], b[1] - a[1]];
    let ap = [p[0] - a[0], p[1] - a[1]];
    let len_sq = ab[0] * ab[0] + ab[1] * ab[1];
    let t = if len_sq > 0.0 {
        ((ap[0] * ab[0] + ap[1] * ab[1]) / len_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (dx, dy) = (ap[0] - ab[0] * t, ap[1] - ab[1] * t);
    dx * dx + dy * dy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplifying_keeps_every_point_within_the_tolerance_and_drops_the_rest() {
        let straight: Vec<[f64; 2]> = (0..1000)
            .map(|i| [f64::from(i), 2.0 * f64::from(i)])
            .collect();
        assert_eq!(
            simplify(&straight, [0.5, 0.5]),
            vec![[0.0, 0.0], [999.0, 1998.0]]
        );
        let curve: Vec<[f64; 2]> = (0..2000)
            .map(|i| {
                let x = f64::from(i) / 100.0;
                [x, (-x).exp() + 0.05 * (7.0 * x).sin()]
            })
            .collect();
        let tol = [0.01, 0.002];
        let kept = simplify(&curve, tol);
        assert!(
            kept.len() < curve.len() / 4,
            "{} of {}",
            kept.len(),
            curve.len()
        );
        assert_eq!(kept.first(), curve.first());
        assert_eq!(kept.last(), curve.last());
        // Every dropped point lies within the tolerance of the kept line.
        for p in &curve {
            let near = kept.windows(2).any(|w| {
                let u = |q: [f64; 2]| [q[0] / tol[0], q[1] / tol[1]];
                chord_distance_sq(u(*p), u(w[0]), u(w[1])) <= 1.0 + 1e-9
            });
            assert!(near, "{p:?}");
        }
        // A zigzag wider than the tolerance keeps every corner.
        let zigzag: Vec<[f64; 2]> = (0..50).map(|i| [f64::from(i), f64::from(i % 2)]).collect();
        assert_eq!(simplify(&zigzag, [0.1, 0.1]), zigzag);
    }

    #[test]
    fn the_gap_is_floored_relative_to_the_scale_of_f() {
        // Six-hump camel: f* = −1.0316, runs start near f = 2 and can land on f* exactly.
        let losses = [vec![2.1, 0.3, -1.0316, -1.0316]];
        let axis = LossAxis::choose(Some(-1.0316), losses.iter().map(Vec::as_slice));
        let LossAxis::Gap { floor, .. } = axis else {
            panic!("{axis:?}")
        };
        assert_eq!(floor, -12, "1e-12 × 3.13 lies in [1e-12, 1e-11)");
        assert_eq!(
            axis.y(-1.0316),
            -12.0,
            "f = f* lands on the floor, not at −300"
        );
        assert!((axis.y(-0.0316) - 0.0).abs() < 1e-12);
        assert_eq!(axis.label(), "log₁₀(f − f*), floored at −12");
        // A loss of scale 10⁴ floors higher.
        let big = [vec![2.0e4, 0.0]];
        let axis = LossAxis::choose(Some(0.0), big.iter().map(Vec::as_slice));
        assert_eq!(
            axis,
            LossAxis::Gap {
                best: 0.0,
                floor: -8
            }
        );
    }

    #[test]
    fn other_axes() {
        let pos = [vec![5.0, 0.5]];
        assert_eq!(
            LossAxis::choose(None, pos.iter().map(Vec::as_slice)),
            LossAxis::Log
        );
        assert_eq!(LossAxis::Log.y(100.0), 2.0);
        let neg = [vec![0.0, -5.0]];
        assert_eq!(
            LossAxis::choose(None, neg.iter().map(Vec::as_slice)),
            LossAxis::Linear
        );
        assert_eq!(LossAxis::Linear.y(-5.0), -5.0);
    }

    #[test]
    fn a_diverged_run_does_not_stretch_the_range_and_is_cut_where_it_leaves() {
        let calm = (Status::MaxSteps, vec![[0.0, 2.0], [1.0, 1.0], [2.0, 0.0]]);
        let wild = (
            Status::Diverged,
            vec![[0.0, 1.5], [1.0, 1.9], [2.0, 30.0], [3.0, 300.0]],
        );
        let [lo, hi] = range(&[calm.clone(), wild.clone()]).expect("range");
        assert!(
            lo < 0.0 && lo > -0.2 && hi > 2.0 && hi < 2.2,
            "[{lo}, {hi}]"
        );
        let (kept, exit) = clip(&wild.1, [lo, hi]);
        let exit = exit.expect("it leaves");
        assert_eq!(exit[1], hi);
        assert!(
            exit[0] > 1.0 && exit[0] < 2.0,
            "between steps 1 and 2: {exit:?}"
        );
        assert_eq!(kept.len(), 3);
        assert_eq!(kept.last(), Some(&exit));
        let (kept, exit) = clip(&calm.1, [lo, hi]);
        assert_eq!((kept, exit), (calm.1.clone(), None));
    }

    #[test]
    fn nothing_to_show_has_no_range() {
        assert_eq!(range(&[]), None);
        assert_eq!(range(&[(Status::Diverged, vec![])]), None);
    }
}
