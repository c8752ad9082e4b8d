//! The chrome around a plot: axes with their ticks, the colour bar, minima and saddle markers, the
//! title and the legend, as items of the static layer. The landscape, the grid pictures (sweep and
//! basin map) and the charts (tuning) all take their axes ([`plot_axes`]), colour bar
//! ([`named_colour_bar`]), minimum marker ([`minimum_marker`]) and title from here, so every export
//! reads alike; the title and legend are shared with the 3-D pictures too. The tick and colour-bar
//! labels come from [`axis_labels`] and [`bar_labels`], which the window calls too.

use super::landscape::{Landscape, Layout, RunDraw, Theme, layout};
use super::{Anchor, Item, boxed_text, with_alpha};
use crate::lod::Projection;
use crate::text;
use crate::ticks::{BarTicks, Tick, axis_ticks, bar_ticks, fmt_number, log_axis_ticks};
use optiscape_core::scenario::RunConfig;
use optiscape_core::sim::V2;
use optiscape_core::sim::field::{Scale, viridis};
use optiscape_core::sim::surface::View;
use optiscape_core::sim::surface::wells::Landmarks;

/// Least distance between axis ticks, in font sizes.
pub const AXIS_SPACING: f32 = 5.0;
/// Least distance between colour-bar labels, in font sizes.
pub const BAR_SPACING: f32 = 3.0;
/// The height of a legend's line, in font sizes.
pub const LEGEND_LINE: f32 = 1.5;

/// The ticks of an axis `length` pixels long showing `lo..hi`, labelled in text of size `font`: the
/// window's landscape and every exported picture number their axes with this.
pub fn axis_labels(lo: f64, hi: f64, length: f32, font: f32) -> Vec<Tick> {
    axis_ticks(lo, hi, f64::from(length), f64::from(AXIS_SPACING * font))
}

/// The labels of a colour bar of `scale` whose coloured part is `length` pixels long, in text of size
/// `font`: the window's colour bar and every exported one are labelled with this.
pub fn bar_labels(scale: &Scale, length: f32, font: f32) -> BarTicks {
    bar_ticks(scale, "f", f64::from(length), f64::from(BAR_SPACING * font))
}

/// The line-width unit that goes with text of size `font`: strokes keep the landscape's proportion
/// to its text, so every picture's lines and markers read alike beside its labels.
pub fn unit_for(font: f32) -> f32 {
    (font / 19.0).max(0.6)
}

/// One axis for [`plot_axes`]: the range it shows, linear or logarithmic, its name, and the least
/// distance between its ticks in font sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxisSpec<'a> {
    pub lo: f64,
    pub hi: f64,
    pub log: bool,
    pub name: &'a str,
    pub spacing: f32,
}

impl AxisSpec<'_> {
    /// The ticks of this axis when it is `length` pixels long, in text of size `font`: round
    /// numbers, or powers of ten on a log axis.
    pub fn ticks(&self, length: f32, font: f32) -> Vec<Tick> {
        let (length, spacing) = (f64::from(length), f64::from(self.spacing * font));
        if self.log {
            log_axis_ticks(self.lo, self.hi, length, spacing)
        } else {
            axis_ticks(self.lo, self.hi, length, spacing)
        }
    }
}

/// How [`plot_axes`] draws: text size, line unit and text colour, faint lines across the plot at
/// the ticks (for a chart read off its grid), and where the y axis's name goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxesStyle {
    pub font: f32,
    pub unit: f32,
    pub ink: [u8; 3],
    /// Faint lines across the plot at every tick.
    pub grid: bool,
    /// The y axis's name above the axis's top left (room for a long name), not left of its middle.
    pub y_name_above: bool,
    /// Leave out a y tick's label where it would overlap an x tick's (at the bottom left corner,
    /// when both axes have a tick there).
    pub clear_corner: bool,
}

/// The box (left, top, right, bottom) of text of size `f` anchored by `anchor` at `pos`, as the
/// painters place it.
pub fn text_box(pos: [f32; 2], f: f32, anchor: Anchor, s: &str) -> [f32; 4] {
    let (w, h) = (text::width(s, f), text::height(f));
    let left = match anchor {
        Anchor::LeftTop | Anchor::LeftCenter | Anchor::LeftBottom => pos[0],
        Anchor::CenterTop | Anchor::CenterBottom => pos[0] - w / 2.0,
        Anchor::RightCenter => pos[0] - w,
    };
    let top = match anchor {
        Anchor::LeftTop | Anchor::CenterTop => pos[1],
        Anchor::LeftCenter | Anchor::RightCenter => pos[1] - h / 2.0,
        Anchor::CenterBottom | Anchor::LeftBottom => pos[1] - h,
    };
    [left, top, left + w, top + h]
}

fn overlap(a: [f32; 4], b: [f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The frame of `plot`, and the ticks, tick labels and names of the axes `x` and `y` around it, as
/// the layer "axes"; `place` takes a point in axis units to the picture. Returns the ticks marked (x,
/// then y). The landscape ([`axes`]), the grid pictures and the charts all draw their axes with this.
pub fn plot_axes(
    out: &mut Vec<Item>,
    p: [f32; 4],
    [x, y]: [&AxisSpec; 2],
    place: impl Fn(f64, f64) -> [f32; 2],
    s: &AxesStyle,
) -> (Vec<Tick>, Vec<Tick>) {
    let (f, u, ink) = (s.font, s.unit, s.ink);
    let grey = [150, 150, 150, 255];
    let faint = with_alpha(ink, 40);
    out.push(Item::Group {
        name: "axes",
        clip: None,
    });
    let (l, t, r, b) = (p[0], p[1], p[0] + p[2], p[1] + p[3]);
    out.push(Item::line(
        vec![[l, t], [r, t], [r, b], [l, b], [l, t]],
        u,
        grey,
    ));
    let tick = 6.0 * u;
    let xs = x.ticks(p[2], f);
    let mut x_boxes = Vec::new();
    for k in &xs {
        let at = place(k.value, y.lo)[0];
        if s.grid {
            out.push(Item::line(vec![[at, t], [at, b]], u, faint));
        }
        out.push(Item::line(vec![[at, b], [at, b + tick]], u, grey));
        let pos = [at, b + tick + 2.0];
        if s.clear_corner {
            x_boxes.push(text_box(pos, f, Anchor::CenterTop, &k.label));
        }
        out.push(Item::text(pos, f, Anchor::CenterTop, ink, &k.label));
    }
    let ys = y.ticks(p[3], f);
    for k in &ys {
        let at = place(x.lo, k.value)[1];
        if s.grid {
            out.push(Item::line(vec![[l, at], [r, at]], u, faint));
        }
        out.push(Item::line(vec![[l - tick, at], [l, at]], u, grey));
        let pos = [l - tick - 3.0, at];
        let own = text_box(pos, f, Anchor::RightCenter, &k.label);
        if !x_boxes.iter().any(|&b| overlap(b, own)) {
            out.push(Item::text(pos, f, Anchor::RightCenter, ink, &k.label));
        }
    }
    let x_at = [l + p[2] / 2.0, b + tick + 1.3 * f];
    out.push(Item::text(x_at, f, Anchor::CenterTop, ink, x.name));
    if s.y_name_above {
        let y_at = [0.3 * f, t - 0.3 * f];
        out.push(Item::text(y_at, f, Anchor::LeftBottom, ink, y.name));
    } else {
        let y_at = [l - tick - 3.0 - 3.2 * f, t + p[3] / 2.0];
        out.push(Item::text(y_at, f, Anchor::LeftCenter, ink, y.name));
    }
    out.push(Item::End);
    (xs, ys)
}

/// The frame of `plot`, and the ticks and labels of both axes around it for the plane's window `view`
/// projected by `project`, in text of size `font`; returns the ticks drawn (x, then y). The window's
/// landscape and every exported picture draw their axes with this.
pub fn axes(
    out: &mut Vec<Item>,
    p: [f32; 4],
    project: &Projection,
    view: View,
    f: f32,
    u: f32,
    ink: [u8; 3],
) -> (Vec<Tick>, Vec<Tick>) {
    // Both axes at the same spacing, so the equal-aspect plot gets the same step on both.
    let axis = |lo, hi, name| AxisSpec {
        lo,
        hi,
        log: false,
        name,
        spacing: AXIS_SPACING,
    };
    let style = AxesStyle {
        font: f,
        unit: u,
        ink,
        grid: false,
        y_name_above: false,
        // The landscape keeps every label, as it always has.
        clear_corner: false,
    };
    plot_axes(
        out,
        p,
        [
            &axis(view.x[0], view.x[1], "x"),
            &axis(view.y[0], view.y[1], "y"),
        ],
        |x, y| project.apply(V2::new(x, y)),
        &style,
    )
}

/// The colour bar `b` (left, top, width, height of the ramp) of the surface's values `f` on `scale`
/// with its title above, its note below and its ticks to the right, in text of size `f`, the title
/// and note kept left of `right`; returns the labels drawn. The window's colour bar and every
/// exported one are drawn with this.
pub fn colour_bar(
    out: &mut Vec<Item>,
    b: [f32; 4],
    scale: &Scale,
    f: f32,
    u: f32,
    ink: [u8; 3],
    right: f32,
) -> BarTicks {
    named_colour_bar(out, b, scale, "f", [f, u], ink, right)
}

/// [`colour_bar`] of a quantity called `name` (the sweep's metric), in text of size `f` with line
/// unit `u`.
pub fn named_colour_bar(
    out: &mut Vec<Item>,
    b: [f32; 4],
    scale: &Scale,
    name: &str,
    [f, u]: [f32; 2],
    ink: [u8; 3],
    right: f32,
) -> BarTicks {
    out.push(Item::Group {
        name: "colour-bar",
        clip: None,
    });
    // Whole pixels, so the ramp's edges stay sharp.
    let rect = [b[0].round(), b[1].round(), b[2].round(), b[3].round()];
    out.push(Item::Ramp {
        rect,
        colours: (0..256).map(|i| viridis(f64::from(i) / 255.0)).collect(),
    });
    let labels = bar_ticks(scale, name, f64::from(b[3]), f64::from(BAR_SPACING * f));
    let title_x = b[0]
        .min(right - 0.3 * f - text::width(&labels.title, f))
        .max(0.0);
    let at = [title_x, b[1] - 0.5 * f];
    out.push(Item::text(at, f, Anchor::LeftBottom, ink, &labels.title));
    if let Some(note) = &labels.note {
        // Below the row of x tick labels, so it is not read as one of them; kept left of `right`
        // like the title ("min = 0.1666" is wider than the strip).
        let note_x = b[0].min(right - 0.3 * f - text::width(note, f)).max(0.0);
        let at = [note_x, b[1] + b[3] + 1.9 * f];
        out.push(Item::text(at, f, Anchor::LeftTop, ink, note));
    }
    let edge = b[0] + b[2];
    for t in &labels.ticks {
        // On a pixel's centre, so a thin mark stays crisp.
        let y = (b[1] + b[3] * (1.0 - t.t as f32)).floor() + 0.5;
        // The mark on the bar's edge, and a gap before the text so a label never reads as a
        // negative number.
        out.push(Item::line(
            vec![[edge - 0.25 * f, y], [edge + 0.3 * f, y]],
            u.max(1.0),
            [200, 200, 200, 255],
        ));
        let at = [edge + 0.65 * f, y];
        out.push(Item::text(at, f, Anchor::LeftCenter, ink, &t.label));
    }
    out.push(Item::End);
    labels
}

/// What the chrome needs of the landscape.
pub(super) struct Chrome {
    layout: Layout,
    project: Projection,
    view: View,
    theme: Theme,
    width: f32,
}

impl Chrome {
    pub(super) fn of(l: &Landscape) -> Self {
        Self {
            layout: l.layout,
            project: l.project,
            view: l.view,
            theme: l.theme,
            width: l.width as f32,
        }
    }

    /// The frame, ticks and labels of both axes; returns the ticks drawn (x, then y).
    pub(super) fn axes(&self, out: &mut Vec<Item>) -> (Vec<Tick>, Vec<Tick>) {
        let l = &self.layout;
        axes(
            out,
            l.plot,
            &self.project,
            self.view,
            l.font,
            l.unit,
            self.theme.text(),
        )
    }

    /// The colour ramp with its title, note and ticks; returns the labels drawn.
    pub(super) fn color_bar(&self, out: &mut Vec<Item>, scale: &Scale) -> BarTicks {
        let l = &self.layout;
        colour_bar(
            out,
            l.bar,
            scale,
            l.font,
            l.unit,
            self.theme.text(),
            self.width,
        )
    }

    /// Asterisks at the surface's minima and crosses at its saddles, inside the plot.
    pub(super) fn markers(&self, out: &mut Vec<Item>, marks: &Landmarks) {
        let (u, p) = (self.layout.unit, self.layout.plot);
        markers(out, marks, |m| self.project.apply(m), p, u);
    }

    pub(super) fn title(&self, out: &mut Vec<Item>, title: &str) {
        title_item(out, &self.layout, self.theme, title);
    }

    /// The legend in the top right corner of the plot: a path sample with its ball, and the label.
    pub(super) fn legend(&self, out: &mut Vec<Item>, runs: &[RunDraw]) {
        let Some(rect) = legend_rect(&self.layout, runs) else {
            return;
        };
        let entries: Vec<(&str, [u8; 3])> =
            runs.iter().map(|r| (r.label.as_str(), r.rgb)).collect();
        let (f, u) = (self.layout.font, self.layout.unit);
        legend(out, rect, f, u, self.theme, &entries, true);
    }
}

fn title_item(out: &mut Vec<Item>, l: &Layout, theme: Theme, title: &str) {
    self::title(out, l.plot[0], l.font, theme, title);
}

/// The picture's title at the top, from `left`, a little larger than text of size `f`, as the layer
/// "title"; every picture is titled with this.
pub fn title(out: &mut Vec<Item>, left: f32, f: f32, theme: Theme, title: &str) {
    out.push(Item::Group {
        name: "title",
        clip: None,
    });
    let at = [left, 0.4 * f];
    out.push(Item::text(
        at,
        1.15 * f,
        Anchor::LeftTop,
        theme.title(),
        title,
    ));
    out.push(Item::End);
}

/// The legend's box for `runs` in the top right corner of the plot, if there are runs to list.
pub(super) fn legend_rect(l: &Layout, runs: &[RunDraw]) -> Option<[f32; 4]> {
    let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
    let [w, h] = legend_size(l.font, &labels)?;
    let (p, f) = (l.plot, l.font);
    Some([p[0] + p[2] - w - 0.6 * f, p[1] + 0.6 * f, w, h])
}

/// The size of a legend listing `labels` in text of size `f`, if there is anything to list.
pub fn legend_size(f: f32, labels: &[&str]) -> Option<[f32; 2]> {
    if labels.is_empty() {
        return None;
    }
    let text_w = labels.iter().map(|s| text::width(s, f)).fold(0.0, f32::max);
    Some([
        2.2 * f + 0.6 * f + text_w + 1.2 * f,
        LEGEND_LINE * f * labels.len() as f32 + 0.6 * f,
    ])
}

/// A legend in the box `[x0, y0, w, h]` (see [`legend_size`]): per entry a path sample (with a ball
/// if `balls`) in its colour and its label, in text of size `f`.
pub fn legend(
    out: &mut Vec<Item>,
    [x0, y0, w, h]: [f32; 4],
    f: f32,
    u: f32,
    theme: Theme,
    entries: &[(&str, [u8; 3])],
    balls: bool,
) {
    let (line, sample) = (LEGEND_LINE * f, 2.2 * f);
    let (fill, ink) = theme.legend();
    out.push(Item::Group {
        name: "legend",
        clip: None,
    });
    out.push(Item::Rect {
        rect: [x0, y0, w, h],
        rgba: fill,
    });
    for (k, (label, rgb)) in entries.iter().enumerate() {
        let y = y0 + 0.3 * f + line * (k as f32 + 0.5);
        let xs = x0 + 0.6 * f;
        let ends = vec![[xs, y], [xs + sample, y]];
        if balls {
            out.push(Item::line(ends.clone(), 6.0 * u, [0, 0, 0, 150]));
        }
        out.push(Item::line(ends, 3.0 * u, with_alpha(*rgb, 255)));
        if balls {
            out.push(Item::Circle {
                centre: [xs + sample / 2.0, y],
                radius: 5.0 * u,
                fill: Some(with_alpha(*rgb, 255)),
                ring: Some(([0, 0, 0, 255], 1.5 * u)),
            });
        }
        let at = [xs + sample + 0.6 * f, y];
        out.push(Item::text(at, f, Anchor::LeftCenter, ink, label));
    }
    out.push(Item::End);
}

/// The title and legend of a 3-D picture `width × height` pixels.
pub fn title_legend(width: u32, height: u32, title: &str, runs: &[(String, [u8; 3])]) -> Vec<Item> {
    let l = layout(width, height);
    let mut out = Vec::new();
    title_item(&mut out, &l, Theme::DARK, title);
    let labels: Vec<&str> = runs.iter().map(|(s, _)| s.as_str()).collect();
    if let Some([w, h]) = legend_size(l.font, &labels) {
        // Top left under the title: the colour bar has the right, and the framed block leaves the
        // corners free.
        let rect = [l.plot[0], 2.2 * l.font, w, h];
        let entries: Vec<(&str, [u8; 3])> = runs.iter().map(|(s, c)| (s.as_str(), *c)).collect();
        legend(&mut out, rect, l.font, l.unit, Theme::DARK, &entries, false);
    }
    out
}

/// The legend text of a run: its name, the optimizer and the learning rate.
pub fn legend_label(run: &RunConfig, lr: f64) -> String {
    let title = run
        .optimizer
        .kind()
        .map_or(run.optimizer.name.as_str(), |k| k.title());
    let name = run.label();
    if name == title {
        format!("{title}, lr {}", fmt_number(lr))
    } else {
        format!("{name} ({title}, lr {})", fmt_number(lr))
    }
}

/// Asterisks at the surface's minima, rings at its other local minima (wells, found in the view),
/// each well labelled with f there, and crosses at its saddles, inside `plot`, as the layer
/// "markers"; `project` takes a point of the plane to the picture (the window passes its plot's),
/// or to NaN where the picture hides it (the 3-D view, behind a hill), which leaves it out.
pub fn markers(
    out: &mut Vec<Item>,
    marks: &Landmarks,
    project: impl Fn(V2) -> [f32; 2],
    p: [f32; 4],
    u: f32,
) {
    let inside =
        |s: [f32; 2]| s[0] >= p[0] && s[0] <= p[0] + p[2] && s[1] >= p[1] && s[1] <= p[1] + p[3];
    out.push(Item::Group {
        name: "markers",
        clip: None,
    });
    for c in marks.minima.iter().map(|&m| project(m)) {
        if inside(c) {
            minimum_marker(out, c, u);
        }
    }
    let minima = &marks.minima;
    let size = 13.0 * u;
    for w in &marks.wells {
        let c = project(w.at);
        if !inside(c) {
            continue;
        }
        let global = minima
            .iter()
            .any(|m| (m - w.at).norm() <= 1e-6 * (1.0 + m.norm()));
        if !global {
            out.push(Item::Circle {
                centre: c,
                radius: 6.0 * u,
                fill: None,
                ring: Some(([0, 0, 0, 255], 4.5 * u)),
            });
            out.push(Item::Circle {
                centre: c,
                radius: 6.0 * u,
                fill: None,
                ring: Some(([255, 255, 255, 255], 2.0 * u)),
            });
        }
        let at = [c[0] + 11.0 * u, c[1] + 4.0 * u];
        boxed_text(out, at, size, &fmt_number(w.value), 2.0 * u, 150);
    }
    let (r, inks) = (MARK_ARM * u, mark_inks(u));
    for c in marks.saddles.iter().map(|&m| project(m)) {
        if !inside(c) {
            continue;
        }
        for (width, rgba) in inks {
            out.push(Item::line(
                vec![[c[0] - r, c[1]], [c[0] + r, c[1]]],
                width,
                rgba,
            ));
            out.push(Item::line(
                vec![[c[0], c[1] - r], [c[0], c[1] + r]],
                width,
                rgba,
            ));
        }
    }
    out.push(Item::End);
}

/// Half the length of a marker's arm, in line units.
const MARK_ARM: f32 = 9.0;

/// A marker's two strokes, widest first: a black casing and white over it, readable on any colour.
fn mark_inks(u: f32) -> [(f32, [u8; 4]); 2] {
    [(5.0 * u, [0, 0, 0, 255]), (2.5 * u, [255, 255, 255, 255])]
}

/// The minimum's marker at `c`: a six-pointed asterisk (one arm horizontal) for line unit `u`. The
/// landscape's minima and the grid pictures' (a basin map's) are drawn with this.
pub fn minimum_marker(out: &mut Vec<Item>, c: [f32; 2], u: f32) {
    let r = MARK_ARM * u;
    for (width, rgba) in mark_inks(u) {
        for a in [0.0f32, 60.0, 120.0] {
            let (s, co) = a.to_radians().sin_cos();
            let ends = vec![[c[0] - r * co, c[1] - r * s], [c[0] + r * co, c[1] + r * s]];
            out.push(Item::line(ends, width, rgba));
        }
    }
}
