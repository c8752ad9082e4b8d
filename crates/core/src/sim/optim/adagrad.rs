//! torch.optim.Adagrad: divide by the root of the running sum of g² (eps outside the root).

use super::spec::*;
use super::{Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed};
use crate::sim::{SimError, V2};

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
pub struct AdagradState<V = V2> {
    pub step: u64,
    pub sum: V,
}

/// How fast the learning rate decays with the step count.
const LR_DECAY: Key<f64> = Key::new("lr_decay");
/// The sum of g² before the first step.
const INITIAL_ACCUMULATOR_VALUE: Key<f64> = Key::new("initial_accumulator_value");

fn adagrad(s: &Settings) -> Result<Adagrad, SimError> {
    Ok(Adagrad {
        lr: s.get(LR)?,
        lr_decay: s.get(LR_DECAY)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
        initial_accumulator_value: s.get(INITIAL_ACCUMULATOR_VALUE)?,
        eps: s.get(EPS)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "adagrad",
    title: "AdaGrad",
    torch_class: Some("Adagrad"),
    takes: &[
        lr(1e-2),
        number(
            LR_DECAY,
            0.0,
            "lr at step t is lr / (1 + (t − 1)·lr_decay)",
            &[edit("lr decay", 0.0, 1.0, true)],
            non_negative,
            NON_NEGATIVE,
        ),
        weight_decay(),
        number(
            INITIAL_ACCUMULATOR_VALUE,
            0.0,
            "starting value of the sum of g²",
            &[edit("Initial accumulator", 0.0, 10.0, true)],
            non_negative,
            NON_NEGATIVE,
        ),
        eps(1e-10),
    ],
    build: |s| Ok(Rule::Adagrad(adagrad(s)?)),
    defaults_when: &[],
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "sₜ = sₜ₋₁ + ∇f(wₜ)²,   s₀ = 0",
            "wₜ₊₁ = wₜ − α·∇f(wₜ) / (√sₜ + ε)",
        ],
        explain: "sₜ sums every squared gradient per coordinate, so each coordinate's step only \
                  shrinks; the first step is ≈ α·sign(∇f). ε = 10⁻¹⁰ sits outside the root; \
                  torch's lr_decay (default 0) would divide α by 1 + (t − 1)·lr_decay.",
        year: 2011,
        paper: "Duchi, Hazan & Singer, Adaptive Subgradient Methods for Online Learning and \
                Stochastic Optimization (JMLR 2011)",
        adapts_lr: true,
        adapts_gradient: false,
        preset: "beale-adaptive",
    },
}];

impl UpdateRule for Adagrad {
    type State<V: Vector> = AdagradState<V>;

    fn init<V: Vector>(&self, x0: &V) -> AdagradState<V> {
        AdagradState {
            step: 0,
            sum: x0.splat_like(self.initial_accumulator_value),
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut AdagradState<V>, x: &V, grad: &V) -> Step<V> {
        state.step += 1;
        let g = decayed(grad, x, self.weight_decay);
        let clr = self.lr / (1.0 + (state.step - 1) as f64 * self.lr_decay);
        let mut next = x.clone();
        let mut eff = x.splat_like(0.0);
        for i in 0..x.len() {
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

    fn lr(&self) -> f64 {
        self.lr
    }

    fn readout(&self, state: &AdagradState) -> Vec<(&'static str, StateValue)> {
        vec![
            ("step", StateValue::Scalar(state.step as f64)),
            ("sum", StateValue::Vector(state.sum)),
        ]
    }
}
