//! torch.optim.SGD: plain, with momentum, with Nesterov's momentum, and the lecture's EMA form.

use super::{StateValue, Step, UpdateRule, decayed};
use crate::sim::V2;

/// SGD's hyper-parameters, as `torch.optim.SGD` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sgd {
    pub lr: f64,
    pub momentum: f64,
    pub dampening: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
}

/// SGD's memory: the momentum buffer, absent until the first step (torch's `momentum_buffer`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SgdState {
    pub buf: Option<V2>,
}

impl UpdateRule for Sgd {
    type State = SgdState;

    fn init(&self) -> SgdState {
        SgdState::default()
    }

    #[inline(always)]
    fn step(&self, state: &mut SgdState, x: V2, grad: V2) -> Step {
        let g = decayed(grad, x, self.weight_decay);
        if self.momentum == 0.0 {
            return Step::plain(x, x + g * -self.lr, grad);
        }
        // The buffer starts as the first gradient itself: dampening is not applied at t = 1.
        let buf = match state.buf {
            None => g,
            Some(b) => b * self.momentum + g * (1.0 - self.dampening),
        };
        state.buf = Some(buf);
        let direction = if self.nesterov {
            g + buf * self.momentum
        } else {
            buf
        };
        let mut step = Step::plain(x, x + direction * -self.lr, grad);
        step.velocity = Some(buf * -self.lr);
        if self.nesterov {
            step.lookahead = Some(x + buf * (-self.lr * self.momentum));
        }
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn readout(&self, state: &SgdState) -> Vec<(&'static str, StateValue)> {
        match state.buf {
            Some(b) if self.momentum != 0.0 => vec![("momentum_buffer", StateValue::Vector(b))],
            _ => Vec::new(),
        }
    }
}
