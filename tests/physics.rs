//! The rolling ball: a momentum run given by mass, friction and time step moves exactly as the
//! lecture's finite-difference ball, step by step, and as SGD with the equivalent lr and momentum.

use optiscape::scenario::{OptimizerConfig, RunConfig, Scenario, SurfaceConfig};
use optiscape::sim::V2;
use optiscape::sim::physics::Ball;

fn scenario(ball: Option<Ball>, optimizer: OptimizerConfig) -> Scenario {
    Scenario {
        surface: SurfaceConfig {
            name: "quadratic".to_owned(),
            params: [("kappa".to_owned(), 10.0), ("theta".to_owned(), 20.0)].into(),
            expr: None,
        },
        steps: 300,
        runs: vec![RunConfig {
            optimizer,
            start: (1.3, -0.7),
            physics: ball,
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn the_ball_run_is_the_lectures_finite_difference_ball_step_by_step() {
    for ball in [
        Ball {
            mass: 1.5,
            friction: 6.0,
            dt: 0.05,
        },
        Ball {
            mass: 0.2,
            friction: 0.5,
            dt: 0.2,
        },
        Ball::default(),
    ] {
        let s = scenario(Some(ball), OptimizerConfig::with_lr("momentum", 123.0));
        let compiled = s.compile().expect("valid");
        let spec = &compiled.runs[0];
        let points = spec.run().points;
        assert_eq!(points.len(), 301);
        // v ← v − (Δt/m)∇f − (Δt/m)η·v, x ← x + Δt·v, from rest.
        let (mut x, mut v) = (V2::new(1.3, -0.7), V2::zeros());
        let k = ball.dt / ball.mass;
        for (step, p) in points.iter().enumerate().skip(1) {
            let g = compiled.surface.grad(x);
            v = v - k * g - k * ball.friction * v;
            x += ball.dt * v;
            let err = (p - x).norm();
            assert!(
                err <= 1e-12 * (1.0 + x.norm()),
                "{ball:?}, step {step}: run at {p:?}, ball at {x:?}"
            );
        }
    }
}

#[test]
fn the_ball_run_is_the_equivalent_momentum_run() {
    let ball = Ball {
        mass: 2.0,
        friction: 3.0,
        dt: 0.1,
    };
    let (lr, beta) = ball.to_torch();
    assert!((lr - 0.005).abs() < 1e-15 && (beta - 0.85).abs() < 1e-15);
    let physical = scenario(Some(ball), OptimizerConfig::with_lr("momentum", 1.0));
    let mut plain = OptimizerConfig::with_lr("momentum", lr);
    plain.set_float("momentum", beta);
    let plain = scenario(None, plain);
    let a = physical.compile().expect("valid").runs[0].run().points;
    let b = plain.compile().expect("valid").runs[0].run().points;
    assert_eq!(a, b, "the same lr and β give bit-identical trajectories");
}

#[test]
fn lr_and_beta_map_back_to_the_ball_of_a_given_mass() {
    for (lr, beta, mass) in [(0.01, 0.9, 0.01), (3e-4, 0.99, 1.0), (0.5, 0.1, 7.0)] {
        let ball = Ball::from_torch(lr, beta, mass);
        assert_eq!(ball.mass, mass);
        let (lr2, beta2) = ball.to_torch();
        assert!((lr2 - lr).abs() <= 1e-14 * lr, "{lr} → {lr2}");
        assert!((beta2 - beta).abs() <= 1e-12, "{beta} → {beta2}");
    }
    // The lecture's Δt/m = 1: α = Δt and β = 1 − η.
    let (lr, beta) = Ball {
        mass: 0.3,
        friction: 0.25,
        dt: 0.3,
    }
    .to_torch();
    assert!((lr - 0.3).abs() < 1e-15 && (beta - 0.75).abs() < 1e-15);
}

#[test]
fn impossible_balls_are_refused_with_the_field_named() {
    let momentum = || OptimizerConfig::with_lr("momentum", 0.01);
    for (ball, optimizer, field, says) in [
        (
            Ball {
                mass: 0.0,
                ..Ball::default()
            },
            momentum(),
            "runs[0].physics.mass",
            "> 0",
        ),
        (
            Ball {
                dt: f64::NAN,
                ..Ball::default()
            },
            momentum(),
            "runs[0].physics.dt",
            "> 0",
        ),
        (
            Ball {
                friction: 0.0,
                ..Ball::default()
            },
            momentum(),
            "runs[0].physics.friction",
            "never settles",
        ),
        // η·Δt/m = 2: β = −1.
        (
            Ball {
                mass: 1.0,
                friction: 20.0,
                dt: 0.1,
            },
            momentum(),
            "runs[0].physics.friction",
            "η ≤ 10",
        ),
        (
            Ball::default(),
            OptimizerConfig::with_lr("adam", 0.01),
            "runs[0].physics",
            "momentum run",
        ),
    ] {
        let e = scenario(Some(ball), optimizer)
            .compile()
            .expect_err("refused");
        assert_eq!(e.path, field, "{ball:?}: {e}");
        assert!(e.message.contains(says), "{e}");
    }
}

#[test]
fn a_ball_run_survives_saving_and_loading() {
    let s = scenario(
        Some(Ball {
            mass: 2.0,
            friction: 3.0,
            dt: 0.1,
        }),
        OptimizerConfig::with_lr("momentum", 0.01),
    );
    let text = optiscape::preset::to_ron(&s).expect("writes");
    assert!(text.contains("physics"), "{text}");
    let again = optiscape::preset::parse(text.as_bytes(), "ball.ron").expect("reads");
    assert_eq!(again, s);
}

#[test]
fn a_run_settles_to_its_balls_lr_and_beta_and_drops_the_ball_for_another_optimizer() {
    let ball = Ball {
        mass: 2.0,
        friction: 0.5,
        dt: 0.1,
    };
    let mut run = RunConfig::new(optiscape::sim::OptimizerKind::Momentum, V2::new(0.0, 0.0));
    run.physics = Some(ball);
    run.optimizer.set_float("lr", 123.0);
    run.settle();
    let (lr, beta) = ball.to_torch();
    assert_eq!(run.optimizer.lr(), Some(lr));
    assert_eq!(run.optimizer.float("momentum"), Some(beta));
    assert!(RunConfig::BALL_SETS.contains(&"lr") && RunConfig::BALL_SETS.contains(&"momentum"));
    run.optimizer.name = "adam".to_owned();
    run.settle();
    assert_eq!(run.physics, None, "a ball belongs to a momentum run only");
}
