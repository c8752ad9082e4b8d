//! The contour field of a 512×512 grid of Rosenbrock plus its isolines: sampling (rows on every core),
//! the log colour scale, and marching squares for 14 levels.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::sim::field::Field;
use optiscape::sim::surface::View;
use optiscape::sim::{Surface, SurfaceKind};

fn field(c: &mut Criterion) {
    let surface = Surface::new(SurfaceKind::Rosenbrock);
    let view = View::new(-2.0, 2.0, -1.0, 3.0);
    c.bench_function("field/512x512_with_isolines", |b| {
        b.iter(|| {
            let field = Field::sample(black_box(&surface), view, 512, 512);
            let scale = field.scale(true);
            let t = field.normalized(&scale);
            black_box(field.isolines(&t, &scale, 14))
        })
    });
}

criterion_group!(benches, field);
criterion_main!(benches);
