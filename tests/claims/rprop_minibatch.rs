//! rprop-minibatch: the lecture's "works bad with batches": Rprop on batches of 4 stays far from the
//! minimum that it reaches on the full batch, while SGD on the same batches stays close to it.

use super::measure::*;

fn mean_of_last(t: &Trajectory, n: usize) -> f64 {
    let l = &t.losses[t.losses.len() - n..];
    l.iter().sum::<f64>() / n as f64
}

#[test]
fn rprop_reaches_the_minimum_on_the_full_batch_and_not_on_batches_of_four() {
    let p = Preset::run("rprop-minibatch");
    p.says(&[
        "on the full batch it reaches the minimum",
        "on batches of 4 its mean loss over the last 50 steps stays above 0.5, while SGD on the same batches stays below 0.3 (the minimum is 0.26)",
        "On batches of 4 it stays far from the minimum, while SGD on the same batches stays close to it",
        "on a small batch that sign flips at random: its steps shrink and grow at random instead of settling, and stay too short to carry it to the minimum",
        "The same batches barely disturb SGD",
    ]);
    let minimum = p.surface().minima()[0];
    let f_min = p.surface().value(minimum);
    assert!((f_min - 0.26).abs() < 0.005, "the minimum is {f_min}");
    let (full, rprop, sgd) = (&p.runs[0], &p.runs[1], &p.runs[2]);
    let d = final_distance(full, minimum);
    assert!(d < 1e-3, "full batch ends {d} from the minimum");
    let (mr, ms) = (mean_of_last(rprop, 50), mean_of_last(sgd, 50));
    assert!(mr > 0.5, "Rprop on batches of 4: mean loss {mr}");
    assert!(ms < 0.3, "SGD on batches of 4: mean loss {ms}");
    let (dr, ds) = (final_distance(rprop, minimum), final_distance(sgd, minimum));
    assert!(
        dr > 5.0 * ds,
        "ends {dr} (Rprop) and {ds} (SGD) from the minimum"
    );
}
