//! Why a picture cannot be drawn, as a type: the command line and the window write it in their own
//! words (both take its message as it is).

use optiscape_core::scenario::ScenarioError;

/// Why a picture of a scenario cannot be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PictureError {
    /// A size the painters cannot draw.
    #[error("{width}×{height} pixels: each side must be from 16 to 8192")]
    Size { width: u32, height: u32 },
    /// The scenario does not compile (its field is named).
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A network's slice that spans nothing.
    #[error("the network's slice has no extent")]
    NoSlice,
    #[error("cannot allocate the picture")]
    Memory,
}

/// Where a message meets the user (the window's notices, the command line's errors).
impl From<PictureError> for String {
    fn from(e: PictureError) -> Self {
        e.to_string()
    }
}
