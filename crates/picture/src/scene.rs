//! A scenario's contour map as pixels: the [`super::picture::Landscape`] list painted by
//! [`super::paint`]. The static layer (field, isolines, gradient field, chrome) is painted once; each
//! frame copies it and paints the step's items (paths, balls, vectors), so animations cost little per
//! frame. [`SideScene`] does the same for the side-by-side grid.

use super::resolve::Given;
use crate::error::PictureError;
use tiny_skia::Pixmap;

use super::Frames;
use super::draw::rgb;
use super::paint::Painter;
use super::picture::{self, Landscape, Picture, SideBySide, Theme, vectors};
use optiscape_core::scenario::{Scenario, palette};
use optiscape_core::sim::V2;

pub use super::picture::{legend_label, title_legend};

/// The window's dark background, which every export has.
pub const BACKGROUND: [u8; 3] = [27, 27, 27];

/// Everything needed to draw frames of a scenario at one size.
pub struct Scene {
    /// The list the pictures are painted from.
    pub landscape: Landscape,
    painter: Painter,
    base: Pixmap,
}

impl Scene {
    /// Computes the runs and the field and paints the static layer.
    pub fn new(scenario: &Scenario, width: u32, height: u32) -> Result<Self, PictureError> {
        Self::with_runs(scenario, width, height, Given::NONE, Theme::DARK)
    }

    /// [`Scene::new`] with the runs' trajectories already computed (the window's, one per run of
    /// the scenario in order), so an export draws exactly the paths on screen without computing
    /// them again. Trajectories that do not match the runs in number are computed anew. `theme` is
    /// the window's (or the command line's `--theme`).
    pub fn with_runs(
        scenario: &Scenario,
        width: u32,
        height: u32,
        computed: Given<'_>,
        theme: Theme,
    ) -> Result<Self, PictureError> {
        let layout = picture::layout(width, height);
        Self::with_layout(scenario, width, height, layout, computed, theme)
    }

    /// [`Scene::with_runs`] laid out by `layout` (the window's: [`picture::window_layout`]).
    pub fn with_layout(
        scenario: &Scenario,
        width: u32,
        height: u32,
        layout: picture::Layout,
        computed: Given<'_>,
        theme: Theme,
    ) -> Result<Self, PictureError> {
        let landscape = Landscape::with_layout(scenario, width, height, layout, computed, theme)?;
        let (painter, base) = static_layer(
            [width, height],
            theme,
            &[landscape.layout.plot],
            &landscape.base,
        )?;
        Ok(Self {
            landscape,
            painter,
            base,
        })
    }

    /// Where a point of the plane lands in the picture, in pixels.
    pub fn pixel(&self, p: V2) -> [f32; 2] {
        self.landscape.project.apply(p)
    }

    /// The list of the whole picture at `step`.
    pub fn picture(&self, step: usize) -> Picture {
        self.landscape.picture(step)
    }

    fn draw_frame(&self, mut pix: Pixmap, step: usize, strips: bool) -> Pixmap {
        self.painter
            .paint(&mut pix, &self.landscape.frame(step), strips);
        pix
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

    fn picture(&self, step: usize) -> Picture {
        Scene::picture(self, step)
    }

    fn last_step(&self) -> usize {
        self.landscape.last_step()
    }

    fn size(&self) -> (u32, u32) {
        (self.landscape.width, self.landscape.height)
    }

    fn colours(&self) -> Vec<[u8; 3]> {
        colours(&self.landscape)
    }
}

/// The side-by-side grid ([`SideBySide`]) as pixels, painted like a [`Scene`]: the cells' static
/// layers once, each frame's paths and vectors over a copy.
pub struct SideScene {
    pub side: SideBySide,
    painter: Painter,
    base: Pixmap,
}

impl SideScene {
    pub fn new(
        scenario: &Scenario,
        width: u32,
        height: u32,
        computed: Given<'_>,
        theme: Theme,
    ) -> Result<Self, PictureError> {
        let side = SideBySide::new(scenario, width, height, computed, theme)?;
        let (painter, base) = static_layer([width, height], theme, &side.plots(), &side.base())?;
        Ok(Self {
            side,
            painter,
            base,
        })
    }
}

impl Frames for SideScene {
    fn frame(&self, step: usize) -> Pixmap {
        let mut pix = self.base.clone();
        self.painter.paint(&mut pix, &self.side.frame(step), false);
        pix
    }

    fn picture(&self, step: usize) -> Picture {
        self.side.picture(step)
    }

    fn last_step(&self) -> usize {
        self.side.last_step()
    }

    fn size(&self) -> (u32, u32) {
        (self.side.width, self.side.height)
    }

    fn colours(&self) -> Vec<[u8; 3]> {
        match self.side.cells.first() {
            Some((_, cell)) => {
                let mut c = colours(cell);
                c.extend(
                    self.side
                        .cells
                        .iter()
                        .skip(1)
                        .flat_map(|(_, l)| l.runs.iter().map(|r| r.rgb)),
                );
                c
            }
            None => vec![self.side.theme.background()],
        }
    }
}

/// A painter for pictures of `size` with these clip rectangles, and the static `items` painted once
/// on the theme's background.
fn static_layer(
    [width, height]: [u32; 2],
    theme: Theme,
    clips: &[[f32; 4]],
    items: &[super::picture::Item],
) -> Result<(Painter, Pixmap), PictureError> {
    let mut base = Pixmap::new(width, height).ok_or(PictureError::Memory)?;
    base.fill(rgb(theme.background()));
    let painter = Painter::new(width, height, clips);
    painter.paint(&mut base, items, true);
    Ok((painter, base))
}

/// Background, text, markers, the vector colours when vectors are drawn, and each run's colour.
fn colours(landscape: &Landscape) -> Vec<[u8; 3]> {
    let theme = landscape.theme;
    let mut c = vec![
        theme.background(),
        theme.text(),
        theme.title(),
        theme.legend().1,
        [255, 255, 255],
        [0, 0, 0],
        [150, 150, 150],
        [255, 80, 80],
        [38, 38, 38],
    ];
    let v = landscape.vectors;
    if v.gradient || v.step || v.velocity || v.lookahead || v.step_sizes {
        c.extend([
            palette::VECTOR_RED,
            palette::VECTOR_GREEN,
            palette::VECTOR_BLUE,
            palette::VECTOR_BROWN,
            vectors::VIOLET,
        ]);
    }
    c.extend(landscape.runs.iter().map(|r| r.rgb));
    c
}

#[cfg(test)]
#[path = "scene_tests.rs"]
mod tests;
