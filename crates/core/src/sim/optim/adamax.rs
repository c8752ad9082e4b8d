//! torch.optim.Adamax: Adam with the infinity norm, u ← max(β₂u, |g| + eps); only m is bias-corrected.

use super::spec::*;
use super::{Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed, lerp, nan_max};
use crate::sim::{SimError, V2};

/// Adamax's hyper-parameters, as `torch.optim.Adamax` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adamax {
    pub lr: f64,
    pub betas: (f64, f64),
    pub eps: f64,
    pub weight_decay: f64,
}

/// Adamax's memory: step count, `exp_avg` (m), `exp_inf` (u) and the running power β₁ᵗ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamaxState<V = V2> {
    pub step: u64,
    pub exp_avg: V,
    pub exp_inf: V,
    pub beta1_pow: f64,
}

fn adamax(s: &Settings) -> Result<Adamax, SimError> {
    Ok(Adamax {
        lr: s.get(LR)?,
        betas: s.get(BETAS)?,
        eps: s.get(EPS)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "adamax",
    title: "AdaMax",
    torch_class: Some("Adamax"),
    takes: &[lr(2e-3), betas(), eps(1e-8), weight_decay()],
    build: |s| Ok(Rule::Adamax(adamax(s)?)),
    defaults_when: &[],
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇f(wₜ)",
            "uₜ = max(β₂·uₜ₋₁, |∇f(wₜ)| + ε)",
            "wₜ₊₁ = wₜ − α/(1 − β₁ᵗ) · mₜ / uₜ",
        ],
        explain: "Adam with the infinity norm: uₜ, a decaying maximum of |∇f| per coordinate, \
                  replaces √vₜ and needs no bias correction; only m is corrected. ε sits inside \
                  the max; torch's default lr is 2·10⁻³.",
        year: 2015,
        paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization, §7 AdaMax (ICLR 2015)",
        adapts_lr: true,
        adapts_gradient: true,
        preset: "rosenbrock-race",
    },
}];

impl UpdateRule for Adamax {
    type State<V: Vector> = AdamaxState<V>;

    fn init<V: Vector>(&self, x0: &V) -> AdamaxState<V> {
        AdamaxState {
            step: 0,
            exp_avg: x0.splat_like(0.0),
            exp_inf: x0.splat_like(0.0),
            beta1_pow: 1.0,
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut AdamaxState<V>, x: &V, grad: &V) -> Step<V> {
        let (beta1, beta2) = self.betas;
        state.step += 1;
        state.beta1_pow *= beta1;
        let g = decayed(grad, x, self.weight_decay);
        let clr = self.lr / (1.0 - state.beta1_pow);
        let mut next = x.clone();
        let mut eff = x.splat_like(0.0);
        for i in 0..x.len() {
            let m = lerp(state.exp_avg[i], g[i], 1.0 - beta1);
            // eps sits inside the max, so u never reaches zero.
            let u = nan_max(state.exp_inf[i] * beta2, g[i].abs() + self.eps);
            state.exp_avg[i] = m;
            state.exp_inf[i] = u;
            eff[i] = self.lr / u;
            next[i] = x[i] + -clr * m / u;
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

    fn readout(&self, state: &AdamaxState) -> Vec<(&'static str, StateValue)> {
        let mut out = vec![
            ("step", StateValue::Scalar(state.step as f64)),
            ("m", StateValue::Vector(state.exp_avg)),
            ("u", StateValue::Vector(state.exp_inf)),
        ];
        if state.step > 0 {
            out.push((
                "m̂",
                StateValue::Vector(state.exp_avg / (1.0 - state.beta1_pow)),
            ));
        }
        out
    }
}
