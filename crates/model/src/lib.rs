//! What a scenario computes, owned once and read by the window, its exports and the command line:
//! the runs' paths with their specs, their states at a step, the 3-D view's mesh, and for a network
//! scenario its trained outcome and slice ([`computed`]); and the background jobs that compute
//! them without holding up a frame ([`jobs`]: threads on a desktop, slices between frames in a
//! browser). No egui here: the window only draws what this holds.

pub mod computed;
pub mod jobs;

pub use computed::{Computed, NetReadout, NetResult, RunResult};
