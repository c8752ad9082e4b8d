//! The known property (optax's test pattern): with a sensible lr every optimizer gets close to the
//! minimum of the ill-conditioned bowl and of Rosenbrock's valley.

use optiscape::sim::{RunSpec, Surface, SurfaceKind};

use super::*;

/// (kind, lr, steps, tolerance on the distance to the minimum). RMSprop never settles: with a constant lr
/// and no bias correction it hovers at a distance of about lr, so its tolerance is 2·lr.
const QUADRATIC: [(K, f64, usize, f64); 12] = [
    (K::Sgd, 0.1, 2000, 1e-8),
    (K::Momentum, 0.01, 2000, 1e-8),
    (K::Nesterov, 0.03, 2000, 1e-8),
    (K::Ema, 0.1, 2000, 1e-8),
    (K::Rprop, 0.1, 2000, 1e-5),
    (K::Rmsprop, 1e-3, 10_000, 2e-3),
    (K::Adagrad, 1.0, 2000, 1e-8),
    (K::Adadelta, 0.3, 2000, 1e-2),
    (K::Adam, 0.1, 2000, 1e-8),
    (K::Amsgrad, 0.1, 2000, 1e-8),
    (K::Adamax, 0.1, 2000, 1e-8),
    (K::Nadam, 0.1, 2000, 1e-8),
];

const ROSENBROCK: [(K, f64, usize, f64); 12] = [
    (K::Sgd, 1e-3, 20_000, 2e-3),
    (K::Momentum, 1e-3, 20_000, 1e-6),
    (K::Nesterov, 1e-3, 20_000, 1e-6),
    (K::Ema, 3e-3, 20_000, 1e-6),
    (K::Rprop, 1e-3, 20_000, 3e-3),
    (K::Rmsprop, 1e-3, 20_000, 2e-3),
    (K::Adagrad, 1.0, 20_000, 1e-3),
    (K::Adadelta, 0.01, 20_000, 1e-2),
    (K::Adam, 1e-3, 20_000, 1e-5),
    (K::Amsgrad, 0.1, 20_000, 1e-6),
    (K::Adamax, 3e-3, 20_000, 1e-5),
    (K::Nadam, 1e-3, 20_000, 1e-3),
];

fn converges(surface: Surface, start: V2, table: &[(K, f64, usize, f64)]) {
    assert_eq!(table.len(), K::COUNT);
    for &(kind, lr, steps, tol) in table {
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
        &QUADRATIC,
    );
}

#[test]
fn every_optimizer_reaches_rosenbrocks_minimum() {
    converges(
        Surface::new(SurfaceKind::Rosenbrock),
        V2::new(-1.5, 2.0),
        &ROSENBROCK,
    );
}
