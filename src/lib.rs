//! optiscape: see how optimizers move over a loss surface.
//!
//! The program is layered in crates (see the README's Layout): the core computes (surfaces,
//! optimizers, trajectories, networks, scenarios, presets, links, walkthroughs) with no UI and no
//! I/O; [`files`] reads presets from disk and writes files atomically; [`render`] turns what the
//! core computed into pictures and encodes them, with no egui; [`app`] is the window, on a desktop
//! and in a web page. This package adds the command line ([`cli`]) and `main`, and names the
//! layers for the tests and benchmarks.

pub use optiscape_app as app;
pub use optiscape_core::{V2, cards, cost, escape, link, preset, scenario, sim, walkthrough, work};
pub use optiscape_files as files;
pub use optiscape_files::atomic;
pub use optiscape_picture as render;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
