//! The simulation core: 2-D loss surfaces, torch.optim-exact optimizers and the trajectories they trace.
//!
//! Nothing in here knows about windows, files or the terminal, so every piece can be tested and
//! benchmarked on its own and shared by the app, the command line and the exporters.

pub mod basins;
pub mod error;
pub mod field;
pub mod isolines;
pub mod net;
pub mod optim;
pub mod path;
pub mod physics;
pub mod schedule;
pub mod surface;
pub mod sweep;
pub mod trajectory;
pub mod tune;

pub use error::SimError;
pub use optim::{HyperParams, Optimizer, OptimizerKind, Step};
pub use surface::{Surface, SurfaceKind};
pub use trajectory::{RunSpec, Status, Trajectory};

/// A point or a gradient in the plane, in f64 throughout.
pub type V2 = nalgebra::Vector2<f64>;

/// The largest step count a run accepts; above it a run would take seconds and gigabytes.
pub const MAX_STEPS: usize = 1_000_000;

/// Whether both coordinates are finite numbers.
#[inline]
pub fn is_finite(v: V2) -> bool {
    v.x.is_finite() && v.y.is_finite()
}
