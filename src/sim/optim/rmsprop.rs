//! torch.optim.RMSprop: divide by the root of a moving average of g² (eps outside the root, no bias
//! correction), optionally centred and with momentum.

use super::spec::*;
use super::{HyperParams, Rule};
use super::{StateValue, Step, UpdateRule, decayed, lerp};
use crate::sim::V2;

/// RMSprop's hyper-parameters, as `torch.optim.RMSprop` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rmsprop {
    pub lr: f64,
    pub alpha: f64,
    pub eps: f64,
    pub weight_decay: f64,
    pub momentum: f64,
    pub centered: bool,
}

/// RMSprop's memory: `square_avg`, `grad_avg` (centred only) and `momentum_buffer`, all from zero.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RmspropState {
    pub square_avg: V2,
    pub grad_avg: V2,
    pub momentum_buffer: V2,
}

fn rmsprop(p: &HyperParams) -> Rmsprop {
    Rmsprop {
        lr: p.float("lr"),
        alpha: p.float("alpha"),
        eps: p.float("eps"),
        weight_decay: p.float("weight_decay"),
        momentum: p.float("momentum"),
        centered: p.flag("centered"),
    }
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "rmsprop",
    title: "RMSProp",
    torch_class: Some("RMSprop"),
    takes: &[
        lr(1e-2),
        number(
            "alpha",
            0.99,
            "β in the card's rule: decay of the moving average of g² (α is the learning rate)",
            &[edit("α (decay of g²)", 0.0, 0.9999, false)],
            unit_open,
            UNIT_OPEN,
        ),
        eps(1e-8),
        WEIGHT_DECAY,
        momentum(0.0),
        flag(
            "centered",
            "Centered",
            "divide by the variance of g instead of its mean square",
        ),
    ],
    check: independent,
    build: |p| Rule::Rmsprop(rmsprop(p)),
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "vₜ = β·vₜ₋₁ + (1 − β)·∇f(wₜ)²,   v₀ = 0",
            "wₜ₊₁ = wₜ − α·∇f(wₜ) / (√vₜ + ε)",
        ],
        explain: "vₜ = EMA(∇f²)ₜ, squared per coordinate: steep directions slow down, flat ones \
                  speed up. torch calls the decay β `alpha` (0.99) and α is lr; ε sits outside \
                  the root and there is no bias correction, so the first step is ≈ 10·α·sign(∇f).",
        year: 2012,
        paper: "Hinton (with Srivastava & Swersky), Neural Networks for Machine Learning, \
                lecture 6e (Coursera, 2012)",
        adapts_lr: true,
        adapts_gradient: false,
        preset: "rmsprop-adapts",
    },
}];

impl UpdateRule for Rmsprop {
    type State = RmspropState;

    fn init(&self) -> RmspropState {
        RmspropState::default()
    }

    #[inline(always)]
    fn step(&self, state: &mut RmspropState, x: V2, grad: V2) -> Step {
        let g = decayed(grad, x, self.weight_decay);
        let mut next = x;
        let mut eff = V2::zeros();
        for i in 0..2 {
            let sq = state.square_avg[i] * self.alpha + (1.0 - self.alpha) * g[i] * g[i];
            state.square_avg[i] = sq;
            let root = if self.centered {
                let ga = lerp(state.grad_avg[i], g[i], 1.0 - self.alpha);
                state.grad_avg[i] = ga;
                // Mathematically ≥ 0; rounding must not turn a zero variance into NaN.
                (sq - ga * ga).max(0.0).sqrt()
            } else {
                sq.sqrt()
            };
            let avg = root + self.eps;
            eff[i] = self.lr / avg;
            if self.momentum > 0.0 {
                let b = state.momentum_buffer[i] * self.momentum + g[i] / avg;
                state.momentum_buffer[i] = b;
                next[i] = x[i] + -self.lr * b;
            } else {
                next[i] = x[i] + -self.lr * g[i] / avg;
            }
        }
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(eff);
        if self.momentum > 0.0 {
            step.velocity = Some(state.momentum_buffer * -self.lr);
        }
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn lr(&self) -> f64 {
        self.lr
    }

    fn readout(&self, state: &RmspropState) -> Vec<(&'static str, StateValue)> {
        let mut out = vec![("square_avg", StateValue::Vector(state.square_avg))];
        if self.centered {
            out.push(("grad_avg", StateValue::Vector(state.grad_avg)));
        }
        if self.momentum > 0.0 {
            out.push(("momentum_buffer", StateValue::Vector(state.momentum_buffer)));
        }
        out
    }
}
