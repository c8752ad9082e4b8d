//! Pictures with vectors, and SVG exports: arrows in the PNG where the display list puts them, an SVG
//! that parses as XML with its labels as `<text>`, its arrows as vector shapes and its field as one
//! embedded image, and the display list numbering its axes with `render::ticks`.

use std::path::Path;

use assert_cmd::Command;
use optiscape::preset;
use optiscape::render::Frames;
use optiscape::render::picture::{Item, Landscape, Theme};
use optiscape::render::resolve::Given;
use optiscape::render::scene::Scene;
use optiscape::render::ticks::axis_ticks;
use optiscape::scenario::{Vectors, palette};

fn optiscape() -> Command {
    Command::cargo_bin("optiscape").expect("built")
}

fn render(args: &[&str], out: &Path) {
    optiscape()
        .arg("render")
        .args(args)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

fn nesterov(w: u32, h: u32) -> Landscape {
    let scenario = optiscape::files::resolve("nesterov-lookahead").expect("built in");
    Landscape::new(&scenario, w, h, Given::NONE, Theme::DARK).expect("a landscape")
}

/// The arrow heads (polygons) of the layer "vectors": their corners and colour.
fn heads(items: &[Item]) -> Vec<(Vec<[f32; 2]>, [u8; 3])> {
    let mut inside = false;
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Group { name, .. } => inside = *name == "vectors",
            Item::End => inside = false,
            Item::Polygon { points, fill, .. } if inside => {
                out.push((points.clone(), [fill[0], fill[1], fill[2]]));
            }
            _ => {}
        }
    }
    out
}

fn decode_png(path: &Path) -> (u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    (info.width, buf)
}

#[test]
fn an_exported_png_shows_the_vectors_where_the_list_puts_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.png");
    render(
        &["nesterov-lookahead", "--step", "10", "--size", "1200x750"],
        &out,
    );
    let (w, data) = decode_png(&out);
    let list = nesterov(1200, 750).frame(10);
    let heads = heads(&list);
    // Momentum: its velocity (which is its step); Nesterov: jump, correction and step.
    assert_eq!(heads.len(), 4, "{heads:?}");
    // The same picture without vectors, to tell the arrows from what lies under them.
    let mut plain = optiscape::files::resolve("nesterov-lookahead").expect("built in");
    plain.display.vectors = Vectors::default();
    let plain = Scene::new(&plain, 1200, 750).expect("a scene").frame(10);
    let mut seen = Vec::new();
    for (corners, rgb) in &heads {
        let c = corners
            .iter()
            .fold([0.0, 0.0], |a, p| [a[0] + p[0] / 3.0, a[1] + p[1] / 3.0]);
        let (x, y) = (c[0].round() as u32, c[1].round() as u32);
        let i = (y as usize * w as usize + x as usize) * 3;
        let px = [data[i], data[i + 1], data[i + 2]];
        let under = plain.pixel(x, y).expect("inside");
        let under = [under.red(), under.green(), under.blue()];
        let differs = px.iter().zip(under).any(|(a, b)| a.abs_diff(b) > 40);
        assert!(
            differs,
            "{px:?} at the head {c:?} of a {rgb:?} arrow, {under:?} without"
        );
        if px.iter().zip(rgb).all(|(a, b)| a.abs_diff(*b) <= 30) {
            seen.push(*rgb);
        }
    }
    // Momentum's velocity shows whole; Nesterov's step, drawn last, ends where the correction does
    // (the triangle closes there), and its jump ends where the correction starts.
    assert!(
        seen.contains(&palette::VECTOR_BLUE) && seen.contains(&palette::VECTOR_GREEN),
        "{seen:?}"
    );
}

#[test]
fn a_lone_gradient_arrow_is_red_at_its_head() {
    let text = r##"(
        surface: (name: "quadratic", params: {"kappa": 4.0, "theta": 0.0}),
        view: (x: (-3.0, 3.0), y: (-3.0, 3.0)),
        steps: 5,
        display: (markers: false, isolines: 0, vectors: (gradient: true)),
        runs: [(optimizer: (name: "sgd", lr: 0.1), start: (-2.0, 2.0), color: "#ffffff")],
    )"##;
    let dir = tempfile::tempdir().unwrap();
    let (ron, out) = (dir.path().join("g.ron"), dir.path().join("g.png"));
    std::fs::write(&ron, text).unwrap();
    render(
        &[
            ron.to_str().expect("UTF-8"),
            "--step",
            "0",
            "--size",
            "800x600",
        ],
        &out,
    );
    let (w, data) = decode_png(&out);
    let scenario = preset::parse(text.as_bytes(), "test").expect("valid");
    let l = Landscape::new(&scenario, 800, 600, Given::NONE, Theme::DARK).expect("a landscape");
    let heads = heads(&l.frame(0));
    assert_eq!(heads.len(), 1);
    let (corners, rgb) = &heads[0];
    assert_eq!(*rgb, palette::VECTOR_RED);
    let c = corners
        .iter()
        .fold([0.0, 0.0], |a, p| [a[0] + p[0] / 3.0, a[1] + p[1] / 3.0]);
    let i = ((c[1].round() as usize) * w as usize + c[0].round() as usize) * 3;
    let px = [data[i], data[i + 1], data[i + 2]];
    assert!(
        px.iter().zip(rgb).all(|(a, b)| a.abs_diff(*b) <= 20),
        "{px:?} at the head {c:?}"
    );
    // −lr·∇f = (0.2, −0.8) from (−2, 2): right and down, in the plane as in the picture.
    let ball = l.project.apply(optiscape::sim::V2::new(-2.0, 2.0));
    assert!(
        c[0] > ball[0] && c[1] > ball[1],
        "{c:?} from the ball at {ball:?}"
    );
}

#[test]
fn an_svg_parses_with_its_labels_as_text_and_its_arrows_as_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.svg");
    render(
        &["nesterov-lookahead", "--step", "10", "--size", "1200x750"],
        &out,
    );
    let text = std::fs::read_to_string(&out).expect("written");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1200"));
    let layer = |id: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("g") && n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("a layer {id}"))
    };
    let texts = |id: &str| -> Vec<String> {
        layer(id)
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_owned())
            .collect()
    };
    let l = nesterov(1200, 750);
    let (p, f) = (l.layout.plot, l.layout.font);
    let spacing = f64::from(5.0 * f);
    let mut ticks: Vec<String> = axis_ticks(l.view.x[0], l.view.x[1], f64::from(p[2]), spacing)
        .into_iter()
        .chain(axis_ticks(
            l.view.y[0],
            l.view.y[1],
            f64::from(p[3]),
            spacing,
        ))
        .map(|t| t.label)
        .collect();
    assert!(ticks.len() >= 6, "{ticks:?}");
    ticks.extend(["x".to_owned(), "y".to_owned()]);
    assert_eq!(texts("axes"), ticks);
    assert_eq!(
        texts("legend"),
        ["Momentum (SGD + momentum, lr 0.02)", "Nesterov, lr 0.02"]
    );
    assert_eq!(texts("title"), ["Nesterov's look-ahead"]);
    let bar = texts("colour-bar");
    assert!(bar.len() >= 4 && bar[0] == "f", "{bar:?}");
    // The arrows: shafts as lines, heads as polygons, scale labels as text.
    let vectors = layer("vectors");
    let count = |tag: &str| {
        vectors
            .descendants()
            .filter(|n| n.has_tag_name(tag))
            .count()
    };
    assert_eq!(count("polygon"), 4);
    assert!(count("line") >= 8, "an outline and a shaft per arrow");
    assert!(texts("vectors").iter().all(|t| t.starts_with('×')));
    // One embedded image: the filled field.
    let images: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("image"))
        .collect();
    assert_eq!(images.len(), 1);
    let href = images[0].attribute("href").expect("an href");
    assert!(
        href.starts_with("data:image/png;base64,iVBORw0KGgo"),
        "a PNG"
    );
    assert!(
        layer("field")
            .descendants()
            .any(|n| n.has_tag_name("polyline")),
        "isolines"
    );
    assert!(
        layer("paths")
            .descendants()
            .any(|n| n.has_tag_name("polyline")),
        "paths"
    );
}

#[test]
fn a_3d_svg_embeds_the_block_with_title_and_legend_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.svg");
    render(&["zigzag-bowl", "--view", "3d", "--size", "480x320"], &out);
    let text = std::fs::read_to_string(&out).expect("written");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("image"))
            .count(),
        1
    );
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    let scenario = optiscape::files::resolve("zigzag-bowl").expect("built in");
    assert!(texts.contains(&scenario.title.as_str()), "{texts:?}");
    // The legend's lines and the axes' names are text too.
    let legend = texts.iter().filter(|t| t.contains(", lr ")).count();
    assert_eq!(legend, scenario.runs.iter().filter(|r| r.visible).count());
    for name in ["x", "y", "f"] {
        assert!(texts.contains(&name), "{name} in {texts:?}");
    }
}

#[test]
fn svg_is_one_picture_so_frames_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.svg");
    let assert = optiscape()
        .args(["render", "zigzag-bowl", "--frames", "5", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("an SVG is one picture"), "{err}");
    assert!(!out.exists());
}

#[test]
fn text_in_an_svg_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("amp.ron");
    std::fs::write(
        &ron,
        r#"(title: "a < b & \"c\"", runs: [(name: "<mine>", optimizer: (name: "sgd", lr: 0.1))])"#,
    )
    .unwrap();
    let out = dir.path().join("amp.svg");
    render(
        &[ron.to_str().expect("a UTF-8 path"), "--size", "400x300"],
        &out,
    );
    let text = std::fs::read_to_string(&out).expect("written");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"a < b & \"c\""), "{texts:?}");
    assert!(texts.contains(&"<mine> (SGD, lr 0.1)"), "{texts:?}");
}

/// The `<text>` elements of the layer `id` of an SVG document.
fn layer_texts(doc: &roxmltree::Document, id: &str) -> Vec<String> {
    let Some(layer) = doc
        .descendants()
        .find(|n| n.has_tag_name("g") && n.attribute("id") == Some(id))
    else {
        panic!("a layer {id}")
    };
    layer
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn sweep_and_basin_pictures_write_svg_with_their_labels_as_text_in_either_theme() {
    use optiscape::render::{grid, svg};
    use optiscape::sim::surface::View;
    use optiscape::sim::sweep::{Axis, Basin, BasinMap, Metric, SweepResult};
    let sweep = SweepResult {
        x: Axis::parse("lr:1e-3:1e-1:3:log").expect("axis"),
        y: Axis::parse("momentum:0:0.9:2").expect("axis"),
        metric: Metric::FinalLoss,
        values: vec![
            vec![Some(1.0), None, Some(2.0)],
            vec![Some(0.1), Some(3.0), None],
        ],
    };
    let map = BasinMap {
        view: View::new(-1.0, 1.0, -1.0, 1.0),
        n: 2,
        minima: vec![optiscape::sim::V2::new(0.5, 0.5)],
        cells: vec![Basin::Minimum { index: 0, steps: 3 }; 4],
        steps: 10,
    };
    let dir = tempfile::tempdir().unwrap();
    for (k, pic) in [
        grid::sweep_picture(&sweep, "a sweep <of> lr & momentum"),
        grid::basin_picture(&map, "basins"),
    ]
    .iter()
    .enumerate()
    {
        for dark in [true, false] {
            let list = grid::picture(pic, 900, 720, Theme { dark });
            let out = dir.path().join(format!("{k}-{dark}.svg"));
            svg::write(&list, &out).expect("written");
            let text = std::fs::read_to_string(&out).expect("read back");
            let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
            let bg = doc
                .descendants()
                .find(|n| n.has_tag_name("rect"))
                .and_then(|n| n.attribute("fill"));
            let want = if dark { "#1b1b1b" } else { "#f8f8f8" };
            assert_eq!(bg, Some(want));
            assert_eq!(layer_texts(&doc, "title"), [pic.title.as_str()]);
            assert_eq!(layer_texts(&doc, "axes"), list.texts_in("axes"));
            assert!(layer_texts(&doc, "axes").contains(&pic.x.label));
            // A heat map has room for the empty cells' line only; a basin map lists every entry.
            let shown = if pic.bar.is_some() {
                1
            } else {
                pic.legend.len()
            };
            let legend: Vec<&str> = pic.legend.iter().map(|(s, _)| s.as_str()).collect();
            assert_eq!(layer_texts(&doc, "legend"), legend[..shown]);
            let images = doc.descendants().filter(|n| n.has_tag_name("image"));
            assert_eq!(images.count(), 1, "the cells, once");
        }
    }
    let basins = grid::picture(&grid::basin_picture(&map, "b"), 900, 720, Theme::DARK);
    let doc_text = svg::to_string(&basins);
    let doc = roxmltree::Document::parse(&doc_text).expect("well-formed XML");
    let marker_lines = doc
        .descendants()
        .find(|n| n.has_tag_name("g") && n.attribute("id") == Some("markers"))
        .map(|g| g.descendants().filter(|n| n.has_tag_name("line")).count());
    assert_eq!(marker_lines, Some(6), "one asterisk of three cased arms");
}

#[test]
fn a_tuning_chart_writes_svg_with_its_labels_as_text() {
    use optiscape::render::curves::{Chart, Curve, picture};
    use optiscape::render::svg;
    let chart = Chart {
        title: "tuning".to_owned(),
        x_label: "learning rate".to_owned(),
        y_label: "steps to tolerance".to_owned(),
        x_log: true,
        y_log: false,
        curves: vec![Curve {
            label: "Adam: lr 0.01, 40 steps".to_owned(),
            rgb: [230, 80, 40],
            points: vec![(1e-3, Some(400.0)), (1e-2, Some(40.0)), (1e-1, None)],
            mark: Some((1e-2, 40.0)),
        }],
        legend: true,
    };
    let list = picture(&chart, 900, 720, Theme { dark: false });
    let doc_text = svg::to_string(&list);
    let doc = roxmltree::Document::parse(&doc_text).expect("well-formed XML");
    assert_eq!(layer_texts(&doc, "title"), ["tuning"]);
    let axes = layer_texts(&doc, "axes");
    for label in [
        "0.001",
        "0.01",
        "0.1",
        "learning rate",
        "steps to tolerance",
    ] {
        assert!(axes.iter().any(|t| t == label), "{label} in {axes:?}");
    }
    assert_eq!(layer_texts(&doc, "legend"), ["Adam: lr 0.01, 40 steps"]);
}

#[test]
fn sweep_basins_and_tune_write_svg_and_the_light_theme_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<&str>, &[&str]); 3] = [
        (
            "sweep",
            vec![
                "zigzag-bowl",
                "--x",
                "lr:0.001:0.1:8:log",
                "--y",
                "momentum:0:0.9:6",
            ],
            &["lr", "momentum", "0.01"],
        ),
        (
            "basins",
            vec!["himmelblau-four-minima", "--grid", "16"],
            &["start x", "start y", "minimum (3, 2)"],
        ),
        (
            "tune",
            vec!["zigzag-bowl", "--lr", "1e-3:1:7"],
            &["learning rate"],
        ),
    ];
    for (command, args, labels) in cases {
        for (theme, background) in [("dark", "#1b1b1b"), ("light", "#f8f8f8")] {
            let out = dir.path().join(format!("{command}-{theme}.svg"));
            optiscape()
                .arg(command)
                .args(&args)
                .args(["--theme", theme, "--size", "800x600", "-o"])
                .arg(&out)
                .assert()
                .success();
            let text = std::fs::read_to_string(&out).unwrap();
            let doc = roxmltree::Document::parse(&text).expect("the SVG is XML");
            let texts: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            for label in labels {
                assert!(
                    texts.contains(label),
                    "{command} {theme}: {label} in {texts:?}"
                );
            }
            let first_rect = doc
                .descendants()
                .find(|n| n.has_tag_name("rect"))
                .and_then(|n| n.attribute("fill"));
            assert_eq!(first_rect, Some(background), "{command} {theme}");
        }
    }
}
