//! Pictures of grids of runs, the heat map of a hyper-parameter sweep and the basin map, as display
//! lists ([`picture`]): the cells as one image, the landscape's axes, colour bar, minimum marker and
//! title (from [`super::picture`]), and a legend of swatches, in the window's dark or light theme.
//! tiny-skia paints them ([`draw`], [`draw_themed`]) and [`super::svg`] writes them with their text
//! as `<text>`.

use std::sync::Arc;

use tiny_skia::Pixmap;

use super::picture::{
    self, AXIS_SPACING, Anchor, AxesStyle, AxisSpec, Image, Item, Picture, Theme, with_alpha,
};
use super::text;
use super::ticks::fmt_number;
use optiscape_core::sim::field::{Scale, viridis};
use optiscape_core::sim::sweep::{Basin, BasinMap, SweepResult};

/// Cells whose run diverged or was not allowed.
pub const NONE_COLOUR: [u8; 3] = [120, 28, 28];
/// Basin-map cells whose run diverged.
pub const DIVERGED: [u8; 3] = [8, 8, 8];
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

/// One axis of a grid picture: `min` and `max` are the outer edges of the end cells.
pub struct GridAxis {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub log: bool,
}

impl GridAxis {
    /// The axis for the axis builder, its ticks at least `spacing` font sizes apart.
    fn spec(&self, spacing: f32) -> AxisSpec<'_> {
        AxisSpec {
            lo: self.min,
            hi: self.max,
            log: self.log,
            name: &self.label,
            spacing,
        }
    }
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
    let scale = Scale::new(
        r.metric == optiscape_core::sim::sweep::Metric::FinalLoss,
        lo,
        hi,
    );
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
    let axis = |a: &optiscape_core::sim::sweep::Axis| {
        let (min, max) = cell_edges(a.min, a.max, a.count, a.log);
        GridAxis {
            label: a.name.clone(),
            min,
            max,
            log: a.log,
        }
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

/// The range the cells of a sweep axis cover: its first and last values are the centres of the end
/// cells, so the axis reaches half a cell beyond them (in log space on a log axis) and every tick sits
/// over the cell of its value.
fn cell_edges(min: f64, max: f64, count: usize, log: bool) -> (f64, f64) {
    let Some(gaps) = count.checked_sub(1).filter(|&g| g > 0 && max > min) else {
        return (min, max);
    };
    let half = 0.5 / gaps as f64;
    if log && min > 0.0 {
        let k = (max / min).powf(half);
        (min / k, max * k)
    } else {
        let d = (max - min) * half;
        (min - d, max + d)
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
            Basin::Diverged => DIVERGED,
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
    legend.push(("diverged".to_owned(), DIVERGED));
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

/// Least distance between the y axis's ticks, in font sizes: closer than the x axis's, since a
/// grid's axes need not share a step (the landscape's equal aspect) and a y label is one line high.
const Y_SPACING: f32 = 2.5;
/// The height of a legend line, in font sizes.
const SWATCH_LINE: f32 = 1.4;
/// The top margin, in font sizes: the title, then a row for the axis's name and the bar's title.
pub(crate) const TOP: f32 = 3.3;

/// Position along an axis in [0, 1].
fn frac(a: &GridAxis, v: f64) -> f32 {
    let f = if a.log {
        (v.ln() - a.min.ln()) / (a.max.ln() - a.min.ln())
    } else {
        (v - a.min) / (a.max - a.min)
    };
    if f.is_finite() { f as f32 } else { 0.5 }
}

/// The picture position of the point (`x`, `y`) in axis units, for the cells' rectangle `plot`.
fn place(pic: &GridPicture, plot: [f32; 4], x: f64, y: f64) -> [f32; 2] {
    [
        plot[0] + frac(&pic.x, x) * plot[2],
        plot[1] + plot[3] - frac(&pic.y, y) * plot[3],
    ]
}

/// The text size and the cells' rectangle (left, top, width, height) of a `width` × `height` picture.
/// The rectangle is in whole pixels, so the cells' image maps one to one onto the picture.
pub fn layout(pic: &GridPicture, width: u32, height: u32) -> (f32, [f32; 4]) {
    let (w, h) = (width as f32, height as f32);
    // Text about 1.8% of the width, so it stays readable when the window shows the picture scaled down.
    let f = (h.min(w * 0.7) / 1000.0 * 26.0).clamp(9.0, 40.0);
    let right = if pic.bar.is_some() {
        8.0 * f
    } else {
        let labels = pic.legend.iter().map(|(s, _)| text::width(s, f));
        labels.fold(0.0, f32::max) + 4.5 * f
    };
    // The top leaves room for the title and, in a row under it, the y axis's name and the colour
    // bar's title.
    let (left, top) = ((5.5 * f).round(), (TOP * f).round());
    (
        f,
        [
            left,
            top,
            (w - left - right).floor().max(8.0),
            (h - top - 4.0 * f).floor().max(8.0),
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

/// The picture as a display list at `width` × `height` in `theme`: cells, axes, markers, the colour
/// bar or the basins' legend, and the title.
pub fn picture(pic: &GridPicture, width: u32, height: u32, theme: Theme) -> Picture {
    let (f, plot) = layout(pic, width, height);
    let u = picture::unit_for(f);
    let mut items = Vec::new();
    items.push(Item::Group {
        name: "cells",
        clip: None,
    });
    items.extend(cells(pic, plot, theme.background()).map(Item::Image));
    items.push(Item::End);
    let style = AxesStyle {
        font: f,
        unit: u,
        ink: theme.text(),
        grid: false,
        y_name_above: true,
        clear_corner: true,
    };
    picture::plot_axes(
        &mut items,
        plot,
        [&pic.x.spec(AXIS_SPACING), &pic.y.spec(Y_SPACING)],
        |x, y| place(pic, plot, x, y),
        &style,
    );
    markers(&mut items, pic, plot, u);
    let (r, b) = (plot[0] + plot[2], plot[1] + plot[3]);
    if let Some((scale, label)) = &pic.bar {
        // Its title above the cells' top (a metric's name is long and may reach left over them).
        let bar = [r + 1.2 * f, plot[1] + 0.2 * f, 1.1 * f, plot[3] - 0.2 * f];
        let ink = theme.text();
        picture::named_colour_bar(&mut items, bar, scale, label, [f, u], ink, width as f32);
        // Under a heat map there is room for one line: the colour of empty cells.
        let first = &pic.legend[..pic.legend.len().min(1)];
        swatches(&mut items, first, [plot[0], b + 2.9 * f], [f, u], theme);
    } else {
        swatches(
            &mut items,
            &pic.legend,
            [r + 1.2 * f, plot[1] + 0.5 * f],
            [f, u],
            theme,
        );
    }
    picture::title(&mut items, plot[0], f, theme, &pic.title);
    Picture {
        width,
        height,
        background: theme.background(),
        items,
    }
}

/// The cells as an image of the plot's pixels (each pixel takes the cell under its centre, as
/// [`cell_at`] finds it); cells missing from the colours show the background.
fn cells(pic: &GridPicture, plot: [f32; 4], background: [u8; 3]) -> Option<Image> {
    let (pw, ph) = (plot[2] as usize, plot[3] as usize);
    if pic.nx == 0 || pic.ny == 0 || pw == 0 || ph == 0 {
        return None;
    }
    let mut rgba = Vec::with_capacity(pw * ph * 4);
    for py in 0..ph {
        let row = ((2 * py + 1) * pic.ny / (2 * ph)).min(pic.ny - 1);
        for px in 0..pw {
            let col = ((2 * px + 1) * pic.nx / (2 * pw)).min(pic.nx - 1);
            let c = pic.colours.get(row * pic.nx + col).unwrap_or(&background);
            rgba.extend_from_slice(&with_alpha(*c, 255));
        }
    }
    Some(Image {
        rect: plot,
        width: pw as u32,
        height: ph as u32,
        rgba: Arc::new(rgba),
    })
}

/// The landscape's minimum marker at each of the picture's marked points inside the cells, as the
/// layer "markers".
fn markers(out: &mut Vec<Item>, pic: &GridPicture, plot: [f32; 4], u: f32) {
    out.push(Item::Group {
        name: "markers",
        clip: None,
    });
    for &(x, y) in &pic.markers {
        let c = place(pic, plot, x, y);
        let inside = (plot[0]..=plot[0] + plot[2]).contains(&c[0])
            && (plot[1]..=plot[1] + plot[3]).contains(&c[1]);
        if inside {
            picture::minimum_marker(out, c, u);
        }
    }
    out.push(Item::End);
}

/// A column of legend lines from `at` (top left), each a framed square of its colour and its label,
/// in text of size `f` with line unit `u`, as the layer "legend".
fn swatches(
    out: &mut Vec<Item>,
    entries: &[(String, [u8; 3])],
    at: [f32; 2],
    [f, u]: [f32; 2],
    theme: Theme,
) {
    out.push(Item::Group {
        name: "legend",
        clip: None,
    });
    for (k, (label, c)) in entries.iter().enumerate() {
        let (x, y) = (at[0], at[1] + SWATCH_LINE * f * k as f32);
        out.push(Item::Rect {
            rect: [x, y, f, f],
            rgba: with_alpha(*c, 255),
        });
        // A frame, so a swatch as dark (or light) as the background still shows.
        let frame = vec![[x, y], [x + f, y], [x + f, y + f], [x, y + f], [x, y]];
        out.push(Item::line(frame, u, [150, 150, 150, 255]));
        let pos = [x + 1.4 * f, y + 0.5 * f];
        out.push(Item::text(pos, f, Anchor::LeftCenter, theme.text(), label));
    }
    out.push(Item::End);
}

/// Paints the picture at `width` × `height` in the dark theme (the Tools window's).
pub fn draw(pic: &GridPicture, width: u32, height: u32) -> Option<Pixmap> {
    draw_themed(pic, width, height, Theme::DARK)
}

/// Paints the picture at `width` × `height` in `theme`, with the painter PNG exports use.
pub fn draw_themed(pic: &GridPicture, width: u32, height: u32, theme: Theme) -> Option<Pixmap> {
    super::paint::picture(&picture(pic, width, height, theme))
}

#[cfg(test)]
pub(super) mod tests;
