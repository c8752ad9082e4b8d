//! The surfaces: analytic gradients against finite differences, minima and saddles, parameter
//! validation, and the mini-batch gradients of the data-backed surfaces.

use optiscape::sim::surface::View;
use optiscape::sim::surface::data;
use optiscape::sim::{SimError, Surface, SurfaceKind as K, V2};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

fn point_in(rng: &mut ChaCha8Rng, view: View) -> V2 {
    V2::new(
        rng.random_range(view.x[0]..=view.x[1]),
        rng.random_range(view.y[0]..=view.y[1]),
    )
}

/// The surface of `kind` with its defaults; `custom` gets an expression exercising several functions.
fn surface_of(kind: K) -> Surface {
    if kind == K::Custom {
        Surface::custom("(1-x)^2 + 10*(y-x^2)^2 + sin(3*x)*y + exp(-y^2/4) + sqrt(x^2+1)")
            .expect("a valid expression")
    } else {
        Surface::new(kind)
    }
}

/// ∂f/∂pᵢ by the fourth-order central difference (8(f₊₁ − f₋₁) − (f₊₂ − f₋₂)) / 12h.
fn fd_grad(f: impl Fn(V2) -> f64, p: V2) -> V2 {
    let mut g = V2::zeros();
    for i in 0..2 {
        let h = 1e-4 * p[i].abs().max(1.0);
        let at = |k: f64| {
            let mut q = p;
            q[i] += k * h;
            f(q)
        };
        g[i] = (8.0 * (at(1.0) - at(-1.0)) - (at(2.0) - at(-2.0))) / (12.0 * h);
    }
    g
}

/// The analytic gradient agrees with finite differences to 1e-7 of the local scale of f and ∇f.
fn assert_grad(s: &Surface, p: V2) {
    let (f, g) = s.value_grad(p);
    assert_eq!(
        (s.value(p), s.grad(p)),
        (f, g),
        "value/grad agree with value_grad"
    );
    let fd = fd_grad(|q| s.value(q), p);
    let scale = 1.0 + f.abs() + g.amax();
    for i in 0..2 {
        assert!(
            (fd[i] - g[i]).abs() <= 1e-7 * scale,
            "{:?} {:?} at {p:?}: ∂{i} analytic {} vs finite differences {}",
            s.kind(),
            s.params().map(|(s, v)| (s.name, v)).collect::<Vec<_>>(),
            g[i],
            fd[i]
        );
    }
}

#[test]
fn analytic_gradients_match_finite_differences_in_the_default_view() {
    let mut rng = rng(1);
    for kind in K::ALL {
        let s = surface_of(kind);
        for _ in 0..300 {
            assert_grad(&s, point_in(&mut rng, s.default_view()));
        }
    }
}

#[test]
fn analytic_gradients_match_finite_differences_with_other_parameters() {
    let listed: &[(K, &[(&str, f64)])] = &[
        (K::Rosenbrock, &[("a", -2.0), ("b", 1.0)]),
        (K::Rosenbrock, &[("a", 0.5), ("b", 1000.0)]),
        (K::Rosenbrock, &[("a", 3.0), ("b", 0.0)]),
        (K::Quadratic, &[("kappa", 1.0), ("theta", 0.0)]),
        (K::Quadratic, &[("kappa", 1000.0), ("theta", -135.0)]),
        (K::Quadratic, &[("kappa", 37.0), ("theta", 90.0)]),
        (K::Rastrigin, &[("A", 0.0)]),
        (K::Rastrigin, &[("A", 50.0)]),
        (K::Ackley, &[("a", 5.0), ("b", 1.0), ("c", 1.0)]),
        (K::Ackley, &[("a", 100.0), ("b", 2.0), ("c", 20.0)]),
        (K::Ackley, &[("a", 0.0), ("b", 0.0), ("c", 0.0)]),
    ];
    let mut rng = rng(2);
    for (kind, values) in listed {
        let s = Surface::with_params(*kind, values.iter().copied()).unwrap();
        for (name, value) in values.iter() {
            assert_eq!(s.param(name), Some(*value));
        }
        for _ in 0..200 {
            assert_grad(&s, point_in(&mut rng, s.default_view()));
        }
    }
    // Random parameters anywhere in their ranges.
    for kind in [K::Rosenbrock, K::Quadratic, K::Rastrigin, K::Ackley] {
        for _ in 0..300 {
            let mut s = Surface::new(kind);
            for spec in kind.info().params {
                s.set_param(spec.name, rng.random_range(spec.min..=spec.max))
                    .unwrap();
            }
            assert_grad(&s, point_in(&mut rng, s.default_view()));
        }
    }
}

/// Surfaces with every parameter at its default or at random values in range.
fn variants(rng: &mut ChaCha8Rng) -> Vec<Surface> {
    let mut out: Vec<Surface> = K::ALL.into_iter().map(surface_of).collect();
    for kind in K::ALL.into_iter().filter(|k| !k.info().params.is_empty()) {
        for _ in 0..10 {
            let mut s = Surface::new(kind);
            for spec in kind.info().params {
                s.set_param(spec.name, rng.random_range(spec.min..=spec.max))
                    .unwrap();
            }
            out.push(s);
        }
    }
    out
}

#[test]
fn the_gradient_vanishes_at_every_minimum_and_saddle() {
    let mut rng = rng(3);
    for s in variants(&mut rng)
        .into_iter()
        .filter(|s| s.kind() != K::Custom)
    {
        let special: Vec<V2> = s.minima().into_iter().chain(s.saddles()).collect();
        assert!(
            !special.is_empty(),
            "{:?} lists no minimum or saddle",
            s.kind()
        );
        for p in special {
            let g = s.grad(p);
            assert!(g.norm() <= 1e-9, "{:?} at {p:?}: ∇f = {g:?}", s.kind());
        }
    }
}

#[test]
fn listed_minima_are_the_lowest_points_of_the_view() {
    let mut rng = rng(4);
    for s in variants(&mut rng) {
        let minima = s.minima();
        let Some(best) = minima.iter().map(|&m| s.value(m)).min_by(f64::total_cmp) else {
            continue;
        };
        let view = s.default_view();
        for &m in &minima {
            assert!(
                view.contains(m),
                "{:?}: minimum {m:?} outside the default view",
                s.kind()
            );
            assert!(
                (s.value(m) - best).abs() <= 1e-9 * best.abs().max(1.0),
                "{:?}: minima tie",
                s.kind()
            );
            for k in 0..8 {
                let angle = k as f64 * std::f64::consts::FRAC_PI_4;
                let q = m + V2::new(angle.cos(), angle.sin()) * 1e-3;
                assert!(
                    s.value(q) >= s.value(m) - 1e-12,
                    "{:?}: {m:?} is not a local minimum",
                    s.kind()
                );
            }
        }
        for _ in 0..2000 {
            let p = point_in(&mut rng, view);
            assert!(
                s.value(p) >= best - 1e-9,
                "{:?}: f({p:?}) = {} below the minimum {best}",
                s.kind(),
                s.value(p)
            );
        }
        assert_eq!(s.distance_to_minimum(minima[0]), Some(0.0));
    }
}

#[test]
fn known_minimum_values() {
    let close = |kind: K, p: V2, want: f64| {
        let got = Surface::new(kind).value(p);
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{kind:?} at {p:?}: {got} vs {want}"
        );
    };
    close(K::Rosenbrock, V2::new(1.0, 1.0), 0.0);
    close(K::Beale, V2::new(3.0, 0.5), 0.0);
    close(K::Booth, V2::new(1.0, 3.0), 0.0);
    close(K::GoldsteinPrice, V2::new(0.0, -1.0), 3.0);
    close(K::Rastrigin, V2::zeros(), 0.0);
    close(K::Ackley, V2::zeros(), 0.0);
    close(K::Quadratic, V2::zeros(), 0.0);
    for m in Surface::new(K::Himmelblau).minima() {
        close(K::Himmelblau, m, 0.0);
    }
    assert_eq!(Surface::new(K::Himmelblau).minima().len(), 4);
    let t = -2.903534027771177;
    close(K::StyblinskiTang, V2::new(t, t), -78.33233140754282);
    for m in Surface::new(K::SixHumpCamel).minima() {
        close(K::SixHumpCamel, m, -1.0316284534898774);
    }
    // Rosenbrock's minimum moves with a: (a, a²).
    let s = Surface::with_params(K::Rosenbrock, [("a", -2.0)]).unwrap();
    assert_eq!(s.minima(), vec![V2::new(-2.0, 4.0)]);
    assert_eq!(s.value(V2::new(-2.0, 4.0)), 0.0);
    // The quadratic's curvature along its rotated axes is 1 and κ.
    let q = Surface::with_params(K::Quadratic, [("kappa", 50.0), ("theta", 90.0)]).unwrap();
    assert!((q.value(V2::new(0.0, 1.0)) - 0.5).abs() < 1e-12);
    assert!((q.value(V2::new(1.0, 0.0)) - 25.0).abs() < 1e-12);
}

#[test]
fn saddles_go_up_and_down() {
    let e = 1e-3;
    let s = Surface::new(K::Saddle);
    assert!(s.minima().is_empty() && s.saddles() == vec![V2::zeros()]);
    assert!(s.value(V2::new(e, 0.0)) > 0.0 && s.value(V2::new(0.0, e)) < 0.0);
    assert_eq!(s.distance_to_minimum(V2::zeros()), None);
    let m = Surface::new(K::MonkeySaddle);
    assert!(m.minima().is_empty() && m.saddles() == vec![V2::zeros()]);
    assert!(m.value(V2::new(e, 0.0)) > 0.0 && m.value(V2::new(-e, 0.0)) < 0.0);
    assert_eq!(m.grad(V2::zeros()), V2::zeros());
}

#[test]
fn names_round_trip_and_unknown_surfaces_are_refused() {
    for kind in K::ALL {
        assert_eq!(K::from_name(kind.name()), Ok(kind));
        assert_eq!(kind.info().kind, kind);
    }
    for bad in ["himmelblaw", "Rosenbrock", "", "six-hump-camel"] {
        assert!(
            matches!(K::from_name(bad), Err(SimError::UnknownSurface { .. })),
            "{bad:?}"
        );
    }
}

#[test]
fn unknown_and_out_of_range_parameters_are_refused() {
    for (kind, name) in [
        (K::Rosenbrock, "c"),
        (K::Beale, "a"),
        (K::Rastrigin, "a"),
        (K::Quadratic, "kappa "),
    ] {
        match Surface::with_params(kind, [(name, 1.0)]) {
            Err(SimError::UnknownParam {
                surface, name: got, ..
            }) => {
                assert_eq!((surface.as_str(), got.as_str()), (kind.name(), name));
            }
            other => panic!("{kind:?} `{name}`: {other:?}"),
        }
    }
    let mut checked = 0;
    for kind in K::ALL {
        for spec in kind.info().params {
            let span = (spec.max - spec.min).max(1.0);
            for bad in [
                spec.min - 1e-6 * span,
                spec.max + 1e-6 * span,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ] {
                let e = Surface::with_params(kind, [(spec.name, bad)]).unwrap_err();
                assert!(
                    matches!(e, SimError::Invalid { .. }),
                    "{kind:?} {} = {bad}: {e:?}",
                    spec.name
                );
                assert_eq!(e.field(), Some(spec.name));
                checked += 1;
            }
            for edge in [spec.min, spec.max, spec.default] {
                let s = Surface::with_params(kind, [(spec.name, edge)]).unwrap();
                assert_eq!(s.param(spec.name), Some(edge));
            }
            assert_eq!(Surface::new(kind).param(spec.name), Some(spec.default));
        }
    }
    assert_eq!(
        checked,
        5 * 9,
        "rosenbrock 2 + rastrigin 1 + ackley 3 + quadratic 2 + plateau 1 parameters"
    );
    // A refused value leaves the surface as it was.
    let mut s = Surface::new(K::Rosenbrock);
    assert!(s.set_param("b", -1.0).is_err());
    assert_eq!(s, Surface::new(K::Rosenbrock));
}

/// One sample's loss, written from the model definitions (least squares; logistic with y ∈ {0, 1}).
fn sample_loss(kind: K, w: V2, phi: V2, y: f64) -> f64 {
    let z = w.dot(&phi);
    match kind {
        K::Linreg => (z - y) * (z - y),
        K::Logreg => (1.0 + z.exp()).ln() - y * z,
        _ => unreachable!(),
    }
}

fn dataset(kind: K) -> &'static data::Dataset {
    match kind {
        K::Linreg => data::linreg(),
        _ => data::logreg(),
    }
}

fn assert_close_v(a: V2, b: V2, rel: f64, what: &str) {
    let scale = a.amax().max(b.amax()).max(1e-300);
    assert!((a - b).amax() <= rel * scale, "{what}: {a:?} vs {b:?}");
}

#[test]
fn data_surfaces_are_the_mean_of_their_sample_losses() {
    let mut rng = rng(5);
    for kind in [K::Linreg, K::Logreg] {
        let s = surface_of(kind);
        assert_eq!(s.sample_count(), Some(256));
        assert!(s.info().data_backed);
        let set = dataset(kind);
        assert_eq!(set.samples().count(), 256);
        for _ in 0..20 {
            let w = point_in(&mut rng, s.default_view());
            let mean = set
                .samples()
                .map(|(phi, y)| sample_loss(kind, w, phi, y))
                .sum::<f64>()
                / 256.0;
            assert!(
                (mean - s.value(w)).abs() <= 1e-12 * mean.abs(),
                "{kind:?} at {w:?}"
            );
        }
    }
    for kind in K::ALL
        .into_iter()
        .filter(|k| !matches!(k, K::Linreg | K::Logreg))
    {
        let s = surface_of(kind);
        assert_eq!(s.sample_count(), None);
        assert!(!s.info().data_backed);
        let p = V2::new(0.3, -0.7);
        assert_eq!(
            s.batch_grad(p, &[0, 1, 2]),
            s.grad(p),
            "{kind:?}: no samples, full gradient"
        );
    }
}

#[test]
fn batch_gradients_are_exact_means_over_their_samples() {
    let mut rng = rng(6);
    for kind in [K::Linreg, K::Logreg] {
        let s = surface_of(kind);
        let set = dataset(kind);
        let samples: Vec<(V2, f64)> = set.samples().collect();
        let all: Vec<u32> = (0..256).collect();
        for _ in 0..200 {
            let w = point_in(&mut rng, s.default_view());
            let full = s.grad(w);
            assert_close_v(s.batch_grad(w, &all), full, 1e-12, "all indices");
            // The mean of the batch gradients over a random partition into 8 batches is the full gradient.
            let mut order = all.clone();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            let mean = order.chunks(32).map(|b| s.batch_grad(w, b)).sum::<V2>() / 8.0;
            assert_close_v(mean, full, 1e-10, "mean over a partition");
            // One index: that sample's own gradient, by finite differences of its loss.
            let i = rng.random_range(0..256usize);
            let (phi, y) = samples[i];
            let fd = fd_grad(|q| sample_loss(kind, q, phi, y), w);
            let one = s.batch_grad(w, &[i as u32]);
            assert!(
                (one - fd).amax() <= 1e-7 * (1.0 + one.amax()),
                "{kind:?} sample {i}: {one:?} vs {fd:?}"
            );
            // Out-of-range indices are skipped; nothing left is a zero gradient.
            assert_eq!(s.batch_grad(w, &[i as u32, 256, 9999]), one);
            assert_eq!(s.batch_grad(w, &[]), V2::zeros());
        }
    }
}

#[test]
fn data_minima_are_near_the_generating_weights() {
    // y = 1 + 2x + noise, and labels drawn from a logistic model with weights (2, −1).
    let lin = Surface::new(K::Linreg).minima()[0];
    assert!((lin - V2::new(1.0, 2.0)).norm() < 0.2, "{lin:?}");
    let log = Surface::new(K::Logreg).minima()[0];
    assert!((log - V2::new(2.0, -1.0)).norm() < 0.8, "{log:?}");
}

#[test]
fn polynomial_stand_ins_evaluate_bit_for_bit_like_their_surface() {
    use optiscape::sim::surface::polynomial::Objective;
    let mut rng = rng(11);
    let expected = [
        K::Rosenbrock,
        K::Beale,
        K::Saddle,
        K::MonkeySaddle,
        K::Himmelblau,
        K::Booth,
        K::GoldsteinPrice,
        K::SixHumpCamel,
        K::StyblinskiTang,
    ];
    for s in variants(&mut rng) {
        let Some(poly) = s.polynomial() else {
            assert!(!expected.contains(&s.kind()), "{} has a stand-in", s.kind());
            continue;
        };
        for _ in 0..200 {
            let p = point_in(&mut rng, s.default_view());
            let (want, got) = (s.value_grad(p), poly.value_grad(&s, p));
            let bits = |(f, g): (f64, V2)| [f.to_bits(), g.x.to_bits(), g.y.to_bits()];
            assert_eq!(bits(got), bits(want), "{} at {p:?}", s.kind());
        }
    }
    // Rosenbrock's a and b travel with the stand-in.
    let mut s = Surface::new(K::Rosenbrock);
    s.set_param("b", 5.0).unwrap();
    let p = V2::new(0.3, -0.7);
    assert_eq!(s.polynomial().unwrap().value_grad(&s, p), s.value_grad(p));
    assert_ne!(s.value_grad(p), Surface::new(K::Rosenbrock).value_grad(p));
}

#[test]
fn the_plateau_is_a_gaussian_well_whose_slope_all_but_vanishes_on_the_plain() {
    let s = Surface::new(K::Plateau);
    assert_eq!(s.minima(), vec![V2::zeros()]);
    assert_eq!(s.value(V2::zeros()), 0.0);
    // f = 1 − exp(−(x² + 2y²)/(2w²)) at a point, and its slope by central differences.
    let p = V2::new(1.3, -0.4);
    let want = 1.0 - (-(1.3f64.powi(2) + 2.0 * 0.16) / 2.0).exp();
    assert!((s.value(p) - want).abs() < 1e-15);
    let h = 1e-6;
    let fd = V2::new(
        (s.value(p + V2::new(h, 0.0)) - s.value(p - V2::new(h, 0.0))) / (2.0 * h),
        (s.value(p + V2::new(0.0, h)) - s.value(p - V2::new(0.0, h))) / (2.0 * h),
    );
    assert!((s.grad(p) - fd).norm() < 1e-8);
    // On the plain, four widths out, the slope is under a hundredth of its largest.
    assert!(s.grad(V2::new(4.0, 0.0)).norm() < 0.01 * s.grad(V2::new(1.0, 0.0)).norm());
}
