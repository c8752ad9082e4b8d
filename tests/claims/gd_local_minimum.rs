//! gd-local-minimum: "Two nearby starts on the six-hump camel: one reaches a global minimum, the
//! other stays in a shallow local one", and the note: gradient descent stops wherever the slope
//! vanishes.

use super::measure::*;

#[test]
fn two_nearby_starts_end_in_a_global_and_a_shallow_local_minimum_where_the_slope_vanishes() {
    let p = Preset::run("gd-local-minimum");
    p.says(&[
        "Two nearby starts",
        "one reaches a global minimum, the other stays in a shallow local one",
        "gradient descent stops wherever the slope vanishes",
        "Two starts a little apart end in different minima, one of them shallow",
        "a start on the wrong side settles in a shallow local minimum while a start nearby reaches a global one",
    ]);
    let (local, global) = (&p.runs[0], &p.runs[1]);
    let apart = (local.points[0] - global.points[0]).norm();
    assert!(apart < 0.5, "the starts are {apart} apart");

    let to_global = |t: &Trajectory| {
        p.surface()
            .distance_to_minimum(t.last_point().expect("a path"))
            .expect("the camel's global minima are known")
    };
    let (d_global, d_local) = (to_global(global), to_global(local));
    assert!(
        d_global < 1e-6,
        "ball 2 ends {d_global} from a global minimum"
    );
    assert!(
        d_local > 1.0,
        "ball 1 ends only {d_local} from a global minimum"
    );

    for (i, t) in p.runs.iter().enumerate() {
        let end = t.last_point().expect("a path");
        let slope = p.surface().grad(end).norm();
        assert!(
            slope < 1e-6,
            "ball {}: the slope at the end is {slope}",
            i + 1
        );
        // It stopped: the last 100 steps move it by nothing visible.
        let n = t.points.len() - 1;
        let drift = path_length(t, n - 100, n);
        assert!(
            drift < 1e-9,
            "ball {}: moves {drift} in its last 100 steps",
            i + 1
        );
    }
    // Ball 1's end is a minimum (higher ground all around), and a shallow one: its loss is well
    // above the global minimum's.
    let end = local.last_point().expect("a path");
    let here = p.surface().value(end);
    for k in 0..16 {
        let a = f64::from(k) * std::f64::consts::PI / 8.0;
        let around = p.surface().value(end + 0.05 * V2::new(a.cos(), a.sin()));
        assert!(
            around > here,
            "ball 1's end is no minimum: {around} ≤ {here}"
        );
    }
    let (f_local, f_global) = (
        local.final_loss().expect("a loss"),
        global.final_loss().expect("a loss"),
    );
    assert!(
        f_local > f_global + 0.5,
        "final losses: ball 1 {f_local}, ball 2 {f_global}"
    );
}
