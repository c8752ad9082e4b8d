//! adaptive-steps: AdaGrad's steps fade and it stalls, RMSProp goes on, Adadelta runs without a
//! learning rate (torch's factor lr = 1).

use super::measure::*;

#[test]
fn adagrad_fades_rmsprop_goes_on_and_adadelta_needs_no_learning_rate() {
    let p = Preset::run("adaptive-steps");
    p.says(&[
        "AdaGrad's steps fade: from step 200 on each is under a hundredth of its first, and it ends with loss above 0.1; RMSProp ends below 0.05",
        "Adadelta, with lr = 1, starts with a step under 0.01 and its longest is over ten times that",
        "AdaGrad sums every squared gradient, so its steps fade and it stalls; RMSProp averages them and goes on; Adadelta needs no learning rate at all",
        "so its step sizes only shrink",
    ]);
    // AdaGrad's per-coordinate step size lr/(√Σg² + ε), step by step: it never grows.
    let mut replay = p.compiled.runs[0].replay();
    let mut last = V2::repeat(f64::INFINITY);
    for k in 0..1500 {
        let eff = replay
            .seek(k)
            .and_then(|s| s.next)
            .and_then(|s| s.eff_lr)
            .expect("AdaGrad reports its step sizes");
        assert!(
            eff.x <= last.x && eff.y <= last.y,
            "step {k}: {eff:?} after {last:?}"
        );
        last = eff;
    }
    let (adagrad, rmsprop, adadelta) = (&p.runs[0], &p.runs[1], &p.runs[2]);
    let s = steps(adagrad);
    let late = max(s[200..].iter().map(|v| v.norm()));
    assert!(
        late < s[0].norm() / 100.0,
        "AdaGrad: first {}, after 200 up to {late}",
        s[0].norm()
    );
    let (fa, fr) = (
        *adagrad.losses.last().expect("losses"),
        *rmsprop.losses.last().expect("losses"),
    );
    assert!(
        fa > 0.1 && fr < 0.05,
        "final losses: AdaGrad {fa}, RMSProp {fr}"
    );
    assert_eq!(p.lr(2), 1.0, "Adadelta at torch's factor 1");
    let s = steps(adadelta);
    let (first, longest) = (s[0].norm(), max(s.iter().map(|v| v.norm())));
    assert!(
        first < 0.01 && longest > 10.0 * first,
        "Adadelta: first {first}, longest {longest}"
    );
}
