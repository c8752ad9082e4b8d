//! The 3-D view as pictures: [`crate::view3d`] with a title and a legend, frame by frame.

use crate::error::PictureError;
use std::sync::Arc;

use tiny_skia::Pixmap;

use super::Frames;
use super::paint::Painter;
use super::picture::block::{BlockStyle, balls, block_chrome};
use super::picture::{Image, Picture, Theme, check_size, layout};
use super::resolve::{Drawing, Given, resolve};
use super::scene::{BACKGROUND, legend_label, title_legend};
use super::view3d::{self, Mesh, Projector, Run3};
use optiscape_core::scenario::{Camera, Scenario};
use optiscape_core::sim::Trajectory;

/// Everything needed to draw frames of a scenario in 3-D at one size.
pub struct Solid {
    width: u32,
    height: u32,
    mesh: Arc<Mesh>,
    camera: Camera,
    title: String,
    runs: Vec<(String, [u8; 3], Arc<Trajectory>)>,
    markers: bool,
}

impl Solid {
    /// Builds the mesh and computes the runs, unless `computed` gives the window's (its mesh, and
    /// its trajectories, one per run of the scenario in order); `camera` overrides the scenario's
    /// camera.
    pub fn new(
        scenario: &Scenario,
        width: u32,
        height: u32,
        camera: Option<Camera>,
        computed: Given<'_>,
    ) -> Result<Self, PictureError> {
        check_size(width, height)?;
        let camera = camera.unwrap_or(scenario.display.camera);
        camera.check("camera")?;
        let Drawing {
            surface,
            runs: resolved,
            title,
            ..
        } = resolve(scenario, &computed)?;
        let mesh =
            (computed.mesh).unwrap_or_else(|| Arc::new(Mesh::of_scenario(scenario, &surface)));
        let runs = resolved
            .into_iter()
            .map(|r| {
                let run = &scenario.runs[r.index];
                (legend_label(run, r.lr), run.rgb(r.index), r.trajectory)
            })
            .collect();
        Ok(Self {
            width,
            height,
            mesh,
            camera,
            title,
            runs,
            markers: scenario.display.markers,
        })
    }
}

impl Solid {
    /// The runs as the 3-D view draws them.
    fn runs3(&self) -> Vec<Run3<'_>> {
        self.runs
            .iter()
            .map(|(_, rgb, t)| Run3 {
                rgb: *rgb,
                points: &t.points,
                losses: &t.losses,
            })
            .collect()
    }

    /// The rendered block at `step` with nothing over it.
    fn block(&self, step: usize) -> Pixmap {
        let raster = view3d::draw(
            &self.mesh,
            &self.camera,
            &self.runs3(),
            step,
            self.width,
            self.height,
            BACKGROUND,
        );
        let size = tiny_skia::IntSize::from_wh(self.width, self.height);
        size.and_then(|s| Pixmap::from_vec(raster.rgba, s))
            .unwrap_or_else(|| {
                Pixmap::new(self.width.max(1), self.height.max(1))
                    .unwrap_or_else(unreachable_pixmap)
            })
    }

    /// The axes, colour bar, markers, balls at `step`, title and legend over the block.
    fn chrome(&self, step: usize) -> Vec<super::picture::Item> {
        let l = layout(self.width, self.height);
        let style = BlockStyle {
            font: l.font,
            unit: l.unit,
            theme: Theme::DARK,
            markers: self.markers,
        };
        let proj = Projector::new(&self.camera, self.width, self.height);
        let mut items = block_chrome(&self.mesh, &proj, self.width, self.height, style);
        balls(&mut items, &self.mesh, &proj, &self.runs3(), step, l.unit);
        let legend: Vec<(String, [u8; 3])> =
            self.runs.iter().map(|(l, c, _)| (l.clone(), *c)).collect();
        items.extend(title_legend(self.width, self.height, &self.title, &legend));
        items
    }
}

impl Frames for Solid {
    fn frame(&self, step: usize) -> Pixmap {
        let mut pix = self.block(step);
        Painter::new(self.width, self.height, &[]).paint(&mut pix, &self.chrome(step), false);
        pix
    }

    /// The rendered block as one image, with the title and legend as items over it.
    fn picture(&self, step: usize) -> Picture {
        let pix = self.block(step);
        let mut items = vec![super::picture::Item::Image(Image {
            rect: [0.0, 0.0, self.width as f32, self.height as f32],
            width: self.width,
            height: self.height,
            rgba: std::sync::Arc::new(pix.take()),
        })];
        items.extend(self.chrome(step));
        Picture {
            width: self.width,
            height: self.height,
            background: BACKGROUND,
            items,
        }
    }

    fn last_step(&self) -> usize {
        self.runs
            .iter()
            .map(|(_, _, t)| t.steps_taken())
            .max()
            .unwrap_or(0)
    }

    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    fn colours(&self) -> Vec<[u8; 3]> {
        let mut c = vec![
            BACKGROUND,
            [210, 210, 210],
            [235, 235, 235],
            [255, 255, 255],
            [0, 0, 0],
        ];
        c.extend(self.runs.iter().map(|(_, rgb, _)| *rgb));
        c
    }
}

/// A 1×1 pixmap, for the impossible case that a checked size cannot be allocated.
fn unreachable_pixmap() -> Pixmap {
    match Pixmap::new(1, 1) {
        Some(p) => p,
        None => unreachable!("a 1×1 pixmap always allocates"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_trajectories_are_drawn_as_they_are_and_others_are_computed() {
        let scenario = optiscape_files::resolve("valley-3d").expect("built in");
        let compiled = scenario.compile().expect("valid");
        let mine: Vec<Arc<Trajectory>> = compiled
            .runs
            .iter()
            .map(|spec| Arc::new(spec.run()))
            .collect();
        let solid = Solid::new(&scenario, 200, 150, None, Given::paths(&mine)).expect("a picture");
        let visible = scenario.runs.iter().zip(&mine).filter(|(r, _)| r.visible);
        assert_eq!(solid.runs.len(), visible.clone().count());
        for ((_, _, drawn), (_, given)) in solid.runs.iter().zip(visible) {
            assert!(Arc::ptr_eq(drawn, given), "not computed again");
        }
        let solid =
            Solid::new(&scenario, 200, 150, None, Given::paths(&mine[..1])).expect("a picture");
        assert!(solid.runs.iter().all(|(_, _, d)| !Arc::ptr_eq(d, &mine[0])));
        assert_eq!(solid.runs[0].2.points, mine[0].points);
    }
}
