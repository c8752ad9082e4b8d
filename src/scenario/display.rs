//! How a scenario is shown: playback, what the landscape draws, the 3-D camera.

use serde::{Deserialize, Serialize};

use super::{ScenarioError, err};

/// Playback settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Animation {
    /// Steps per second.
    pub speed: f64,
    /// Start again after the last step.
    pub looping: bool,
}

/// What the landscape draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Display {
    /// Isolines drawn over the filled contours.
    pub isolines: usize,
    /// Colour on a log scale; `None` follows the surface.
    pub log_scale: Option<bool>,
    /// Markers at known minima and saddle points.
    pub markers: bool,
    /// The vectors drawn at each ball.
    pub vectors: Vectors,
    /// Faint arrows of −∇f on a grid over the landscape.
    pub gradient_field: bool,
    /// The shaded 3-D surface instead of the contour map.
    pub view_3d: bool,
    /// One small contour map per visible run, side by side, instead of one with every run.
    pub side_by_side: bool,
    /// The 3-D camera.
    pub camera: Camera,
}

/// Which vectors are drawn at each ball (all in the same scale per ball, so they can be compared).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Vectors {
    /// −lr·∇f: where plain gradient descent would go.
    pub gradient: bool,
    /// The step the optimizer actually takes.
    pub step: bool,
    /// The momentum / velocity (−lr·buffer).
    pub velocity: bool,
    /// Nesterov: the look-ahead jump and the gradient correction measured after it.
    pub lookahead: bool,
    /// Adaptive methods: the per-coordinate effective step size, as an ellipse.
    pub step_sizes: bool,
}

/// Where the 3-D view looks from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Camera {
    /// Degrees around the vertical axis.
    pub azimuth: f64,
    /// Degrees above the plane.
    pub elevation: f64,
    /// Distance from the centre, in units of the view's size.
    pub distance: f64,
}

impl Default for Animation {
    fn default() -> Self {
        Self {
            speed: 60.0,
            looping: false,
        }
    }
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            azimuth: -60.0,
            elevation: 40.0,
            distance: 2.4,
        }
    }
}

impl Camera {
    /// Checks the angles and distance; `path` prefixes the field names.
    pub fn check(&self, path: &str) -> Result<(), ScenarioError> {
        if !(self.azimuth.is_finite() && (-360.0..=360.0).contains(&self.azimuth)) {
            return Err(err(
                format!("{path}.azimuth"),
                format!("{} degrees; allowed: -360 to 360", self.azimuth),
            ));
        }
        if !(self.elevation.is_finite() && (5.0..=90.0).contains(&self.elevation)) {
            return Err(err(
                format!("{path}.elevation"),
                format!("{} degrees; allowed: 5 to 90", self.elevation),
            ));
        }
        if !(self.distance.is_finite() && (0.5..=20.0).contains(&self.distance)) {
            return Err(err(
                format!("{path}.distance"),
                format!("{}; allowed: 0.5 to 20", self.distance),
            ));
        }
        Ok(())
    }
}

impl Default for Display {
    fn default() -> Self {
        Self {
            isolines: 14,
            log_scale: None,
            markers: true,
            vectors: Vectors::default(),
            gradient_field: false,
            view_3d: false,
            side_by_side: false,
            camera: Camera::default(),
        }
    }
}

impl Animation {
    pub(super) fn check(&self) -> Result<(), ScenarioError> {
        if !(self.speed.is_finite() && (0.1..=1_000_000.0).contains(&self.speed)) {
            return Err(err(
                "animation.speed",
                format!("{} steps per second; allowed: 0.1 to 1000000", self.speed),
            ));
        }
        Ok(())
    }
}
