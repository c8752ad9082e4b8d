//! valley-3d: "steep walls, a flat curved floor, balls that roll": the balls roll down the steep
//! walls and along the flat, curved floor of Rosenbrock's valley.

use super::measure::*;

/// How far the point at step `k` is above the valley floor y = x², as |y − x²|.
fn off_floor(t: &Trajectory, k: usize) -> f64 {
    let q = t.points[k];
    (q.y - q.x * q.x).abs()
}

/// The direction of travel between the first points with x past `a` and past `b`.
fn course(t: &Trajectory, a: f64, b: f64) -> f64 {
    let at = |x: f64| {
        t.points
            .iter()
            .position(|q| q.x > x)
            .unwrap_or_else(|| panic!("never gets past x = {x}"))
    };
    heading(t.points[at(b)] - t.points[at(a)])
}

#[test]
fn the_balls_roll_down_the_steep_walls_then_along_the_flat_curved_floor() {
    let p = Preset::run("valley-3d");
    p.says(&[
        "The Rosenbrock race on the surface itself: steep walls, a flat curved floor, balls that roll",
        "the balls roll down the steep walls and along the flat, curved floor",
    ]);
    for (i, t) in p.runs.iter().enumerate() {
        let n = t.points.len() - 1;
        // Down the wall: within 0.05 of the floor in at most 10 steps.
        let k = (0..=n)
            .find(|&k| off_floor(t, k) < 0.05)
            .expect("reaches the floor");
        assert!(k <= 10, "run {i} reaches the floor at step {k}");
        // Steep against flat: the loss falls over 100 times faster per step down the wall than
        // along the floor.
        let wall = (t.losses[0] - t.losses[k]) / k as f64;
        let floor = (t.losses[k] - t.losses[n]) / (n - k) as f64;
        assert!(
            wall > 100.0 * floor,
            "run {i}: loss per step {wall} down the wall, {floor} along the floor"
        );
        // Along the floor: after step 100 never more than 0.05 above it.
        let highest = max((100..=n).map(|k| off_floor(t, k)));
        assert!(
            highest < 0.05,
            "run {i}: up to {highest} above the floor after step 100"
        );
        // Curved: the course turns by more than 90° between x ∈ (−1.25, −0.75) and (0.25, 0.75).
        let (early, late) = (course(t, -1.25, -0.75), course(t, 0.25, 0.75));
        assert!(
            late - early > 90.0,
            "run {i}: heading {early}° early on the floor, {late}° late"
        );
    }
}
