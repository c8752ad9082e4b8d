//! torch.optim.Adadelta: Zeiler's unit-corrected step, with eps inside both roots and torch's extra
//! `lr` factor (default 1.0).

use super::spec::*;
use super::{Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed};
use crate::sim::{SimError, V2};

/// Adadelta's hyper-parameters, as `torch.optim.Adadelta` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adadelta {
    pub lr: f64,
    pub rho: f64,
    pub eps: f64,
    pub weight_decay: f64,
}

/// Adadelta's memory: the moving averages of g² (`square_avg`) and of Δ² (`acc_delta`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdadeltaState<V = V2> {
    pub square_avg: V,
    pub acc_delta: V,
}

/// ρ, the decay of both moving averages.
const RHO: Key<f64> = Key::new("rho");

fn adadelta(s: &Settings) -> Result<Adadelta, SimError> {
    Ok(Adadelta {
        lr: s.get(LR)?,
        rho: s.get(RHO)?,
        eps: s.get(EPS)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "adadelta",
    title: "Adadelta",
    torch_class: Some("Adadelta"),
    takes: &[
        lr(1.0),
        number(
            RHO,
            0.9,
            "ρ: decay of the moving averages of g² and of the steps²",
            &[edit("ρ", 0.0, 1.0, false)],
            unit,
            "must be in [0, 1]",
        ),
        eps(1e-6),
        weight_decay(),
    ],
    build: |s| Ok(Rule::Adadelta(adadelta(s)?)),
    defaults_when: &[],
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "vₜ = ρ·vₜ₋₁ + (1 − ρ)·∇f(wₜ)²",
            "Δₜ = √(uₜ₋₁ + ε) / √(vₜ + ε) · ∇f(wₜ)",
            "uₜ = ρ·uₜ₋₁ + (1 − ρ)·Δₜ²",
            "wₜ₊₁ = wₜ − α·Δₜ",
        ],
        explain: "vₜ is the EMA of ∇f², uₜ the EMA of the squared steps, so each coordinate's \
                  step size comes from the ratio (ρ = 0.9, ε = 10⁻⁶ inside both roots). torch \
                  adds the factor α = lr (default 1.0) that Zeiler's paper lacks.",
        year: 2012,
        paper: "Zeiler, ADADELTA: An Adaptive Learning Rate Method (arXiv, 2012)",
        adapts_lr: true,
        adapts_gradient: false,
        // No built-in preset runs Adadelta; Beale's adaptive race is where its siblings are.
        preset: "rosenbrock-race",
    },
}];

impl UpdateRule for Adadelta {
    type State<V: Vector> = AdadeltaState<V>;

    fn init<V: Vector>(&self, x0: &V) -> AdadeltaState<V> {
        AdadeltaState {
            square_avg: x0.splat_like(0.0),
            acc_delta: x0.splat_like(0.0),
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut AdadeltaState<V>, x: &V, grad: &V) -> Step<V> {
        let g = decayed(grad, x, self.weight_decay);
        let mut next = x.clone();
        let mut eff = x.splat_like(0.0);
        for i in 0..x.len() {
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

    fn lr(&self) -> f64 {
        self.lr
    }

    fn readout(&self, state: &AdadeltaState) -> Vec<(&'static str, StateValue)> {
        vec![
            ("square_avg", StateValue::Vector(state.square_avg)),
            ("acc_delta", StateValue::Vector(state.acc_delta)),
        ]
    }
}
