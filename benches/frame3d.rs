//! CPU time of one window frame of the 3-D view while 16 runs of 10,000 steps play, in a window of
//! 2560×1600 pixels (and 1280×800, to see the size make no difference): egui's layout and tessellation, the chrome, and the GPU frame's preparation
//! (trail and ball buffers; the surface's are kept). The GL driver's work is not in it: headless,
//! the paint callback is never run. Beside it, the same frame with the block drawn on the CPU into
//! a texture, as a window without a GL context draws it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::app::OptiscapeApp;

mod common;

/// The window's allocator (`src/main.rs`), so the frame allocates as the app does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn playing(gl: bool, size: [f32; 2]) -> (egui::Context, OptiscapeApp) {
    let ctx = egui::Context::default();
    optiscape::app::look::install(&ctx);
    let mut scenario = common::loaded_scenario();
    scenario.display.view_3d = true;
    // Ten steps a frame, so the whole run plays in the benchmark.
    scenario.animation.speed = 600.0;
    let mut app = OptiscapeApp::new(scenario);
    app.set_gl(gl);
    app.recompute_all();
    // Warm up: fonts, layout caches, the mesh (built in the background) and the GPU's buffers.
    for _ in 0..200 {
        let _ = ctx.run_ui(common::input(size[0], size[1]), |ui| app.show(ui));
        if app.computed.background().is_none() && app.view.central_rect.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    app.playback.playing = true;
    (ctx, app)
}

fn frame(c: &mut Criterion, name: &str, gl: bool, size: [f32; 2]) {
    let (ctx, mut app) = playing(gl, size);
    c.bench_function(name, |b| {
        b.iter(|| {
            // A frame of playback: the balls move on (and start again at the end).
            app.tick(1.0 / 60.0);
            if !app.playback.playing {
                app.playback.restart();
                app.playback.playing = true;
            }
            let output = ctx.run_ui(common::input(size[0], size[1]), |ui| app.show(ui));
            let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
            black_box(primitives.len())
        })
    });
}

fn frames(c: &mut Criterion) {
    let (large, small) = ([2560.0, 1600.0], [1280.0, 800.0]);
    frame(c, "frame3d/gpu_16x10000_playing_2560x1600", true, large);
    frame(c, "frame3d/gpu_16x10000_playing_1280x800", true, small);
    frame(
        c,
        "frame3d/cpu_texture_16x10000_playing_2560x1600",
        false,
        large,
    );
    frame(
        c,
        "frame3d/cpu_texture_16x10000_playing_1280x800",
        false,
        small,
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = frames
}
criterion_main!(benches);
