//! torch.optim.Rprop (iRprop−): per-coordinate step sizes driven only by the sign of the gradient.

use super::{StateValue, Step, UpdateRule, sign};
use crate::sim::V2;

/// Rprop's hyper-parameters: the initial step `lr`, the factors `etas = (η₋, η₊)` and the
/// `step_sizes = (min, max)` clamp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rprop {
    pub lr: f64,
    pub etas: (f64, f64),
    pub step_sizes: (f64, f64),
}

/// Rprop's memory: the previous (possibly zeroed) gradient and each coordinate's step size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RpropState {
    pub prev: V2,
    pub step_size: V2,
}

impl UpdateRule for Rprop {
    type State = RpropState;

    fn init(&self) -> RpropState {
        RpropState {
            prev: V2::zeros(),
            step_size: V2::repeat(self.lr),
        }
    }

    #[inline(always)]
    fn step(&self, state: &mut RpropState, x: V2, grad: V2) -> Step {
        let (eta_minus, eta_plus) = self.etas;
        let (lo, hi) = self.step_sizes;
        let mut next = x;
        for i in 0..2 {
            let mut g = grad[i];
            let s = sign(g * state.prev[i]);
            let factor = if s > 0.0 {
                eta_plus
            } else if s < 0.0 {
                eta_minus
            } else {
                1.0
            };
            // torch clamps on every step, the unchanged (s = 0) case included.
            state.step_size[i] = (state.step_size[i] * factor).max(lo).min(hi);
            if s < 0.0 {
                // After a sign flip the coordinate stays put and the next step keeps its size.
                g = 0.0;
            }
            next[i] = x[i] - sign(g) * state.step_size[i];
            state.prev[i] = g;
        }
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(state.step_size);
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn readout(&self, state: &RpropState) -> Vec<(&'static str, StateValue)> {
        vec![
            ("prev", StateValue::Vector(state.prev)),
            ("step_size", StateValue::Vector(state.step_size)),
        ]
    }
}
