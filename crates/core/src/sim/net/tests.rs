use super::*;
use crate::sim::{HyperParams, OptimizerKind};

fn moons() -> Dataset {
    Dataset::generate(DataKind::Moons, 256, 0.1, 1)
}

/// The runs of `optimizers` training 2 → 8 → 8 → 1 on the default two moons, full batch, from the
/// weights of seed 1.
fn on_moons(steps: usize, optimizers: &[Optimizer]) -> (Mlp, Dataset, Vec<NetRun>) {
    let net = Mlp::new(&[8, 8]);
    let data = moons();
    let start = net.init(1);
    let t = Training {
        net: &net,
        data: &data,
        start: &start,
        steps,
        batch: None,
        seed: 1,
    };
    let runs = optimizers.iter().map(|o| t.run(o)).collect();
    (net, data, runs)
}

fn with_lr(kind: OptimizerKind, lr: f64) -> Optimizer {
    Optimizer::with_params(kind, &HyperParams::default().with("lr", lr)).expect("valid")
}

#[test]
fn the_gradient_matches_finite_differences_at_random_weights() {
    for hidden in [vec![8, 8], vec![3], vec![]] {
        let net = Mlp::new(&hidden);
        for (kind, seed) in DataKind::ALL.into_iter().zip(1..) {
            let data = Dataset::generate(kind, 40, 0.2, seed);
            let w = net.init(seed + 10);
            let all: Vec<usize> = (0..data.len()).collect();
            let (loss, grad) = net.loss_grad(&w, &data, &all);
            assert!((loss - net.loss(&w, &data)).abs() < 1e-12);
            for i in 0..w.len() {
                let h = 1e-6;
                let (mut up, mut down) = (w.clone(), w.clone());
                up[i] += h;
                down[i] -= h;
                let numeric = (net.loss(&up, &data) - net.loss(&down, &data)) / (2.0 * h);
                assert!(
                    (numeric - grad[i]).abs() < 1e-7 * (1.0 + numeric.abs()),
                    "{hidden:?} {kind:?} weight {i}: {numeric} against {}",
                    grad[i]
                );
            }
        }
    }
}

#[test]
fn the_network_counts_its_weights_as_torch_does() {
    // 2→8: 24, 8→8: 72, 8→1: 9.
    assert_eq!(Mlp::new(&[8, 8]).params(), 105);
    assert_eq!(Mlp::new(&[8, 8]).init(3).len(), 105);
    assert_eq!(Mlp::new(&[]).params(), 3);
}

#[test]
fn the_same_seed_gives_the_same_numbers() {
    for kind in DataKind::ALL {
        assert_eq!(
            Dataset::generate(kind, 100, 0.1, 7),
            Dataset::generate(kind, 100, 0.1, 7)
        );
        assert_ne!(
            Dataset::generate(kind, 100, 0.1, 7),
            Dataset::generate(kind, 100, 0.1, 8)
        );
    }
    let net = Mlp::new(&[8, 8]);
    assert_eq!(net.init(5), net.init(5));
    let data = moons();
    let start = net.init(5);
    let t = Training {
        net: &net,
        data: &data,
        start: &start,
        steps: 20,
        batch: Some(32),
        seed: 9,
    };
    let adam = Optimizer::new(OptimizerKind::Adam);
    assert_eq!(t.run(&adam), t.run(&adam));
}

#[test]
fn two_moons_are_scikit_learns() {
    let clean = Dataset::generate(DataKind::Moons, 256, 0.0, 1);
    assert_eq!(clean.len(), 256);
    assert_eq!(clean.y.iter().filter(|&&y| y == 0.0).count(), 128);
    // The outer moon starts at (1, 0) and ends at (−1, 0); the inner at (0, 0.5) and (2, 0.5).
    let near = |p: [f64; 2], q: [f64; 2]| (p[0] - q[0]).hypot(p[1] - q[1]) < 1e-12;
    assert!(near(clean.x[0], [1.0, 0.0]) && near(clean.x[127], [-1.0, 0.0]));
    assert!(near(clean.x[128], [0.0, 0.5]) && near(clean.x[255], [2.0, 0.5]));
    for (p, y) in clean.x.iter().zip(&clean.y) {
        let r = if *y == 0.0 {
            p[0].hypot(p[1])
        } else {
            (p[0] - 1.0).hypot(p[1] - 0.5)
        };
        assert!((r - 1.0).abs() < 1e-12, "on its unit arc");
    }
    // Noise 0.1 is a standard deviation of 0.1 on each coordinate.
    let noisy = moons();
    let d: Vec<f64> = noisy
        .x
        .iter()
        .zip(&clean.x)
        .flat_map(|(a, b)| [a[0] - b[0], a[1] - b[1]])
        .collect();
    let sd = (d.iter().map(|v| v * v).sum::<f64>() / d.len() as f64).sqrt();
    assert!((sd - 0.1).abs() < 0.01, "{sd}");
}

#[test]
fn every_optimizer_reduces_the_loss_on_two_moons_from_the_same_start() {
    let all: Vec<Optimizer> = OptimizerKind::all().map(Optimizer::new).collect();
    let (_, _, runs) = on_moons(200, &all);
    for (run, o) in runs.iter().zip(&all) {
        let (first, last) = (run.losses[0], run.losses[200]);
        assert_eq!(run.weights.len(), 201);
        assert!(last < first, "{:?}: {first} → {last}", o.kind());
    }
}

#[test]
fn adam_at_lr_0_01_reaches_95_percent_on_two_moons_within_1000_steps() {
    let (_, _, runs) = on_moons(1000, &[with_lr(OptimizerKind::Adam, 0.01)]);
    let run = &runs[0];
    let best = run.accuracy.iter().copied().fold(0.0, f64::max);
    assert!(best >= 0.95, "{best}");
    assert!(run.accuracy[1000] >= 0.95, "{}", run.accuracy[1000]);
}

mod planes {
    use super::*;
    use crate::sim::net::plane::{Plane, grid, slice};

    fn runs() -> (Mlp, Dataset, Vec<NetRun>) {
        on_moons(
            100,
            &[
                with_lr(OptimizerKind::Adam, 0.01),
                with_lr(OptimizerKind::Sgd, 0.5),
            ],
        )
    }

    fn dot(a: &[f64], b: &[f64]) -> f64 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn pca_directions_are_orthonormal_and_explain_most_of_the_paths() {
        let (_, _, runs) = runs();
        let all: Vec<&[Vec<f64>]> = runs.iter().map(|r| r.weights.as_slice()).collect();
        let centre = runs[0].weights.last().expect("steps").clone();
        let p = Plane::pca(&all, &centre);
        assert!((dot(&p.d1, &p.d1) - 1.0).abs() < 1e-9);
        assert!((dot(&p.d2, &p.d2) - 1.0).abs() < 1e-9);
        assert!(dot(&p.d1, &p.d2).abs() < 1e-9);
        let [a, b] = p.explained.expect("PCA explains");
        assert!(a >= b && a + b > 0.5 && a + b <= 1.0 + 1e-12, "{a} {b}");
        // The centre is the origin: the first run's end is at (0, 0), on the plane.
        let (at, off) = p.project(&centre);
        assert!(at[0].abs() < 1e-9 && at[1].abs() < 1e-9 && off < 1e-9);
    }

    /// The Gram matrix's plane (fewer iterates than weights) and the covariance's (more) are the
    /// same plane: the same two directions up to sign and the same explained shares.
    #[test]
    fn the_gram_and_covariance_planes_agree() {
        use crate::sim::net::plane::{finite_iterates, pca_by_covariance, pca_by_gram};
        let (_, _, runs) = runs();
        let centre = runs[0].weights.last().expect("steps").clone();
        // 2 × 101 iterates of 105 weights: the covariance is the smaller matrix; the first 20
        // iterates of each run (40) are fewer than the weights.
        for take in [101, 20] {
            let all: Vec<&[Vec<f64>]> = runs.iter().map(|r| &r.weights[..take]).collect();
            let iterates = finite_iterates(&all, &centre);
            let (gram, cov) = (
                pca_by_gram(&iterates, &centre),
                pca_by_covariance(&iterates, &centre),
            );
            for (g, c) in [(&gram.d1, &cov.d1), (&gram.d2, &cov.d2)] {
                let along = dot(g, c);
                assert!((along.abs() - 1.0).abs() < 1e-9, "{take}: {along}");
                let sign = along.signum();
                assert!(g.iter().zip(c).all(|(a, b)| (a - sign * b).abs() < 1e-9));
            }
            let (eg, ec) = (
                gram.explained.expect("shares"),
                cov.explained.expect("shares"),
            );
            assert!((eg[0] - ec[0]).abs() < 1e-9 && (eg[1] - ec[1]).abs() < 1e-9);
            let chosen = Plane::pca(&all, &centre);
            assert_eq!(chosen, if 2 * take > 105 { cov } else { gram });
        }
    }

    /// With fewer distinct iterates than two, the missing direction is still a unit vector at
    /// right angles to the other.
    #[test]
    fn a_plane_through_one_direction_is_completed() {
        let centre = vec![0.0; 6];
        let one = vec![vec![0.0, 3.0, 4.0, 0.0, 0.0, 0.0]];
        let p = Plane::pca(&[&one], &centre);
        assert!((dot(&p.d1, &p.d1) - 1.0).abs() < 1e-12);
        assert!((dot(&p.d2, &p.d2) - 1.0).abs() < 1e-12);
        assert!(dot(&p.d1, &p.d2).abs() < 1e-12);
        assert!((p.d1[1].abs() - 0.6).abs() < 1e-12, "{:?}", p.d1);
        assert_eq!(p.explained, Some([1.0, 0.0]));
        let none = Plane::pca(&[std::slice::from_ref(&centre)], &centre);
        assert_eq!((none.d1[0], none.d2[1]), (1.0, 1.0));
    }

    #[test]
    fn a_point_in_any_plane_projects_to_itself() {
        let (net, _, runs) = runs();
        let centre = runs[0].weights.last().expect("steps").clone();
        let all: Vec<&[Vec<f64>]> = runs.iter().map(|r| r.weights.as_slice()).collect();
        let start = &runs[0].weights[0];
        let ends = [&runs[0].weights[100], &runs[1].weights[100]];
        for p in [
            Plane::pca(&all, &centre),
            Plane::random(&net, &centre, 3),
            Plane::endpoints(start, ends[0], ends[1]),
        ] {
            let q = p.point(0.3, -0.7);
            let (at, off) = p.project(&q);
            let scale = dot(&q, &q).sqrt();
            assert!(
                (at[0] - 0.3).abs() < 1e-7 && (at[1] + 0.7).abs() < 1e-7,
                "{:?}: {at:?}",
                p.kind
            );
            assert!(off < 1e-9 * scale.max(1.0), "{:?}: {off}", p.kind);
        }
    }

    #[test]
    fn the_endpoints_plane_holds_the_start_and_both_ends() {
        let (_, _, runs) = runs();
        let start = &runs[0].weights[0];
        let (a, b) = (&runs[0].weights[100], &runs[1].weights[100]);
        let p = Plane::endpoints(start, a, b);
        for (w, at) in [(start, [0.0, 0.0]), (a, [1.0, 0.0]), (b, [0.0, 1.0])] {
            let (got, off) = p.project(w);
            assert!((got[0] - at[0]).abs() < 1e-9 && (got[1] - at[1]).abs() < 1e-9);
            assert!(off < 1e-9);
        }
    }

    #[test]
    fn random_directions_are_filter_normalised() {
        let (net, _, runs) = runs();
        let centre = runs[0].weights.last().expect("steps").clone();
        let p = Plane::random(&net, &centre, 11);
        for (row, len) in net.rows() {
            let w = &centre[row..row + len];
            let d = &p.d1[row..row + len];
            assert!((dot(d, d).sqrt() - dot(w, w).sqrt()).abs() < 1e-9);
            assert_eq!(p.d1[row + len], 0.0, "biases are left out");
        }
        assert_eq!(p, Plane::random(&net, &centre, 11), "seeded");
    }

    #[test]
    fn the_slices_middle_is_the_centres_loss() {
        let (net, data, runs) = runs();
        let centre = runs[0].weights.last().expect("steps").clone();
        let all: Vec<&[Vec<f64>]> = runs.iter().map(|r| r.weights.as_slice()).collect();
        let p = Plane::pca(&all, &centre);
        let xs = grid(-2.0, 2.0, 5);
        let values = slice(&net, &data, &p, &xs, &grid(-1.0, 1.0, 3));
        assert_eq!(values.len(), 3);
        assert!(values.iter().all(|r| r.len() == 5));
        assert!((values[1][2] - runs[0].losses[100]).abs() < 1e-9);
    }
}

/// Training a few steps at a time (as a web page does between frames) gives the very numbers of
/// training at once, for every rule and with mini-batches.
#[test]
fn training_in_pieces_gives_the_same_run() {
    let net = Mlp::new(&[5]);
    let data = Dataset::generate(DataKind::Xor, 60, 0.1, 3);
    let start = net.init(3);
    for kind in OptimizerKind::all() {
        let optimizer = Optimizer::new(kind);
        for batch in [None, Some(7)] {
            let t = Training {
                net: &net,
                data: &data,
                start: &start,
                steps: 40,
                batch,
                seed: 9,
            };
            let whole = t.run(&optimizer);
            let mut trainee = t.begin();
            let mut pieces = 0;
            while !t.resume(&optimizer, &mut trainee, 6) {
                pieces += 1;
            }
            assert_eq!(pieces, 41 / 6, "{kind:?}");
            assert_eq!(trainee.finish(), whole, "{kind:?}, batch {batch:?}");
        }
    }
}

/// An experiment computed unit by unit reports its progress up to its total, and ends with the
/// numbers of its runs trained at once.
#[test]
fn an_experiment_counts_its_units_to_the_end() {
    use experiment::{Computation, Experiment, RunPlan, Setup};
    let experiment = Experiment {
        setup: Setup {
            data: DataKind::Moons,
            samples: 256,
            data_noise: 0.1,
            seed: 2,
            hidden: vec![8, 8],
            plane: plane::PlaneKind::Pca,
            grid: 9,
            steps: 300,
        },
        runs: [OptimizerKind::Adam, OptimizerKind::Sgd]
            .map(|k| RunPlan {
                optimizer: Optimizer::new(k),
                batch: Some(16),
                seed: 4,
            })
            .to_vec(),
    };
    let mut work = Computation::new(experiment.clone());
    let total = work.total();
    assert!(total > 2 + 9 + 2, "several units per run: {total}");
    let mut last = 0;
    let mut previews = 0;
    while work.done() < total {
        let done = work.advance(1);
        assert!(done > last && done <= total, "{last} → {done} of {total}");
        last = done;
        // Once the runs are trained the slice fills in: the rows so far have values, the rest none.
        if let Some(p) = work.preview() {
            previews += 1;
            assert_eq!(p.paths.len(), 2);
            assert_eq!(p.rows.len(), work.rows_done());
            let grid = p.surface_grid().expect("a grid");
            let (x, y) = (p.xs[4], p.ys[p.rows.len().min(8)]);
            let v = grid.value_grad(crate::sim::V2::new(x, y)).0;
            assert_eq!(
                v.is_finite(),
                p.rows.len() == 9,
                "{} rows so far: {v}",
                p.rows.len()
            );
        }
    }
    assert!(previews >= 9, "a preview per row at least: {previews}");
    let outcome = work.finish();
    let net = Mlp::new(&[8, 8]);
    let data = Dataset::generate(DataKind::Moons, 256, 0.1, 2);
    let start = net.init(2);
    for (run, plan) in outcome.runs.iter().zip(&experiment.runs) {
        let t = Training {
            net: &net,
            data: &data,
            start: &start,
            steps: 300,
            batch: plan.batch,
            seed: plan.seed,
        };
        assert_eq!(*run, t.run(&plan.optimizer));
    }
    assert_eq!(outcome.values.len(), 9);
    assert_eq!(outcome.slice_losses.len(), 2);
}

/// The decision map's probabilities agree with the accuracy the training records, and its window
/// holds every point.
#[test]
fn probabilities_classify_as_the_accuracy_counts_and_the_map_holds_the_data() {
    let (net, data, runs) = on_moons(200, &[with_lr(OptimizerKind::Adam, 0.01)]);
    let w = runs[0].weights.last().expect("iterates");
    let p = net.probabilities(w, data.x.iter().copied());
    let right = p
        .iter()
        .zip(&data.y)
        .filter(|(p, y)| (**p > 0.5) == (**y > 0.5))
        .count();
    let recorded = *runs[0].accuracy.last().expect("iterates");
    assert_eq!(right as f64 / data.len() as f64, recorded);
    assert!(p.iter().all(|p| (0.0..=1.0).contains(p)));
    let [x0, x1, y0, y1] = data.bounds();
    assert!((x1 - x0 - (y1 - y0)).abs() < 1e-12, "a square");
    for q in &data.x {
        assert!(
            x0 < q[0] && q[0] < x1 && y0 < q[1] && q[1] < y1,
            "{q:?} outside"
        );
    }
}
