//! adam-family: at one lr, NAdam gets below 1e-2 before Adam, AMSGrad never does, and AdaMax crawls
//! in the steep valley.

use super::measure::*;

#[test]
fn nadam_is_first_amsgrad_never_arrives_and_adamax_crawls() {
    let p = Preset::run("adam-family");
    p.says(&[
        "Same lr 0.02: NAdam's loss drops below 1e-2 before Adam's; AMSGrad's never does in 1500 steps; AdaMax's step 200 is shorter than 0.001 and its loss stays above 1",
        "NAdam adds Nesterov's look-ahead and gets there sooner, AMSGrad keeps the largest v it has seen and slows down, AdaMax divides by the largest recent gradient and crawls in this steep valley",
    ]);
    assert!((0..4).all(|i| p.lr(i) == 0.02));
    let (adam, nadam, amsgrad, adamax) = (&p.runs[0], &p.runs[1], &p.runs[2], &p.runs[3]);
    let (a, n) = (
        first_below(adam, 1e-2).expect("Adam arrives"),
        first_below(nadam, 1e-2).expect("NAdam arrives"),
    );
    assert!(n < a, "below 1e-2: NAdam at step {n}, Adam at {a}");
    assert_eq!(amsgrad.losses.len(), 1501);
    assert_eq!(first_below(amsgrad, 1e-2), None);
    let s = steps(adamax);
    assert!(s[200].norm() < 1e-3, "AdaMax's step 200: {}", s[200].norm());
    let lowest = min(adamax.losses.iter().copied());
    assert!(lowest > 1.0, "AdaMax's lowest loss: {lowest}");
}
