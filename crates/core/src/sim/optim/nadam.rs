//! torch.optim.NAdam: Adam with Nesterov momentum and Dozat's warm-up schedule
//! μₜ = β₁(1 − ½·0.96^(t·ψ)), not the constant-β₁ variant of Keras or optax.

use super::spec::*;
use super::{Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed, lerp};
use crate::sim::{SimError, V2};

/// NAdam's hyper-parameters, as `torch.optim.NAdam` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nadam {
    pub lr: f64,
    pub betas: (f64, f64),
    pub eps: f64,
    pub weight_decay: f64,
    pub momentum_decay: f64,
}

/// NAdam's memory: step count, `mu_product` Πμᵢ, `exp_avg`, `exp_avg_sq` and the running power β₂ᵗ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NadamState<V = V2> {
    pub step: u64,
    pub mu_product: f64,
    pub exp_avg: V,
    pub exp_avg_sq: V,
    pub beta2_pow: f64,
}

impl Nadam {
    /// The momentum schedule μₜ.
    #[inline]
    pub fn mu(&self, t: u64) -> f64 {
        self.betas.0 * (1.0 - 0.5 * 0.96f64.powf(t as f64 * self.momentum_decay))
    }
}

/// ψ, how fast μₜ warms up to β₁.
const MOMENTUM_DECAY: Key<f64> = Key::new("momentum_decay");

fn nadam(s: &Settings) -> Result<Nadam, SimError> {
    Ok(Nadam {
        lr: s.get(LR)?,
        betas: s.get(BETAS)?,
        eps: s.get(EPS)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
        momentum_decay: s.get(MOMENTUM_DECAY)?,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "nadam",
    title: "NAdam",
    torch_class: Some("NAdam"),
    takes: &[
        lr(2e-3),
        betas(),
        eps(1e-8),
        weight_decay(),
        number(
            MOMENTUM_DECAY,
            4e-3,
            "ψ: how fast μₜ warms up to β₁",
            &[edit("Momentum decay ψ", 0.0, 0.1, false)],
            non_negative,
            NON_NEGATIVE,
        ),
    ],
    build: |s| Ok(Rule::Nadam(nadam(s)?)),
    defaults_when: &[],
    torch_kwargs: as_written,
    card: CardText {
        rule: &[
            "μₜ = β₁·(1 − ½·0.96^(t·ψ)),   Πₜ = μ₁·μ₂·…·μₜ",
            "mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇f(wₜ)",
            "vₜ = β₂·vₜ₋₁ + (1 − β₂)·∇f(wₜ)²",
            "dₜ = √(vₜ / (1 − β₂ᵗ)) + ε",
            "wₜ₊₁ = wₜ − α·(1 − μₜ)/(1 − Πₜ) · ∇f(wₜ)/dₜ − α·μₜ₊₁/(1 − Πₜ·μₜ₊₁) · mₜ/dₜ",
        ],
        explain: "Adam with Nesterov's look-ahead: the current gradient and the momentum enter \
                  with the schedule μₜ, which warms up towards β₁ (momentum_decay ψ = 0.004). \
                  This is Dozat's and torch's form, not Keras' constant-β₁ NAdam; default lr \
                  2·10⁻³.",
        year: 2015,
        paper: "Dozat, Incorporating Nesterov Momentum into Adam (Stanford report 2015, ICLR \
                2016 workshop)",
        adapts_lr: true,
        adapts_gradient: true,
        preset: "rosenbrock-race",
    },
}];

impl UpdateRule for Nadam {
    type State<V: Vector> = NadamState<V>;

    fn init<V: Vector>(&self, x0: &V) -> NadamState<V> {
        NadamState {
            step: 0,
            mu_product: 1.0,
            exp_avg: x0.splat_like(0.0),
            exp_avg_sq: x0.splat_like(0.0),
            beta2_pow: 1.0,
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut NadamState<V>, x: &V, grad: &V) -> Step<V> {
        let (beta1, beta2) = self.betas;
        state.step += 1;
        state.beta2_pow *= beta2;
        let g = decayed(grad, x, self.weight_decay);
        let bias_correction2 = 1.0 - state.beta2_pow;
        let mu = self.mu(state.step);
        let mu_next = self.mu(state.step + 1);
        state.mu_product *= mu;
        let mu_product_next = state.mu_product * mu_next;
        let grad_coef = -self.lr * (1.0 - mu) / (1.0 - state.mu_product);
        let avg_coef = -self.lr * mu_next / (1.0 - mu_product_next);
        let mut next = x.clone();
        let mut eff = x.splat_like(0.0);
        for i in 0..x.len() {
            let m = lerp(state.exp_avg[i], g[i], 1.0 - beta1);
            let v = state.exp_avg_sq[i] * beta2 + (1.0 - beta2) * g[i] * g[i];
            state.exp_avg[i] = m;
            state.exp_avg_sq[i] = v;
            let denom = (v / bias_correction2).sqrt() + self.eps;
            eff[i] = self.lr / denom;
            // Two separate additions, as torch's two addcdiv_ calls.
            let partial = x[i] + grad_coef * g[i] / denom;
            next[i] = partial + avg_coef * m / denom;
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

    fn readout(&self, state: &NadamState) -> Vec<(&'static str, StateValue)> {
        let mut out = vec![
            ("step", StateValue::Scalar(state.step as f64)),
            ("mu_product", StateValue::Scalar(state.mu_product)),
            ("m", StateValue::Vector(state.exp_avg)),
            ("v", StateValue::Vector(state.exp_avg_sq)),
        ];
        if state.step > 0 {
            out.push(("μₜ", StateValue::Scalar(self.mu(state.step))));
            out.push((
                "v̂",
                StateValue::Vector(state.exp_avg_sq / (1.0 - state.beta2_pow)),
            ));
        }
        out
    }
}
