//! How a scenario is shown: playback, what the landscape draws, the 3-D camera.

use serde::{Deserialize, Serialize};

use super::{ScenarioError, err};
use crate::sim::error::shown;

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
    /// What the loss plot's x axis counts.
    pub loss_x: LossX,
    /// The 3-D camera.
    pub camera: Camera,
}

/// What the loss plot's x axis counts: steps, or the work they cost, so batch, mini-batch and
/// stochastic descent compare by what they spend.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossX {
    #[default]
    Steps,
    /// Gradients of single samples evaluated (a step on a batch of B costs B).
    Gradients,
    /// Passes over the data (a step on a batch of B out of N samples is B/N of one).
    Epochs,
}

impl LossX {
    pub const ALL: [LossX; 3] = [Self::Steps, Self::Gradients, Self::Epochs];

    /// The axis' name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Steps => "step",
            Self::Gradients => "gradient evaluations (samples)",
            Self::Epochs => "epochs",
        }
    }

    /// How far along the axis one step of a run goes: for a loss that is a mean over `samples`
    /// (`None`: a plain function, one evaluation per step) taken on batches of `batch` (`None`: all).
    pub fn per_step(self, batch: Option<usize>, samples: Option<usize>) -> f64 {
        let n = samples.unwrap_or(1).max(1) as f64;
        let b = batch.map_or(n, |b| (b.max(1) as f64).min(n));
        match self {
            Self::Steps => 1.0,
            Self::Gradients => b,
            Self::Epochs => b / n,
        }
    }
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
                format!("{} degrees; allowed: -360 to 360", shown(self.azimuth)),
            ));
        }
        if !(self.elevation.is_finite() && (5.0..=90.0).contains(&self.elevation)) {
            return Err(err(
                format!("{path}.elevation"),
                format!("{} degrees; allowed: 5 to 90", shown(self.elevation)),
            ));
        }
        if !(self.distance.is_finite() && (0.5..=20.0).contains(&self.distance)) {
            return Err(err(
                format!("{path}.distance"),
                format!("{}; allowed: 0.5 to 20", shown(self.distance)),
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
            loss_x: LossX::Steps,
            camera: Camera::default(),
        }
    }
}

impl Animation {
    pub(super) fn check(&self) -> Result<(), ScenarioError> {
        if !(self.speed.is_finite() && (0.1..=1_000_000.0).contains(&self.speed)) {
            return Err(err(
                "animation.speed",
                format!(
                    "{} steps per second; allowed: 0.1 to 1000000",
                    shown(self.speed)
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::LossX;

    #[test]
    fn work_counts_sample_gradients_and_passes_over_the_data() {
        // 256 samples: the full batch, batches of 16, single samples.
        let n = Some(256);
        assert_eq!(LossX::Steps.per_step(Some(16), n), 1.0);
        assert_eq!(LossX::Gradients.per_step(None, n), 256.0);
        assert_eq!(LossX::Gradients.per_step(Some(16), n), 16.0);
        assert_eq!(LossX::Epochs.per_step(Some(16), n), 1.0 / 16.0);
        assert_eq!(LossX::Epochs.per_step(Some(1), n), 1.0 / 256.0);
        assert_eq!(LossX::Epochs.per_step(None, n), 1.0);
        // A batch larger than the data is the data; a plain function costs one gradient a step.
        assert_eq!(LossX::Gradients.per_step(Some(1000), n), 256.0);
        assert_eq!(LossX::Gradients.per_step(None, None), 1.0);
    }
}
