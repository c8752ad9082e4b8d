//! The rolling ball of the lecture: a mass on the loss surface with friction, stepped in time.
//!
//! m·dv/dt = −∇f − η·v, dx/dt = v, stepped as v ← v − (Δt/m)∇f − (Δt/m)η·v, x ← x + Δt·v from rest.
//! With torch's momentum buffer b = −(m/Δt)·v this is exactly b ← (1 − ηΔt/m)·b + ∇f,
//! x ← x − (Δt²/m)·b: SGD with lr = Δt²/m and momentum β = 1 − ηΔt/m (the lecture takes Δt/m = 1,
//! so α = Δt and β = 1 − η). A ball at rest has b = 0, so torch's first step b₁ = ∇f matches.

use serde::{Deserialize, Serialize};

use super::SimError;

/// Mass, friction and time step of the ball.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ball {
    pub mass: f64,
    pub friction: f64,
    pub dt: f64,
}

impl Default for Ball {
    /// The ball of `momentum`'s defaults with the lecture's Δt/m = 1: lr = 0.01, β = 0.9.
    fn default() -> Self {
        Self {
            mass: 0.01,
            friction: 0.1,
            dt: 0.01,
        }
    }
}

impl Ball {
    /// torch's (lr, momentum β) for this ball.
    pub fn to_torch(self) -> (f64, f64) {
        let k = self.dt / self.mass;
        (self.dt * k, 1.0 - self.friction * k)
    }

    /// The ball of mass `mass` that moves exactly as SGD with `lr` and momentum `beta`.
    pub fn from_torch(lr: f64, beta: f64, mass: f64) -> Self {
        let dt = (lr * mass).sqrt();
        Self {
            mass,
            friction: (1.0 - beta) * mass / dt,
            dt,
        }
    }

    /// Checks that the ball is a real one and that its β lies in [0, 1).
    pub fn validate(self) -> Result<(), SimError> {
        for (name, v) in [("mass", self.mass), ("dt", self.dt)] {
            if !(v.is_finite() && v > 0.0) {
                return Err(SimError::invalid(name, v, "must be a finite number > 0"));
            }
        }
        if !(self.friction.is_finite() && self.friction > 0.0) {
            return Err(SimError::invalid(
                "friction",
                self.friction,
                "must be a finite number > 0 (without friction β = 1 and the ball never settles)",
            ));
        }
        let (lr, beta) = self.to_torch();
        if !(lr.is_finite() && lr > 0.0 && (0.0..1.0).contains(&beta)) {
            return Err(SimError::invalid(
                "friction",
                self.friction,
                format!(
                    "gives β = 1 − η·Δt/m = {beta}; η·Δt/m must be in (0, 1], so η ≤ {}",
                    self.mass / self.dt
                ),
            ));
        }
        Ok(())
    }
}
