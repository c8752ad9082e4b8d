//! rolling-ball: "GD stops in the shallow dip; a ball with little friction (η = 0.1, so β = 0.9)
//! rolls through; more friction stops it", with Δt/m = 1 giving lr = Δt and β = 1 − η.

use super::measure::*;

#[test]
fn gd_and_the_ball_with_more_friction_stop_in_the_shallow_dip_the_ball_with_little_friction_rolls_through()
 {
    let p = Preset::run("rolling-ball");
    p.says(&[
        "GD stops in the shallow dip",
        "a ball with little friction (η = 0.1, so β = 0.9) rolls through; more friction stops it",
        "With Δt/m = 1 its learning rate is Δt and its momentum β = 1 − η",
        "Plain gradient descent stops in the first dip; the ball with little friction rolls on into the deeper well",
        "With Δt/m = 1, α = Δt and β = 1 − η; little friction rolls it through the first dip",
    ]);
    // The balls: Δt/m = 1, so the momentum run they become has lr = Δt and β = 1 − η.
    for (i, friction) in [(1, 0.1), (2, 0.5)] {
        let ball = p.scenario.runs[i].physics.expect("a ball");
        assert_eq!((ball.dt / ball.mass, ball.friction), (1.0, friction));
        let (lr, beta) = (p.lr(i), p.hyper(i, "momentum"));
        assert!(
            (lr - ball.dt).abs() < 1e-15 && (beta - (1.0 - friction)).abs() < 1e-15,
            "ball {i}: lr {lr}, β {beta}"
        );
    }
    let s = p.surface();
    let (deep, hump, shallow) = (
        flat_x(s, -2.0, -1.0),
        flat_x(s, 0.0, 0.5),
        flat_x(s, 1.0, 2.0),
    );
    let bottom = |x: f64| s.value(V2::new(x, 0.0));
    assert!(
        bottom(deep) < bottom(shallow) - 0.5,
        "the deeper well's bottom {} against the first dip's {}",
        bottom(deep),
        bottom(shallow)
    );
    let lowest_x = |i: usize| min(p.runs[i].points.iter().map(|q| q.x));
    let end = |i: usize| p.runs[i].last_point().expect("a path");
    // Gradient descent and the ball with η = 0.5 never cross the hump and stop in the first dip.
    for i in [0, 2] {
        assert!(
            lowest_x(i) > hump && (end(i).x - shallow).abs() < 1e-3 && end(i).y.abs() < 1e-3,
            "run {i}: gets to x = {}, hump at {hump}; ends at {:?}, the dip at x = {shallow}",
            lowest_x(i),
            end(i)
        );
    }
    // The ball with η = 0.1 rolls over the hump and settles in the deeper well.
    assert!(
        lowest_x(1) < hump && (end(1).x - deep).abs() < 1e-3 && end(1).y.abs() < 1e-3,
        "ball η = 0.1: gets to x = {}, ends at {:?}, the deeper well at x = {deep}",
        lowest_x(1),
        end(1)
    );
}
