//! lr-schedules: "SGD on one sample per step: a constant lr keeps bouncing; step decay and cosine
//! annealing settle; warm-up starts gently."

use super::measure::*;

#[test]
fn a_constant_lr_keeps_bouncing_decayed_ones_settle_and_warm_up_starts_gently() {
    let p = Preset::run("lr-schedules");
    p.says(&[
        "SGD on one sample per step: a constant lr keeps bouncing; step decay and cosine annealing settle; warm-up starts gently",
        "a constant lr keeps bouncing around the minimum; decaying it shrinks the bounce and the run settles",
    ]);
    assert!(p.compiled.runs.iter().all(|r| r.batch_size == Some(1)));
    let minimum = p.surface().minima()[0];
    let n = p.runs[0].points.len() - 1;
    // The bounce over the last 100 steps: the path walked and the furthest distance from the
    // minimum.
    let bounce = |t: &Trajectory| {
        let reach = max((n - 100..=n).map(|k| distance_at(t, k, minimum)));
        (path_length(t, n - 100, n), reach)
    };
    let (walk, reach) = bounce(&p.runs[0]);
    assert!(
        walk > 3.0 && reach > 0.2,
        "constant lr, last 100 steps: walks {walk}, up to {reach} from the minimum"
    );
    for (i, name) in [(1, "step decay"), (2, "cosine")] {
        let (w, r) = bounce(&p.runs[i]);
        assert!(
            w < 0.1 * walk && r < 0.1,
            "{name}, last 100 steps: walks {w} (constant: {walk}), up to {r} from the minimum"
        );
    }
    // Warm-up: its first step a tenth of the constant lr's, its first 10 steps a fifth as long.
    let (constant, warm) = (&p.runs[0], &p.runs[3]);
    let (first_c, first_w) = (path_length(constant, 0, 1), path_length(warm, 0, 1));
    let (ten_c, ten_w) = (path_length(constant, 0, 10), path_length(warm, 0, 10));
    assert!(
        first_w < 0.1 * first_c && ten_w < 0.2 * ten_c,
        "first step: warm-up {first_w}, constant {first_c}; first 10 steps: {ten_w}, {ten_c}"
    );
}
