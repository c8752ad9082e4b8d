//! torch.optim.RMSprop: divide by the root of a moving average of g² (eps outside the root, no bias
//! correction), optionally centred and with momentum.

use super::spec::*;
use super::{Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed, lerp};
use crate::sim::{SimError, V2};

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RmspropState<V = V2> {
    pub square_avg: V,
    pub grad_avg: V,
    pub momentum_buffer: V,
}

/// The decay of the moving average of g² (torch's `alpha`, not the learning rate).
const ALPHA: Key<f64> = Key::new("alpha");
/// Divide by the variance of g instead of its mean square.
const CENTERED: Key<bool> = Key::new("centered");

fn rmsprop(s: &Settings) -> Result<Rmsprop, SimError> {
    Ok(Rmsprop {
        lr: s.get(LR)?,
        alpha: s.get(ALPHA)?,
        eps: s.get(EPS)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
        momentum: s.get(MOMENTUM)?,
        centered: s.get(CENTERED)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "rmsprop",
    title: "RMSProp",
    torch_class: Some("RMSprop"),
    takes: &[
        lr(1e-2),
        number(
            ALPHA,
            0.99,
            "β in the card's rule: decay of the moving average of g² (α is the learning rate)",
            &[edit("α (decay of g²)", 0.0, 0.9999, false)],
            unit_open,
            UNIT_OPEN,
        ),
        eps(1e-8),
        weight_decay(),
        momentum(0.0),
        flag(
            CENTERED,
            "Centered",
            "divide by the variance of g instead of its mean square",
        ),
    ],
    build: |s| Ok(Rule::Rmsprop(rmsprop(s)?)),
    defaults_when: &[],
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
    type State<V: Vector> = RmspropState<V>;

    fn init<V: Vector>(&self, x0: &V) -> RmspropState<V> {
        let zero = x0.splat_like(0.0);
        RmspropState {
            square_avg: zero.clone(),
            grad_avg: zero.clone(),
            momentum_buffer: zero,
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut RmspropState<V>, x: &V, grad: &V) -> Step<V> {
        let g = decayed(grad, x, self.weight_decay);
        let mut next = x.clone();
        let mut eff = x.splat_like(0.0);
        for i in 0..x.len() {
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
            step.velocity = Some(state.momentum_buffer.map(|b| b * -self.lr));
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
