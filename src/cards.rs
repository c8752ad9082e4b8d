//! One "optimizer card" per [`OptimizerKind`]: the update rule in the lecture's notation (L07), where
//! its symbols come from, the paper, the lecture's summary-table flags and the built-in preset that
//! shows it best. Pure data: no UI, no I/O.
//!
//! The rules are the ones optiscape runs, i.e. torch.optim's algorithms (see
//! `optimizer-rules.md`); where torch differs from the lecture or the paper, the card says so.

use crate::sim::OptimizerKind;

/// What the window shows about one optimizer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Card {
    pub kind: OptimizerKind,
    /// The update rule as the lecture writes it, one equation per line, in Unicode maths
    /// (subscripts ₜ, ∇, √, ε, β, α, ⊙, ·, ← …), never LaTeX.
    pub rule: &'static [&'static str],
    /// Where each symbol in the rule comes from / what the state variables are.
    pub explain: &'static str,
    pub year: u16,
    /// Authors and paper title.
    pub paper: &'static str,
    /// The lecture's summary table: does it adapt the learning rate …
    pub adapts_lr: bool,
    /// … and the gradient (the direction)?
    pub adapts_gradient: bool,
    /// The built-in preset (a name in [`crate::preset::BUILTINS`]) that shows this optimizer best.
    pub preset: &'static str,
}

/// The rolling ball of the momentum card: the lecture's Newton-law derivation and its exact
/// mapping onto torch's momentum buffer.
pub const PHYSICS: &[&str] = &[
    "m·dv/dt = −∇f(x) − η·v,   dx/dt = v   (mass m, friction η)",
    "finite differences with time step Δt (the lecture):",
    "v ← v − (Δt/m)·∇f(x) − (Δt/m)·η·v",
    "x ← x + Δt·v   (with the v just updated)",
    "torch's buffer b = −(m/Δt)·v turns this exactly into",
    "b ← (1 − ηΔt/m)·b + ∇f(x)",
    "x ← x − (Δt²/m)·b",
    "so lr = Δt²/m and momentum β = 1 − ηΔt/m",
    "the lecture takes Δt/m = 1: α = Δt, β = 1 − η",
    "for a given mass m: Δt = √(lr·m),  η = (1 − β)·m/Δt",
    "starting at rest (v₀ = 0) matches torch's first step b₁ = ∇f(x₀)",
];

// The mapping itself is `crate::sim::physics::Ball::{to_torch, from_torch}`.
static CARDS: [Card; 12] = [
    Card {
        kind: OptimizerKind::Sgd,
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
    Card {
        kind: OptimizerKind::Momentum,
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
    Card {
        kind: OptimizerKind::Nesterov,
        rule: &[
            "w̃ₜ = wₜ − α·β·vₜ₋₁",
            "vₜ = β·vₜ₋₁ + ∇f(w̃ₜ)",
            "wₜ₊₁ = wₜ − α·vₜ",
            "w̃ₜ₊₁ = w̃ₜ − α·(∇f(w̃ₜ) + β·vₜ)",
        ],
        explain: "First jump along the accumulated gradient to the look-ahead point w̃ₜ, then \
                  measure the gradient there and correct (β = momentum, α = lr, v₀ = 0). torch \
                  keeps only the look-ahead point and runs the last line, so the ball drawn is w̃ₜ.",
        year: 2013,
        paper: "Sutskever, Martens, Dahl & Hinton, On the importance of initialization and \
                momentum in deep learning (ICML 2013), after Nesterov's accelerated gradient \
                (1983)",
        adapts_lr: false,
        adapts_gradient: true,
        preset: "nesterov-lookahead",
    },
    Card {
        kind: OptimizerKind::Ema,
        rule: &[
            "v₁ = ∇f(w₁)",
            "vₜ = β·vₜ₋₁ + (1 − β)·∇f(wₜ)",
            "wₜ₊₁ = wₜ − α·vₜ",
        ],
        explain: "vₜ = EMA(∇f)ₜ, an average of past gradients rather than momentum's sum, so it \
                  tends to ∇f, not ∇f/(1 − β). torch runs it as SGD with dampening 1 − β, which \
                  seeds the average with the first gradient.",
        year: 1964,
        paper: "Polyak's heavy-ball momentum (1964), in the lecture's exponential-moving-average \
                form",
        adapts_lr: false,
        adapts_gradient: true,
        preset: "ema-vs-momentum",
    },
    Card {
        kind: OptimizerKind::Rprop,
        rule: &[
            "αₜⁱ = min(η₊·αₜ₋₁ⁱ, 50)   if ∇fⁱ(wₜ)·∇fⁱ(wₜ₋₁) > 0",
            "αₜⁱ = max(η₋·αₜ₋₁ⁱ, 10⁻⁶),  ∇fⁱ(wₜ) ← 0   if ∇fⁱ(wₜ)·∇fⁱ(wₜ₋₁) < 0",
            "αₜⁱ = αₜ₋₁ⁱ   otherwise,   α₀ⁱ = α",
            "wₜ₊₁ⁱ = wₜⁱ − αₜⁱ·sign(∇fⁱ(wₜ))",
            "η₊ = 1.2,   η₋ = 0.5",
        ],
        explain: "Each weight i has its own step size αₜⁱ (the learning rate adapts) and only the \
                  sign of its gradient is used, so the gradient itself is not adapted. torch's \
                  default etas are (0.5, 1.2) (the lecture writes 0.6); after a sign flip the \
                  weight stays put and the zeroed gradient is remembered (iRprop−).",
        year: 1993,
        paper: "Riedmiller & Braun, A Direct Adaptive Method for Faster Backpropagation \
                Learning: The RPROP Algorithm (IEEE ICNN 1993); torch runs iRprop− (Igel & \
                Hüsken, 2000)",
        adapts_lr: true,
        adapts_gradient: false,
        preset: "rprop-signs",
    },
    Card {
        kind: OptimizerKind::Rmsprop,
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
    Card {
        kind: OptimizerKind::Adagrad,
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
    Card {
        kind: OptimizerKind::Adadelta,
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
    Card {
        kind: OptimizerKind::Adam,
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
    Card {
        kind: OptimizerKind::Amsgrad,
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
    Card {
        kind: OptimizerKind::Adamax,
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
    Card {
        kind: OptimizerKind::Nadam,
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
];

/// The card of one optimizer.
pub fn card(kind: OptimizerKind) -> &'static Card {
    let card = &CARDS[kind as usize];
    debug_assert_eq!(card.kind, kind, "CARDS is in OptimizerKind order");
    card
}

/// Every card, in [`OptimizerKind`] order.
pub fn all() -> &'static [Card] {
    &CARDS
}

/// The Compare view's table: every card by year (ties keep [`OptimizerKind`] order).
pub fn compare_rows() -> impl Iterator<Item = &'static Card> {
    let mut rows: Vec<&'static Card> = CARDS.iter().collect();
    rows.sort_by_key(|c| c.year);
    rows.into_iter()
}
