//! The network's budgets: a 41 × 41 slice over 256 samples, and 12 optimizers each training the
//! 2 → 8 → 8 → 1 network for 1,000 full-batch steps on both cores; and the PCA plane through 300
//! iterates of a 4,417-weight network (by their Gram matrix), with the cost model's estimate printed
//! beside it (`optiscape::cost`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::sim::net::plane::{Plane, grid, slice};
use optiscape::sim::net::{DataKind, Dataset, Mlp, Training};
use optiscape::sim::{Optimizer, OptimizerKind};
use rayon::prelude::*;

fn net(c: &mut Criterion) {
    let mlp = Mlp::new(&[8, 8]);
    let data = Dataset::generate(DataKind::Moons, 256, 0.1, 1);
    let start = mlp.init(1);
    let training = |steps| Training {
        net: &mlp,
        data: &data,
        start: &start,
        steps,
        batch: None,
        seed: 1,
    };
    let optimizers: Vec<Optimizer> = OptimizerKind::all().take(12).map(Optimizer::new).collect();
    let runs: Vec<_> = optimizers[..2]
        .iter()
        .map(|o| training(200).run(o))
        .collect();
    let all: Vec<&[Vec<f64>]> = runs.iter().map(|r| r.weights.as_slice()).collect();
    let centre = runs[0].weights.last().expect("steps").clone();
    let plane = Plane::pca(&all, &centre);
    let (xs, ys) = (grid(-5.0, 5.0, 41), grid(-5.0, 5.0, 41));
    let mut group = c.benchmark_group("net");
    group.sample_size(10);
    group.bench_function("slice_41x41_256_samples", |b| {
        b.iter(|| black_box(slice(&mlp, &data, &plane, &xs, &ys)))
    });
    group.bench_function("train_12_optimizers_1000_steps", |b| {
        b.iter(|| {
            let t = training(1000);
            let runs: Vec<_> = optimizers.par_iter().map(|o| t.run(o)).collect();
            black_box(runs.len())
        })
    });
    let wide = Mlp::new(&[64, 64]);
    let iterates: Vec<Vec<f64>> = (0..300).map(|k| wide.init(k)).collect();
    let centre = iterates[0].clone();
    eprintln!(
        "net/pca_300_iterates_4417_weights: estimated {} of one core",
        optiscape::cost::duration(optiscape::cost::pca(300, wide.params()))
    );
    group.bench_function("pca_300_iterates_4417_weights", |b| {
        b.iter(|| black_box(Plane::pca(&[&iterates], &centre)))
    });
    group.finish();
}

criterion_group!(benches, net);
criterion_main!(benches);
