//! Level of detail for long paths: a polyline thinned so that consecutive kept points are at least a
//! given distance apart, for drawing ten thousand steps without ten thousand vertices.

use super::V2;

/// The indices of `points` to draw: the first, every point at least `min_dist` from the last kept one,
/// and the last. Works on the first `n` points only.
pub fn thin(points: &[V2], n: usize, min_dist: f64) -> Vec<usize> {
    let n = n.min(points.len());
    let mut kept = Vec::new();
    if n == 0 {
        return kept;
    }
    kept.push(0);
    let min_sq = min_dist * min_dist;
    let mut last = points[0];
    for (i, &p) in points.iter().enumerate().take(n).skip(1) {
        if (p - last).norm_squared() >= min_sq {
            kept.push(i);
            last = p;
        }
    }
    if kept.last() != Some(&(n - 1)) {
        kept.push(n - 1);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ends_and_drops_crowded_points() {
        let pts: Vec<V2> = (0..1000).map(|i| V2::new(i as f64 * 1e-3, 0.0)).collect();
        let kept = thin(&pts, pts.len(), 0.1);
        assert_eq!(kept.first(), Some(&0));
        assert_eq!(kept.last(), Some(&999));
        assert!(kept.len() <= 12, "{}", kept.len());
        for w in kept.windows(2).take(kept.len() - 2) {
            assert!((pts[w[1]] - pts[w[0]]).norm() >= 0.1 - 1e-12);
        }
    }

    #[test]
    fn respects_the_prefix_and_empty_input() {
        let pts: Vec<V2> = (0..10).map(|i| V2::new(i as f64, 0.0)).collect();
        assert_eq!(thin(&pts, 3, 0.5), vec![0, 1, 2]);
        assert!(thin(&pts, 0, 0.5).is_empty());
        assert!(thin(&[], 5, 0.5).is_empty());
        assert_eq!(thin(&pts, 1, 0.5), vec![0]);
    }
}
