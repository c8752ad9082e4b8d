//! Headless pictures of a scenario, drawn from the same computed data as the window: level of detail
//! for long paths, and (in the exporters) the landscape rasterised for slides and handouts.

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
    /// The last step any visible run reached.
    fn last_step(&self) -> usize;
    fn size(&self) -> (u32, u32);
    /// The solid colours the pictures are drawn with, for palettes.
    fn colours(&self) -> Vec<[u8; 3]>;
}

pub mod draw;
pub mod encode;
pub mod grid;
pub mod lod;
pub mod scene;
pub mod solid;
pub mod text;
pub mod ticks;
pub mod view3d;
