//! Steps per second of every optimizer on Rosenbrock: one run of 100,000 updates from (−1.5, 2),
//! gradient evaluation, loss of every iterate and the finiteness checks included.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use optiscape::sim::{Optimizer, OptimizerKind, RunSpec, Surface, SurfaceKind, V2};

const STEPS: usize = 100_000;

fn steps(c: &mut Criterion) {
    let mut group = c.benchmark_group("steps");
    group.throughput(Throughput::Elements(STEPS as u64));
    group.sample_size(20);
    for kind in OptimizerKind::all() {
        let spec = RunSpec::new(
            Surface::new(SurfaceKind::Rosenbrock),
            Optimizer::new(kind),
            V2::new(-1.5, 2.0),
            STEPS,
        );
        group.bench_function(kind.name(), |b| b.iter(|| black_box(&spec).run()));
    }
    group.finish();
}

criterion_group!(benches, steps);
criterion_main!(benches);
