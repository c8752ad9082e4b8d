//! adam-lecture-lr: the lecture's Adam (α = 3e-4, β₁ = 0.9, β₂ = 0.999) moves each coordinate about
//! α per step (the first by exactly α), so ten times the α reaches the minimum about ten times
//! sooner.

use super::measure::*;
use optiscape::sim::optim::HyperValue;

#[test]
fn adam_moves_each_coordinate_about_alpha_per_step_so_ten_times_alpha_arrives_ten_times_sooner() {
    let p = Preset::run("adam-lecture-lr");
    p.says(&[
        "The lecture's Adam (α = 3e-4, β₁ = 0.9, β₂ = 0.999) moves each coordinate about α per step",
        "ten times the α reaches the minimum about ten times sooner",
        "until it nears a minimum, Adam moves each coordinate by about α per step (the first step by exactly α)",
        "α = 3e-2 reaches the minimum (3, 2) in about 150 steps, 3e-3 in about 1,700, and 3e-4 is not halfway there after 3,000",
        "with bias corrections",
        "each step moves every coordinate by about α",
    ]);
    assert_eq!(p.hyper(0, "lr"), 3e-4);
    let betas = p.compiled.runs[0].optimizer.params().get("betas");
    assert_eq!(betas, Some(HyperValue::P(0.9, 0.999)));

    for (i, t) in p.runs.iter().enumerate() {
        let alpha = p.lr(i);
        let moves = steps(t);
        // The bias correction makes the first step exactly α per coordinate (up to eps).
        for c in [moves[0].x, moves[0].y] {
            assert!(
                (c.abs() / alpha - 1.0).abs() < 1e-6,
                "run {i}: first step {c}"
            );
        }
        // Until it nears a minimum (0.5 away): |Δxᵢ|/α per coordinate, its median and spread.
        let near = t
            .points
            .iter()
            .position(|q| p.surface().distance_to_minimum(*q).is_some_and(|d| d < 0.5))
            .unwrap_or(moves.len());
        let mut per_alpha: Vec<f64> = moves[..near]
            .iter()
            .flat_map(|m| [m.x.abs() / alpha, m.y.abs() / alpha])
            .collect();
        per_alpha.sort_by(f64::total_cmp);
        let median = per_alpha[per_alpha.len() / 2];
        let inside = per_alpha.iter().filter(|r| (0.5..1.5).contains(*r)).count() as f64
            / per_alpha.len() as f64;
        assert!(
            (0.8..1.3).contains(&median) && inside > 0.9,
            "α = {alpha}: before step {near}, median |Δxᵢ|/α {median}, share within 0.5–1.5: {inside}"
        );
    }
    // The lecture's α never nears a minimum here: every step of every coordinate is 0.9–1.3 α.
    let lecture = steps(&p.runs[0]);
    let all = lecture.iter().flat_map(|m| [m.x.abs(), m.y.abs()]);
    let (lo, hi) = (min(all.clone()) / 3e-4, max(all) / 3e-4);
    assert!(lo > 0.9 && hi < 1.3, "α = 3e-4: |Δxᵢ|/α from {lo} to {hi}");

    // Reaching the minimum (3, 2), as coming within 0.01 of it.
    let minimum = V2::new(3.0, 2.0);
    let k = |i: usize| first_within(&p.runs[i], minimum, 0.01);
    let (k3, k2) = (k(1).expect("3e-3 arrives"), k(2).expect("3e-2 arrives"));
    assert!(
        (120..=180).contains(&k2) && (1400..=2000).contains(&k3),
        "within 0.01 of (3, 2): α = 3e-2 at step {k2}, 3e-3 at step {k3}"
    );
    let ratio = k3 as f64 / k2 as f64;
    assert!(
        (7.0..15.0).contains(&ratio),
        "ten times the α, {ratio} times sooner"
    );
    let slow = &p.runs[0];
    let (d0, d_end) = (distance_at(slow, 0, minimum), final_distance(slow, minimum));
    assert!(
        k(0).is_none() && d_end > 0.5 * d0,
        "α = 3e-4 after 3,000 steps: {d_end} from (3, 2), which was {d0} away"
    );
}
