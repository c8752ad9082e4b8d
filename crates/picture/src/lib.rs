//! Pictures of a scenario without a window, and the egui-free pieces the window shares with them.
//!
//! The contour map is one display list ([`picture`]): field image, isolines, gradient field, axes
//! with ticks, colour bar, markers, title, legend, and per step the paths, balls, divergence labels
//! and the vectors at each ball. Painters only paint it: tiny-skia ([`paint`], for [`scene`] and so
//! PNG, GIF and APNG), SVG ([`svg`]), and egui in the window (its vectors and gradient field). The
//! 3-D view ([`solid`], computing its runs from the scenario) is a raster image of the block with its
//! axes, colour bar and markers ([`picture::block`], which the window paints over its GPU's block),
//! title and legend as items. [`grid`] draws the heat map of a computed sweep and
//! the basin map, [`curves`] the learning-rate tuning's curves; [`encode`] writes PNG, animated GIF or
//! animated PNG.
//!
//! Shared with the window: every number on an axis, a colour bar or a label ([`ticks`]), level of detail
//! for long paths ([`lod`]), the 3-D view's mesh, camera and GPU buffers and its CPU raster
//! ([`view3d`]), the grid pictures the tool window shows, and the bundled font.

use tiny_skia::Pixmap;

/// Something that draws frames of an animation: the contour map ([`scene::Scene`]) or the 3-D view
/// ([`solid::Solid`]).
pub trait Frames: Sync {
    /// The picture at `step` (clamped to each run's end).
    fn frame(&self, step: usize) -> Pixmap;
    /// [`Self::frame`] for the last use of the scene, which may then draw on its own buffers.
    fn into_frame(self: Box<Self>, step: usize) -> Pixmap {
        self.frame(step)
    }
    /// The picture at `step` as a list of items, for painters other than tiny-skia (SVG).
    fn picture(&self, step: usize) -> picture::Picture;
    /// The last step any visible run reached.
    fn last_step(&self) -> usize;
    fn size(&self) -> (u32, u32);
    /// The solid colours the pictures are drawn with, for palettes.
    fn colours(&self) -> Vec<[u8; 3]>;
}

pub mod curves;
pub mod draw;
pub mod encode;
pub mod error;
pub mod grid;
pub mod lod;
pub mod paint;
pub mod picture;
pub mod resolve;
pub mod scene;
pub mod solid;
pub mod svg;
pub mod text;
pub mod ticks;
pub mod view3d;
