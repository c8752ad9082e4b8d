//! torch.optim.Adam, and AMSGrad as `Adam(amsgrad=True)`: bias-corrected moving averages of g and g².

use super::spec::*;
use super::{Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed, lerp_v, nan_max};
use crate::sim::{SimError, V2};

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
pub struct AdamState<V = V2> {
    pub step: u64,
    pub exp_avg: V,
    pub exp_avg_sq: V,
    pub max_exp_avg_sq: V,
    pub beta1_pow: f64,
    pub beta2_pow: f64,
}

/// AMSGrad's flag (Adam's and AdamW's `amsgrad`).
pub(super) const AMSGRAD: Key<bool> = Key::new("amsgrad");

pub(super) const fn amsgrad() -> HyperSpec {
    flag(
        AMSGRAD,
        "AMSGrad",
        "divide by the largest v seen so far (AMSGrad)",
    )
}

/// Adam as `amsgrad` says: read from the settings, or fixed by the kind (AMSGrad takes no flag).
fn adam(s: &Settings, amsgrad: Option<bool>) -> Result<Adam, SimError> {
    Ok(Adam {
        lr: s.get(LR)?,
        betas: s.get(BETAS)?,
        eps: s.get(EPS)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
        amsgrad: match amsgrad {
            Some(fixed) => fixed,
            None => s.get(AMSGRAD)?,
        },
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[
    OptimizerDef {
        name: "adam",
        title: "Adam",
        torch_class: Some("Adam"),
        takes: &[lr(1e-3), betas(), eps(1e-8), weight_decay(), amsgrad()],
        build: |s| Ok(Rule::Adam(adam(s, None)?)),
        defaults_when: &[],
        torch_kwargs: as_written,
        card: CardText {
            rule: &[
                "mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇f(wₜ)",
                "vₜ = β₂·vₜ₋₁ + (1 − β₂)·∇f(wₜ)²",
                "m̂ₜ = mₜ / (1 − β₁ᵗ),   v̂ₜ = vₜ / (1 − β₂ᵗ)",
                "wₜ₊₁ = wₜ − α·m̂ₜ / (√v̂ₜ + ε)",
            ],
            explain: "RMSProp + momentum: mₜ = EMA_β₁(∇f), vₜ = EMA_β₂(∇f²), and the hats undo their \
                  pull towards the zero start. β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸; the lecture uses \
                  α = 3·10⁻⁴ (torch's default lr is 10⁻³).",
            year: 2014,
            paper: "Kingma & Ba, Adam: A Method for Stochastic Optimization (arXiv 2014, ICLR 2015)",
            adapts_lr: true,
            adapts_gradient: true,
            preset: "adam-lecture-lr",
        },
    },
    OptimizerDef {
        name: "amsgrad",
        title: "AMSGrad",
        torch_class: Some("Adam"),
        takes: &[lr(1e-3), betas(), eps(1e-8), weight_decay()],
        build: |s| Ok(Rule::Adam(adam(s, Some(true))?)),
        defaults_when: &[],
        torch_kwargs: |s| Ok(s.params().put(AMSGRAD, true)),
        card: CardText {
            rule: &[
                "mₜ = β₁·mₜ₋₁ + (1 − β₁)·∇f(wₜ)",
                "vₜ = β₂·vₜ₋₁ + (1 − β₂)·∇f(wₜ)²",
                "v̄ₜ = max(v̄ₜ₋₁, vₜ)",
                "wₜ₊₁ = wₜ − α/(1 − β₁ᵗ) · mₜ / (√(v̄ₜ / (1 − β₂ᵗ)) + ε)",
            ],
            explain: "Adam, but divided by v̄ₜ, the largest raw vₜ so far, so a coordinate's step size \
                  never grows back. torch (Adam with amsgrad=True) bias-corrects v̄ₜ with the \
                  current t, which Reddi et al. do not.",
            year: 2018,
            paper: "Reddi, Kale & Kumar, On the Convergence of Adam and Beyond (ICLR 2018)",
            adapts_lr: true,
            adapts_gradient: true,
            preset: "rosenbrock-race",
        },
    },
];

impl UpdateRule for Adam {
    type State<V: Vector> = AdamState<V>;

    fn init<V: Vector>(&self, x0: &V) -> AdamState<V> {
        let zero = x0.splat_like(0.0);
        AdamState {
            step: 0,
            exp_avg: zero.clone(),
            exp_avg_sq: zero.clone(),
            max_exp_avg_sq: zero,
            beta1_pow: 1.0,
            beta2_pow: 1.0,
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut AdamState<V>, x: &V, grad: &V) -> Step<V> {
        let (beta1, beta2) = self.betas;
        state.step += 1;
        state.beta1_pow *= beta1;
        state.beta2_pow *= beta2;
        let g = decayed(grad, x, self.weight_decay);
        let step_size = self.lr / (1.0 - state.beta1_pow);
        let bias_correction2_sqrt = (1.0 - state.beta2_pow).sqrt();
        state.exp_avg = lerp_v(&state.exp_avg, &g, 1.0 - beta1);
        state.exp_avg_sq = state
            .exp_avg_sq
            .zip(&g, |v, g| v * beta2 + (g * (1.0 - beta2)) * g);
        // AMSGrad keeps the max of the raw v and still bias-corrects it with the current t.
        let v_used = if self.amsgrad {
            state.max_exp_avg_sq = state.max_exp_avg_sq.zip(&state.exp_avg_sq, nan_max);
            &state.max_exp_avg_sq
        } else {
            &state.exp_avg_sq
        };
        // torch's `step_size · m / (√v / √bc₂ + eps)`, with numerator and denominator scaled by √bc₂:
        // equal up to rounding, and one division shorter on the chain from one iterate to the next.
        let eps = self.eps * bias_correction2_sqrt;
        let denom = v_used.map(|v| v.sqrt() + eps);
        let scale = -step_size * bias_correction2_sqrt;
        let moved = state.exp_avg.zip(&denom, |m, d| (m * scale) / d);
        let next = x.zip(&moved, |x, u| x + u);
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(denom.map(|d| self.lr * bias_correction2_sqrt / d));
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn lr(&self) -> f64 {
        self.lr
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
