//! optiscape: see how optimizers move over a loss surface.
//!
//! The crate is split the way data flows: [`sim`] is the pure simulation core (surfaces, optimizers,
//! trajectories, sampled fields) with no UI and no I/O; the command line and the window only read a
//! scenario and draw what the core computed. The same app runs in a browser (`web`, built for
//! `wasm32`), where the command line, threads and the file system are not.

pub mod app;
pub mod atomic;
pub mod cards;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod cost;
pub mod escape;
pub mod jobs;
pub mod link;
pub mod preset;
pub mod render;
pub mod scenario;
pub mod sim;
pub mod walkthrough;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use sim::V2;
