//! torch.optim.Adam, and AMSGrad as `Adam(amsgrad=True)`: bias-corrected moving averages of g and g².

use super::{StateValue, Step, UpdateRule, decayed, lerp2, nan_max};
use crate::sim::V2;

/// Adam's hyper-parameters, as `torch.optim.Adam` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adam {
    pub lr: f64,
    pub betas: (f64, f64),
    pub eps: f64,
    pub weight_decay: f64,
    pub amsgrad: bool,
}

/// Adam's memory: step count, `exp_avg` (m), `exp_avg_sq` (v), `max_exp_avg_sq` (AMSGrad), and the
/// running powers β₁ᵗ, β₂ᵗ for the bias corrections.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamState {
    pub step: u64,
    pub exp_avg: V2,
    pub exp_avg_sq: V2,
    pub max_exp_avg_sq: V2,
    pub beta1_pow: f64,
    pub beta2_pow: f64,
}

impl UpdateRule for Adam {
    type State = AdamState;

    fn init(&self) -> AdamState {
        AdamState {
            step: 0,
            exp_avg: V2::zeros(),
            exp_avg_sq: V2::zeros(),
            max_exp_avg_sq: V2::zeros(),
            beta1_pow: 1.0,
            beta2_pow: 1.0,
        }
    }

    #[inline(always)]
    fn step(&self, state: &mut AdamState, x: V2, grad: V2) -> Step {
        let (beta1, beta2) = self.betas;
        state.step += 1;
        state.beta1_pow *= beta1;
        state.beta2_pow *= beta2;
        let g = decayed(grad, x, self.weight_decay);
        let step_size = self.lr / (1.0 - state.beta1_pow);
        let bias_correction2_sqrt = (1.0 - state.beta2_pow).sqrt();
        let m = lerp2(state.exp_avg, g, 1.0 - beta1);
        let v = state.exp_avg_sq * beta2 + (g * (1.0 - beta2)).component_mul(&g);
        state.exp_avg = m;
        state.exp_avg_sq = v;
        // AMSGrad keeps the max of the raw v and still bias-corrects it with the current t.
        let v_used = if self.amsgrad {
            state.max_exp_avg_sq = state.max_exp_avg_sq.zip_map(&v, nan_max);
            state.max_exp_avg_sq
        } else {
            v
        };
        // torch's `step_size · m / (√v / √bc₂ + eps)`, with numerator and denominator scaled by √bc₂:
        // equal up to rounding, and one division shorter on the chain from one iterate to the next.
        let denom = v_used.map(f64::sqrt) + V2::repeat(self.eps * bias_correction2_sqrt);
        let next = x + (m * (-step_size * bias_correction2_sqrt)).component_div(&denom);
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(denom.map(|d| self.lr * bias_correction2_sqrt / d));
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn readout(&self, state: &AdamState) -> Vec<(&'static str, StateValue)> {
        let bc1 = 1.0 - state.beta1_pow;
        let bc2 = 1.0 - state.beta2_pow;
        let mut out = vec![
            ("step", StateValue::Scalar(state.step as f64)),
            ("m", StateValue::Vector(state.exp_avg)),
            ("v", StateValue::Vector(state.exp_avg_sq)),
        ];
        if state.step > 0 {
            out.push(("m̂", StateValue::Vector(state.exp_avg / bc1)));
            out.push(("v̂", StateValue::Vector(state.exp_avg_sq / bc2)));
        }
        if self.amsgrad {
            out.push(("v_max", StateValue::Vector(state.max_exp_avg_sq)));
        }
        out
    }
}
