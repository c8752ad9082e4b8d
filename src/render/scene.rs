//! A scenario drawn as a picture: filled contours with isolines, axes with ticks, a colour bar, minima
//! markers, a legend, and every visible run's path up to a step with its ball. The static part is drawn
//! once; each frame copies it and adds the paths, so animations cost little per frame.

use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::Frames;
use super::draw::{
    circle, clip_mask, fill_rect, polyline, rgb, short, stroke_pieces, ticks, with_alpha,
};
use super::lod::{Coverage, Projection, pieces};
use super::text::{self, Anchor};
use crate::scenario::{RunConfig, Scenario};
use crate::sim::field::{Field, Scale, viridis};
use crate::sim::path::thin;
use crate::sim::surface::View;
use crate::sim::{Status, Surface, Trajectory, V2};

/// Evaluations the field may cost (a data-backed surface costs one per sample).
const EVAL_BUDGET: usize = 4_000_000;
/// Cells along the longer side of the grid the isolines are traced on.
const ISOLINE_CELLS: usize = 400;
/// The window's dark background.
pub const BACKGROUND: [u8; 3] = [27, 27, 27];
const TEXT: [u8; 3] = [210, 210, 210];

/// Where things go in the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Layout {
    /// The plot area: left, top, width, height.
    plot: [f32; 4],
    /// The colour bar.
    bar: [f32; 4],
    /// Text size in pixels.
    font: f32,
    /// Line width unit in pixels.
    unit: f32,
}

/// One run as it is drawn.
struct RunDraw {
    label: String,
    rgb: [u8; 3],
    start: V2,
    trajectory: Trajectory,
}

/// Everything needed to draw frames of a scenario at one size.
pub struct Scene {
    width: u32,
    height: u32,
    layout: Layout,
    project: Projection,
    runs: Vec<RunDraw>,
    base: Pixmap,
    /// The plot area, to keep paths inside it.
    clip: Option<tiny_skia::Mask>,
}

impl Scene {
    /// Computes the runs and the field and draws the static layer.
    pub fn new(scenario: &Scenario, width: u32, height: u32) -> Result<Self, String> {
        if !(16..=8192).contains(&width) || !(16..=8192).contains(&height) {
            return Err(format!(
                "{width}×{height} pixels: each side must be from 16 to 8192"
            ));
        }
        let compiled = scenario.compile().map_err(|e| e.to_string())?;
        let layout = layout(width, height);
        let view = fit_aspect(scenario.view_or_default(), layout.plot);
        let p = layout.plot;
        let project = Projection::new([view.x[0], view.x[1], view.y[0], view.y[1]], p);
        let runs = scenario
            .runs
            .iter()
            .zip(&compiled.runs)
            .enumerate()
            .filter(|(_, (r, _))| r.visible)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(i, (r, spec))| RunDraw {
                label: legend_label(r, spec.optimizer.lr()),
                rgb: r.rgb(i),
                start: r.start(),
                trajectory: spec.run(),
            })
            .collect();
        let mut base = Pixmap::new(width, height).ok_or("cannot allocate the picture")?;
        base.fill(rgb(BACKGROUND));
        let log = scenario
            .display
            .log_scale
            .unwrap_or(compiled.surface.info().log_scale);
        let scale = draw_field(
            &mut base,
            &compiled.surface,
            view,
            &layout,
            log,
            scenario.display.isolines,
        );
        let clip = clip_mask(width, height, layout.plot);
        let mut scene = Self {
            width,
            height,
            layout,
            project,
            runs,
            base,
            clip,
        };
        scene.draw_axes(view);
        scene.draw_color_bar(&scale);
        if scenario.display.markers {
            scene.draw_markers(&compiled.surface);
        }
        scene.draw_title(&scenario.title);
        scene.draw_legend();
        Ok(scene)
    }

    /// The last step any visible run reached.
    fn last_step_of_runs(&self) -> usize {
        self.runs
            .iter()
            .map(|r| r.trajectory.steps_taken())
            .max()
            .unwrap_or(0)
    }

    /// The solid colours pictures are drawn with: background, text, markers, and each run's colour.
    fn solid_colours(&self) -> Vec<[u8; 3]> {
        let mut c = vec![
            BACKGROUND,
            TEXT,
            [235, 235, 235],
            [255, 255, 255],
            [0, 0, 0],
            [150, 150, 150],
            [255, 80, 80],
            [38, 38, 38],
        ];
        c.extend(self.runs.iter().map(|r| r.rgb));
        c
    }

    /// Where a point of the plane lands in the picture, in pixels.
    pub fn pixel(&self, p: V2) -> [f32; 2] {
        self.project.apply(p)
    }

    fn pixel_size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The picture at `step` (clamped to each run's end).
    fn draw_frame(&self, step: usize) -> Pixmap {
        let mut pix = self.base.clone();
        let p = self.layout.plot;
        let clip = &self.clip;
        let u = self.layout.unit;
        let mut coverage = Coverage::new(p);
        for run in &self.runs {
            let pts = &run.trajectory.points;
            let shown = step.saturating_add(1).min(pts.len());
            if shown < pts.len() {
                coverage.clear();
                let ahead = pieces(
                    pts,
                    shown.saturating_sub(1),
                    pts.len(),
                    &self.project,
                    &mut coverage,
                );
                stroke_pieces(
                    &mut pix,
                    &ahead,
                    1.5 * u,
                    with_alpha(run.rgb, 130),
                    clip.as_ref(),
                );
            }
            coverage.clear();
            let trail = pieces(pts, 0, shown, &self.project, &mut coverage);
            stroke_pieces(&mut pix, &trail, 6.0 * u, [0, 0, 0, 150], clip.as_ref());
            stroke_pieces(
                &mut pix,
                &trail,
                3.0 * u,
                with_alpha(run.rgb, 255),
                clip.as_ref(),
            );
        }
        for run in &self.runs {
            let pts = &run.trajectory.points;
            let shown = step.saturating_add(1).min(pts.len());
            let s = self.project.apply(run.start);
            circle(
                &mut pix,
                s,
                7.0 * u,
                None,
                Some((with_alpha(run.rgb, 255), 2.5 * u)),
                clip.as_ref(),
            );
            if let Some(&b) = pts.get(shown.saturating_sub(1)) {
                let c = self.project.apply(b);
                circle(
                    &mut pix,
                    c,
                    10.0 * u,
                    Some([0, 0, 0, 255]),
                    None,
                    clip.as_ref(),
                );
                circle(
                    &mut pix,
                    c,
                    8.0 * u,
                    Some(with_alpha(run.rgb, 255)),
                    None,
                    clip.as_ref(),
                );
            }
            let t = &run.trajectory;
            if let (Status::Diverged, Some(k), Some(&last)) = (t.status, t.stopped_at, pts.last())
                && shown == pts.len()
            {
                self.draw_diverged(&mut pix, self.project.apply(last), k, clip.as_ref());
            }
        }
        pix
    }

    fn draw_diverged(
        &self,
        pix: &mut Pixmap,
        c: [f32; 2],
        k: usize,
        clip: Option<&tiny_skia::Mask>,
    ) {
        let u = self.layout.unit;
        let d = 8.0 * u;
        let red = [255, 80, 80, 255];
        polyline(
            pix,
            &[[c[0] - d, c[1] - d], [c[0] + d, c[1] + d]],
            3.0 * u,
            red,
            clip,
        );
        polyline(
            pix,
            &[[c[0] - d, c[1] + d], [c[0] + d, c[1] - d]],
            3.0 * u,
            red,
            clip,
        );
        let label = format!("diverged at step {k}");
        let p = self.layout.plot;
        let x = (c[0] + 1.5 * d)
            .min(p[0] + p[2] - text::width(&label, self.layout.font) - 4.0)
            .max(p[0] + 4.0);
        let y = (c[1] - 1.5 * d).clamp(p[1] + self.layout.font, p[1] + p[3] - 4.0);
        text::draw(
            pix,
            &label,
            x,
            y,
            self.layout.font,
            [255, 255, 255],
            Anchor::LeftCenter,
        );
    }

    fn draw_axes(&mut self, view: View) {
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
        for (v, label) in ticks(view.x[0], view.x[1], (p[2] / (6.0 * f)).max(2.0) as usize) {
            let x = self.project.apply(V2::new(v, view.y[0]))[0];
            polyline(
                &mut self.base,
                &[[x, p[1] + p[3]], [x, p[1] + p[3] + tick]],
                u,
                grey,
                None,
            );
            text::draw(
                &mut self.base,
                &label,
                x,
                p[1] + p[3] + tick + 2.0,
                f,
                TEXT,
                Anchor::CenterTop,
            );
        }
        for (v, label) in ticks(view.y[0], view.y[1], (p[3] / (3.0 * f)).max(2.0) as usize) {
            let y = self.project.apply(V2::new(view.x[0], v))[1];
            polyline(
                &mut self.base,
                &[[p[0] - tick, y], [p[0], y]],
                u,
                grey,
                None,
            );
            text::draw(
                &mut self.base,
                &label,
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

    fn draw_color_bar(&mut self, scale: &Scale) {
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
        let title = if scale.log { "f (log)" } else { "f" };
        text::draw(
            &mut self.base,
            title,
            b[0],
            b[1] - 0.5 * f,
            f,
            TEXT,
            Anchor::LeftBottom,
        );
        for k in 0..=4 {
            let t = f64::from(k) / 4.0;
            let y = b[1] + b[3] * (1.0 - t as f32);
            polyline(
                &mut self.base,
                &[[b[0] + b[2], y], [b[0] + b[2] + 4.0, y]],
                1.0,
                [200, 200, 200, 255],
                None,
            );
            text::draw(
                &mut self.base,
                &short(scale.value(t)),
                b[0] + b[2] + 6.0,
                y,
                f,
                TEXT,
                Anchor::LeftCenter,
            );
        }
    }

    fn draw_markers(&mut self, surface: &Surface) {
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

    fn draw_title(&mut self, title: &str) {
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

    fn draw_legend(&mut self) {
        if self.runs.is_empty() {
            return;
        }
        let (p, f, u) = (self.layout.plot, self.layout.font, self.layout.unit);
        let line = 1.5 * f;
        let sample = 2.2 * f;
        let text_w = self
            .runs
            .iter()
            .map(|r| text::width(&r.label, f))
            .fold(0.0, f32::max);
        let w = sample + 0.6 * f + text_w + 1.2 * f;
        let h = line * self.runs.len() as f32 + 0.6 * f;
        let (x0, y0) = (p[0] + p[2] - w - 0.6 * f, p[1] + 0.6 * f);
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

impl Frames for Scene {
    fn frame(&self, step: usize) -> Pixmap {
        self.draw_frame(step)
    }

    fn last_step(&self) -> usize {
        self.last_step_of_runs()
    }

    fn size(&self) -> (u32, u32) {
        self.pixel_size()
    }

    fn colours(&self) -> Vec<[u8; 3]> {
        self.solid_colours()
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
        format!("{title}, lr {}", short(lr))
    } else {
        format!("{name} ({title}, lr {})", short(lr))
    }
}

fn layout(width: u32, height: u32) -> Layout {
    let (w, h) = (width as f32, height as f32);
    let font = (h.min(w * 0.62) / 1000.0 * 19.0).clamp(9.0, 48.0);
    let unit = (font / 19.0).max(0.6);
    let (left, right, top, bottom) = (5.2 * font, 7.6 * font, 2.2 * font, 3.4 * font);
    let plot = [
        left,
        top,
        (w - left - right).max(8.0),
        (h - top - bottom).max(8.0),
    ];
    let bar = [
        plot[0] + plot[2] + 1.2 * font,
        plot[1] + 1.8 * font,
        1.1 * font,
        (plot[3] - 1.8 * font).max(4.0),
    ];
    Layout {
        plot,
        bar,
        font,
        unit,
    }
}

/// `view` widened along one axis so one unit is as long on both axes in `rect`.
fn fit_aspect(view: View, rect: [f32; 4]) -> View {
    let size = view.size();
    let (rw, rh) = (f64::from(rect[2]), f64::from(rect[3]));
    let (cx, cy) = (0.5 * (view.x[0] + view.x[1]), 0.5 * (view.y[0] + view.y[1]));
    let per_px = (size.x / rw).max(size.y / rh);
    let (hw, hh) = (0.5 * per_px * rw, 0.5 * per_px * rh);
    View::new(cx - hw, cx + hw, cy - hh, cy + hh)
}

/// Draws the filled contours and isolines into the plot area; returns the colour scale.
fn draw_field(
    pix: &mut Pixmap,
    surface: &Surface,
    view: View,
    layout: &Layout,
    log: bool,
    levels: usize,
) -> Scale {
    let p = layout.plot;
    let (pw, ph) = (p[2].round() as usize, p[3].round() as usize);
    let cost = surface.sample_count().unwrap_or(1).max(1);
    let (nx, ny) = fit_grid(pw, ph, EVAL_BUDGET / cost);
    let field = Field::sample(surface, view, nx, ny);
    let scale = field.scale(log);
    let project = Projection::new([view.x[0], view.x[1], view.y[0], view.y[1]], p);
    // Isolines are traced on every few samples of the same field while the colours are filled in.
    let stride = nx.max(ny).div_ceil(ISOLINE_CELLS).max(1);
    let (lines, ()) = rayon::join(
        || {
            let coarse = field.subsample(stride);
            let t = coarse.normalized(&scale);
            let min_dist = 1.5 / project.scale[0].abs();
            coarse
                .isolines(&t, &scale, levels)
                .into_iter()
                .flat_map(|iso| iso.lines)
                .map(|line| {
                    thin(&line, line.len(), min_dist)
                        .into_iter()
                        .map(|k| project.apply(line[k]))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        },
        || fill_colours(pix, &field, &scale, p),
    );
    for line in &lines {
        polyline(pix, line, layout.unit, [255, 255, 255, 70], None);
    }
    scale
}

/// The colour of every pixel of the plot area, from the nearest sample of `field`.
fn fill_colours(pix: &mut Pixmap, field: &Field, scale: &Scale, p: [f32; 4]) {
    let lut: Vec<[u8; 3]> = (0..256).map(|i| viridis(f64::from(i) / 255.0)).collect();
    let (nx, ny) = (field.nx, field.ny);
    let (pw, ph) = (p[2].round() as usize, p[3].round() as usize);
    let width = pix.width() as usize;
    let (x0, y0) = (p[0].round() as usize, p[1].round() as usize);
    pix.data_mut()
        .par_chunks_mut(width * 4)
        .enumerate()
        .skip(y0)
        .take(ph)
        .for_each(|(row, line)| {
            let gy = ((row - y0) * ny / ph.max(1)).min(ny - 1);
            let samples = &field.values[gy * nx..(gy + 1) * nx];
            for col in 0..pw {
                let gx = (col * nx / pw.max(1)).min(nx - 1);
                let c = lut[(scale.t(samples[gx]) * 255.0 + 0.5) as usize & 255];
                let i = (x0 + col) * 4;
                if i + 3 < line.len() {
                    line[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
                }
            }
        });
}

/// The largest grid of at most `budget` cells with the aspect of `w × h` (and no more than w × h).
fn fit_grid(w: usize, h: usize, budget: usize) -> (usize, usize) {
    let (w, h) = (w.max(2), h.max(2));
    if w * h <= budget.max(4) {
        return (w, h);
    }
    let f = (budget.max(4) as f64 / (w * h) as f64).sqrt();
    (
        ((w as f64 * f) as usize).max(2),
        ((h as f64 * f) as usize).max(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_keeps_one_unit_equal_on_both_axes() {
        let v = fit_aspect(View::new(-2.0, 2.0, -1.0, 3.0), [0.0, 0.0, 800.0, 400.0]);
        assert!((v.size().x / 800.0 - v.size().y / 400.0).abs() < 1e-12);
        assert!(v.x[0] <= -2.0 && v.x[1] >= 2.0 && v.y[0] <= -1.0 && v.y[1] >= 3.0);
    }
}
