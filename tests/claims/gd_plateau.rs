//! gd-plateau: on the flat plain each step of gradient descent (lr times the slope) all but
//! vanishes, so it crawls for ninety steps before finding the well; from the well's side it is down
//! at once.

use super::measure::*;

#[test]
fn from_the_plain_gd_crawls_for_ninety_steps_and_from_the_wells_side_it_is_down_within_ten() {
    let p = Preset::run("gd-plateau");
    p.says(&[
        "each of the first 90 steps is shorter than 0.02",
        "the loss stays above 0.9 until step 108",
        "from the well's side the loss is below 1e-3 within 10 steps",
        "From the plain it takes over a hundred steps to find the well; from the well's side, under ten",
        "it crawls for ninety steps before it finds the well",
    ]);
    let (plain, side) = (&p.runs[0], &p.runs[1]);
    let longest = max(steps(plain)[..90].iter().map(|s| s.norm()));
    assert!(longest < 0.02, "longest of the first 90 steps: {longest}");
    assert_eq!(first_below(plain, 0.9), Some(108));
    // It does find the well: afterwards it is down quickly.
    let down = first_below(plain, 1e-3).expect("reaches the well");
    assert!(down < 130, "loss below 1e-3 at step {down}");
    let side_down = first_below(side, 1e-3).expect("down");
    assert!(
        side_down <= 10,
        "from the side: loss below 1e-3 at step {side_down}"
    );
    // Same lr for both.
    assert_eq!(p.lr(0), p.lr(1));
}
