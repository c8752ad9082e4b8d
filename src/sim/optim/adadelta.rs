//! torch.optim.Adadelta: Zeiler's unit-corrected step, with eps inside both roots and torch's extra
//! `lr` factor (default 1.0).

use super::{StateValue, Step, UpdateRule, decayed};
use crate::sim::V2;

/// Adadelta's hyper-parameters, as `torch.optim.Adadelta` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adadelta {
    pub lr: f64,
    pub rho: f64,
    pub eps: f64,
    pub weight_decay: f64,
}

/// Adadelta's memory: the moving averages of g² (`square_avg`) and of Δ² (`acc_delta`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AdadeltaState {
    pub square_avg: V2,
    pub acc_delta: V2,
}

impl UpdateRule for Adadelta {
    type State = AdadeltaState;

    fn init(&self) -> AdadeltaState {
        AdadeltaState::default()
    }

    #[inline(always)]
    fn step(&self, state: &mut AdadeltaState, x: V2, grad: V2) -> Step {
        let g = decayed(grad, x, self.weight_decay);
        let mut next = x;
        let mut eff = V2::zeros();
        for i in 0..2 {
            let sq = state.square_avg[i] * self.rho + (1.0 - self.rho) * g[i] * g[i];
            state.square_avg[i] = sq;
            let std = (sq + self.eps).sqrt();
            let ratio = (state.acc_delta[i] + self.eps).sqrt() / std;
            let delta = ratio * g[i];
            // acc_delta stores Δ before lr is applied.
            state.acc_delta[i] = state.acc_delta[i] * self.rho + (1.0 - self.rho) * delta * delta;
            eff[i] = self.lr * ratio;
            next[i] = x[i] + -self.lr * delta;
        }
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(eff);
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn readout(&self, state: &AdadeltaState) -> Vec<(&'static str, StateValue)> {
        vec![
            ("square_avg", StateValue::Vector(state.square_avg)),
            ("acc_delta", StateValue::Vector(state.acc_delta)),
        ]
    }
}
