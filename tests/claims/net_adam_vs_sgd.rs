//! net-adam-vs-sgd: Adam (lr 0.01) and SGD (lr 0.1) train the same 105 weights on two moons from
//! the same start, full batch, on a PCA slice centred on Adam's end.

use optiscape::sim::net::plane::PlaneKind;

use super::measure::*;

#[test]
fn adam_passes_95_percent_within_200_steps_and_sgd_needs_over_900() {
    let p = NetPreset::run("net-adam-vs-sgd");
    p.says(&[
        "Adam (lr 0.01) passes 95 % training accuracy within 200 steps; SGD (lr 0.1) needs over 900",
        "Adam passes 95 % training accuracy within 200 steps, SGD needs over 900",
        "2 → 8 → 8 → 1, tanh, 105 weights",
        "from the same start weights",
        "centred on Adam's final weights",
    ]);
    assert_eq!(p.outcome.net.params(), 105);
    assert_eq!(p.experiment.setup.hidden, [8, 8]);
    assert_eq!(p.experiment.setup.plane, PlaneKind::Pca);
    let lrs: Vec<f64> = p.experiment.runs.iter().map(|r| r.optimizer.lr()).collect();
    assert_eq!(lrs, [0.01, 0.1]);
    let kinds: Vec<&str> = p
        .experiment
        .runs
        .iter()
        .map(|r| r.optimizer.kind().name())
        .collect();
    assert_eq!(kinds, ["adam", "sgd"]);
    assert!(
        p.experiment.runs.iter().all(|r| r.batch.is_none()),
        "full batch"
    );
    let [adam, sgd] = [0, 1].map(|i| p.first_accuracy(i, 0.95));
    assert!(
        adam.is_some_and(|k| k <= 200) && sgd.is_some_and(|k| k > 900),
        "first step at 95 % accuracy, Adam and SGD: {adam:?}, {sgd:?}"
    );
    // The same start, and the slice centred on Adam's final weights: its end projects to the
    // middle of the plane and lies in it.
    assert_eq!(p.outcome.runs[0].weights[0], p.outcome.runs[1].weights[0]);
    let (end, off) = *p.outcome.projected[0].last().expect("iterates");
    assert!(
        end[0].abs() < 1e-9 && end[1].abs() < 1e-9 && off < 1e-9,
        "{end:?} {off}"
    );
    // Both learn: each ends with a lower loss than it started with.
    for i in 0..2 {
        let l = p.losses(i);
        assert!(
            l[l.len() - 1] < 0.2 * l[0],
            "run {i}: {} → {}",
            l[0],
            l[l.len() - 1]
        );
    }
}
