//! batch-sizes-linreg: batch size 256, 16 and 1 with the same lr on 256 points; the full batch walks
//! downhill at every step, smaller batches wander around the same descent; "cheaper steps, noisier
//! paths".

use super::measure::*;

#[test]
fn smaller_batches_take_cheaper_steps_on_noisier_paths_around_the_full_batch_descent() {
    let p = Preset::run("batch-sizes-linreg");
    p.says(&[
        "Linear regression on 256 points: batch size 256, 16 and 1 with the same learning rate",
        "the full batch walks downhill at every step, smaller batches wander around the same descent",
        "Batch uses all 256 points, mini-batch 16, stochastic one: cheaper steps, noisier paths",
    ]);
    // The cost of a step is the number of samples its gradient averages.
    let samples = p.surface().sample_count().expect("a data set");
    assert_eq!(samples, 256);
    let per_step: Vec<usize> = p
        .compiled
        .runs
        .iter()
        .map(|r| r.batch_size.unwrap_or(samples))
        .collect();
    assert_eq!(per_step, [256, 16, 1]);
    assert!((0..3).all(|i| p.lr(i) == p.lr(0)), "the same learning rate");

    let batch = &p.runs[0];
    assert_eq!(
        loss_rises(batch),
        0,
        "the full batch's loss falls at every step"
    );
    // Noise, measured as path length over the straight distance covered and as steps that raise
    // the loss, grows as the batch shrinks.
    let wander = |t: &Trajectory| {
        let n = t.points.len() - 1;
        path_length(t, 0, n) / (t.points[n] - t.points[0]).norm()
    };
    let ratios: Vec<f64> = p.runs.iter().map(wander).collect();
    let rises: Vec<usize> = p.runs.iter().map(loss_rises).collect();
    assert!(
        ratios[0] < 1.2 && (1.5..4.0).contains(&ratios[1]) && ratios[2] > 4.0,
        "path length / distance covered, batch 256, 16, 1: {ratios:?}"
    );
    assert!(
        rises[1] > 50 && rises[2] > rises[1],
        "steps that raise the loss out of 300, batch 256, 16, 1: {rises:?}"
    );
    // "Around the same descent": at every step the noisy runs stay near where the full batch is
    // at that step (it walks about 4.2 in all) and end near the same minimum.
    let minimum = p.surface().minima()[0];
    for (i, reach) in [(1, 0.3), (2, 1.0)] {
        let t = &p.runs[i];
        let off = max(t
            .points
            .iter()
            .zip(&batch.points)
            .map(|(a, b)| (a - b).norm()));
        let end = final_distance(t, minimum);
        assert!(
            off < reach && end < 0.3,
            "batch {}: at most {off} from the full batch's point at the same step, ends {end} from the minimum",
            per_step[i]
        );
    }
}
