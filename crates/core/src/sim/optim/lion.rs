//! Lion (EvoLved Sign Momentum, Chen et al. 2023): every coordinate moves by exactly lr, in the
//! direction of the sign of an interpolation between the momentum and the gradient.

use super::spec::*;
use super::{Rule, Settings, StateValue, Step, UpdateRule, Vector, lerp, sign};
use crate::sim::{SimError, V2};

/// Lion's hyper-parameters, as the paper names them (torch.optim has no Lion).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lion {
    pub lr: f64,
    pub betas: (f64, f64),
    /// λ, decoupled as in AdamW: each step first multiplies the weights by 1 − lr·λ.
    pub weight_decay: f64,
}

/// Lion's memory: the momentum m, starting at zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LionState<V = V2> {
    pub exp_avg: V,
}

fn lion(s: &Settings) -> Result<Lion, SimError> {
    Ok(Lion {
        lr: s.get(LR)?,
        betas: s.get(BETAS)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "lion",
    title: "Lion",
    torch_class: None,
    takes: &[
        lr(1e-4),
        HyperSpec {
            default: HyperValue::P(0.9, 0.99),
            doc: "β₁: how much of m enters the sign; β₂: decay of the momentum m",
            ..betas()
        },
        HyperSpec {
            doc: "decoupled weight decay λ: each step first shrinks x by the factor 1 − lr·λ",
            ..weight_decay()
        },
    ],
    build: |s| Ok(Rule::Lion(lion(s)?)),
    defaults_when: &[],
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "cₜ = β₁·mₜ₋₁ + (1 − β₁)·∇f(wₜ)",
            "wₜ₊₁ = wₜ·(1 − α·λ) − α·sign(cₜ)",
            "mₜ = β₂·mₜ₋₁ + (1 − β₂)·∇f(wₜ),   m₀ = 0",
        ],
        explain: "Only the sign of cₜ, a blend of the momentum and the new gradient, is used, so \
                  every coordinate moves by exactly α whatever the slope: dividing by |cₜ| \
                  adapts each coordinate's step as Adam's √v̂ does, and the momentum sets the \
                  direction. mₜ is updated after the step with the slower β₂ = 0.99, so a \
                  coordinate can keep moving against a small new gradient. Found by program \
                  search; default lr 10⁻⁴ (the paper advises 3–10× below AdamW's); weight decay as in \
                  AdamW. Not in torch.optim.",
        year: 2023,
        paper: "Chen, Liang, Huang, Real, Wang, Pham, Dong, Luong, Hsieh, Lu & Le, Symbolic \
                Discovery of Optimization Algorithms (NeurIPS 2023)",
        adapts_lr: true,
        adapts_gradient: true,
        preset: "rosenbrock-race",
    },
}];

impl UpdateRule for Lion {
    type State<V: Vector> = LionState<V>;

    fn init<V: Vector>(&self, x0: &V) -> LionState<V> {
        LionState {
            exp_avg: x0.splat_like(0.0),
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut LionState<V>, x: &V, grad: &V) -> Step<V> {
        let (beta1, beta2) = self.betas;
        let shrink = 1.0 - self.lr * self.weight_decay;
        let mut next = x.clone();
        for i in 0..x.len() {
            let c = lerp(state.exp_avg[i], grad[i], 1.0 - beta1);
            next[i] = x[i] * shrink - self.lr * sign(c);
            state.exp_avg[i] = lerp(state.exp_avg[i], grad[i], 1.0 - beta2);
        }
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(x.splat_like(self.lr));
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn lr(&self) -> f64 {
        self.lr
    }

    fn readout(&self, state: &LionState) -> Vec<(&'static str, StateValue)> {
        vec![("m", StateValue::Vector(state.exp_avg))]
    }
}
