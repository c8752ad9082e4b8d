//! rmsprop-adapts: "In a bowl 100× steeper along y, SGD drops down the steep wall first; RMSProp
//! moves both coordinates at a similar pace and heads for the minimum": steep directions slow
//! down, flat ones speed up.

use super::measure::*;

#[test]
fn sgd_drops_down_the_steep_wall_first_and_rmsprop_moves_both_coordinates_alike_towards_the_minimum()
 {
    let p = Preset::run("rmsprop-adapts");
    p.says(&[
        "In a bowl 100× steeper along y, SGD drops down the steep wall first",
        "RMSProp moves both coordinates at a similar pace and heads for the minimum",
        "steep directions slow down, flat ones speed up, so it heads for the minimum instead of down the slope",
        "steep directions slow down, flat ones speed up, so both coordinates move at a similar pace",
    ]);
    // 100× steeper along y: the curvatures of ½(x² + κy²) turned by θ = 0.
    let s = p.surface();
    let curv = |e: V2| (s.grad(e) - s.grad(V2::zeros())).dot(&e);
    let (cx, cy) = (curv(V2::x()), curv(V2::y()));
    assert!((cy / cx - 100.0).abs() < 1e-9, "curvature x {cx}, y {cy}");

    let (sgd, rms) = (&p.runs[0], &p.runs[1]);
    let start = sgd.points[0];
    // SGD: y falls to 1 % of its start within 3 steps; x is still over 10 % of its start at the end.
    let y_down = sgd
        .points
        .iter()
        .position(|q| q.y.abs() < 0.01 * start.y.abs());
    let x_left = sgd.last_point().expect("a path").x.abs() / start.x.abs();
    assert!(
        y_down.is_some_and(|k| k <= 3) && x_left > 0.1,
        "SGD: |y| below 1 % at step {y_down:?}; |x| at the end is {x_left} of its start"
    );
    // RMSProp's first step against SGD's: shorter along the steep y, longer along the flat x.
    let (m_sgd, m_rms) = (steps(sgd)[0], steps(rms)[0]);
    assert!(
        m_rms.y.abs() < m_sgd.y.abs() / 5.0 && m_rms.x.abs() > 5.0 * m_sgd.x.abs(),
        "first steps: SGD {m_sgd:?}, RMSProp {m_rms:?}"
    );
    // A similar pace: for its first 20 steps RMSProp's x and y steps differ by less than a factor 2
    // (SGD's first differ by a factor 60).
    let ratios: Vec<f64> = steps(rms)[..20]
        .iter()
        .map(|m| m.x.abs() / m.y.abs())
        .collect();
    let (lo, hi) = (min(ratios.iter().copied()), max(ratios.iter().copied()));
    assert!(
        lo > 0.5 && hi < 2.0,
        "RMSProp |Δx|/|Δy| over 20 steps: {lo}..{hi}; SGD's first: {}",
        m_sgd.x.abs() / m_sgd.y.abs()
    );
    // Heads for the minimum: its first 50 steps point within 20° of it; SGD's first step is 50°
    // off.
    let minimum = s.minima()[0];
    let off = |t: &Trajectory, k: usize| angle(steps(t)[k], minimum - t.points[k]);
    let worst = max((0..50).map(|k| off(rms, k)));
    assert!(
        worst < 20.0 && off(sgd, 0) > 50.0,
        "angle to the minimum: RMSProp's first 50 steps up to {worst}°, SGD's first step {}°",
        off(sgd, 0)
    );
}
