//! rprop-signs: the lecture's Rprop moves each coordinate by its own step size, ×1.2 while the
//! sign holds and ×0.6 after a flip, whatever the slope.

use super::measure::*;

#[test]
fn the_lectures_rprop_moves_by_its_step_sizes_whatever_the_slope() {
    let p = Preset::run("rprop-signs");
    p.says(&[
        "every step moves each coordinate by its own step size, ×1.2 while the sign holds, ×0.6 after a flip",
        "Its first step is 0.1 on both axes; SGD's is ten times longer in x than in y",
        "×1.2 while the sign holds and ×0.6 after a flip, whatever the slope",
    ]);
    let r = &p.runs;
    let (rprop, sgd) = (steps(&r[0]), steps(&r[1]));
    // The first step: 0.1 on both axes for Rprop; SGD's ten times longer in x than in y.
    assert!((rprop[0].x - 0.1).abs() < 1e-12 && (rprop[0].y + 0.1).abs() < 1e-12);
    assert!(
        (sgd[0].x / -sgd[0].y - 10.0).abs() < 1e-9,
        "SGD's first step: {:?}",
        sgd[0]
    );
    // Every step, every coordinate: ×1.2 while the sign holds, ×0.6 after a flip.
    let mut flips = 0;
    for (t, pair) in rprop.windows(2).enumerate() {
        for (i, (a, b)) in [(pair[0].x, pair[1].x), (pair[0].y, pair[1].y)]
            .into_iter()
            .enumerate()
        {
            let ratio = b.abs() / a.abs();
            let want = if a * b > 0.0 { 1.2 } else { 0.6 };
            flips += usize::from(a * b < 0.0);
            assert!(
                (ratio - want).abs() < 1e-9,
                "step {} coordinate {i}: ×{ratio}, expected ×{want}",
                t + 2
            );
        }
    }
    assert!(flips > 10, "{flips} flips");
}
