//! Pictures of grids of runs: the heat map of a hyper-parameter sweep and the basin map, with axes,
//! a colour bar or a legend, and markers.

use tiny_skia::Pixmap;

use super::draw::{fill_rect, polyline};
use super::text::{self, Anchor};
use super::ticks::{self, Tick, bar_ticks, fmt_number};
use crate::sim::field::{Scale, viridis};
use crate::sim::sweep::{Basin, BasinMap, SweepResult};

const BACKGROUND: [u8; 3] = [27, 27, 27];
const TEXT: [u8; 3] = [210, 210, 210];
/// Cells whose run diverged or was not allowed.
pub const NONE_COLOUR: [u8; 3] = [120, 28, 28];
/// Runs that neither diverged nor reached a minimum.
pub const NOT_CONVERGED: [u8; 3] = [95, 95, 95];
/// One colour per minimum of a basin map (Paul Tol's bright scheme, colour-blind safe).
pub const BASIN_COLOURS: [[u8; 3]; 6] = [
    [68, 119, 170],
    [238, 102, 119],
    [34, 136, 51],
    [204, 187, 68],
    [102, 204, 238],
    [170, 51, 119],
];

/// One axis of a grid picture.
pub struct GridAxis {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub log: bool,
}

/// What the picture shows: `colours` are row-major with row 0 at the top.
pub struct GridPicture {
    pub title: String,
    pub x: GridAxis,
    pub y: GridAxis,
    pub nx: usize,
    pub ny: usize,
    pub colours: Vec<[u8; 3]>,
    /// A colour bar: its scale and label.
    pub bar: Option<(Scale, String)>,
    /// Legend entries (basins).
    pub legend: Vec<(String, [u8; 3])>,
    /// Points to mark, in axis units.
    pub markers: Vec<(f64, f64)>,
}

/// The sweep as a heat map (final loss on a log colour scale; steps linearly).
pub fn sweep_picture(r: &SweepResult, title: &str) -> GridPicture {
    let finite: Vec<f64> = r
        .values
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let (lo, hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let scale = Scale::new(r.metric == crate::sim::sweep::Metric::FinalLoss, lo, hi);
    let (nx, ny) = (r.x.count, r.y.count);
    // Rows come in ascending y; the picture's row 0 is the top.
    let colours = (0..ny)
        .rev()
        .flat_map(|row| {
            let values = &r.values[row];
            (0..nx).map(move |col| values.get(col).copied().flatten())
        })
        .map(|v| v.map_or(NONE_COLOUR, |v| viridis(scale.t(v))))
        .collect();
    let axis = |a: &crate::sim::sweep::Axis| GridAxis {
        label: a.name.clone(),
        min: a.min,
        max: a.max,
        log: a.log,
    };
    GridPicture {
        title: title.to_owned(),
        x: axis(&r.x),
        y: axis(&r.y),
        nx,
        ny,
        colours,
        bar: Some((scale, r.metric.title().to_owned())),
        legend: vec![("diverged / not allowed".to_owned(), NONE_COLOUR)],
        markers: Vec::new(),
    }
}

/// A basin's colour, darker the longer its run took.
fn basin_shade(index: usize, steps: usize, max_steps: usize) -> [u8; 3] {
    let base = BASIN_COLOURS[index % BASIN_COLOURS.len()];
    let f = 1.0 - 0.65 * (steps as f64 / max_steps.max(1) as f64).clamp(0.0, 1.0);
    base.map(|v| (f64::from(v) * f) as u8)
}

/// The basin map: a colour per minimum, darker where the run took longer.
pub fn basin_picture(map: &BasinMap, title: &str) -> GridPicture {
    let colours = map
        .cells
        .iter()
        .map(|c| match *c {
            Basin::Minimum { index, steps } => basin_shade(index, steps, map.steps),
            Basin::Diverged => [8, 8, 8],
            Basin::NotConverged => NOT_CONVERGED,
        })
        .collect();
    // Each basin's swatch is the shade of its typical cell (the median number of steps).
    let mut legend: Vec<(String, [u8; 3])> = map
        .minima
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut steps: Vec<usize> = map
                .cells
                .iter()
                .filter_map(|c| match *c {
                    Basin::Minimum { index, steps } if index == i => Some(steps),
                    _ => None,
                })
                .collect();
            steps.sort_unstable();
            let typical = steps.get(steps.len() / 2).copied().unwrap_or(0);
            (
                format!("minimum ({}, {})", fmt_number(m.x), fmt_number(m.y)),
                basin_shade(i, typical, map.steps),
            )
        })
        .collect();
    legend.push(("not converged".to_owned(), NOT_CONVERGED));
    legend.push(("diverged".to_owned(), [8, 8, 8]));
    GridPicture {
        title: title.to_owned(),
        x: GridAxis {
            label: "start x".to_owned(),
            min: map.view.x[0],
            max: map.view.x[1],
            log: false,
        },
        y: GridAxis {
            label: "start y".to_owned(),
            min: map.view.y[0],
            max: map.view.y[1],
            log: false,
        },
        nx: map.n,
        ny: map.n,
        colours,
        bar: None,
        legend,
        markers: map.minima.iter().map(|m| (m.x, m.y)).collect(),
    }
}

/// Ticks of an axis `length` pixels long: round numbers, or powers of ten on a log axis.
fn axis_ticks(a: &GridAxis, length: f32, spacing: f32) -> Vec<Tick> {
    let (length, spacing) = (f64::from(length), f64::from(spacing));
    if a.log {
        ticks::log_axis_ticks(a.min, a.max, length, spacing)
    } else {
        ticks::axis_ticks(a.min, a.max, length, spacing)
    }
}

/// Position along an axis in [0, 1].
fn frac(a: &GridAxis, v: f64) -> f32 {
    let f = if a.log {
        (v.ln() - a.min.ln()) / (a.max.ln() - a.min.ln())
    } else {
        (v - a.min) / (a.max - a.min)
    };
    if f.is_finite() { f as f32 } else { 0.5 }
}

/// The text size and the cells' rectangle (left, top, width, height) of a `width` × `height` picture.
pub fn layout(pic: &GridPicture, width: u32, height: u32) -> (f32, [f32; 4]) {
    let (w, h) = (width as f32, height as f32);
    // Text about 1.8% of the width, so it stays readable when the window shows the picture scaled down.
    let f = (h.min(w * 0.7) / 1000.0 * 26.0).clamp(9.0, 40.0);
    let legend_w = pic
        .legend
        .iter()
        .map(|(s, _)| text::width(s, f))
        .fold(0.0, f32::max)
        + 3.0 * f;
    let right = if pic.bar.is_some() {
        8.0 * f
    } else {
        legend_w + 1.5 * f
    };
    (
        f,
        [
            5.5 * f,
            2.4 * f,
            (w - 5.5 * f - right).max(8.0),
            (h - 2.4 * f - 4.0 * f).max(8.0),
        ],
    )
}

/// The cell (column, row from the top) under a pixel of the picture, if any.
pub fn cell_at(
    pic: &GridPicture,
    width: u32,
    height: u32,
    x: f32,
    y: f32,
) -> Option<(usize, usize)> {
    let (_, p) = layout(pic, width, height);
    let (fx, fy) = ((x - p[0]) / p[2], (y - p[1]) / p[3]);
    ((0.0..1.0).contains(&fx) && (0.0..1.0).contains(&fy))
        .then_some(((fx * pic.nx as f32) as usize, (fy * pic.ny as f32) as usize))
}

/// Draws the picture at `width` × `height`.
pub fn draw(pic: &GridPicture, width: u32, height: u32) -> Option<Pixmap> {
    let mut pix = Pixmap::new(width, height)?;
    pix.fill(tiny_skia::Color::from_rgba8(
        BACKGROUND[0],
        BACKGROUND[1],
        BACKGROUND[2],
        255,
    ));
    let (f, plot) = layout(pic, width, height);
    // The cells, nearest-cell scaled into the plot.
    let (x0, y0, pw, ph) = (
        plot[0] as usize,
        plot[1] as usize,
        plot[2] as usize,
        plot[3] as usize,
    );
    let stride = width as usize * 4;
    let data = pix.data_mut();
    for py in 0..ph {
        let row = (py * pic.ny / ph.max(1)).min(pic.ny.saturating_sub(1));
        for px in 0..pw {
            let col = (px * pic.nx / pw.max(1)).min(pic.nx.saturating_sub(1));
            let Some(c) = pic.colours.get(row * pic.nx + col) else {
                continue;
            };
            let i = (y0 + py) * stride + (x0 + px) * 4;
            if i + 3 < data.len() {
                data[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
            }
        }
    }
    let grey = [150, 150, 150, 255];
    let (l, t, r, b) = (plot[0], plot[1], plot[0] + plot[2], plot[1] + plot[3]);
    polyline(
        &mut pix,
        &[[l, t], [r, t], [r, b], [l, b], [l, t]],
        1.0,
        grey,
        None,
    );
    for t in axis_ticks(&pic.x, plot[2], 5.0 * f) {
        let x = l + frac(&pic.x, t.value) * plot[2];
        polyline(&mut pix, &[[x, b], [x, b + 6.0]], 1.0, grey, None);
        text::draw(&mut pix, &t.label, x, b + 8.0, f, TEXT, Anchor::CenterTop);
    }
    for t in axis_ticks(&pic.y, plot[3], 2.5 * f) {
        let y = b - frac(&pic.y, t.value) * plot[3];
        polyline(&mut pix, &[[l - 6.0, y], [l, y]], 1.0, grey, None);
        text::draw(&mut pix, &t.label, l - 9.0, y, f, TEXT, Anchor::RightCenter);
    }
    text::draw(
        &mut pix,
        &pic.x.label,
        l + plot[2] / 2.0,
        b + 1.4 * f + 8.0,
        f,
        TEXT,
        Anchor::CenterTop,
    );
    text::draw(
        &mut pix,
        &pic.y.label,
        0.3 * f,
        t - 0.3 * f,
        f,
        TEXT,
        Anchor::LeftBottom,
    );
    text::draw(
        &mut pix,
        &pic.title,
        l,
        0.4 * f,
        1.1 * f,
        [235, 235, 235],
        Anchor::LeftTop,
    );
    for &(mx, my) in &pic.markers {
        let (x, y) = (
            l + frac(&pic.x, mx) * plot[2],
            b - frac(&pic.y, my) * plot[3],
        );
        // The landscape's minimum marker: a six-pointed asterisk.
        for (width, rgba) in [(4.0, [0, 0, 0, 255]), (2.0, [255, 255, 255, 255])] {
            for a in [90.0f32, 30.0, 150.0] {
                let (s, c) = a.to_radians().sin_cos();
                let r = 8.0;
                let arm = [[x - r * c, y - r * s], [x + r * c, y + r * s]];
                polyline(&mut pix, &arm, width, rgba, None);
            }
        }
    }
    if let Some((scale, label)) = &pic.bar {
        let bx = r + 1.2 * f;
        let (bt, bh) = (t + 1.5 * f, plot[3] - 1.5 * f);
        for k in 0..bh as usize {
            let c = viridis(1.0 - k as f64 / bh.max(1.0) as f64);
            fill_rect(
                &mut pix,
                [bx, bt + k as f32, 1.1 * f, 1.0],
                [c[0], c[1], c[2], 255],
            );
        }
        let labels = bar_ticks(scale, label, f64::from(bh), f64::from(3.0 * f));
        // Above the cells, moved left as far as a long title needs.
        let title_x = bx.min(width as f32 - 0.3 * f - text::width(&labels.title, f));
        text::draw(
            &mut pix,
            &labels.title,
            title_x.max(0.0),
            t - 0.3 * f,
            f,
            TEXT,
            Anchor::LeftBottom,
        );
        if let Some(note) = &labels.note {
            // Below the row of x tick labels, so it is not read as one of them.
            text::draw(&mut pix, note, bx, b + 2.6 * f, f, TEXT, Anchor::LeftTop);
        }
        let edge = bx + 1.1 * f;
        for tick in &labels.ticks {
            // On a pixel's centre, so the one-pixel mark stays crisp.
            let y = (bt + bh * (1.0 - tick.t as f32)).floor() + 0.5;
            polyline(
                &mut pix,
                &[[edge - 0.25 * f, y], [edge + 0.3 * f, y]],
                1.0,
                [200, 200, 200, 255],
                None,
            );
            text::draw(
                &mut pix,
                &tick.label,
                edge + 0.65 * f,
                y,
                f,
                TEXT,
                Anchor::LeftCenter,
            );
        }
    }
    if pic.bar.is_some() {
        // Under a heat map there is room for one line: the colour of empty cells.
        if let Some((label, c)) = pic.legend.first() {
            fill_rect(&mut pix, [l, b + 2.6 * f, f, f], [c[0], c[1], c[2], 255]);
            text::draw(
                &mut pix,
                label,
                l + 1.4 * f,
                b + 3.1 * f,
                f,
                TEXT,
                Anchor::LeftCenter,
            );
        }
    } else {
        for (k, (label, c)) in pic.legend.iter().enumerate() {
            let (x, y) = (r + 1.2 * f, t + 0.5 * f + 1.4 * f * k as f32);
            fill_rect(&mut pix, [x, y, f, f], [c[0], c[1], c[2], 255]);
            text::draw(
                &mut pix,
                label,
                x + 1.4 * f,
                y + 0.5 * f,
                f,
                TEXT,
                Anchor::LeftCenter,
            );
        }
    }
    Some(pix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::V2;
    use crate::sim::surface::View;

    #[test]
    fn a_sweep_picture_names_its_metric_in_words() {
        use crate::sim::sweep::{Axis, Metric, SweepResult};
        for (metric, words) in [
            (Metric::FinalLoss, "final loss"),
            (Metric::StepsToTol, "steps to tolerance"),
        ] {
            let r = SweepResult {
                x: Axis::parse("lr:1e-3:1e-1:2:log").expect("axis"),
                y: Axis::parse("momentum:0:0.9:2").expect("axis"),
                metric,
                values: vec![vec![Some(1.0), Some(2.0)], vec![None, Some(3.0)]],
            };
            let pic = sweep_picture(&r, "t");
            let (_, label) = pic.bar.expect("a colour bar");
            assert!(label.starts_with(words), "{label}");
            assert!(!label.contains('_'), "{label}");
        }
    }

    #[test]
    fn basin_swatches_are_colours_of_their_cells_and_minima_wear_asterisks() {
        let minimum = |index, steps| Basin::Minimum { index, steps };
        let map = BasinMap {
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
        };
        let pic = basin_picture(&map, "basins");
        for (label, swatch) in pic.legend.iter().take(2) {
            assert!(pic.colours.contains(swatch), "{label}: {swatch:?}");
        }
        assert_eq!(pic.legend[0].0, "minimum (-0.5, 0.5)");
        let Some(pix) = draw(&pic, 400, 300) else {
            panic!("a picture")
        };
        // The asterisk has arms at ±30° and none along the horizontal: a "+" would be white there.
        let (_, plot) = layout(&pic, 400, 300);
        let centre = [plot[0] + 0.25 * plot[2], plot[1] + 0.25 * plot[3]];
        let white = |dx: f32, dy: f32| {
            let p = pix.pixel((centre[0] + dx) as u32, (centre[1] + dy) as u32);
            p.is_some_and(|p| p.red() > 200 && p.green() > 200 && p.blue() > 200)
        };
        assert!(white(0.0, -6.0) && white(5.2, 3.0) && white(-5.2, 3.0));
        assert!(!white(6.0, 0.0) && !white(-6.0, 0.0));
    }
}
