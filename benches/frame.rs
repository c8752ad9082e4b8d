//! CPU time of one UI frame while a learning-rate slider is dragged: 16 runs of 10,000 steps are all
//! recomputed, then the whole window is laid out and tessellated headless (no GPU).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::app::OptiscapeApp;

mod common;
use common::loaded_scenario;

fn input() -> egui::RawInput {
    common::input(1920.0, 1080.0)
}

fn frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    optiscape::app::look::install(&ctx);
    let mut app = OptiscapeApp::new(loaded_scenario());
    // Warm up: fonts, the field texture and layout caches, as after the window's first frames.
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    let mut lr = 1e-3;
    c.bench_function("frame/16x10000_slider_drag", |b| {
        b.iter(|| {
            // The slider moved: a new learning rate for one run, every run recomputed.
            lr = if lr > 2e-3 { 1e-3 } else { lr * 1.01 };
            app.scenario_mut().runs[0].optimizer.set_float("lr", lr);
            app.recompute_all();
            let output = ctx.run_ui(input(), |ui| app.show(ui));
            let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
            black_box(primitives.len())
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frame
}
criterion_main!(benches);
