//! torch.optim.Adagrad: divide by the root of the running sum of g² (eps outside the root).

use super::{StateValue, Step, UpdateRule, decayed};
use crate::sim::V2;

/// Adagrad's hyper-parameters, as `torch.optim.Adagrad` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adagrad {
    pub lr: f64,
    pub lr_decay: f64,
    pub weight_decay: f64,
    pub initial_accumulator_value: f64,
    pub eps: f64,
}

/// Adagrad's memory: the step count and the running sum of g².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdagradState {
    pub step: u64,
    pub sum: V2,
}

impl UpdateRule for Adagrad {
    type State = AdagradState;

    fn init(&self) -> AdagradState {
        AdagradState {
            step: 0,
            sum: V2::repeat(self.initial_accumulator_value),
        }
    }

    #[inline(always)]
    fn step(&self, state: &mut AdagradState, x: V2, grad: V2) -> Step {
        state.step += 1;
        let g = decayed(grad, x, self.weight_decay);
        let clr = self.lr / (1.0 + (state.step - 1) as f64 * self.lr_decay);
        let mut next = x;
        let mut eff = V2::zeros();
        for i in 0..2 {
            state.sum[i] += g[i] * g[i];
            let std = state.sum[i].sqrt() + self.eps;
            eff[i] = clr / std;
            next[i] = x[i] + -clr * g[i] / std;
        }
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(eff);
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn readout(&self, state: &AdagradState) -> Vec<(&'static str, StateValue)> {
        vec![
            ("step", StateValue::Scalar(state.step as f64)),
            ("sum", StateValue::Vector(state.sum)),
        ]
    }
}
