//! The formulas behind [`crate::sim::Surface`]: each function returns f(p) and ∇f(p) together.
//!
//! Every gradient here is checked against central finite differences in the tests.

pub mod classic;
pub mod custom;
pub mod data;
pub mod multimodal;
pub mod polynomial;
