//! What changes from step to step: every visible run's path up to the step (and faintly where it goes
//! on), its start ring and ball, and a cross with "diverged at step k" where a run blew up. The window
//! and every export draw the paths with [`paths`].

use rayon::prelude::*;

use super::landscape::Landscape;
use super::{Anchor, Item, with_alpha};
use crate::lod::{Coverage, Projection, pieces};
use crate::text;
use optiscape_core::sim::{Status, Trajectory, V2};

/// One run as the paths layer needs it.
pub struct PathRun<'a> {
    pub rgb: [u8; 3],
    pub start: V2,
    pub trajectory: &'a Trajectory,
}

/// Where the paths go: the projection onto the `plot` rectangle, the text size and line-width unit,
/// and the legend's box, which divergence labels keep clear of.
pub struct PathFrame<'a> {
    pub project: &'a Projection,
    pub plot: [f32; 4],
    pub font: f32,
    pub unit: f32,
    pub legend: Option<[f32; 4]>,
}

/// The layers "paths" (clipped to the plot) and "divergence" at `step`.
pub(super) fn items(l: &Landscape, step: usize) -> Vec<Item> {
    let runs: Vec<PathRun> = l
        .runs
        .iter()
        .map(|r| PathRun {
            rgb: r.rgb,
            start: r.start,
            trajectory: &r.trajectory,
        })
        .collect();
    let frame = PathFrame {
        project: &l.project,
        plot: l.layout.plot,
        font: l.layout.font,
        unit: l.layout.unit,
        legend: l.legend_rect(),
    };
    paths(&runs, step, &frame)
}

/// Each run's path up to `step` (clamped to its end) and faintly beyond, start ring, ball, and where
/// it diverged, a cross and a label: the layers "paths" and "divergence".
pub fn paths(runs: &[PathRun], step: usize, frame: &PathFrame) -> Vec<Item> {
    let u = frame.unit;
    let mut out = vec![Item::Group {
        name: "paths",
        clip: Some(frame.plot),
    }];
    // The runs' lines are independent, and long paths cost most of a frame: one run per core.
    let lines: Vec<Vec<Item>> = runs
        .par_iter()
        .map(|run| {
            let mut coverage = Coverage::new(frame.plot);
            let mut pieces_of = |pts: &[V2], from: usize, to: usize| {
                coverage.clear();
                pieces(pts, from, to, frame.project, &mut coverage)
            };
            let mut out = Vec::new();
            let pts = &run.trajectory.points;
            let shown = step.saturating_add(1).min(pts.len());
            if shown < pts.len() {
                let rgba = with_alpha(run.rgb, 130);
                for p in pieces_of(pts, shown.saturating_sub(1), pts.len()) {
                    out.push(Item::line(p, 1.5 * u, rgba));
                }
            }
            let trail = pieces_of(pts, 0, shown);
            for p in &trail {
                out.push(Item::line(p.clone(), 6.0 * u, [0, 0, 0, 150]));
            }
            let rgba = with_alpha(run.rgb, 255);
            out.extend(trail.into_iter().map(|p| Item::line(p, 3.0 * u, rgba)));
            out
        })
        .collect();
    out.extend(lines.into_iter().flatten());
    let mut diverged = Vec::new();
    for run in runs {
        let pts = &run.trajectory.points;
        let shown = step.saturating_add(1).min(pts.len());
        let rgba = with_alpha(run.rgb, 255);
        out.push(Item::Circle {
            centre: frame.project.apply(run.start),
            radius: 7.0 * u,
            fill: None,
            ring: Some((rgba, 2.5 * u)),
        });
        if let Some(&b) = pts.get(shown.saturating_sub(1)) {
            let centre = frame.project.apply(b);
            for (radius, fill) in [(10.0 * u, [0, 0, 0, 255]), (8.0 * u, rgba)] {
                out.push(Item::Circle {
                    centre,
                    radius,
                    fill: Some(fill),
                    ring: None,
                });
            }
        }
        let t = &run.trajectory;
        // As in the window: the cross shows where the run is going, like the faint path ahead.
        if let (Status::Diverged, Some(k), Some(&last)) = (t.status, t.stopped_at, pts.last()) {
            let c = frame.project.apply(last);
            diverged_cross(&mut out, c, u);
            diverged.push((c, k));
        }
    }
    out.push(Item::End);
    if !diverged.is_empty() {
        out.push(Item::Group {
            name: "divergence",
            clip: None,
        });
        for (c, k) in diverged {
            diverged_label(&mut out, c, k, frame.plot, frame.font, u, frame.legend);
        }
        out.push(Item::End);
    }
    out
}

/// A red cross at `c`, where a run blew up (`u`: the line-width unit).
pub fn diverged_cross(out: &mut Vec<Item>, c: [f32; 2], u: f32) {
    let d = 8.0 * u;
    let red = [255, 80, 80, 255];
    out.push(Item::line(
        vec![[c[0] - d, c[1] - d], [c[0] + d, c[1] + d]],
        3.0 * u,
        red,
    ));
    out.push(Item::line(
        vec![[c[0] - d, c[1] + d], [c[0] + d, c[1] - d]],
        3.0 * u,
        red,
    ));
}

/// "diverged at step k" on a dark box beside the cross at `c`, inside `plot` and clear of the
/// `legend` box, in text of size `f`. The window and the exporters label divergence with this.
pub fn diverged_label(
    out: &mut Vec<Item>,
    c: [f32; 2],
    k: usize,
    plot: [f32; 4],
    f: f32,
    u: f32,
    legend: Option<[f32; 4]>,
) {
    let label = format!("diverged at step {k}");
    let [x, y] = diverged_label_at(c, &label, plot, f, u, legend);
    let (w, h, pad) = (text::width(&label, f), text::height(f), 3.0 * u);
    out.push(Item::Rect {
        rect: [x - pad, y - h / 2.0 - pad, w + 2.0 * pad, h + 2.0 * pad],
        rgba: [0, 0, 0, 180],
    });
    out.push(Item::text(
        [x, y],
        f,
        Anchor::LeftCenter,
        [255, 255, 255],
        &label,
    ));
}

/// Where `label` goes for a cross at `c` (left end, vertical centre): beside it, inside `plot`, and
/// below the `legend` box rather than over it.
pub fn diverged_label_at(
    c: [f32; 2],
    label: &str,
    p: [f32; 4],
    f: f32,
    u: f32,
    legend: Option<[f32; 4]>,
) -> [f32; 2] {
    let d = 8.0 * u;
    let w = text::width(label, f);
    let x = (c[0] + 1.5 * d).min(p[0] + p[2] - w - 4.0).max(p[0] + 4.0);
    let mut y = (c[1] - 1.5 * d).clamp(p[1] + f, p[1] + p[3] - 4.0);
    if let Some([lx, ly, lw, lh]) = legend {
        let overlaps = x < lx + lw && x + w > lx && y - f / 2.0 < ly + lh && y + f / 2.0 > ly;
        if overlaps {
            y = (ly + lh + f).min(p[1] + p[3] - 4.0);
        }
    }
    [x, y]
}
