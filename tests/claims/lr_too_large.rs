//! lr-too-large: "Same start, three learning rates: 0.004 is fast but zig-zags; 0.008 overshoots
//! further each step and blows up."

use optiscape::sim::Status;

use super::measure::*;

#[test]
fn lr_0_004_is_fast_but_zig_zags_and_lr_0_008_overshoots_further_each_step_and_blows_up() {
    let p = Preset::run("lr-too-large");
    p.says(&[
        "Same start, three learning rates",
        "0.004 is fast but zig-zags; 0.008 overshoots further each step and blows up",
        "each step overshoots further than the last and the run blows up",
    ]);
    assert!(p.runs.iter().all(|t| t.points[0] == p.runs[0].points[0]));
    let (slow, fast, wild) = (&p.runs[0], &p.runs[1], &p.runs[2]);
    assert_eq!((p.lr(0), p.lr(1), p.lr(2)), (0.001, 0.004, 0.008));

    // Fast: after all 400 steps its loss is a tenth of lr 0.001's.
    let (f_slow, f_fast) = (
        slow.final_loss().expect("a loss"),
        fast.final_loss().expect("a loss"),
    );
    assert!(
        f_fast < 0.1 * f_slow,
        "loss at step 400: lr 0.004 {f_fast}, lr 0.001 {f_slow}"
    );
    // Zig-zags: it crosses the valley floor y = x² again and again, and its loss keeps rising
    // on the way; lr 0.001 crosses it once and never goes up.
    let crossings = |t: &Trajectory| sign_flips(t.points.iter().map(|q| q.y - q.x * q.x));
    let (c_slow, c_fast) = (crossings(slow), crossings(fast));
    let (r_slow, r_fast) = (loss_rises(slow), loss_rises(fast));
    assert!(
        c_fast >= 20 && c_slow <= 2 && r_fast >= 10 && r_slow == 0,
        "valley floor crossings: lr 0.004 {c_fast}, lr 0.001 {c_slow}; loss rises: {r_fast}, {r_slow}"
    );

    // lr 0.008: every step is longer than the one before and lands higher, until the iterate is
    // no longer a finite number.
    assert_eq!(wild.status, Status::Diverged);
    let lengths: Vec<f64> = steps(wild).iter().map(|m| m.norm()).collect();
    assert!(
        lengths.windows(2).all(|w| w[1] > w[0]) && wild.losses.windows(2).all(|w| w[1] > w[0]),
        "lr 0.008: step lengths {lengths:?}, losses {:?}",
        wild.losses
    );
    assert!(
        wild.stopped_at.is_some_and(|k| k <= 10),
        "lr 0.008 blows up at step {:?}",
        wild.stopped_at
    );
}
