//! Headless pictures of a scenario, drawn from the same computed data as the window: level of detail
//! for long paths, and (in the exporters) the landscape rasterised for slides and handouts.

pub mod encode;
pub mod lod;
pub mod scene;
pub mod text;
