//! A typed expression's f and ∇f at every pixel of a 128×128 grid: Rosenbrock as typed, and one of the
//! longest expressions accepted (44 operations). This is the cost a custom surface adds to each
//! landscape sample and each step.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use optiscape::V2;
use optiscape::sim::Surface;

const SIDE: usize = 128;

fn expressions(c: &mut Criterion) {
    let long = (0..9)
        .map(|k| format!("sqrt(x^2+{k})*y"))
        .collect::<Vec<_>>()
        .join("+");
    let mut group = c.benchmark_group("expr");
    group.throughput(Throughput::Elements((SIDE * SIDE) as u64));
    for (name, text) in [
        ("rosenbrock", "(1-x)^2 + 100*(y-x^2)^2".to_owned()),
        (
            "trig_abs",
            "sin(3*x)*cos(2*y) + abs(x-y) + exp(-x^2)".to_owned(),
        ),
        ("44_operations", long),
    ] {
        let Ok(surface) = Surface::custom(&text) else {
            panic!("{name} parses");
        };
        group.bench_function(format!("{name}_128x128"), |b| {
            b.iter(|| {
                let mut sum = 0.0;
                for i in 0..SIDE {
                    for j in 0..SIDE {
                        let p = V2::new(i as f64 / 40.0 - 1.6, j as f64 / 40.0 - 1.6);
                        let (f, g) = black_box(&surface).value_grad(p);
                        sum += f + g.x + g.y;
                    }
                }
                black_box(sum)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, expressions);
criterion_main!(benches);
