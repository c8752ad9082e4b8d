//! Export speed on the reference scene (`presets/reference-scene.ron`: Rosenbrock on [−2, 2]×[−1, 3],
//! eight runs of 5,000 steps from (−1.5, 2), 1600×1000 pixels):
//! - the PNG, whole process from start to file written (the release binary is run);
//! - the animated GIF of 100 frames, in process.

use std::path::Path;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::render::encode;
use optiscape::render::scene::Scene;

fn export(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let preset = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/reference-scene.ron");
    let png = dir.path().join("reference.png");
    let gif = dir.path().join("reference.gif");
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.bench_function("png_reference_scene_whole_process", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_optiscape"))
                .arg("render")
                .arg(&preset)
                .arg("-o")
                .arg(&png)
                .status()
                .expect("the binary runs");
            assert!(status.success());
        })
    });
    let scenario = optiscape::files::load(&preset).expect("the reference scene loads");
    group.sample_size(10);
    group.bench_function("gif_reference_scene_100_frames", |b| {
        b.iter(|| {
            let scene = Scene::new(&scenario, 1600, 1000).expect("a scene");
            encode::write_gif(
                &scene as &dyn optiscape::render::Frames,
                100,
                20.0,
                &gif,
                &|_, _| true,
            )
            .expect("written");
        })
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
