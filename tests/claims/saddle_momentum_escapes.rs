//! saddle-momentum-escapes: both balls start a hair off the ridge of f = x² − y², 1.8 from the
//! saddle point; SGD creeps up to it and lingers where the slope is tiny, momentum builds up speed,
//! overshoots it and rolls off the side.

use super::measure::*;

#[test]
fn sgd_creeps_to_the_saddle_and_lingers_while_momentum_overshoots_it_and_rolls_off() {
    let p = Preset::run("saddle-momentum-escapes");
    p.says(&[
        "Both balls start a hair off the ridge, 1.8 from the saddle point",
        "SGD creeps up to it and lingers; momentum overshoots it and rolls off the side",
        "Momentum escapes the saddle while plain gradient descent stalls",
        "the gradient there points almost straight at the saddle point, so SGD creeps towards it and lingers; momentum builds up speed and rolls off",
        "Near a saddle the slope is tiny. Gradient descent lingers there; the rolling ball keeps its speed and leaves",
    ]);
    let saddle = p.surface().saddles()[0];
    let (sgd, momentum) = (&p.runs[0], &p.runs[1]);
    let start = sgd.points[0];
    assert!(
        (distance_at(sgd, 0, saddle) - 1.8).abs() < 1e-3 && start.y.abs() <= 1e-3,
        "the start {start:?}"
    );
    // The slope at the start points at the saddle, off by less than a tenth of a degree.
    let off = angle(-p.surface().grad(start), saddle - start);
    assert!(
        off < 0.1,
        "−∇f at the start is {off}° off the saddle's direction"
    );

    // SGD: within 0.1 of the saddle at its last step, within 0.2 of it for its last 20 steps, and
    // stalled there, its steps 15 times shorter than its first.
    let n = sgd.points.len() - 1;
    let sgd_moves = steps(sgd);
    let d_end = distance_at(sgd, n, saddle);
    let near_from = (0..=n)
        .rev()
        .take_while(|&k| distance_at(sgd, k, saddle) < 0.2)
        .last()
        .expect("near at the end");
    let (first, last) = (sgd_moves[0].norm(), sgd_moves[n - 1].norm());
    assert!(
        d_end < 0.1 && n - near_from >= 20 && last < first / 15.0,
        "SGD: {d_end} from the saddle at step {n}, within 0.2 from step {near_from}, steps {first} → {last}"
    );
    // Where the slope is tiny: ‖∇f‖ within 0.2 of the saddle against ‖∇f‖ at the start.
    let slope_near = p.surface().grad(sgd.points[near_from]).norm();
    let slope_start = p.surface().grad(start).norm();
    assert!(
        slope_near < slope_start / 5.0,
        "slope: {slope_start} at the start, {slope_near} within 0.2 of the saddle"
    );

    // Momentum builds up speed: its fifth step is over three times its first (SGD's shrink).
    let m_moves = steps(momentum);
    assert!(
        m_moves[4].norm() > 3.0 * m_moves[0].norm() && sgd_moves[4].norm() < sgd_moves[0].norm(),
        "fifth step / first: momentum {}, SGD {}",
        m_moves[4].norm() / m_moves[0].norm(),
        sgd_moves[4].norm() / sgd_moves[0].norm()
    );
    // It keeps its speed near the saddle: at its closest its step is 20 times SGD's step at SGD's
    // closest.
    let closest = |t: &Trajectory| {
        (0..t.points.len() - 1)
            .min_by(|&a, &b| distance_at(t, a, saddle).total_cmp(&distance_at(t, b, saddle)))
            .expect("steps")
    };
    let (km, ks) = (closest(momentum), closest(sgd));
    assert!(
        m_moves[km].norm() > 20.0 * sgd_moves[ks].norm(),
        "step at the closest approach: momentum {} (step {km}, {} away), SGD {} (step {ks}, {} away)",
        m_moves[km].norm(),
        distance_at(momentum, km, saddle),
        sgd_moves[ks].norm(),
        distance_at(sgd, ks, saddle)
    );
    // It overshoots: it passes the saddle to x > 0.5, on the far side from the start.
    let furthest = max(momentum.points.iter().map(|q: &V2| q.x));
    assert!(furthest > 0.5, "momentum gets to x = {furthest}");
    // And leaves along the falling side: more than 5 from the saddle at step 60 and more than 100
    // at step 80, where SGD is within 0.1.
    let (d60, d80) = (
        distance_at(momentum, 60, saddle),
        distance_at(momentum, 80, saddle),
    );
    let end = momentum.points[80];
    assert!(
        d60 > 5.0 && d80 > 100.0 && end.y.abs() > 0.99 * d80,
        "momentum: {d60} from the saddle at step 60, {d80} at step 80, at {end:?}"
    );
}
