//! A run's optimizer as a document holds it: the name and torch's keyword arguments, each optional so
//! a file writes only what it changes; conversions to and from the core's [`HyperParams`].

use serde::{Deserialize, Serialize};

use crate::sim::optim::HyperValue;
use crate::sim::{HyperParams, OptimizerKind};

/// An optimizer by name with torch-named hyper-parameters; unset ones take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OptimizerConfig {
    pub name: String,
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

impl Default for OptimizerConfig {
    fn default() -> Self {
        Self::from_params("sgd", &HyperParams::default())
    }
}

impl OptimizerConfig {
    /// `name` with only the learning rate set.
    pub fn with_lr(name: &str, lr: f64) -> Self {
        Self::from_params(
            name,
            &HyperParams {
                lr: Some(lr),
                ..Default::default()
            },
        )
    }

    /// `name` with these hyper-parameters.
    pub fn from_params(name: &str, p: &HyperParams) -> Self {
        Self {
            name: name.to_owned(),
            lr: p.lr,
            momentum: p.momentum,
            dampening: p.dampening,
            nesterov: p.nesterov,
            weight_decay: p.weight_decay,
            alpha: p.alpha,
            eps: p.eps,
            centered: p.centered,
            rho: p.rho,
            lr_decay: p.lr_decay,
            initial_accumulator_value: p.initial_accumulator_value,
            betas: p.betas,
            amsgrad: p.amsgrad,
            momentum_decay: p.momentum_decay,
            etas: p.etas,
            step_sizes: p.step_sizes,
        }
    }

    /// The hyper-parameters, without the name.
    pub fn params(&self) -> HyperParams {
        HyperParams {
            lr: self.lr,
            momentum: self.momentum,
            dampening: self.dampening,
            nesterov: self.nesterov,
            weight_decay: self.weight_decay,
            alpha: self.alpha,
            eps: self.eps,
            centered: self.centered,
            rho: self.rho,
            lr_decay: self.lr_decay,
            initial_accumulator_value: self.initial_accumulator_value,
            betas: self.betas,
            amsgrad: self.amsgrad,
            momentum_decay: self.momentum_decay,
            etas: self.etas,
            step_sizes: self.step_sizes,
        }
    }

    /// The kind, if the name is known.
    pub fn kind(&self) -> Option<OptimizerKind> {
        OptimizerKind::from_name(&self.name).ok()
    }

    /// One hyper-parameter's value, or the kind's default when unset.
    pub fn value(&self, name: &str) -> Option<HyperValue> {
        let kind = self.kind()?;
        self.params()
            .get(name)
            .or_else(|| kind.spec(name).map(|s| s.default))
    }

    /// Sets one hyper-parameter (by torch name).
    pub fn set(&mut self, name: &str, value: HyperValue) {
        let mut p = self.params();
        if p.set(name, Some(value)).is_ok() {
            *self = Self::from_params(&self.name, &p);
        }
    }

    /// Switches to another optimizer, keeping the hyper-parameters it also takes (lr among them).
    pub fn switch_to(&mut self, kind: OptimizerKind) {
        let mut p = self.params();
        for name in crate::sim::optim::hyper_names() {
            if kind.spec(name).is_none() {
                let _ = p.set(name, None);
            }
        }
        *self = Self::from_params(kind.name(), &p);
    }
}
