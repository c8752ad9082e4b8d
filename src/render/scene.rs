//! A scenario drawn as a picture: filled contours with isolines, axes with ticks, a colour bar, minima
//! markers, a legend, and every visible run's path up to a step with its ball. The static part is drawn
//! once; each frame copies it and adds the paths, so animations cost little per frame.
//!
//! This file holds what changes from frame to frame (the runs' paths and balls) and the layout every
//! part agrees on. The static layer is built by `field` (the sampled surface, the costly part) and
//! `decor` (the chrome around it, shared with the 3-D pictures), so each can be read on its own.

mod decor;
mod field;

pub use decor::{decorations_3d, legend_label};

use std::sync::Arc;

use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::Frames;
use super::draw::{Ink, clip_mask, paint_inks, rgb, with_alpha};
use super::lod::{Coverage, Projection, pieces};
use super::text::{self, Anchor};
use crate::scenario::Scenario;
use crate::sim::surface::View;
use crate::sim::{Status, Trajectory, V2};
use field::draw_field;

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
    trajectory: Arc<Trajectory>,
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
    /// The colour bar's labels as drawn.
    bar: crate::render::ticks::BarTicks,
}

impl Scene {
    /// Computes the runs and the field and draws the static layer.
    pub fn new(scenario: &Scenario, width: u32, height: u32) -> Result<Self, String> {
        Self::with_runs(scenario, width, height, None)
    }

    /// [`Scene::new`] with the runs' trajectories already computed (the window's, one per run of
    /// the scenario in order), so an export draws exactly the paths on screen without computing
    /// them again. Trajectories that do not match the runs in number are computed anew.
    pub fn with_runs(
        scenario: &Scenario,
        width: u32,
        height: u32,
        computed: Option<&[Arc<Trajectory>]>,
    ) -> Result<Self, String> {
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
                trajectory: computed
                    .filter(|c| c.len() == scenario.runs.len())
                    .and_then(|c| c.get(i).cloned())
                    .unwrap_or_else(|| Arc::new(spec.run())),
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
            bar: Default::default(),
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

    /// Draws the paths and balls at `step` (clamped to each run's end) over the static layer `pix`;
    /// with `strips`, in horizontal strips at once (for a single picture; animations already draw
    /// their frames in parallel).
    fn draw_frame(&self, mut pix: Pixmap, step: usize, strips: bool) -> Pixmap {
        let u = self.layout.unit;
        let mut inks = Vec::new();
        let mut coverage = Coverage::new(self.layout.plot);
        let mut pieces_of = |pts: &[V2], from: usize, to: usize| {
            coverage.clear();
            pieces(pts, from, to, &self.project, &mut coverage)
        };
        for run in &self.runs {
            let pts = &run.trajectory.points;
            let shown = step.saturating_add(1).min(pts.len());
            if shown < pts.len() {
                let ahead = pieces_of(pts, shown.saturating_sub(1), pts.len());
                let rgba = with_alpha(run.rgb, 130);
                inks.extend(ahead.iter().filter_map(|p| Ink::line(p, 1.5 * u, rgba)));
            }
            let trail = pieces_of(pts, 0, shown);
            inks.extend(
                trail
                    .iter()
                    .filter_map(|p| Ink::line(p, 6.0 * u, [0, 0, 0, 150])),
            );
            let rgba = with_alpha(run.rgb, 255);
            inks.extend(trail.iter().filter_map(|p| Ink::line(p, 3.0 * u, rgba)));
        }
        let mut diverged = Vec::new();
        for run in &self.runs {
            let pts = &run.trajectory.points;
            let shown = step.saturating_add(1).min(pts.len());
            let rgba = with_alpha(run.rgb, 255);
            let start = self.project.apply(run.start);
            inks.extend(Ink::circle(start, 7.0 * u, Some(2.5 * u), rgba));
            if let Some(&b) = pts.get(shown.saturating_sub(1)) {
                let c = self.project.apply(b);
                inks.extend(Ink::circle(c, 10.0 * u, None, [0, 0, 0, 255]));
                inks.extend(Ink::circle(c, 8.0 * u, None, rgba));
            }
            let t = &run.trajectory;
            if let (Status::Diverged, Some(k), Some(&last)) = (t.status, t.stopped_at, pts.last())
                && shown == pts.len()
            {
                let c = self.project.apply(last);
                let d = 8.0 * u;
                let red = [255, 80, 80, 255];
                for line in [
                    [[c[0] - d, c[1] - d], [c[0] + d, c[1] + d]],
                    [[c[0] - d, c[1] + d], [c[0] + d, c[1] - d]],
                ] {
                    inks.extend(Ink::line(&line, 3.0 * u, red));
                }
                diverged.push((c, k));
            }
        }
        paint_inks(
            &mut pix,
            &inks,
            Some(self.layout.plot),
            self.clip.as_ref(),
            strips,
        );
        for (c, k) in diverged {
            self.label_diverged(&mut pix, c, k);
        }
        pix
    }

    /// "diverged at step k" beside the cross at `c`.
    fn label_diverged(&self, pix: &mut Pixmap, c: [f32; 2], k: usize) {
        let label = format!("diverged at step {k}");
        let [x, y] = self.diverged_label_at(c, &label);
        let f = self.layout.font;
        text::draw(pix, &label, x, y, f, [255, 255, 255], Anchor::LeftCenter);
    }

    /// Where `label` goes for a cross at `c` (left end, vertical centre): beside it, inside the plot,
    /// and below the legend rather than over it.
    fn diverged_label_at(&self, c: [f32; 2], label: &str) -> [f32; 2] {
        let d = 8.0 * self.layout.unit;
        let (p, f) = (self.layout.plot, self.layout.font);
        let w = text::width(label, f);
        let x = (c[0] + 1.5 * d).min(p[0] + p[2] - w - 4.0).max(p[0] + 4.0);
        let mut y = (c[1] - 1.5 * d).clamp(p[1] + f, p[1] + p[3] - 4.0);
        if let Some([lx, ly, lw, lh]) = self.legend_rect() {
            let overlaps = x < lx + lw && x + w > lx && y - f / 2.0 < ly + lh && y + f / 2.0 > ly;
            if overlaps {
                y = (ly + lh + f).min(p[1] + p[3] - 4.0);
            }
        }
        [x, y]
    }
}

impl Frames for Scene {
    fn frame(&self, step: usize) -> Pixmap {
        self.draw_frame(self.base.clone(), step, false)
    }

    fn into_frame(mut self: Box<Self>, step: usize) -> Pixmap {
        // The static layer itself is drawn on: one copy of the picture fewer to fill page by page.
        match Pixmap::new(1, 1) {
            Some(empty) => {
                let base = std::mem::replace(&mut self.base, empty);
                self.draw_frame(base, step, true)
            }
            None => self.frame(step),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_keeps_one_unit_equal_on_both_axes() {
        let v = fit_aspect(View::new(-2.0, 2.0, -1.0, 3.0), [0.0, 0.0, 800.0, 400.0]);
        assert!((v.size().x / 800.0 - v.size().y / 400.0).abs() < 1e-12);
        assert!(v.x[0] <= -2.0 && v.x[1] >= 2.0 && v.y[0] <= -1.0 && v.y[1] >= 3.0);
    }

    #[test]
    fn given_trajectories_are_drawn_as_they_are_and_others_are_computed() {
        let scenario = crate::preset::resolve("zigzag-bowl").expect("built in");
        let compiled = scenario.compile().expect("valid");
        let mine: Vec<Arc<Trajectory>> = compiled
            .runs
            .iter()
            .map(|spec| Arc::new(spec.run()))
            .collect();
        let scene = Scene::with_runs(&scenario, 400, 300, Some(&mine)).expect("a scene");
        let visible: Vec<&Arc<Trajectory>> = scenario
            .runs
            .iter()
            .zip(&mine)
            .filter(|(r, _)| r.visible)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(scene.runs.len(), visible.len());
        for (drawn, given) in scene.runs.iter().zip(visible) {
            assert!(Arc::ptr_eq(&drawn.trajectory, given), "not computed again");
        }
        // A list that does not match the runs is not used.
        let scene = Scene::with_runs(&scenario, 400, 300, Some(&mine[..1])).expect("a scene");
        assert!(
            scene
                .runs
                .iter()
                .all(|d| mine.iter().all(|m| !Arc::ptr_eq(&d.trajectory, m)))
        );
        assert_eq!(scene.runs[0].trajectory.points, mine[0].points);
    }

    #[test]
    fn a_divergence_label_in_the_legend_corner_goes_below_the_legend() {
        let scenario = crate::preset::resolve("lr-too-large").expect("built in");
        let scene = Scene::new(&scenario, 1200, 750).expect("a scene");
        let [lx, ly, lw, lh] = scene.legend_rect().expect("runs, so a legend");
        let p = scene.layout.plot;
        let f = scene.layout.font;
        // A run that left through the top right corner, where the legend sits.
        let label = "diverged at step 7";
        let [x, y] = scene.diverged_label_at([p[0] + p[2] + 50.0, p[1] - 50.0], label);
        let w = text::width(label, f);
        assert!(
            x + w > lx && x < lx + lw,
            "the label is in the legend's columns"
        );
        assert!(
            y - f / 2.0 >= ly + lh,
            "below the legend: {y} vs {}",
            ly + lh
        );
        assert!(y <= p[1] + p[3], "still inside the plot");
        // Elsewhere the label stays beside its cross.
        let c = [p[0] + 100.0, p[1] + p[3] - 100.0];
        let [x, y] = scene.diverged_label_at(c, label);
        assert!(
            (x - c[0]).abs() < 30.0 && (y - c[1]).abs() < 30.0,
            "{x},{y} vs {c:?}"
        );
    }

    #[test]
    fn colour_bar_marks_sit_on_the_edge_with_a_gap_before_their_labels() {
        let scenario = crate::preset::resolve("gd-local-minimum").expect("built in");
        let scene = Scene::new(&scenario, 1000, 700).expect("a scene");
        let (b, f) = (scene.layout.bar, scene.layout.font);
        let ticks = &scene.bar.ticks;
        assert!(ticks.len() >= 3, "{:?}", scene.bar);
        let at = |x: f32, y: f32| {
            let p = scene.base.pixel(x as u32, y as u32).expect("inside");
            [p.red(), p.green(), p.blue()]
        };
        let right = b[0] + b[2];
        for t in ticks {
            let y = b[1] + b[3] * (1.0 - t.t as f32);
            let mark = at(right + 0.15 * f, y);
            assert!(
                mark.iter().all(|&c| c > 120),
                "a mark at {}: {mark:?}",
                t.label
            );
            assert_eq!(
                at(right + 0.5 * f, y),
                BACKGROUND,
                "a gap after the mark of {}",
                t.label
            );
        }
    }
}
