//! torch-named hyper-parameters: the flat form users write (CLI flags, presets, sliders), its
//! validation, and the conversion to each family's typed struct.

use serde::{Deserialize, Serialize};

use super::{
    Adadelta, Adagrad, Adam, Adamax, Nadam, Optimizer, OptimizerKind, Rmsprop, Rprop, Rule, Sgd,
};
use crate::sim::SimError;

/// The shape of a hyper-parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyperKind {
    Float,
    Pair,
    Bool,
}

/// A hyper-parameter's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HyperValue {
    F(f64),
    P(f64, f64),
    B(bool),
}

/// One hyper-parameter an optimizer takes: torch's name, its shape, default and meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HyperSpec {
    pub name: &'static str,
    pub kind: HyperKind,
    pub default: HyperValue,
    pub doc: &'static str,
}

/// torch.optim's constructor arguments, flat and by torch's names; `None` means "the default".
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HyperParams {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lr: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub momentum: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dampening: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nesterov: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_decay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub centered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rho: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lr_decay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_accumulator_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub betas: Option<(f64, f64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amsgrad: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub momentum_decay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etas: Option<(f64, f64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_sizes: Option<(f64, f64)>,
}

/// Every name [`HyperParams`] knows, in declaration order.
pub const NAMES: [&str; 16] = [
    "lr",
    "momentum",
    "dampening",
    "nesterov",
    "weight_decay",
    "alpha",
    "eps",
    "centered",
    "rho",
    "lr_decay",
    "initial_accumulator_value",
    "betas",
    "amsgrad",
    "momentum_decay",
    "etas",
    "step_sizes",
];

impl HyperParams {
    /// The value of the parameter called `name`, if set.
    pub fn get(&self, name: &str) -> Option<HyperValue> {
        use HyperValue::{B, F, P};
        let f = |v: Option<f64>| v.map(F);
        let p = |v: Option<(f64, f64)>| v.map(|(a, b)| P(a, b));
        let b = |v: Option<bool>| v.map(B);
        match name {
            "lr" => f(self.lr),
            "momentum" => f(self.momentum),
            "dampening" => f(self.dampening),
            "nesterov" => b(self.nesterov),
            "weight_decay" => f(self.weight_decay),
            "alpha" => f(self.alpha),
            "eps" => f(self.eps),
            "centered" => b(self.centered),
            "rho" => f(self.rho),
            "lr_decay" => f(self.lr_decay),
            "initial_accumulator_value" => f(self.initial_accumulator_value),
            "betas" => p(self.betas),
            "amsgrad" => b(self.amsgrad),
            "momentum_decay" => f(self.momentum_decay),
            "etas" => p(self.etas),
            "step_sizes" => p(self.step_sizes),
            _ => None,
        }
    }

    /// Sets (or with `None` clears) the parameter called `name`; a value of the wrong shape or an
    /// unknown name is refused.
    pub fn set(&mut self, name: &str, value: Option<HyperValue>) -> Result<(), SimError> {
        use HyperValue::{B, F, P};
        fn put<T>(slot: &mut Option<T>, v: Option<T>) -> Result<(), ()> {
            *slot = v;
            Ok(())
        }
        let float = |v: Option<HyperValue>| match v {
            None => Ok(None),
            Some(F(x)) => Ok(Some(x)),
            Some(_) => Err(()),
        };
        let pair = |v: Option<HyperValue>| match v {
            None => Ok(None),
            Some(P(a, b)) => Ok(Some((a, b))),
            Some(_) => Err(()),
        };
        let flag = |v: Option<HyperValue>| match v {
            None => Ok(None),
            Some(B(x)) => Ok(Some(x)),
            Some(_) => Err(()),
        };
        let result = match name {
            "lr" => float(value).and_then(|v| put(&mut self.lr, v)),
            "momentum" => float(value).and_then(|v| put(&mut self.momentum, v)),
            "dampening" => float(value).and_then(|v| put(&mut self.dampening, v)),
            "nesterov" => flag(value).and_then(|v| put(&mut self.nesterov, v)),
            "weight_decay" => float(value).and_then(|v| put(&mut self.weight_decay, v)),
            "alpha" => float(value).and_then(|v| put(&mut self.alpha, v)),
            "eps" => float(value).and_then(|v| put(&mut self.eps, v)),
            "centered" => flag(value).and_then(|v| put(&mut self.centered, v)),
            "rho" => float(value).and_then(|v| put(&mut self.rho, v)),
            "lr_decay" => float(value).and_then(|v| put(&mut self.lr_decay, v)),
            "initial_accumulator_value" => {
                float(value).and_then(|v| put(&mut self.initial_accumulator_value, v))
            }
            "betas" => pair(value).and_then(|v| put(&mut self.betas, v)),
            "amsgrad" => flag(value).and_then(|v| put(&mut self.amsgrad, v)),
            "momentum_decay" => float(value).and_then(|v| put(&mut self.momentum_decay, v)),
            "etas" => pair(value).and_then(|v| put(&mut self.etas, v)),
            "step_sizes" => pair(value).and_then(|v| put(&mut self.step_sizes, v)),
            _ => {
                return Err(SimError::invalid(
                    name,
                    "?",
                    format!("unknown hyper-parameter; known: {}", NAMES.join(", ")),
                ));
            }
        };
        result.map_err(|()| SimError::invalid(name, format!("{value:?}"), "wrong kind of value"))
    }

    /// The names of the parameters that are set.
    pub fn set_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        NAMES.into_iter().filter(|n| self.get(n).is_some())
    }

    /// Refuses any set parameter that `kind` does not take.
    pub fn check_taken(&self, kind: OptimizerKind) -> Result<(), SimError> {
        match self.set_names().find(|n| kind.spec(n).is_none()) {
            Some(name) => Err(SimError::NotTaken {
                optimizer: kind.name().to_owned(),
                name: name.to_owned(),
                takes: kind
                    .takes()
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
            None => Ok(()),
        }
    }

    /// These parameters with every one `kind` takes and that is unset filled with its default.
    pub fn filled(&self, kind: OptimizerKind) -> Self {
        let mut full = *self;
        for spec in kind.takes() {
            if full.get(spec.name).is_none() {
                // The spec's default has the spec's shape, so this cannot fail.
                let _ = full.set(spec.name, Some(spec.default));
            }
        }
        full
    }

    /// Checks every set value against what torch.optim's constructors (and optiscape) allow.
    pub fn validate(&self, kind: OptimizerKind) -> Result<(), SimError> {
        let unit_open = "must be in [0, 1)";
        check(self.lr, "lr", "must be a finite number > 0", |v| v > 0.0)?;
        let nonneg = "must be a finite number ≥ 0";
        if kind == OptimizerKind::Nesterov {
            check(
                self.momentum,
                "momentum",
                "Nesterov needs momentum in (0, 1)",
                |v| v > 0.0 && v < 1.0,
            )?;
        } else {
            check(self.momentum, "momentum", unit_open, |v| {
                (0.0..1.0).contains(&v)
            })?;
        }
        check(self.dampening, "dampening", "must be in [0, 1]", |v| {
            (0.0..=1.0).contains(&v)
        })?;
        check(self.weight_decay, "weight_decay", nonneg, |v| v >= 0.0)?;
        check(self.alpha, "alpha", unit_open, |v| (0.0..1.0).contains(&v))?;
        check(self.eps, "eps", nonneg, |v| v >= 0.0)?;
        check(self.rho, "rho", "must be in [0, 1]", |v| {
            (0.0..=1.0).contains(&v)
        })?;
        check(self.lr_decay, "lr_decay", nonneg, |v| v >= 0.0)?;
        check(
            self.initial_accumulator_value,
            "initial_accumulator_value",
            nonneg,
            |v| v >= 0.0,
        )?;
        check(self.momentum_decay, "momentum_decay", nonneg, |v| v >= 0.0)?;
        check_pair(self.betas, "betas", "each β must be in [0, 1)", |a, b| {
            (0.0..1.0).contains(&a) && (0.0..1.0).contains(&b)
        })?;
        check_pair(self.etas, "etas", "needs 0 < η₋ < 1 < η₊", |m, p| {
            0.0 < m && m < 1.0 && 1.0 < p
        })?;
        check_pair(
            self.step_sizes,
            "step_sizes",
            "needs 0 ≤ min ≤ max and max > 0",
            |lo, hi| 0.0 <= lo && lo <= hi && hi > 0.0,
        )?;
        if self.nesterov == Some(true) {
            let momentum = self.momentum.unwrap_or(0.0);
            if momentum <= 0.0 {
                return Err(SimError::invalid(
                    "momentum",
                    momentum,
                    "nesterov needs momentum > 0",
                ));
            }
            let dampening = self.dampening.unwrap_or(0.0);
            if dampening != 0.0 {
                return Err(SimError::invalid(
                    "dampening",
                    dampening,
                    "nesterov needs dampening = 0",
                ));
            }
        }
        Ok(())
    }
}

fn check(
    v: Option<f64>,
    name: &str,
    allowed: &str,
    ok: impl Fn(f64) -> bool,
) -> Result<(), SimError> {
    match v {
        Some(x) if !(x.is_finite() && ok(x)) => Err(SimError::invalid(name, x, allowed)),
        _ => Ok(()),
    }
}

fn check_pair(
    v: Option<(f64, f64)>,
    name: &str,
    allowed: &str,
    ok: impl Fn(f64, f64) -> bool,
) -> Result<(), SimError> {
    match v {
        Some((a, b)) if !(a.is_finite() && b.is_finite() && ok(a, b)) => {
            Err(SimError::invalid(name, format!("{a},{b}"), allowed))
        }
        _ => Ok(()),
    }
}

/// The typed rule for `kind` from parameters that [`HyperParams::filled`] completed and
/// [`HyperParams::validate`] accepted.
pub(super) fn build(kind: OptimizerKind, p: &HyperParams) -> Rule {
    use OptimizerKind as K;
    let lr = p.lr.unwrap_or(1e-3);
    let weight_decay = p.weight_decay.unwrap_or(0.0);
    let eps = p.eps.unwrap_or(1e-8);
    let betas = p.betas.unwrap_or((0.9, 0.999));
    let momentum = p.momentum.unwrap_or(0.0);
    match kind {
        K::Sgd | K::Momentum => Rule::Sgd(Sgd {
            lr,
            momentum,
            dampening: p.dampening.unwrap_or(0.0),
            nesterov: p.nesterov.unwrap_or(false),
            weight_decay,
        }),
        K::Nesterov => Rule::Sgd(Sgd {
            lr,
            momentum,
            dampening: 0.0,
            nesterov: true,
            weight_decay,
        }),
        // The lecture's EMA: the gradient enters the buffer with weight 1 − β.
        K::Ema => Rule::Sgd(Sgd {
            lr,
            momentum,
            dampening: momentum,
            nesterov: false,
            weight_decay,
        }),
        K::Rprop => Rule::Rprop(Rprop {
            lr,
            etas: p.etas.unwrap_or((0.5, 1.2)),
            step_sizes: p.step_sizes.unwrap_or((1e-6, 50.0)),
        }),
        K::Rmsprop => Rule::Rmsprop(Rmsprop {
            lr,
            alpha: p.alpha.unwrap_or(0.99),
            eps,
            weight_decay,
            momentum,
            centered: p.centered.unwrap_or(false),
        }),
        K::Adagrad => Rule::Adagrad(Adagrad {
            lr,
            lr_decay: p.lr_decay.unwrap_or(0.0),
            weight_decay,
            initial_accumulator_value: p.initial_accumulator_value.unwrap_or(0.0),
            eps: p.eps.unwrap_or(1e-10),
        }),
        K::Adadelta => Rule::Adadelta(Adadelta {
            lr,
            rho: p.rho.unwrap_or(0.9),
            eps: p.eps.unwrap_or(1e-6),
            weight_decay,
        }),
        K::Adam | K::Amsgrad => Rule::Adam(Adam {
            lr,
            betas,
            eps,
            weight_decay,
            amsgrad: kind == K::Amsgrad || p.amsgrad.unwrap_or(false),
        }),
        K::Adamax => Rule::Adamax(Adamax {
            lr,
            betas,
            eps,
            weight_decay,
        }),
        K::Nadam => Rule::Nadam(Nadam {
            lr,
            betas,
            eps,
            weight_decay,
            momentum_decay: p.momentum_decay.unwrap_or(4e-3),
        }),
    }
}

/// The full torch constructor arguments of `opt`, fixed settings of the kind included.
pub(super) fn describe(_kind: OptimizerKind, opt: &Optimizer) -> HyperParams {
    let mut out = HyperParams::default();
    match &opt.rule {
        Rule::Sgd(r) => {
            out.lr = Some(r.lr);
            out.momentum = Some(r.momentum);
            out.dampening = Some(r.dampening);
            out.nesterov = Some(r.nesterov);
            out.weight_decay = Some(r.weight_decay);
        }
        Rule::Rprop(r) => {
            out.lr = Some(r.lr);
            out.etas = Some(r.etas);
            out.step_sizes = Some(r.step_sizes);
        }
        Rule::Rmsprop(r) => {
            out.lr = Some(r.lr);
            out.alpha = Some(r.alpha);
            out.eps = Some(r.eps);
            out.weight_decay = Some(r.weight_decay);
            out.momentum = Some(r.momentum);
            out.centered = Some(r.centered);
        }
        Rule::Adagrad(r) => {
            out.lr = Some(r.lr);
            out.lr_decay = Some(r.lr_decay);
            out.weight_decay = Some(r.weight_decay);
            out.initial_accumulator_value = Some(r.initial_accumulator_value);
            out.eps = Some(r.eps);
        }
        Rule::Adadelta(r) => {
            out.lr = Some(r.lr);
            out.rho = Some(r.rho);
            out.eps = Some(r.eps);
            out.weight_decay = Some(r.weight_decay);
        }
        Rule::Adam(r) => {
            out.lr = Some(r.lr);
            out.betas = Some(r.betas);
            out.eps = Some(r.eps);
            out.weight_decay = Some(r.weight_decay);
            out.amsgrad = Some(r.amsgrad);
        }
        Rule::Adamax(r) => {
            out.lr = Some(r.lr);
            out.betas = Some(r.betas);
            out.eps = Some(r.eps);
            out.weight_decay = Some(r.weight_decay);
        }
        Rule::Nadam(r) => {
            out.lr = Some(r.lr);
            out.betas = Some(r.betas);
            out.eps = Some(r.eps);
            out.weight_decay = Some(r.weight_decay);
            out.momentum_decay = Some(r.momentum_decay);
        }
    }
    out
}
