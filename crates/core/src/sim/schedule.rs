//! Learning-rate schedules, as torch.optim.lr_scheduler computes them (closed forms), applied to the
//! optimizer's lr before each step: at step t (0-based, steps taken so far) the lr is `lr(base, t)`.

use serde::{Deserialize, Serialize};

use super::SimError;

/// How the learning rate changes over the steps of a run.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Schedule {
    /// The same lr every step.
    #[default]
    Constant,
    /// StepLR: lr·γ^⌊t / step_size⌋.
    Step { step_size: usize, gamma: f64 },
    /// ExponentialLR: lr·γᵗ.
    Exponential { gamma: f64 },
    /// CosineAnnealingLR: η_min + (lr − η_min)(1 + cos(π t / T_max)) / 2.
    Cosine { t_max: usize, eta_min: f64 },
    /// LinearLR as a warm-up: lr·(s + (1 − s)·min(t, steps) / steps), from s·lr up to lr.
    Warmup { steps: usize, start_factor: f64 },
}

impl Schedule {
    /// Every kind, for pickers.
    pub const NAMES: [&'static str; 5] = [
        "constant",
        "step decay",
        "exponential",
        "cosine annealing",
        "linear warm-up",
    ];

    /// The picker name of this schedule.
    pub fn name(&self) -> &'static str {
        Self::NAMES[match self {
            Self::Constant => 0,
            Self::Step { .. } => 1,
            Self::Exponential { .. } => 2,
            Self::Cosine { .. } => 3,
            Self::Warmup { .. } => 4,
        }]
    }

    /// The schedule called `name` with sensible parameters for a run of `steps` steps.
    pub fn named(name: &str, steps: usize) -> Self {
        let steps = steps.max(1);
        match name {
            "step decay" => Self::Step {
                step_size: (steps / 4).max(1),
                gamma: 0.5,
            },
            "exponential" => Self::Exponential {
                gamma: 0.01f64.powf(1.0 / steps as f64),
            },
            "cosine annealing" => Self::Cosine {
                t_max: steps,
                eta_min: 0.0,
            },
            "linear warm-up" => Self::Warmup {
                steps: (steps / 10).max(1),
                start_factor: 0.01,
            },
            _ => Self::Constant,
        }
    }

    /// Whether the lr ever changes.
    pub fn is_constant(&self) -> bool {
        matches!(self, Self::Constant)
    }

    /// The learning rate for step `t` from the optimizer's `base` lr.
    #[inline]
    pub fn lr(&self, base: f64, t: usize) -> f64 {
        match *self {
            Self::Constant => base,
            Self::Step { step_size, gamma } => {
                base * gamma.powi((t / step_size.max(1)).min(i32::MAX as usize) as i32)
            }
            Self::Exponential { gamma } => base * gamma.powf(t as f64),
            Self::Cosine { t_max, eta_min } => {
                eta_min
                    + (base - eta_min)
                        * (1.0 + (std::f64::consts::PI * t as f64 / t_max.max(1) as f64).cos())
                        / 2.0
            }
            Self::Warmup {
                steps,
                start_factor,
            } => {
                let done = t.min(steps) as f64 / steps.max(1) as f64;
                base * (start_factor + (1.0 - start_factor) * done)
            }
        }
    }

    /// Checks the parameters; errors name `schedule.<field>`.
    pub fn validate(&self) -> Result<(), SimError> {
        let bad = |field: &str, v: String, allowed: &str| {
            Err(SimError::invalid(format!("schedule.{field}"), v, allowed))
        };
        match *self {
            Self::Constant => Ok(()),
            Self::Step { step_size: 0, .. } => bad("step_size", "0".into(), "must be at least 1"),
            Self::Step { gamma, .. } | Self::Exponential { gamma }
                if !(gamma.is_finite() && gamma > 0.0 && gamma <= 2.0) =>
            {
                bad("gamma", gamma.to_string(), "must be in (0, 2]")
            }
            Self::Cosine { t_max: 0, .. } => bad("t_max", "0".into(), "must be at least 1"),
            Self::Cosine { eta_min, .. } if !(eta_min.is_finite() && eta_min >= 0.0) => bad(
                "eta_min",
                eta_min.to_string(),
                "must be a finite number ≥ 0",
            ),
            Self::Warmup { steps: 0, .. } => bad("steps", "0".into(), "must be at least 1"),
            Self::Warmup { start_factor, .. }
                if !(start_factor.is_finite() && start_factor > 0.0 && start_factor <= 1.0) =>
            {
                bad(
                    "start_factor",
                    start_factor.to_string(),
                    "must be in (0, 1]",
                )
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closed_forms_of_torch() {
        let s = Schedule::Step {
            step_size: 10,
            gamma: 0.5,
        };
        assert_eq!(
            (s.lr(1.0, 0), s.lr(1.0, 9), s.lr(1.0, 10), s.lr(1.0, 25)),
            (1.0, 1.0, 0.5, 0.25)
        );
        let e = Schedule::Exponential { gamma: 0.9 };
        assert!((e.lr(2.0, 3) - 2.0 * 0.729).abs() < 1e-15);
        let c = Schedule::Cosine {
            t_max: 100,
            eta_min: 0.1,
        };
        assert_eq!(c.lr(1.0, 0), 1.0);
        assert!((c.lr(1.0, 50) - 0.55).abs() < 1e-12);
        assert!((c.lr(1.0, 100) - 0.1).abs() < 1e-12);
        let w = Schedule::Warmup {
            steps: 4,
            start_factor: 0.2,
        };
        assert_eq!((w.lr(1.0, 0), w.lr(1.0, 4), w.lr(1.0, 40)), (0.2, 1.0, 1.0));
        assert!((w.lr(1.0, 2) - 0.6).abs() < 1e-15);
        assert_eq!(Schedule::Constant.lr(0.3, 1000), 0.3);
    }

    #[test]
    fn a_run_takes_each_step_with_the_scheduled_lr() {
        use crate::sim::{
            HyperParams, Optimizer, OptimizerKind, RunSpec, Surface, SurfaceKind, V2,
        };
        // SGD on ½(x² + y²): x ← x − lr_t·x, so the path shows every lr.
        let bowl = Surface::with_params(SurfaceKind::Quadratic, [("kappa", 1.0), ("theta", 0.0)])
            .expect("valid");
        let sgd =
            Optimizer::with_params(OptimizerKind::Sgd, &HyperParams::default().with("lr", 0.1))
                .expect("valid");
        let schedule = Schedule::Step {
            step_size: 2,
            gamma: 0.5,
        };
        let run = RunSpec {
            schedule,
            ..RunSpec::new(bowl, sgd, V2::new(1.0, 0.0), 5)
        };
        let t = run.run();
        let mut x = 1.0;
        for (k, p) in t.points.iter().enumerate().skip(1) {
            x -= schedule.lr(0.1, k - 1) * x;
            assert_eq!(p.x, x, "step {k}");
        }
        assert!((t.points[5].x - 0.9 * 0.9 * 0.95 * 0.95 * 0.975).abs() < 1e-15);
        // Rewinding replays the schedule too.
        assert_eq!(run.snapshot(3).expect("a state").point, t.points[3]);
    }

    #[test]
    fn bad_parameters_name_their_field() {
        let cases = [
            (
                Schedule::Step {
                    step_size: 0,
                    gamma: 0.5,
                },
                "schedule.step_size",
            ),
            (Schedule::Exponential { gamma: 0.0 }, "schedule.gamma"),
            (Schedule::Exponential { gamma: f64::NAN }, "schedule.gamma"),
            (
                Schedule::Cosine {
                    t_max: 0,
                    eta_min: 0.0,
                },
                "schedule.t_max",
            ),
            (
                Schedule::Cosine {
                    t_max: 5,
                    eta_min: -1.0,
                },
                "schedule.eta_min",
            ),
            (
                Schedule::Warmup {
                    steps: 0,
                    start_factor: 0.1,
                },
                "schedule.steps",
            ),
            (
                Schedule::Warmup {
                    steps: 5,
                    start_factor: 0.0,
                },
                "schedule.start_factor",
            ),
        ];
        for (s, field) in cases {
            assert_eq!(
                s.validate().expect_err("refused").field(),
                Some(field),
                "{s:?}"
            );
        }
        for name in Schedule::NAMES {
            let s = Schedule::named(name, 500);
            assert_eq!(s.name(), name);
            assert!(s.validate().is_ok());
        }
    }
}
