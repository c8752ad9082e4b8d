//! One headless frame of the 3-D view: the default mesh of Rosenbrock, shaded, with isolines and 16
//! runs of 10,000 steps (trails and balls), 1280×800 pixels, depth-tested on the CPU.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::render::view3d::{self, Mesh, Run3};
use optiscape::scenario::Camera;
use optiscape::sim::surface::View;
use optiscape::sim::{Optimizer, OptimizerKind, RunSpec, Surface, SurfaceKind, V2};

fn frame(c: &mut Criterion) {
    let surface = Surface::new(SurfaceKind::Rosenbrock);
    let view = View::new(-2.0, 2.0, -1.0, 3.0);
    let mesh = Mesh::new(&surface, view, true, view3d::MESH, 14);
    let trajectories: Vec<_> = (0..16)
        .map(|i| {
            let kind = OptimizerKind::all()
                .nth(i % OptimizerKind::COUNT)
                .expect("a kind");
            let mut spec = RunSpec::new(
                surface.clone(),
                Optimizer::new(kind),
                V2::new(-1.5 + 0.05 * i as f64, 2.0),
                10_000,
            );
            if kind == OptimizerKind::Adam {
                spec.optimizer = Optimizer::with_params(
                    kind,
                    &optiscape::sim::HyperParams::default().with("lr", 0.02),
                )
                .expect("valid");
            }
            spec.run()
        })
        .collect();
    let palette = optiscape::scenario::palette::DARK;
    let runs: Vec<Run3<'_>> = trajectories
        .iter()
        .enumerate()
        .map(|(i, t)| Run3 {
            rgb: palette[i % palette.len()],
            points: &t.points,
            losses: &t.losses,
        })
        .collect();
    let camera = Camera::default();
    c.bench_function("view3d/frame_16_runs_1280x800", |b| {
        b.iter(|| {
            black_box(view3d::draw(
                &mesh,
                &camera,
                &runs,
                usize::MAX,
                1280,
                800,
                [27, 27, 27],
            ))
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
