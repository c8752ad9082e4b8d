//! A line chart as a display list: curves of one quantity over a log (or linear) x axis, each in its
//! own colour with one point marked, with axes, ticks where their values are, a title and a legend;
//! the axes and title are the landscape's ([`super::picture::plot_axes`]). It is the learning-rate
//! tuning's picture (`optiscape tune -o out.png` and the Tools window), in the dark or light theme,
//! painted by the same tiny-skia painter as the landscape or written by [`super::svg`].

use tiny_skia::Pixmap;

use super::picture::{
    AXIS_SPACING, AxesStyle, AxisSpec, Item, Picture, Theme, legend, legend_size, plot_axes, title,
    unit_for, with_alpha,
};
use super::ticks::fmt_number;
use optiscape_core::sim::sweep::Metric;
use optiscape_core::sim::tune::Tuned;

/// The legend's text, relative to the axes': a chart of many curves has long legends.
const LEGEND: f32 = 0.8;
/// Least distance between the y axis's ticks, in font sizes (the x axis takes the landscape's).
const Y_SPACING: f32 = 2.5;

/// One curve: points `(x, y)`, with gaps where `y` is `None`, and a point to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub label: String,
    pub rgb: [u8; 3],
    pub points: Vec<(f64, Option<f64>)>,
    pub mark: Option<(f64, f64)>,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_log: bool,
    /// A log y axis if every value is above zero (linear otherwise).
    pub y_log: bool,
    pub curves: Vec<Curve>,
    /// A legend at the right (the window lists the runs beside the chart instead).
    pub legend: bool,
}

/// One axis: its range in data units and whether it is logarithmic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub log: bool,
}

impl Scale {
    /// Where `v` falls, 0 at `lo` and 1 at `hi`.
    pub fn frac(self, v: f64) -> f64 {
        if self.log {
            (v / self.lo).ln() / (self.hi / self.lo).ln()
        } else {
            (v - self.lo) / (self.hi - self.lo)
        }
    }

    /// The range of `values` (finite ones, above zero on a log axis), widened a little so no point
    /// sits on the frame, and to a usable width when there is one value or none.
    fn of(values: impl Iterator<Item = f64>, log: bool, pad: f64) -> Self {
        let (lo, hi) = values
            .filter(|v| v.is_finite() && (!log || *v > 0.0))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        if log {
            let (lo, hi) = match (lo.is_finite(), hi > lo) {
                (false, _) => (0.1, 10.0),
                (true, false) => (lo / 10.0, lo * 10.0),
                (true, true) => (lo, hi),
            };
            let k = (hi / lo).powf(pad);
            return Self {
                lo: lo / k,
                hi: hi * k,
                log,
            };
        }
        let (lo, hi) = match (lo.is_finite(), hi > lo) {
            (false, _) => (0.0, 1.0),
            (true, false) => (lo - lo.abs().max(1.0), hi + hi.abs().max(1.0)),
            (true, true) => (lo, hi),
        };
        let d = (hi - lo) * pad;
        Self {
            lo: lo - d,
            hi: hi + d,
            log,
        }
    }
}

/// Where things go in a `width × height` chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Text height.
    pub font: f32,
    /// The plot's rectangle: left, top, width, height.
    pub plot: [f32; 4],
    pub x: Scale,
    pub y: Scale,
}

impl Layout {
    /// The picture position of the data point (`x`, `y`).
    pub fn at(&self, x: f64, y: f64) -> [f32; 2] {
        let [l, t, w, h] = self.plot;
        [
            l + self.x.frac(x) as f32 * w,
            t + h - self.y.frac(y) as f32 * h,
        ]
    }
}

/// The layout of `chart` at `width × height`: a legend at the right as wide as its longest label.
pub fn layout(chart: &Chart, width: u32, height: u32) -> Layout {
    let (w, h) = (width as f32, height as f32);
    let f = (h.min(w * 0.7) / 1000.0 * 26.0).clamp(9.0, 40.0);
    let labels: Vec<&str> = chart.curves.iter().map(|c| c.label.as_str()).collect();
    let legend_w = legend_size(LEGEND * f, &labels)
        .filter(|_| chart.legend)
        .map_or(0.0, |[lw, _]| lw + 0.8 * f);
    // The grid pictures' top margin: the title, then a row for the y axis's name.
    let top = super::grid::TOP * f;
    let plot = [
        5.0 * f,
        top,
        (w - 5.0 * f - legend_w - 1.2 * f).max(8.0),
        (h - top - 3.6 * f).max(8.0),
    ];
    let xs = chart
        .curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.0));
    let ys = || {
        chart
            .curves
            .iter()
            .flat_map(|c| c.points.iter().filter_map(|p| p.1))
    };
    let y_log = chart.y_log && ys().all(|v| v > 0.0 || !v.is_finite());
    Layout {
        font: f,
        plot,
        x: Scale::of(xs, chart.x_log, 0.0),
        y: Scale::of(ys(), y_log, 0.05),
    }
}

/// The chart as a display list for a `width × height` picture.
pub fn picture(chart: &Chart, width: u32, height: u32, theme: Theme) -> Picture {
    let l = layout(chart, width, height);
    let mut items = Vec::new();
    axes(&mut items, chart, &l, theme);
    items.push(Item::Group {
        name: "curves",
        clip: Some(l.plot),
    });
    for c in &chart.curves {
        curve(&mut items, c, &l);
    }
    items.push(Item::End);
    items.push(Item::Group {
        name: "marks",
        clip: None,
    });
    for c in &chart.curves {
        if let Some((x, y)) = c.mark {
            items.push(Item::Circle {
                centre: l.at(x, y),
                radius: 0.4 * l.font,
                fill: Some(with_alpha(c.rgb, 255)),
                ring: Some((with_alpha(theme.title(), 255), 0.1 * l.font)),
            });
        }
    }
    items.push(Item::End);
    let labels: Vec<&str> = chart.curves.iter().map(|c| c.label.as_str()).collect();
    let f = LEGEND * l.font;
    if let Some([w, h]) = legend_size(f, &labels).filter(|_| chart.legend) {
        let rect = [width as f32 - w - 0.6 * l.font, l.plot[1], w, h];
        let entries: Vec<(&str, [u8; 3])> = chart
            .curves
            .iter()
            .map(|c| (c.label.as_str(), c.rgb))
            .collect();
        legend(&mut items, rect, f, f / 20.0, theme, &entries, true);
    }
    Picture {
        width,
        height,
        background: theme.background(),
        items,
    }
}

/// The frame, grid lines, ticks and axis names (the landscape's axis builder, with a grid to read
/// values off), as the layer "axes", and the title.
fn axes(out: &mut Vec<Item>, chart: &Chart, l: &Layout, theme: Theme) {
    let axis = |s: Scale, name, spacing| AxisSpec {
        lo: s.lo,
        hi: s.hi,
        log: s.log,
        name,
        spacing,
    };
    let style = AxesStyle {
        font: l.font,
        unit: unit_for(l.font),
        ink: theme.text(),
        grid: true,
        y_name_above: true,
        clear_corner: true,
    };
    let x = axis(l.x, &chart.x_label, AXIS_SPACING);
    let y = axis(l.y, &chart.y_label, Y_SPACING);
    plot_axes(out, l.plot, [&x, &y], |x, y| l.at(x, y), &style);
    title(out, l.plot[0], l.font, theme, &chart.title);
}

/// A curve's runs of consecutive points as lines, and a dot at every point (so a lone point shows).
fn curve(out: &mut Vec<Item>, c: &Curve, l: &Layout) {
    let rgba = with_alpha(c.rgb, 255);
    let width = (0.12 * l.font).max(1.5);
    let mut run: Vec<[f32; 2]> = Vec::new();
    for &(x, y) in &c.points {
        let Some(y) = y.filter(|y| y.is_finite() && (!l.y.log || *y > 0.0)) else {
            if run.len() > 1 {
                out.push(Item::line(std::mem::take(&mut run), width, rgba));
            }
            run.clear();
            continue;
        };
        let p = l.at(x, y);
        out.push(Item::Circle {
            centre: p,
            radius: 1.4 * width,
            fill: Some(rgba),
            ring: None,
        });
        run.push(p);
    }
    if run.len() > 1 {
        out.push(Item::line(run, width, rgba));
    }
}

/// The tuning's chart: per run its metric over the rates (log axes for the rate and for a loss), the
/// best rate marked and named in the legend with its value.
pub fn tuning(title: &str, metric: Metric, runs: &[(String, [u8; 3], &Tuned)]) -> Chart {
    let curves = runs
        .iter()
        .map(|(name, rgb, t)| Curve {
            label: format!("{name}: {}", best_text(t)),
            rgb: *rgb,
            points: t.lr.iter().copied().zip(t.values.iter().copied()).collect(),
            mark: t.best_lr().zip(t.best_value()),
        })
        .collect();
    Chart {
        title: title.to_owned(),
        x_label: "learning rate".to_owned(),
        y_label: metric.title().to_owned(),
        x_log: true,
        y_log: metric == Metric::FinalLoss,
        curves,
        legend: true,
    }
}

/// The best rate and its value in words: `lr 0.01778, 412 steps`, `lr 0.1, loss 3.2e-9`, or why
/// there is none (no rate reached the tolerance; every rate diverged).
pub fn best_text(t: &Tuned) -> String {
    match (t.best_lr(), t.best_value(), t.metric) {
        (Some(lr), Some(v), Metric::StepsToTol) => format!("lr {}, {v} steps", fmt_number(lr)),
        (Some(lr), Some(v), Metric::FinalLoss) => {
            format!("lr {}, loss {}", fmt_number(lr), fmt_number(v))
        }
        (_, _, Metric::StepsToTol) => "none reached the tolerance".to_owned(),
        (_, _, Metric::FinalLoss) => "all diverged".to_owned(),
    }
}

/// Paints the chart at `width × height`.
pub fn draw(chart: &Chart, width: u32, height: u32, theme: Theme) -> Option<Pixmap> {
    super::paint::picture(&picture(chart, width, height, theme))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(y_log: bool) -> Chart {
        Chart {
            title: "t".to_owned(),
            x_label: "lr".to_owned(),
            y_label: "steps".to_owned(),
            x_log: true,
            y_log,
            curves: vec![
                Curve {
                    label: "a".to_owned(),
                    rgb: [230, 80, 40],
                    points: vec![
                        (1e-3, Some(400.0)),
                        (1e-2, None),
                        (1e-1, Some(40.0)),
                        (1.0, Some(90.0)),
                    ],
                    mark: Some((1e-1, 40.0)),
                },
                Curve {
                    label: "b".to_owned(),
                    rgb: [40, 160, 230],
                    points: vec![(1e-3, None), (1e-2, Some(200.0)), (1e-1, None), (1.0, None)],
                    mark: Some((1e-2, 200.0)),
                },
            ],
            legend: true,
        }
    }

    fn lines(pic: &Picture, group: &str) -> Vec<Vec<[f32; 2]>> {
        let mut inside = false;
        let mut out = Vec::new();
        for item in &pic.items {
            match item {
                Item::Group { name, .. } => inside = *name == group,
                Item::End => inside = false,
                Item::Line { points, .. } if inside => out.push(points.clone()),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn ticks_sit_where_their_values_fall_and_the_axes_span_the_data() {
        let c = chart(false);
        let l = layout(&c, 1000, 800);
        assert_eq!((l.x.lo, l.x.hi, l.x.log), (1e-3, 1.0, true));
        assert!(l.y.lo < 40.0 && l.y.hi > 400.0 && !l.y.log);
        let pic = picture(&c, 1000, 800, Theme::DARK);
        let labels = pic.texts_in("axes");
        for power in ["0.001", "0.01", "0.1", "1"] {
            assert!(labels.contains(&power), "{power} in {labels:?}");
        }
        // The tick at 0.01 is a third of the way along the x axis (three decades in all).
        let [left, _, w, _] = l.plot;
        let third = left + w / 3.0;
        assert!(
            lines(&pic, "axes")
                .iter()
                .any(|p| p.len() == 2 && (p[0][0] - third).abs() < 0.01 && p[0][0] == p[1][0]),
            "a vertical line at {third}"
        );
    }

    #[test]
    fn gaps_split_a_curve_and_marks_go_at_their_points() {
        let c = chart(true);
        let l = layout(&c, 800, 600);
        assert!(l.y.log, "every value is above zero");
        let pic = picture(&c, 800, 600, Theme::DARK);
        // Curve a: one line through its last two points; curve b has a lone point and no line.
        let curves = lines(&pic, "curves");
        assert_eq!(curves, vec![vec![l.at(0.1, 40.0), l.at(1.0, 90.0)]]);
        let marks: Vec<[f32; 2]> = pic
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Circle {
                    centre,
                    ring: Some(_),
                    ..
                } => Some(*centre),
                _ => None,
            })
            .collect();
        assert!(marks.contains(&l.at(0.1, 40.0)) && marks.contains(&l.at(0.01, 200.0)));
        assert_eq!(pic.texts_in("legend"), vec!["a", "b"]);
    }

    #[test]
    fn a_light_chart_is_light_with_dark_text_and_every_label_apart() {
        let luma = |c: [u8; 3]| c.iter().map(|&v| u32::from(v)).sum::<u32>() / 3;
        let mut c = chart(false);
        c.title = "Rosenbrock: the best learning rate of each run".to_owned();
        c.y_label = "steps to tolerance".to_owned();
        for (w, h) in [(900, 720), (1600, 1000), (640, 480)] {
            let pic = picture(&c, w, h, Theme { dark: false });
            assert!(luma(pic.background) > 200);
            let texts = pic.items.iter().filter_map(|i| match i {
                Item::Text { rgb, .. } => Some(*rgb),
                _ => None,
            });
            assert!(texts.into_iter().all(|rgb| luma(rgb) < 100));
            assert_eq!(pic.texts_in("title"), vec![c.title.as_str()]);
            crate::grid::tests::assert_legible(&pic);
        }
    }

    #[test]
    fn a_log_axis_gives_way_to_a_linear_one_when_a_value_is_not_above_zero() {
        let mut c = chart(true);
        c.curves[1].points[1].1 = Some(0.0);
        assert!(!layout(&c, 800, 600).y.log);
        let pix = draw(&c, 400, 300, Theme::DARK).expect("a picture");
        let l = layout(&c, 400, 300);
        let [x, y] = l.at(0.1, 40.0);
        let p = pix.pixel(x as u32, y as u32).expect("inside");
        assert_eq!(
            [p.red(), p.green(), p.blue()],
            [230, 80, 40],
            "the mark is curve a's colour"
        );
    }
}
