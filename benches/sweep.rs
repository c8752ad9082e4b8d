//! Many runs at once, on both cores: a 64×64 sweep of 2,000-step runs (momentum on Rosenbrock, lr ×
//! momentum) and a 256×256 basin map of 1,000-step runs (SGD on Himmelblau; runs stop once
//! ‖∇f‖ < 1e-6, as in the window, and once more with every run going all 1,000 steps); and a sweep
//! on about the costliest expression a custom surface accepts, with the cost model's estimate
//! printed beside it (`optiscape::cost`: the time measured should stay below the estimate, which is
//! of one core).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::cost;
use optiscape::sim::surface::View;
use optiscape::sim::sweep::{self, Axis, Metric};
use optiscape::sim::{HyperParams, Optimizer, OptimizerKind, RunSpec, Surface, SurfaceKind, V2};
use optiscape::work::Progress;

fn sweeps(c: &mut Criterion) {
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    let rosenbrock = Surface::new(SurfaceKind::Rosenbrock);
    let base = RunSpec::new(
        rosenbrock,
        Optimizer::new(OptimizerKind::Momentum),
        V2::new(-1.5, 2.0),
        2000,
    );
    let x = Axis::parse("lr:1e-5:1e-1:64:log").expect("valid");
    let y = Axis::parse("momentum:0:0.99:64").expect("valid");
    group.bench_function("sweep_64x64_2000_steps", |b| {
        b.iter(|| {
            let params = HyperParams::default();
            black_box(sweep::sweep(
                &base,
                OptimizerKind::Momentum,
                &params,
                &x,
                &y,
                Metric::FinalLoss,
                &Progress::default(),
            ))
        })
    });
    let himmelblau = Surface::new(SurfaceKind::Himmelblau);
    let sgd = Optimizer::with_params(OptimizerKind::Sgd, &HyperParams::default().with("lr", 0.01))
        .expect("valid");
    let base = RunSpec::new(himmelblau, sgd, V2::zeros(), 1000);
    let view = View::new(-5.0, 5.0, -5.0, 5.0);
    group.bench_function("basins_256x256_1000_steps", |b| {
        b.iter(|| black_box(sweep::basins(&base, view, 256, &Progress::default())))
    });
    // The same map with every run going the full 1,000 steps (a tolerance nothing reaches), as a
    // bound for surfaces where runs do not settle.
    let full = RunSpec {
        tol: Some(1e-300),
        ..base.clone()
    };
    group.bench_function("basins_256x256_1000_steps_no_early_stop", |b| {
        b.iter(|| black_box(sweep::basins(&full, view, 256, &Progress::default())))
    });
    group.finish();
}

/// A sweep at a hundredth of the budget, on 47 operations of function calls (Adam's lr × β₁).
fn at_the_budget(c: &mut Criterion) {
    let mut group = c.benchmark_group("budget");
    group.sample_size(10);
    let expr = ["cosh(tanh(x))"; 16].join("+");
    let surface = Surface::custom(&expr).expect("valid");
    let adam = Optimizer::new(OptimizerKind::Adam);
    let base = RunSpec::new(surface, adam, V2::new(0.5, 0.5), 1000);
    let x = Axis::parse("lr:1e-5:1e-1:16:log").expect("valid");
    let y = Axis::parse("beta1:0:0.99:16").expect("valid");
    let params = HyperParams::default();
    let plan = sweep::SweepPlan::new(
        &base,
        OptimizerKind::Adam,
        &params,
        &x,
        &y,
        Metric::FinalLoss,
    )
    .expect("within the budget");
    eprintln!(
        "budget/sweep_16x16_1000_steps_costliest_expression: estimated {} of one core ({:.1}% of the budget)",
        cost::duration(plan.cost()),
        100.0 * plan.cost() / cost::BUDGET
    );
    group.bench_function("sweep_16x16_1000_steps_costliest_expression", |b| {
        b.iter(|| {
            black_box(sweep::sweep(
                &base,
                OptimizerKind::Adam,
                &params,
                &x,
                &y,
                Metric::FinalLoss,
                &Progress::default(),
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, sweeps, at_the_budget);
criterion_main!(benches);
