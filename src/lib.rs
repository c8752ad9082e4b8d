//! optiscape: see how optimizers move over a loss surface.
//!
//! The crate is split the way data flows: [`sim`] is the pure simulation core (surfaces, optimizers,
//! trajectories, sampled fields) with no UI and no I/O; the command line and the window only read a
//! scenario and draw what the core computed.

pub mod app;
pub mod atomic;
pub mod cards;
pub mod cli;
pub mod jobs;
pub mod link;
pub mod preset;
pub mod render;
pub mod scenario;
pub mod sim;
pub mod walkthrough;

pub use sim::V2;
