//! The real window under Xvfb (Mesa's software OpenGL) against the exported pictures of the same
//! scene at the same size, drawn on the CPU: the contour map is the export drawn with the window's
//! layout, pixel for pixel within 2 levels of 255 on average; the 3-D view's block lands on the same
//! pixels in the same colours, and playing the runs through uploads the surface once.
//!
//! Needs `xvfb-run` and Mesa (`apt-get install xvfb libgl1-mesa-dri`). Without them the test says so
//! and passes, unless `OPTISCAPE_WINDOW_TESTS=required` (as CI sets it), when it fails.

use std::path::Path;
use std::process::Command;

use optiscape::render::view3d::{self, Mesh};

fn decode_rgb(path: &Path) -> (usize, usize, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    (info.width as usize, info.height as usize, pixels)
}

fn have_xvfb() -> bool {
    Command::new("xvfb-run")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
}

/// Whether the window tests can run here; fails when they must (`OPTISCAPE_WINDOW_TESTS=required`).
fn can_open_windows() -> bool {
    if have_xvfb() {
        return true;
    }
    let required = std::env::var("OPTISCAPE_WINDOW_TESTS").is_ok_and(|v| v == "required");
    assert!(
        !required,
        "xvfb-run is missing: apt-get install xvfb libgl1-mesa-dri"
    );
    eprintln!("skipped: xvfb-run is missing (apt-get install xvfb libgl1-mesa-dri)");
    false
}

/// Opens the window on `preset` under Xvfb, asked to capture its view into `out`.
fn open_window(preset: &str, out: &Path) -> std::process::Output {
    let home = tempfile::tempdir().expect("a temporary directory");
    Command::new("timeout")
        .args(["300", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"])
        .arg(env!("CARGO_BIN_EXE_optiscape"))
        .args([preset, "--size", "1100x700", "--capture"])
        .arg(out)
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("xvfb-run runs")
}

/// Opens the window on `preset` under Xvfb and captures its view; returns what it printed.
fn capture(preset: &str, out: &Path) -> String {
    let output = open_window(preset, out);
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success() && out.exists(),
        "the window did not capture its view: {said}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    said
}

/// `optiscape render preset --size w×h … -o out` with the extra `args`.
fn render(preset: &str, w: usize, h: usize, args: &[&str], out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_optiscape"))
        .args(["render", preset, "--size"])
        .arg(format!("{w}x{h}"))
        .args(args)
        .arg("-o")
        .arg(out)
        .status()
        .expect("runs");
    assert!(status.success());
}

fn export(preset: &str, w: usize, h: usize, azimuth: Option<f64>, out: &Path) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_optiscape"));
    cmd.args(["render", preset, "--view", "3d", "--size"])
        .arg(format!("{w}x{h}"))
        .arg("-o")
        .arg(out);
    if let Some(a) = azimuth {
        cmd.arg(format!("--azimuth={a}"));
    }
    let status = cmd.status().expect("runs");
    assert!(status.success());
}

/// The pixels the surface covers in a `w × h` picture of `preset`, two pixels in from its edges
/// (where the two rasterisers may round an edge differently).
fn surface_mask(preset: &str, w: usize, h: usize) -> Vec<bool> {
    let scenario = optiscape::files::resolve(preset).expect("built in");
    let compiled = scenario.compile().expect("valid");
    let mesh = Mesh::of_scenario(&scenario, &compiled.surface);
    let bg = [1, 2, 3];
    let r = view3d::draw(
        &mesh,
        &scenario.display.camera,
        &[],
        0,
        w as u32,
        h as u32,
        bg,
    );
    let covered: Vec<bool> = r.rgba.chunks(4).map(|p| p[..3] != bg).collect();
    (0..w * h)
        .map(|i| {
            let (x, y) = ((i % w) as i64, (i / w) as i64);
            (-2..=2).all(|dy| {
                (-2..=2).all(|dx| {
                    let (u, v) = (x + dx, y + dy);
                    u >= 0
                        && v >= 0
                        && u < w as i64
                        && v < h as i64
                        && covered[v as usize * w + u as usize]
                })
            })
        })
        .collect()
}

/// Each pixel as the mean of the 5 × 5 around it: the two rasterisers may put a one-pixel line a
/// pixel apart, which is no difference to the eye.
fn blurred(w: usize, h: usize, p: &[[u8; 3]]) -> Vec<[f64; 3]> {
    (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            let mut sum = [0.0; 3];
            let mut n = 0.0;
            for v in y.saturating_sub(2)..(y + 3).min(h) {
                for u in x.saturating_sub(2)..(x + 3).min(w) {
                    for (s, c) in sum.iter_mut().zip(p[v * w + u]) {
                        *s += f64::from(c);
                    }
                    n += 1.0;
                }
            }
            sum.map(|s| s / n)
        })
        .collect()
}

/// The mean difference of the two pictures' colours over `mask`, in levels of 255.
fn mean_difference(w: usize, h: usize, a: &[[u8; 3]], b: &[[u8; 3]], mask: &[bool]) -> f64 {
    let (a, b) = (blurred(w, h, a), blurred(w, h, b));
    let (sum, n) = a.iter().zip(&b).zip(mask).filter(|(_, m)| **m).fold(
        (0.0, 0usize),
        |(s, n), ((p, q), _)| {
            let d: f64 = p.iter().zip(q).map(|(x, y)| (x - y).abs()).sum();
            (s + d / 3.0, n + 1)
        },
    );
    sum / n.max(1) as f64
}

#[test]
fn the_windows_gpu_view_matches_the_exported_picture() {
    if !can_open_windows() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let window = dir.path().join("window.png");
    let said = capture("valley-3d", &window);
    // Played from the start to the end: one upload of the surface and of the trails, whatever the
    // number of frames.
    assert!(said.contains("3-D view drawn by the GPU"), "{said}");
    assert!(
        said.contains("surface uploaded 1 times, trails 1 times"),
        "{said}"
    );
    let (w, h, win) = decode_rgb(&window);
    assert!(w > 300 && h > 200, "{w}×{h}");

    let exported = dir.path().join("export.png");
    export("valley-3d", w, h, None, &exported);
    let (ew, eh, exp) = decode_rgb(&exported);
    assert_eq!((ew, eh), (w, h));
    let mask = surface_mask("valley-3d", w, h);
    let covered = mask.iter().filter(|m| **m).count();
    assert!(
        covered > w * h / 10,
        "the surface covers a good part: {covered}"
    );
    let same = mean_difference(w, h, &win, &exp, &mask);

    let turned = dir.path().join("turned.png");
    export("valley-3d", w, h, Some(-60.0), &turned);
    let (_, _, other) = decode_rgb(&turned);
    let different = mean_difference(w, h, &win, &other, &mask);
    eprintln!("mean colour difference: same scene {same:.2}, turned camera {different:.2}");
    assert!(
        same < 6.0,
        "the window and the export differ by {same:.2} on average"
    );
    assert!(
        different > 3.0 * same.max(2.0),
        "a turned camera differs by only {different:.2}"
    );
}

#[test]
fn a_capture_that_cannot_be_saved_exits_1_saying_why() {
    if !can_open_windows() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("missing").join("view.png");
    let output = open_window("gd-bowl", &out);
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("cannot save") && err.contains("view.png"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn the_windows_contour_map_is_the_export_drawn_with_the_windows_layout() {
    if !can_open_windows() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let window = dir.path().join("window.png");
    capture("zigzag-bowl", &window);
    let (w, h, win) = decode_rgb(&window);
    assert!(w > 300 && h > 200, "{w}×{h}");
    let exported = dir.path().join("export.png");
    render("zigzag-bowl", w, h, &["--as-window"], &exported);
    let (ew, eh, exp) = decode_rgb(&exported);
    assert_eq!((ew, eh), (w, h));
    // The map: the plot of the window's layout, two pixels in from its frame.
    let p = optiscape::render::picture::window_layout(w as f32, h as f32).plot;
    let mask: Vec<bool> = (0..w * h)
        .map(|i| {
            let (x, y) = ((i % w) as f32, (i / w) as f32);
            x >= p[0] + 2.0 && x < p[0] + p[2] - 2.0 && y >= p[1] + 2.0 && y < p[1] + p[3] - 2.0
        })
        .collect();
    let same = mean_difference(w, h, &win, &exp, &mask);
    // The export's own layout (larger margins, a title) puts the map elsewhere: a real difference.
    let own = dir.path().join("own.png");
    render("zigzag-bowl", w, h, &[], &own);
    let (_, _, other) = decode_rgb(&own);
    let different = mean_difference(w, h, &win, &other, &mask);
    eprintln!(
        "mean colour difference over the map: window layout {same:.2}, export layout {different:.2}"
    );
    assert!(
        same <= 2.0,
        "the window and the export with its layout differ by {same:.2} on average"
    );
    assert!(
        different > 3.0 * same.max(1.0),
        "the export's own layout differs by only {different:.2}"
    );
}
