//! Exported pictures: sizes and frame counts as asked, colours where they must be, and clean failures.

use std::path::Path;

use assert_cmd::Command;
use optiscape::preset;
use optiscape::render::scene::Scene;
use optiscape::sim::V2;
use optiscape::sim::field::viridis;

fn optiscape() -> Command {
    Command::cargo_bin("optiscape").expect("built")
}

fn decode_png(path: &Path) -> (u32, u32, Vec<u8>, png::ColorType) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf, info.color_type)
}

#[test]
fn a_png_has_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bowl.png");
    optiscape()
        .args(["render", "zigzag-bowl", "-o"])
        .arg(&out)
        .args(["--size", "640x400"])
        .assert()
        .success();
    let (w, h, data, color) = decode_png(&out);
    assert_eq!((w, h), (640, 400));
    assert_eq!(color, png::ColorType::Rgb);
    assert_eq!(data.len(), 640 * 400 * 3);
}

#[test]
fn a_gif_has_the_requested_frame_count() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("saddle.gif");
    optiscape()
        .args(["render", "saddle-momentum-escapes", "-o"])
        .arg(&out)
        .args(["--frames", "12", "--fps", "10", "--size", "320x240"])
        .assert()
        .success();
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&out).unwrap())
        .expect("a GIF");
    assert_eq!((decoder.width(), decoder.height()), (320, 240));
    let mut frames = 0;
    while let Some(frame) = decoder.read_next_frame().expect("frames decode") {
        assert_eq!(frame.delay, 10, "10 fps is 10 centiseconds a frame");
        frames += 1;
    }
    assert_eq!(frames, 12);
}

#[test]
fn an_animated_png_has_the_requested_frame_count() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.apng", "b.png"] {
        let out = dir.path().join(name);
        optiscape()
            .args(["render", "rprop-signs", "-o"])
            .arg(&out)
            .args(["--frames", "5", "--size", "200x160"])
            .assert()
            .success();
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()));
        let reader = decoder.read_info().expect("a PNG");
        let control = reader.info().animation_control().expect("animated");
        assert_eq!(control.num_frames, 5);
    }
}

/// The RGB at a pixel of an RGB buffer.
fn at(data: &[u8], w: u32, p: [f32; 2]) -> [u8; 3] {
    let i = ((p[1].round() as usize) * w as usize + p[0].round() as usize) * 3;
    [data[i], data[i + 1], data[i + 2]]
}

fn close(a: [u8; 3], b: [u8; 3], tol: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (i32::from(*x) - i32::from(y)).abs() <= tol)
}

#[test]
fn colours_at_the_minimum_and_along_a_path() {
    // The bowl with its marker off: the minimum is the darkest colour of the map; a long straight
    // first step of SGD is drawn in the run's colour.
    let text = r##"(
        surface: (name: "quadratic", params: {"kappa": 4.0, "theta": 0.0}),
        view: (x: (-3.0, 3.0), y: (-3.0, 3.0)),
        steps: 1,
        display: (markers: false, isolines: 0),
        runs: [(optimizer: (name: "sgd", lr: 0.1), start: (-2.0, 2.0), color: "#ff0000")],
    )"##;
    let scenario = preset::parse(text.as_bytes(), "test").expect("valid");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("path.png");
    std::fs::write(dir.path().join("path.ron"), text).unwrap();
    optiscape()
        .arg("render")
        .arg(dir.path().join("path.ron"))
        .arg("-o")
        .arg(&out)
        .args(["--size", "800x600"])
        .assert()
        .success();
    let (w, _, data, _) = decode_png(&out);
    let scene = Scene::new(&scenario, 800, 600).expect("scene");
    let minimum = at(&data, w, scene.pixel(V2::new(0.0, 0.0)));
    assert!(
        close(minimum, viridis(0.0), 6),
        "{minimum:?} at the minimum"
    );
    // SGD's first step from (−2, 2): g = (−2, 8)·… here f = ½(x² + 4y²), g = (−2, 8), x₁ = (−1.8, 1.2).
    let mid = scene.pixel(V2::new(-1.9, 1.6));
    assert!(
        close(at(&data, w, mid), [255, 0, 0], 10),
        "{:?} on the path",
        at(&data, w, mid)
    );
    let far = scene.pixel(V2::new(2.0, -2.0));
    assert!(
        !close(at(&data, w, far), [255, 0, 0], 60),
        "the path colour stays on the path"
    );
}

#[test]
fn a_bad_preset_fails_with_exit_1_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(runs: [(optimizer: (name: \"adam\", lr: 0))])").unwrap();
    let out = dir.path().join("out.png");
    let assert = optiscape()
        .arg("render")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("bad.ron") && err.contains("runs[0].optimizer.lr"),
        "{err}"
    );
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    optiscape()
        .args(["render", "no-such-preset", "-o"])
        .arg(&out)
        .assert()
        .code(1);
}

#[test]
fn an_unwritable_output_fails_with_exit_1_and_leaves_the_old_file_a_bad_name_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder/out.png");
    let assert = optiscape()
        .args(["render", "zigzag-bowl", "-o"])
        .arg(&missing)
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("cannot write"));
    // A directory where the file should go: the directory stays, nothing else appears.
    let target = dir.path().join("taken.png");
    std::fs::create_dir(&target).unwrap();
    optiscape()
        .args(["render", "zigzag-bowl", "-o"])
        .arg(&target)
        .assert()
        .code(1);
    assert!(target.is_dir());
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file left: {entries:?}");
    optiscape()
        .args(["render", "zigzag-bowl", "-o"])
        .arg(dir.path().join("x.jpg"))
        .assert()
        .code(2);
    optiscape()
        .args(["render", "zigzag-bowl", "-o", "x.png", "--size", "5x5"])
        .assert()
        .code(2);
}

#[test]
fn the_3d_view_renders_and_checks_its_angles() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bowl3d.png");
    optiscape()
        .args(["render", "zigzag-bowl", "-o"])
        .arg(&out)
        .args([
            "--view",
            "3d",
            "--azimuth",
            "-30",
            "--elevation",
            "50",
            "--size",
            "480x320",
        ])
        .assert()
        .success();
    let (w, h, data, _) = decode_png(&out);
    assert_eq!((w, h), (480, 320));
    // The surface covers the middle; the corners show the background.
    let centre = at(&data, w, [240.0, 160.0]);
    assert_ne!(centre, [27, 27, 27]);
    assert_eq!(at(&data, w, [2.0, 318.0]), [27, 27, 27]);
    let err = optiscape()
        .args(["render", "zigzag-bowl", "-o"])
        .arg(dir.path().join("x.png"))
        .args(["--view", "3d", "--elevation", "120"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&err.get_output().stderr).contains("--elevation"));
    optiscape()
        .args(["render", "zigzag-bowl", "-o", "x.png", "--azimuth", "10"])
        .assert()
        .code(2);
}

#[test]
fn the_light_theme_is_light_and_the_dark_dark() {
    let dir = tempfile::tempdir().unwrap();
    for (theme, background) in [("dark", [27, 27, 27]), ("light", [248, 248, 248])] {
        let out = dir.path().join(format!("{theme}.png"));
        optiscape()
            .args([
                "render", "gd-bowl", "--size", "320x240", "--theme", theme, "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        let (w, h, data, color) = decode_png(&out);
        let channels = if color == png::ColorType::Rgba { 4 } else { 3 };
        // The bottom-left corner is outside the plot: the background.
        let at = ((h - 2) * w + 2) as usize * channels;
        assert_eq!(data[at..at + 3], background, "{theme}");
    }
    optiscape()
        .args(["render", "gd-bowl", "--theme", "sepia", "-o", "x.png"])
        .assert()
        .code(2);
}

/// `--layout side-by-side`: one small map per run, as the window's View → Side by side draws them,
/// in PNG (each run's path only in its own cell), SVG (a title per cell, as text) and GIF.
#[test]
fn side_by_side_gives_each_run_its_own_map_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (png, svg, gif) = (
        dir.path().join("s.png"),
        dir.path().join("s.svg"),
        dir.path().join("s.gif"),
    );
    for (out, extra) in [
        (&png, &[][..]),
        (&svg, &[][..]),
        (&gif, &["--frames", "3"][..]),
    ] {
        optiscape()
            .args(["render", "nesterov-lookahead", "--layout", "side-by-side"])
            .args(["--size", "1200x500", "-o"])
            .arg(out)
            .args(extra)
            .assert()
            .success();
    }
    let scenario = optiscape::files::resolve("nesterov-lookahead").expect("built in");
    let side = optiscape::render::picture::SideBySide::new(
        &scenario,
        1200,
        500,
        optiscape::render::resolve::Given::NONE,
        optiscape::render::picture::Theme::DARK,
    )
    .expect("a grid");
    assert_eq!(side.cells.len(), 2);
    // Each run's colour at its own ball, in its own cell; the other cell has no such ball.
    let (w, _, data, _) = decode_png(&png);
    for (k, (origin, cell)) in side.cells.iter().enumerate() {
        let run = &cell.runs[0];
        let ball = cell
            .project
            .apply(*run.trajectory.points.last().expect("a path"));
        let px = at(&data, w, [ball[0] + origin[0], ball[1] + origin[1]]);
        assert!(
            close(px, run.rgb, 40),
            "cell {k}: {px:?} at its ball, not {:?}",
            run.rgb
        );
        let (o, other) = &side.cells[1 - k];
        let there = at(&data, w, [ball[0] + o[0], ball[1] + o[1]]);
        assert!(
            !close(there, run.rgb, 40) || other.runs[0].rgb == run.rgb,
            "cell {k}'s ball shows in the other cell"
        );
    }
    let text = std::fs::read_to_string(&svg).expect("written");
    for title in ["Momentum (SGD + momentum, lr 0.02)", "Nesterov, lr 0.02"] {
        assert!(text.contains(&format!(">{title}</text>")), "{title}");
    }
    let decoder = gif::DecodeOptions::new()
        .read_info(std::fs::File::open(&gif).unwrap())
        .expect("a GIF");
    assert_eq!((decoder.width(), decoder.height()), (1200, 500));
    optiscape()
        .args(["render", "nesterov-lookahead", "--layout", "side-by-side"])
        .args(["--view", "3d", "-o"])
        .arg(dir.path().join("x.png"))
        .assert()
        .failure();
}
