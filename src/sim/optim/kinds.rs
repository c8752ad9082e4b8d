//! The optimizer names (a contract shared by the CLI and presets) and the hyper-parameters each takes.

use serde::{Deserialize, Serialize};

use super::hyper::{HyperKind, HyperSpec, HyperValue};
use crate::sim::SimError;

/// Every optimizer optiscape offers. Several are one torch class with different settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Nesterov,
    Ema,
    Rprop,
    Rmsprop,
    Adagrad,
    Adadelta,
    Adam,
    Amsgrad,
    Adamax,
    Nadam,
}

use HyperKind::{Bool, Float, Pair};
use HyperValue::{B, F, P};

const fn spec(
    name: &'static str,
    kind: HyperKind,
    default: HyperValue,
    doc: &'static str,
) -> HyperSpec {
    HyperSpec {
        name,
        kind,
        default,
        doc,
    }
}

const fn lr(default: f64) -> HyperSpec {
    spec(
        "lr",
        Float,
        F(default),
        "learning rate α: how far each step goes",
    )
}
const WEIGHT_DECAY: HyperSpec = spec(
    "weight_decay",
    Float,
    F(0.0),
    "L2 penalty λ: adds λ·x to the gradient",
);
const MOMENTUM_0: HyperSpec = spec(
    "momentum",
    Float,
    F(0.0),
    "momentum factor β: how much of the last step is kept",
);
const MOMENTUM_09: HyperSpec = spec(
    "momentum",
    Float,
    F(0.9),
    "momentum factor β: how much of the last step is kept",
);
const DAMPENING: HyperSpec = spec(
    "dampening",
    Float,
    F(0.0),
    "dampening: the gradient enters the buffer with weight 1 − dampening",
);
const NESTEROV: HyperSpec = spec(
    "nesterov",
    Bool,
    B(false),
    "use Nesterov's look-ahead form of momentum",
);
const EMA_BETA: HyperSpec = spec(
    "momentum",
    Float,
    F(0.9),
    "β of the moving average: b ← β·b + (1 − β)·g",
);
const BETAS: HyperSpec = spec(
    "betas",
    Pair,
    P(0.9, 0.999),
    "β₁, β₂: decay of the moving averages of g and g²",
);
const fn eps(default: f64) -> HyperSpec {
    spec(
        "eps",
        Float,
        F(default),
        "ε: keeps the division away from zero",
    )
}

const SGD: &[HyperSpec] = &[lr(1e-3), MOMENTUM_0, DAMPENING, NESTEROV, WEIGHT_DECAY];
const MOMENTUM: &[HyperSpec] = &[lr(1e-3), MOMENTUM_09, DAMPENING, NESTEROV, WEIGHT_DECAY];
const NESTEROV_TAKES: &[HyperSpec] = &[lr(1e-3), MOMENTUM_09, WEIGHT_DECAY];
const EMA: &[HyperSpec] = &[lr(1e-3), EMA_BETA, WEIGHT_DECAY];
const RPROP: &[HyperSpec] = &[
    lr(1e-2),
    spec(
        "etas",
        Pair,
        P(0.5, 1.2),
        "η₋, η₊: step-size factors after a sign flip / a repeated sign",
    ),
    spec(
        "step_sizes",
        Pair,
        P(1e-6, 50.0),
        "smallest and largest per-coordinate step size",
    ),
];
const RMSPROP: &[HyperSpec] = &[
    lr(1e-2),
    spec(
        "alpha",
        Float,
        F(0.99),
        "β in the card's rule: decay of the moving average of g² (α is the learning rate)",
    ),
    eps(1e-8),
    WEIGHT_DECAY,
    MOMENTUM_0,
    spec(
        "centered",
        Bool,
        B(false),
        "divide by the variance of g instead of its mean square",
    ),
];
const ADAGRAD: &[HyperSpec] = &[
    lr(1e-2),
    spec(
        "lr_decay",
        Float,
        F(0.0),
        "lr at step t is lr / (1 + (t − 1)·lr_decay)",
    ),
    WEIGHT_DECAY,
    spec(
        "initial_accumulator_value",
        Float,
        F(0.0),
        "starting value of the sum of g²",
    ),
    eps(1e-10),
];
const ADADELTA: &[HyperSpec] = &[
    lr(1.0),
    spec(
        "rho",
        Float,
        F(0.9),
        "ρ: decay of the moving averages of g² and of the steps²",
    ),
    eps(1e-6),
    WEIGHT_DECAY,
];
const ADAM: &[HyperSpec] = &[
    lr(1e-3),
    BETAS,
    eps(1e-8),
    WEIGHT_DECAY,
    spec(
        "amsgrad",
        Bool,
        B(false),
        "divide by the largest v seen so far (AMSGrad)",
    ),
];
const AMSGRAD: &[HyperSpec] = &[lr(1e-3), BETAS, eps(1e-8), WEIGHT_DECAY];
const ADAMAX: &[HyperSpec] = &[lr(2e-3), BETAS, eps(1e-8), WEIGHT_DECAY];
const NADAM: &[HyperSpec] = &[
    lr(2e-3),
    BETAS,
    eps(1e-8),
    WEIGHT_DECAY,
    spec(
        "momentum_decay",
        Float,
        F(4e-3),
        "ψ: how fast μₜ warms up to β₁",
    ),
];

impl OptimizerKind {
    /// All kinds, in the lecture's order.
    pub const ALL: [OptimizerKind; 12] = [
        Self::Sgd,
        Self::Momentum,
        Self::Nesterov,
        Self::Ema,
        Self::Rprop,
        Self::Rmsprop,
        Self::Adagrad,
        Self::Adadelta,
        Self::Adam,
        Self::Amsgrad,
        Self::Adamax,
        Self::Nadam,
    ];

    /// The contract name (`rmsprop`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::Momentum => "momentum",
            Self::Nesterov => "nesterov",
            Self::Ema => "ema",
            Self::Rprop => "rprop",
            Self::Rmsprop => "rmsprop",
            Self::Adagrad => "adagrad",
            Self::Adadelta => "adadelta",
            Self::Adam => "adam",
            Self::Amsgrad => "amsgrad",
            Self::Adamax => "adamax",
            Self::Nadam => "nadam",
        }
    }

    /// The name people read in the lecture (`RMSProp`).
    pub fn title(self) -> &'static str {
        match self {
            Self::Sgd => "SGD",
            Self::Momentum => "SGD + momentum",
            Self::Nesterov => "Nesterov",
            Self::Ema => "SGD + EMA",
            Self::Rprop => "Rprop",
            Self::Rmsprop => "RMSProp",
            Self::Adagrad => "AdaGrad",
            Self::Adadelta => "Adadelta",
            Self::Adam => "Adam",
            Self::Amsgrad => "AMSGrad",
            Self::Adamax => "AdaMax",
            Self::Nadam => "NAdam",
        }
    }

    /// The torch.optim class that runs this optimizer (with [`crate::sim::Optimizer::params`]).
    pub fn torch_class(self) -> &'static str {
        match self {
            Self::Sgd | Self::Momentum | Self::Nesterov | Self::Ema => "SGD",
            Self::Rprop => "Rprop",
            Self::Rmsprop => "RMSprop",
            Self::Adagrad => "Adagrad",
            Self::Adadelta => "Adadelta",
            Self::Adam | Self::Amsgrad => "Adam",
            Self::Adamax => "Adamax",
            Self::Nadam => "NAdam",
        }
    }

    /// The hyper-parameters a user may set for this optimizer, with their defaults.
    pub fn takes(self) -> &'static [HyperSpec] {
        match self {
            Self::Sgd => SGD,
            Self::Momentum => MOMENTUM,
            Self::Nesterov => NESTEROV_TAKES,
            Self::Ema => EMA,
            Self::Rprop => RPROP,
            Self::Rmsprop => RMSPROP,
            Self::Adagrad => ADAGRAD,
            Self::Adadelta => ADADELTA,
            Self::Adam => ADAM,
            Self::Amsgrad => AMSGRAD,
            Self::Adamax => ADAMAX,
            Self::Nadam => NADAM,
        }
    }

    /// The spec of one hyper-parameter this optimizer takes.
    pub fn spec(self, name: &str) -> Option<&'static HyperSpec> {
        self.takes().iter().find(|s| s.name == name)
    }

    /// Looks a kind up by its contract name.
    pub fn from_name(name: &str) -> Result<Self, SimError> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| SimError::UnknownOptimizer {
                name: name.to_owned(),
                known: Self::ALL.map(Self::name).join(", "),
            })
    }
}

impl std::fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
