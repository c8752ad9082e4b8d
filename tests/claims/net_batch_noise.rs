//! net-batch-noise: Adam (lr 0.01) on noisy moons (σ = 0.3) with the full batch, 32 and 4 samples
//! per step.

use super::measure::*;

#[test]
fn smaller_batches_raise_the_loss_more_often_and_end_less_accurate_and_none_passes_95_percent() {
    let p = NetPreset::run("net-batch-noise");
    p.says(&[
        "Gaussian noise 0.3, so the two classes overlap and no network separates them all",
        "The full batch lowers the loss at almost every step; the smaller the batch, the more steps raise it (about 40 % of them with 32 samples, about half with 4) and the lower the accuracy it ends at",
        "full batch, 32 and 4 samples per step. No run gets past 95 % training accuracy",
    ]);
    let s = &p.experiment.setup;
    assert_eq!((s.data_noise, s.samples), (0.3, 256));
    let batches: Vec<Option<usize>> = p.experiment.runs.iter().map(|r| r.batch).collect();
    assert_eq!(batches, [None, Some(32), Some(4)]);
    assert_eq!(s.hidden, [8, 8]);
    assert!(
        p.experiment.runs.iter().all(|r| r.optimizer.lr() == 0.01),
        "Adam at lr 0.01 in every run"
    );
    let steps = p.scenario.steps as f64;
    let rises: Vec<f64> = (0..3).map(|i| p.loss_rises(i) as f64 / steps).collect();
    assert!(
        rises[0] < 0.02 && (0.33..0.47).contains(&rises[1]) && (0.43..0.57).contains(&rises[2]),
        "share of steps that raise the loss, batch 256, 32, 4: {rises:?}"
    );
    let last: Vec<f64> = (0..3)
        .map(|i| *p.accuracy(i).last().expect("steps"))
        .collect();
    assert!(
        last[0] > last[1] && last[1] > last[2],
        "final accuracy: {last:?}"
    );
    let best = (0..3)
        .flat_map(|i| p.accuracy(i).iter().copied())
        .fold(0.0, f64::max);
    assert!(best <= 0.95, "best accuracy of any run at any step: {best}");
}
