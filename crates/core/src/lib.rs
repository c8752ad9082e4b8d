//! The core of optiscape: loss surfaces, torch.optim-exact optimizers, the trajectories they trace
//! and the small networks they train ([`sim`]); the scenario a window, a file or a link describes
//! ([`scenario`], [`preset`], [`link`], [`walkthrough`]); the cost of computing it ([`cost`]); work
//! done in units with progress, cancel and partial results ([`work`]); the optimizer cards
//! ([`cards`]) and the escaping of text for a terminal ([`escape`]).
//!
//! Nothing here knows about windows, the terminal or the file system: a preset named by a path is
//! read through [`preset::Files`], which the caller provides.

pub mod cards;
pub mod cost;
pub mod escape;
pub mod link;
pub mod preset;
pub mod scenario;
pub mod sim;
pub mod walkthrough;
pub mod work;

pub use sim::V2;
