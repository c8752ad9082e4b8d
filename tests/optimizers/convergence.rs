//! The known property (optax's test pattern): with a sensible lr every optimizer gets close to the
//! minimum of the ill-conditioned bowl and of Rosenbrock's valley.

use optiscape::sim::{RunSpec, Surface, SurfaceKind};

use super::*;

/// (kind, lr, steps, tolerance on the distance to the minimum). RMSprop never settles: with a constant lr
/// and no bias correction it hovers at a distance of about lr, so its tolerance is 2·lr.
const QUADRATIC: &[(&str, f64, usize, f64)] = &[
    ("sgd", 0.1, 2000, 1e-8),
    ("momentum", 0.01, 2000, 1e-8),
    ("nesterov", 0.03, 2000, 1e-8),
    ("ema", 0.1, 2000, 1e-8),
    ("rprop", 0.1, 2000, 1e-5),
    ("rmsprop", 1e-3, 10_000, 2e-3),
    ("adagrad", 1.0, 2000, 1e-8),
    ("adadelta", 0.3, 2000, 1e-2),
    ("adam", 0.1, 2000, 1e-8),
    ("amsgrad", 0.1, 2000, 1e-8),
    ("adamax", 0.1, 2000, 1e-8),
    ("nadam", 0.1, 2000, 1e-8),
    ("adamw", 0.1, 2000, 1e-8),
    // Lion moves every coordinate by exactly lr each step, so at a constant lr it hovers about lr
    // from the minimum, like RMSprop.
    ("lion", 0.01, 2000, 2e-2),
];

const ROSENBROCK: &[(&str, f64, usize, f64)] = &[
    ("sgd", 1e-3, 20_000, 2e-3),
    ("momentum", 1e-3, 20_000, 1e-6),
    ("nesterov", 1e-3, 20_000, 1e-6),
    ("ema", 3e-3, 20_000, 1e-6),
    ("rprop", 1e-3, 20_000, 3e-3),
    ("rmsprop", 1e-3, 20_000, 2e-3),
    ("adagrad", 1.0, 20_000, 1e-3),
    ("adadelta", 0.01, 20_000, 1e-2),
    ("adam", 1e-3, 20_000, 1e-5),
    ("amsgrad", 0.1, 20_000, 1e-6),
    ("adamax", 3e-3, 20_000, 1e-5),
    ("nadam", 1e-3, 20_000, 1e-3),
    // AdamW's decoupled decay (λ = 10⁻²) pulls towards the origin: it settles about 7·10⁻⁴ short
    // of (1, 1), the same after 60,000 steps.
    ("adamw", 1e-3, 20_000, 1e-3),
    ("lion", 1e-3, 20_000, 2e-3),
];

fn converges(surface: Surface, start: V2, table: &[(&str, f64, usize, f64)]) {
    assert_eq!(table.len(), K::COUNT);
    for &(name, lr, steps, tol) in table {
        let kind = K::from_name(name).expect("registered");
        let o = Optimizer::with_params(kind, &hp().with("lr", lr)).unwrap();
        let t = RunSpec::new(surface.clone(), o, start, steps).run();
        let last = t.last_point().unwrap();
        let d = surface.distance_to_minimum(last).unwrap();
        assert!(
            d < tol,
            "{kind} lr {lr} on {}: ended {d:e} from the minimum ({:?})",
            surface.kind(),
            t.status
        );
        let start_loss = t.losses[0];
        assert!(
            t.final_loss().unwrap() < 1e-3 * start_loss,
            "{kind}: the loss must fall"
        );
    }
}

#[test]
fn every_optimizer_reaches_the_bottom_of_the_bowl() {
    converges(
        Surface::new(SurfaceKind::Quadratic),
        V2::new(2.5, -2.0),
        QUADRATIC,
    );
}

#[test]
fn every_optimizer_reaches_rosenbrocks_minimum() {
    converges(
        Surface::new(SurfaceKind::Rosenbrock),
        V2::new(-1.5, 2.0),
        ROSENBROCK,
    );
}
