//! torch.optim.SGD: plain, with momentum, with Nesterov's momentum, and the lecture's EMA form.

use super::spec::*;
use super::{HyperParams, Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, decayed};
use crate::sim::SimError;
use crate::sim::V2;

/// SGD's hyper-parameters, as `torch.optim.SGD` takes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sgd {
    pub lr: f64,
    pub momentum: f64,
    pub dampening: f64,
    pub nesterov: bool,
    pub weight_decay: f64,
    /// The lecture's EMA: the buffer starts from zero, so the first step is (1 − dampening)·g
    /// (torch seeds it with g itself).
    pub from_zero: bool,
}

/// SGD's memory: the momentum buffer, absent until the first step (torch's `momentum_buffer`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SgdState<V = V2> {
    pub buf: Option<V>,
}

/// How much of the gradient the momentum buffer leaves out.
const DAMPENING: Key<f64> = Key::new("dampening");
/// Nesterov's look-ahead form of momentum.
const NESTEROV: Key<bool> = Key::new("nesterov");

const DAMPENING_EDIT: &[Edit] = &[edit("Dampening", 0.0, 1.0, false)];

const fn dampening() -> HyperSpec {
    number(
        DAMPENING,
        0.0,
        "dampening: the gradient enters the buffer with weight 1 − dampening",
        DAMPENING_EDIT,
        unit,
        "must be in [0, 1]",
    )
}
const fn nesterov() -> HyperSpec {
    flag(
        NESTEROV,
        "Nesterov",
        "use Nesterov's look-ahead form of momentum",
    )
}
const NESTEROV_MOMENTUM: HyperSpec = HyperSpec {
    edits: &[edit("Momentum β", 0.01, 0.999, false)],
    allowed: |v| matches!(v, HyperValue::F(x) if x > 0.0 && x < 1.0),
    allowed_text: "Nesterov needs momentum in (0, 1)",
    ..momentum(0.9)
};
const EMA_BETA: HyperSpec = HyperSpec {
    doc: "β of the moving average: b ← β·b + (1 − β)·g",
    label: "EMA β",
    edits: &[edit("EMA β", 0.0, 0.999, false)],
    ..momentum(0.9)
};

/// torch refuses Nesterov without momentum or with dampening.
fn nesterov_needs(s: Sgd) -> Result<Sgd, SimError> {
    if !s.nesterov {
        return Ok(s);
    }
    if s.momentum.is_nan() || s.momentum <= 0.0 {
        return Err(SimError::invalid(
            MOMENTUM.name(),
            s.momentum,
            "nesterov needs momentum > 0",
        ));
    }
    if s.dampening != 0.0 {
        return Err(SimError::invalid(
            DAMPENING.name(),
            s.dampening,
            "nesterov needs dampening = 0",
        ));
    }
    Ok(s)
}

fn sgd(s: &Settings) -> Result<Sgd, SimError> {
    nesterov_needs(Sgd {
        lr: s.get(LR)?,
        momentum: s.get(MOMENTUM)?,
        dampening: s.get(DAMPENING)?,
        nesterov: s.get(NESTEROV)?,
        weight_decay: s.get(WEIGHT_DECAY)?,
        from_zero: false,
    })
}

/// Every setting of torch's SGD, for the kinds that fix some of them.
fn kwargs(s: Sgd) -> HyperParams {
    HyperParams::lr(s.lr)
        .put(MOMENTUM, s.momentum)
        .put(DAMPENING, s.dampening)
        .put(NESTEROV, s.nesterov)
        .put(WEIGHT_DECAY, s.weight_decay)
}

fn nesterov_sgd(s: &Settings) -> Result<Sgd, SimError> {
    nesterov_needs(Sgd {
        lr: s.get(LR)?,
        momentum: s.get(MOMENTUM)?,
        dampening: 0.0,
        nesterov: true,
        weight_decay: s.get(WEIGHT_DECAY)?,
        from_zero: false,
    })
}

// The lecture's EMA: e₀ = 0, eₜ = β·eₜ₋₁ + (1 − β)·gₜ, a step of −lr·eₜ.
fn ema(s: &Settings) -> Result<Sgd, SimError> {
    let momentum = s.get(MOMENTUM)?;
    Ok(Sgd {
        lr: s.get(LR)?,
        momentum,
        dampening: momentum,
        nesterov: false,
        weight_decay: s.get(WEIGHT_DECAY)?,
        from_zero: true,
    })
}

pub(super) const KINDS: &[OptimizerDef] = &[
    OptimizerDef {
        name: "sgd",
        title: "SGD",
        torch_class: Some("SGD"),
        takes: &[
            lr(1e-3),
            momentum(0.0),
            dampening(),
            nesterov(),
            weight_decay(),
        ],
        build: |s| Ok(Rule::Sgd(sgd(s)?)),
        defaults_when: &[],
        torch_kwargs: |s| Ok(kwargs(sgd(s)?)),
        card: CardText {
            rule: &["wₜ₊₁ = wₜ − α·∇f(wₜ)"],
            explain: "α is the learning rate (lr) and ∇f(wₜ) the gradient at the current point; with \
                  mini-batches it is the batch's noisy estimate of it, which makes it stochastic.",
            year: 1951,
            paper: "Robbins & Monro, A Stochastic Approximation Method (Annals of Mathematical \
                Statistics, 1951)",
            adapts_lr: false,
            adapts_gradient: false,
            preset: "gd-bowl",
        },
    },
    OptimizerDef {
        name: "momentum",
        title: "SGD + momentum",
        torch_class: Some("SGD"),
        takes: &[
            lr(1e-3),
            momentum(0.9),
            dampening(),
            nesterov(),
            weight_decay(),
        ],
        build: |s| Ok(Rule::Sgd(sgd(s)?)),
        defaults_when: &[],
        torch_kwargs: |s| Ok(kwargs(sgd(s)?)),
        card: CardText {
            rule: &["vₜ = β·vₜ₋₁ + ∇f(wₜ),   v₀ = 0", "wₜ₊₁ = wₜ − α·vₜ"],
            explain: "vₜ is torch's momentum buffer, a sum of past gradients weighted by βᵏ (β = \
                  momentum, 0.9), so it tends to ∇f/(1 − β) on a steady slope; α = lr stays \
                  outside it. It is the rolling ball's velocity, negated and rescaled.",
            year: 1964,
            paper: "Polyak, Some methods of speeding up the convergence of iteration methods (USSR \
                Computational Mathematics and Mathematical Physics, 1964)",
            adapts_lr: false,
            adapts_gradient: true,
            preset: "rolling-ball",
        },
    },
    OptimizerDef {
        name: "nesterov",
        title: "Nesterov",
        torch_class: Some("SGD"),
        takes: &[lr(1e-3), NESTEROV_MOMENTUM, weight_decay()],
        build: |s| Ok(Rule::Sgd(nesterov_sgd(s)?)),
        defaults_when: &[],
        torch_kwargs: |s| Ok(kwargs(nesterov_sgd(s)?)),
        card: CardText {
            rule: &[
                "w̃ₜ = wₜ − α·β·vₜ₋₁",
                "vₜ = β·vₜ₋₁ + ∇f(w̃ₜ)",
                "wₜ₊₁ = wₜ − α·vₜ",
                "w̃ₜ₊₁ = w̃ₜ − α·(∇f(w̃ₜ) + β·vₜ)",
            ],
            explain: "First jump along the accumulated gradient to the look-ahead point w̃ₜ, then \
                  measure the gradient there and correct (β = momentum, α = lr, v₀ = 0). torch \
                  keeps only the look-ahead point and runs the last line, so the ball and path \
                  drawn are w̃ₜ, torch's iterate. The look-ahead vectors draw the slide's \
                  triangle from the lecture's ball wₜ = w̃ₜ + α·β·vₜ₋₁: the jump −α·β·vₜ₋₁ \
                  (brown) ends at the ball, the correction −α·∇f(w̃ₜ) (red) starts there, and \
                  their sum (green) is the step to wₜ₊₁.",
            year: 2013,
            paper: "Sutskever, Martens, Dahl & Hinton, On the importance of initialization and \
                momentum in deep learning (ICML 2013), after Nesterov's accelerated gradient \
                (1983)",
            adapts_lr: false,
            adapts_gradient: true,
            preset: "nesterov-lookahead",
        },
    },
    OptimizerDef {
        name: "ema",
        title: "SGD + EMA",
        torch_class: None,
        takes: &[lr(1e-3), EMA_BETA, weight_decay()],
        build: |s| Ok(Rule::Sgd(ema(s)?)),
        defaults_when: &[],
        torch_kwargs: as_written,
        card: CardText {
            rule: &["v₀ = 0", "vₜ = β·vₜ₋₁ + (1 − β)·∇f(wₜ)", "wₜ₊₁ = wₜ − α·vₜ"],
            explain: "vₜ = EMA(∇f)ₜ, an average of past gradients rather than momentum's sum, so it \
                  tends to ∇f, not ∇f/(1 − β). Started from zero, vₜ is exactly (1 − β) times \
                  momentum's buffer, so EMA with α/(1 − β) follows momentum's path step for step: \
                  \"almost the same as SGD with momentum\". torch has no such optimizer: \
                  SGD(momentum=β, dampening=β) seeds the average with the first gradient, which \
                  makes the first step 1/(1 − β) times too long.",
            year: 1964,
            paper: "Polyak's heavy-ball momentum (1964), in the lecture's exponential-moving-average \
                form",
            adapts_lr: false,
            adapts_gradient: true,
            preset: "ema-vs-momentum",
        },
    },
];

impl UpdateRule for Sgd {
    type State<V: Vector> = SgdState<V>;

    fn init<V: Vector>(&self, _x0: &V) -> SgdState<V> {
        SgdState { buf: None }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut SgdState<V>, x: &V, grad: &V) -> Step<V> {
        let g = decayed(grad, x, self.weight_decay);
        if self.momentum == 0.0 {
            let next = x.zip(&g, |x, g| x + g * -self.lr);
            return Step::plain(x, next, grad);
        }
        // torch's buffer starts as the first gradient itself (dampening is not applied at t = 1);
        // the lecture's EMA starts from zero.
        let buf = match &state.buf {
            None if self.from_zero => g.map(|g| g * (1.0 - self.dampening)),
            None => g.clone(),
            Some(b) => b.zip(&g, |b, g| b * self.momentum + g * (1.0 - self.dampening)),
        };
        let next = if self.nesterov {
            let direction = g.zip(&buf, |g, b| g + b * self.momentum);
            x.zip(&direction, |x, d| x + d * -self.lr)
        } else {
            x.zip(&buf, |x, b| x + b * -self.lr)
        };
        let mut step = Step::plain(x, next, grad);
        step.velocity = Some(buf.map(|b| b * -self.lr));
        if self.nesterov {
            let lr_mu = self.lr * self.momentum;
            step.theta = Some(match &state.buf {
                Some(prev) => x.zip(prev, |x, b| x + b * lr_mu),
                None => x.clone(),
            });
            step.correction = Some(g.map(|g| g * -self.lr));
        }
        state.buf = Some(buf);
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn lr(&self) -> f64 {
        self.lr
    }

    fn readout(&self, state: &SgdState) -> Vec<(&'static str, StateValue)> {
        match state.buf {
            Some(b) if self.momentum != 0.0 => vec![("momentum_buffer", StateValue::Vector(b))],
            _ => Vec::new(),
        }
    }
}
