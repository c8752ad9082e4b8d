//! gd-bowl: "every step points downhill and shrinks as the slope flattens; a smaller lr takes more
//! of them", and its comment and note: each step is lr times the slope, straight downhill.

use super::measure::*;

#[test]
fn every_step_is_lr_times_the_slope_downhill_and_shrinks_and_a_smaller_lr_takes_more_steps() {
    let p = Preset::run("gd-bowl");
    p.says(&[
        "every step points downhill and shrinks as the slope flattens",
        "a smaller lr takes more of them",
        "Each step goes straight downhill, as far as lr times the slope",
        "so the steps shrink as the bowl flattens",
        "Every step points straight downhill and is as long as lr times the slope",
        "so the steps shrink near the minimum",
    ]);
    for (i, t) in p.runs.iter().enumerate() {
        let lr = p.lr(i);
        let moves = steps(t);
        for (k, s) in moves.iter().enumerate() {
            // The step is −lr·∇f: straight downhill and lr times the slope long.
            let g = p.surface().grad(t.points[k]);
            let off = (s + lr * g).norm();
            assert!(
                off <= 1e-12 * s.norm(),
                "run {i}, step {k}: the step {s:?} is {off:e} away from −lr·∇f"
            );
            assert!(
                t.losses[k + 1] < t.losses[k],
                "run {i}, step {k}: the loss rises from {} to {}",
                t.losses[k],
                t.losses[k + 1]
            );
            if k > 0 {
                assert!(
                    s.norm() < moves[k - 1].norm(),
                    "run {i}: step {k} ({}) is not shorter than the one before ({})",
                    s.norm(),
                    moves[k - 1].norm()
                );
            }
        }
        let (first, last) = (moves[0].norm(), moves[moves.len() - 1].norm());
        assert!(
            last < 0.1 * first,
            "run {i}: the last step ({last}) is not much shorter than the first ({first})"
        );
    }
    // "More of them": the steps each lr needs to bring the loss below 1e-2.
    let fast = first_below(&p.runs[0], 1e-2).expect("lr 0.3 gets there");
    let slow = first_below(&p.runs[1], 1e-2).expect("lr 0.05 gets there");
    assert!(
        slow >= 3 * fast,
        "loss below 1e-2: lr {} at step {fast}, lr {} at step {slow}",
        p.lr(0),
        p.lr(1)
    );
}
