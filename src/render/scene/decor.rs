//! The chrome around the plot: axes, colour bar, minima markers, title and legend. It is drawn once
//! into the static layer, so none of it costs anything per frame; the title and legend are shared with
//! the 3-D pictures so both kinds of export read alike.

use tiny_skia::Pixmap;

use super::{Scene, TEXT, layout};
use crate::render::draw::{circle, fill_rect, polyline, with_alpha};
use crate::render::text::{self, Anchor};
use crate::render::ticks::{BarTicks, axis_ticks, bar_ticks, fmt_number};
use crate::scenario::RunConfig;
use crate::sim::field::{Scale, viridis};
use crate::sim::surface::View;
use crate::sim::{Surface, V2};

/// Least distance between axis ticks, in font sizes.
pub const AXIS_SPACING: f32 = 5.0;
/// Least distance between colour-bar labels, in font sizes.
pub const BAR_SPACING: f32 = 3.0;

/// The labels of an exported picture's colour bar `length` pixels long, in text of size `font`.
pub fn bar_labels(scale: &Scale, length: f32, font: f32) -> BarTicks {
    bar_ticks(scale, "f", f64::from(length), f64::from(BAR_SPACING * font))
}

impl Scene {
    pub(super) fn draw_axes(&mut self, view: View) {
        let (p, f, u) = (self.layout.plot, self.layout.font, self.layout.unit);
        let grey = [150, 150, 150, 255];
        let frame = [
            [p[0], p[1]],
            [p[0] + p[2], p[1]],
            [p[0] + p[2], p[1] + p[3]],
            [p[0], p[1] + p[3]],
            [p[0], p[1]],
        ];
        polyline(&mut self.base, &frame, u, grey, None);
        let tick = 6.0 * u;
        // Both axes at the same spacing, so the equal-aspect plot gets the same step on both.
        let spacing = f64::from(AXIS_SPACING * f);
        for t in axis_ticks(view.x[0], view.x[1], f64::from(p[2]), spacing) {
            let x = self.project.apply(V2::new(t.value, view.y[0]))[0];
            polyline(
                &mut self.base,
                &[[x, p[1] + p[3]], [x, p[1] + p[3] + tick]],
                u,
                grey,
                None,
            );
            text::draw(
                &mut self.base,
                &t.label,
                x,
                p[1] + p[3] + tick + 2.0,
                f,
                TEXT,
                Anchor::CenterTop,
            );
        }
        for t in axis_ticks(view.y[0], view.y[1], f64::from(p[3]), spacing) {
            let y = self.project.apply(V2::new(view.x[0], t.value))[1];
            polyline(
                &mut self.base,
                &[[p[0] - tick, y], [p[0], y]],
                u,
                grey,
                None,
            );
            text::draw(
                &mut self.base,
                &t.label,
                p[0] - tick - 3.0,
                y,
                f,
                TEXT,
                Anchor::RightCenter,
            );
        }
        text::draw(
            &mut self.base,
            "x",
            p[0] + p[2] / 2.0,
            p[1] + p[3] + tick + 1.3 * f,
            f,
            TEXT,
            Anchor::CenterTop,
        );
        text::draw(
            &mut self.base,
            "y",
            p[0] - tick - 3.0 - 3.2 * f,
            p[1] + p[3] / 2.0,
            f,
            TEXT,
            Anchor::LeftCenter,
        );
    }

    pub(super) fn draw_color_bar(&mut self, scale: &Scale) {
        let (b, f) = (self.layout.bar, self.layout.font);
        let (x0, y0, w, h) = (b[0] as i64, b[1] as i64, b[2] as i64, b[3] as i64);
        let width = i64::from(self.width);
        let data = self.base.data_mut();
        for row in 0..h {
            let c = viridis(1.0 - row as f64 / (h - 1).max(1) as f64);
            for col in 0..w {
                let i = (((y0 + row) * width + x0 + col) * 4) as usize;
                if i + 3 < data.len() {
                    data[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
                }
            }
        }
        let labels = bar_labels(scale, b[3], f);
        let width = self.width as f32;
        let title_x = b[0].min(width - 0.3 * f - text::width(&labels.title, f));
        text::draw(
            &mut self.base,
            &labels.title,
            title_x.max(0.0),
            b[1] - 0.5 * f,
            f,
            TEXT,
            Anchor::LeftBottom,
        );
        if let Some(note) = &labels.note {
            text::draw(
                &mut self.base,
                note,
                title_x.max(0.0),
                // Below the row of x tick labels, so it is not read as one of them.
                b[1] + b[3] + 1.9 * f,
                f,
                TEXT,
                Anchor::LeftTop,
            );
        }
        let right = b[0] + b[2];
        for t in &labels.ticks {
            // On a pixel's centre, so a thin mark stays crisp.
            let y = (b[1] + b[3] * (1.0 - t.t as f32)).floor() + 0.5;
            // The mark on the bar's edge, and a gap before the text so a label never reads as
            // a negative number.
            polyline(
                &mut self.base,
                &[[right - 0.25 * f, y], [right + 0.3 * f, y]],
                self.layout.unit.max(1.0),
                [200, 200, 200, 255],
                None,
            );
            text::draw(
                &mut self.base,
                &t.label,
                right + 0.65 * f,
                y,
                f,
                TEXT,
                Anchor::LeftCenter,
            );
        }
        self.bar = labels;
    }

    pub(super) fn draw_markers(&mut self, surface: &Surface) {
        let u = self.layout.unit;
        let p = self.layout.plot;
        let inside = |s: [f32; 2]| {
            s[0] >= p[0] && s[0] <= p[0] + p[2] && s[1] >= p[1] && s[1] <= p[1] + p[3]
        };
        for m in surface.minima() {
            let c = self.project.apply(m);
            if !inside(c) {
                continue;
            }
            for (width, rgba) in [(5.0 * u, [0, 0, 0, 255]), (2.5 * u, [255, 255, 255, 255])] {
                for a in [0.0f32, 60.0, 120.0] {
                    let (s, co) = a.to_radians().sin_cos();
                    let r = 9.0 * u;
                    polyline(
                        &mut self.base,
                        &[[c[0] - r * co, c[1] - r * s], [c[0] + r * co, c[1] + r * s]],
                        width,
                        rgba,
                        None,
                    );
                }
            }
        }
        for m in surface.saddles() {
            let c = self.project.apply(m);
            if !inside(c) {
                continue;
            }
            let r = 9.0 * u;
            for (width, rgba) in [(5.0 * u, [0, 0, 0, 255]), (2.5 * u, [255, 255, 255, 255])] {
                polyline(
                    &mut self.base,
                    &[[c[0] - r, c[1]], [c[0] + r, c[1]]],
                    width,
                    rgba,
                    None,
                );
                polyline(
                    &mut self.base,
                    &[[c[0], c[1] - r], [c[0], c[1] + r]],
                    width,
                    rgba,
                    None,
                );
            }
        }
    }

    pub(super) fn draw_title(&mut self, title: &str) {
        let (p, f) = (self.layout.plot, self.layout.font);
        text::draw(
            &mut self.base,
            title,
            p[0],
            0.4 * f,
            1.15 * f,
            [235, 235, 235],
            Anchor::LeftTop,
        );
    }

    /// The legend's box in the top right corner of the plot, if there are runs to list.
    pub(super) fn legend_rect(&self) -> Option<[f32; 4]> {
        if self.runs.is_empty() {
            return None;
        }
        let (p, f) = (self.layout.plot, self.layout.font);
        let text_w = self
            .runs
            .iter()
            .map(|r| text::width(&r.label, f))
            .fold(0.0, f32::max);
        let w = 2.2 * f + 0.6 * f + text_w + 1.2 * f;
        let h = 1.5 * f * self.runs.len() as f32 + 0.6 * f;
        Some([p[0] + p[2] - w - 0.6 * f, p[1] + 0.6 * f, w, h])
    }

    pub(super) fn draw_legend(&mut self) {
        let Some([x0, y0, w, h]) = self.legend_rect() else {
            return;
        };
        let (f, u) = (self.layout.font, self.layout.unit);
        let line = 1.5 * f;
        let sample = 2.2 * f;
        fill_rect(&mut self.base, [x0, y0, w, h], [20, 20, 20, 210]);
        for (k, run) in self.runs.iter().enumerate() {
            let y = y0 + 0.3 * f + line * (k as f32 + 0.5);
            let xs = x0 + 0.6 * f;
            polyline(
                &mut self.base,
                &[[xs, y], [xs + sample, y]],
                6.0 * u,
                [0, 0, 0, 150],
                None,
            );
            polyline(
                &mut self.base,
                &[[xs, y], [xs + sample, y]],
                3.0 * u,
                with_alpha(run.rgb, 255),
                None,
            );
            circle(
                &mut self.base,
                [xs + sample / 2.0, y],
                5.0 * u,
                Some(with_alpha(run.rgb, 255)),
                Some(([0, 0, 0, 255], 1.5 * u)),
                None,
            );
            text::draw(
                &mut self.base,
                &run.label,
                xs + sample + 0.6 * f,
                y,
                f,
                [240, 240, 240],
                Anchor::LeftCenter,
            );
        }
    }
}

/// The title and legend of a 3-D picture.
pub fn decorations_3d(pix: &mut Pixmap, title: &str, legend: &[(String, [u8; 3])]) {
    let (w, h) = (pix.width(), pix.height());
    let l = layout(w, h);
    let (f, u) = (l.font, l.unit);
    text::draw(
        pix,
        title,
        l.plot[0],
        0.4 * f,
        1.15 * f,
        [235, 235, 235],
        Anchor::LeftTop,
    );
    if legend.is_empty() {
        return;
    }
    let line = 1.5 * f;
    let sample = 2.2 * f;
    let text_w = legend
        .iter()
        .map(|(s, _)| text::width(s, f))
        .fold(0.0, f32::max);
    let bw = sample + 0.6 * f + text_w + 1.2 * f;
    let bh = line * legend.len() as f32 + 0.6 * f;
    let (x0, y0) = (w as f32 - bw - 0.6 * f, 2.2 * f);
    fill_rect(pix, [x0, y0, bw, bh], [20, 20, 20, 210]);
    for (k, (label, rgb)) in legend.iter().enumerate() {
        let y = y0 + 0.3 * f + line * (k as f32 + 0.5);
        let xs = x0 + 0.6 * f;
        polyline(
            pix,
            &[[xs, y], [xs + sample, y]],
            3.0 * u,
            with_alpha(*rgb, 255),
            None,
        );
        text::draw(
            pix,
            label,
            xs + sample + 0.6 * f,
            y,
            f,
            [240, 240, 240],
            Anchor::LeftCenter,
        );
    }
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
