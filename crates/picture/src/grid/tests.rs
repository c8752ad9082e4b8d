use super::*;
use crate::lod::Projection;
use optiscape_core::sim::V2;
use optiscape_core::sim::surface::View;
use optiscape_core::sim::surface::wells::Landmarks;
use optiscape_core::sim::sweep::{Axis, Metric};

fn sweep(metric: Metric) -> SweepResult {
    SweepResult {
        x: Axis::parse("lr:1e-3:1e-1:3:log").expect("axis"),
        y: Axis::parse("momentum:0:0.9:2").expect("axis"),
        metric,
        values: vec![
            vec![Some(1.0), Some(2.0), None],
            vec![None, Some(3.0), Some(0.5)],
        ],
    }
}

fn basins() -> BasinMap {
    let minimum = |index, steps| Basin::Minimum { index, steps };
    BasinMap {
        view: View::new(-1.0, 1.0, -1.0, 1.0),
        n: 2,
        minima: vec![V2::new(-0.5, 0.5), V2::new(0.5, -0.5)],
        cells: vec![
            minimum(0, 10),
            minimum(0, 90),
            minimum(1, 50),
            minimum(0, 80),
        ],
        steps: 100,
    }
}

/// The items of layer `name`.
fn layer<'a>(pic: &'a Picture, name: &str) -> Vec<&'a Item> {
    let mut inside = false;
    let mut out = Vec::new();
    for item in &pic.items {
        match item {
            Item::Group { name: n, .. } => inside = *n == name,
            Item::End => inside = false,
            item if inside => out.push(item),
            _ => {}
        }
    }
    out
}

/// Left, top, right and bottom of a text item.
fn text_box(item: &Item) -> Option<[f32; 4]> {
    match item {
        Item::Text {
            pos,
            size,
            anchor,
            text: s,
            ..
        } => Some(picture::text_box(*pos, *size, *anchor, s)),
        _ => None,
    }
}

/// Every point an item covers, roughly: a line's points widened by half its width, a rectangle's
/// corners, a text's box.
fn extents(item: &Item) -> Vec<[f32; 2]> {
    match item {
        Item::Line { points, width, .. } => points
            .iter()
            .flat_map(|p| {
                let d = width / 2.0;
                [[p[0] - d, p[1] - d], [p[0] + d, p[1] + d]]
            })
            .collect(),
        Item::Rect { rect, .. } | Item::Ramp { rect, .. } => {
            vec![[rect[0], rect[1]], [rect[0] + rect[2], rect[1] + rect[3]]]
        }
        Item::Image(image) => {
            let r = image.rect;
            vec![[r[0], r[1]], [r[0] + r[2], r[1] + r[3]]]
        }
        Item::Text { .. } => {
            text_box(item).map_or_else(Vec::new, |b| vec![[b[0], b[1]], [b[2], b[3]]])
        }
        Item::Circle { centre, radius, .. } => vec![
            [centre[0] - radius, centre[1] - radius],
            [centre[0] + radius, centre[1] + radius],
        ],
        Item::Polygon { points, .. } => points.clone(),
        Item::Group { .. } | Item::End => Vec::new(),
    }
}

#[test]
fn a_sweep_picture_names_its_metric_in_words() {
    for (metric, words) in [
        (Metric::FinalLoss, "final loss"),
        (Metric::StepsToTol, "steps to tolerance"),
    ] {
        let pic = sweep_picture(&sweep(metric), "t");
        let (_, label) = pic.bar.as_ref().expect("a colour bar");
        assert!(label.starts_with(words), "{label}");
        assert!(!label.contains('_'), "{label}");
        let list = picture(&pic, 900, 720, Theme::DARK);
        let bar = list.texts_in("colour-bar");
        assert!(bar.iter().any(|t| t.starts_with(words)), "{bar:?}");
    }
}

#[test]
fn every_tick_is_a_text_item_over_the_cell_of_its_value() {
    let pic = sweep_picture(&sweep(Metric::FinalLoss), "a sweep");
    let list = picture(&pic, 900, 720, Theme::DARK);
    let (f, plot) = layout(&pic, 900, 720);
    let texts = list.texts_in("axes");
    let xs = pic.x.spec(AXIS_SPACING).ticks(plot[2], f);
    let ys = pic.y.spec(Y_SPACING).ticks(plot[3], f);
    assert!(xs.len() >= 3 && ys.len() >= 2, "{xs:?} {ys:?}");
    for t in xs.iter().chain(&ys) {
        assert!(
            texts.contains(&t.label.as_str()),
            "{} in {texts:?}",
            t.label
        );
    }
    assert!(
        texts.contains(&"lr") && texts.contains(&"momentum"),
        "{texts:?}"
    );
    assert_eq!(list.texts_in("title"), vec!["a sweep"]);
    // The sweep ran lr 0.001, 0.01 and 0.1: the label 0.01 is over the middle column's centre.
    let middle = list.items.iter().find_map(|i| match i {
        Item::Text { pos, text, .. } if text == "0.01" => Some(pos[0]),
        _ => None,
    });
    let centre = plot[0] + plot[2] / 2.0;
    assert!(
        middle.is_some_and(|x| (x - centre).abs() < 0.5),
        "{middle:?} vs {centre}"
    );
}

#[test]
fn basin_minima_wear_the_landscapes_marker_and_swatches_are_their_cells_colours() {
    let pic = basin_picture(&basins(), "basins");
    for (label, swatch) in pic.legend.iter().take(2) {
        assert!(pic.colours.contains(swatch), "{label}: {swatch:?}");
    }
    assert_eq!(pic.legend[0].0, "minimum (-0.5, 0.5)");
    let list = picture(&pic, 900, 720, Theme::DARK);
    let (f, plot) = layout(&pic, 900, 720);
    // The landscape's markers for the same minima in the same rectangle.
    let marks = Landmarks {
        minima: basins().minima,
        wells: Vec::new(),
        saddles: Vec::new(),
    };
    let project = Projection::new([-1.0, 1.0, -1.0, 1.0], plot);
    let mut landscape = Vec::new();
    picture::markers(
        &mut landscape,
        &marks,
        |m| project.apply(m),
        plot,
        picture::unit_for(f),
    );
    let ours: Vec<Item> = layer(&list, "markers").into_iter().cloned().collect();
    assert_eq!(ours.len(), 12, "two asterisks of three arms, cased");
    assert_eq!(ours, landscape[1..landscape.len() - 1]);
    assert_eq!(
        list.texts_in("legend"),
        pic.legend
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_painted_marker_has_the_landscapes_horizontal_arm() {
    let pic = basin_picture(&basins(), "basins");
    let pix = draw(&pic, 900, 720).expect("a picture");
    let (f, plot) = layout(&pic, 900, 720);
    let r = 9.0 * picture::unit_for(f);
    let centre = [plot[0] + 0.25 * plot[2], plot[1] + 0.25 * plot[3]];
    let white = |dx: f32, dy: f32| {
        let p = pix.pixel((centre[0] + dx) as u32, (centre[1] + dy) as u32);
        p.is_some_and(|p| p.red() > 200 && p.green() > 200 && p.blue() > 200)
    };
    // Arms at 0°, 60° and 120°; none straight up.
    let (s, c) = 60f32.to_radians().sin_cos();
    assert!(white(0.7 * r, 0.0) && white(-0.7 * r, 0.0));
    assert!(white(0.7 * r * c, 0.7 * r * s) && white(-0.7 * r * c, 0.7 * r * s));
    assert!(!white(0.0, -0.7 * r) && !white(0.0, 0.7 * r));
}

#[test]
fn the_light_theme_is_light_with_dark_text_and_the_dark_dark() {
    let luma = |c: [u8; 3]| (u32::from(c[0]) + u32::from(c[1]) + u32::from(c[2])) / 3;
    for pic in [
        sweep_picture(&sweep(Metric::StepsToTol), "sweep"),
        basin_picture(&basins(), "basins"),
    ] {
        for dark in [false, true] {
            let list = picture(&pic, 900, 720, Theme { dark });
            assert_eq!(list.background, Theme { dark }.background());
            assert_eq!(luma(list.background) < 128, dark);
            let inks: Vec<[u8; 3]> = list
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { rgb, .. } => Some(*rgb),
                    _ => None,
                })
                .collect();
            assert!(inks.len() > 8, "{inks:?}");
            assert!(inks.iter().all(|&c| (luma(c) > 128) == dark), "{inks:?}");
            let pix = draw_themed(&pic, 900, 720, Theme { dark }).expect("a picture");
            let corner = pix.pixel(2, 2).expect("a pixel");
            assert_eq!(
                [corner.red(), corner.green(), corner.blue()],
                list.background
            );
        }
    }
}

/// Fails unless every item of `list` lies inside the picture and no two texts overlap.
pub(crate) fn assert_legible(list: &Picture) {
    let (w, h) = (list.width as f32, list.height as f32);
    for p in list.items.iter().flat_map(extents) {
        let inside = (0.0..=w).contains(&p[0]) && (0.0..=h).contains(&p[1]);
        assert!(inside, "{p:?} outside {w}×{h}");
    }
    let boxes: Vec<([f32; 4], &Item)> = list
        .items
        .iter()
        .filter_map(|i| text_box(i).map(|b| (b, i)))
        .collect();
    for (k, (a, ia)) in boxes.iter().enumerate() {
        for (b, ib) in &boxes[k + 1..] {
            let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
            assert!(apart, "{ia:?} overlaps {ib:?} at {w}×{h}");
        }
    }
}

#[test]
fn nothing_is_outside_the_picture_and_no_two_texts_overlap() {
    let long = "Rosenbrock: final loss of SGD with momentum over lr × momentum";
    for (w, h) in [(900, 720), (1600, 1000), (640, 480)] {
        for pic in [
            sweep_picture(&sweep(Metric::FinalLoss), long),
            sweep_picture(&sweep(Metric::StepsToTol), long),
            basin_picture(&basins(), long),
        ] {
            assert_legible(&picture(&pic, w, h, Theme::DARK));
        }
    }
}

#[test]
fn painted_cells_are_the_cells_cell_at_finds() {
    let pic = sweep_picture(&sweep(Metric::FinalLoss), "sweep");
    let (w, h) = (900, 720);
    let pix = draw(&pic, w, h).expect("a picture");
    let (_, plot) = layout(&pic, w, h);
    let mut seen = 0;
    for fy in [0.01, 0.3, 0.49, 0.51, 0.7, 0.99] {
        for fx in [0.01, 0.2, 0.34, 0.5, 0.66, 0.8, 0.99] {
            let (x, y) = (plot[0] + fx * plot[2], plot[1] + fy * plot[3]);
            let (col, row) = cell_at(&pic, w, h, x + 0.5, y + 0.5).expect("a cell");
            let p = pix.pixel(x as u32, y as u32).expect("a pixel");
            assert_eq!(
                [p.red(), p.green(), p.blue()],
                pic.colours[row * pic.nx + col],
                "at {fx}, {fy}"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 42);
    assert_eq!(cell_at(&pic, w, h, plot[0] - 1.0, plot[1] + 1.0), None);
}

#[test]
fn a_sweep_axis_reaches_half_a_cell_beyond_its_end_values() {
    let (lo, hi) = cell_edges(1e-3, 1e-1, 3, true);
    assert!((lo - 1e-3 / 10f64.sqrt()).abs() < 1e-12 && (hi - 1e-1 * 10f64.sqrt()).abs() < 1e-12);
    assert_eq!(cell_edges(0.0, 0.9, 4, false), (-0.15, 1.05));
    assert_eq!(cell_edges(0.5, 0.5, 1, false), (0.5, 0.5));
}
