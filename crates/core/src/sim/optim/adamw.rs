//! torch.optim.AdamW: Adam with decoupled weight decay, which shrinks the weights themselves instead
//! of adding λ·x to the gradient.

use super::adam::{AMSGRAD, amsgrad};
use super::spec::*;
use super::{Adam, AdamState, Rule, Settings, StateValue, Step, UpdateRule, Vector};
use crate::sim::SimError;

/// AdamW's hyper-parameters, as `torch.optim.AdamW` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamW {
    /// Adam's rule, run with no weight decay of its own.
    pub adam: Adam,
    /// λ: each step first multiplies the weights by 1 − lr·λ.
    pub weight_decay: f64,
}

fn adamw(s: &Settings) -> Result<AdamW, SimError> {
    Ok(AdamW {
        adam: Adam {
            lr: s.get(LR)?,
            betas: s.get(BETAS)?,
            eps: s.get(EPS)?,
            weight_decay: 0.0,
            amsgrad: s.get(AMSGRAD)?,
        },
        weight_decay: s.get(WEIGHT_DECAY)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "adamw",
    title: "AdamW",
    torch_class: Some("AdamW"),
    takes: &[
        lr(1e-3),
        betas(),
        eps(1e-8),
        HyperSpec {
            default: HyperValue::F(1e-2),
            doc: "decoupled weight decay λ: each step first shrinks x by the factor 1 − lr·λ",
            ..weight_decay()
        },
        amsgrad(),
    ],
    build: |s| Ok(Rule::AdamW(adamw(s)?)),
    defaults_when: &[],
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "wₜ′ = wₜ·(1 − α·λ)",
            "mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇f(wₜ)",
            "vₜ = β₂·vₜ₋₁ + (1 − β₂)·∇f(wₜ)²",
            "wₜ₊₁ = wₜ′ − α·m̂ₜ / (√v̂ₜ + ε)",
        ],
        explain: "Adam whose weight decay λ shrinks the weights directly instead of entering the \
                  gradient, so the decay is not divided by √v̂ and acts alike on every \
                  coordinate. The gradient is taken at wₜ, before the shrink. torch's default \
                  λ is 10⁻², lr 10⁻³; the hats are Adam's bias corrections.",
        year: 2019,
        paper: "Loshchilov & Hutter, Decoupled Weight Decay Regularization (ICLR 2019)",
        adapts_lr: true,
        adapts_gradient: true,
        preset: "rosenbrock-race",
    },
}];

impl UpdateRule for AdamW {
    type State<V: Vector> = AdamState<V>;

    fn init<V: Vector>(&self, x0: &V) -> AdamState<V> {
        self.adam.init(x0)
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut AdamState<V>, x: &V, grad: &V) -> Step<V> {
        let shrink = 1.0 - self.adam.lr * self.weight_decay;
        let shrunk = x.map(|x| x * shrink);
        let mut step = self.adam.step(state, &shrunk, grad);
        step.update = step.next.zip(x, |n, x| n - x);
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.adam.lr = lr;
    }

    fn lr(&self) -> f64 {
        self.adam.lr
    }

    fn readout(&self, state: &AdamState) -> Vec<(&'static str, StateValue)> {
        self.adam.readout(state)
    }
}
