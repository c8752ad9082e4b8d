//! Optimizers, as torch.optim documents them, in f64.
//!
//! Each family file (`sgd.rs`, `adam.rs`, …) holds everything about its optimizers: the typed
//! hyper-parameters and their [`UpdateRule`] (a state struct created by [`UpdateRule::init`] and a
//! pure [`UpdateRule::step`]), each optimizer's [`OptimizerDef`] (specs of the torch-named
//! hyper-parameters with defaults, allowed values and sliders; the card) and its builder from the
//! flat [`HyperParams`]. The `families!` list below is the registry, one line per family. All memory lives in the
//! state, so a run can be rewound by replaying it and two runs can be compared step by step.

mod params;
#[macro_use]
mod registry;
pub mod spec;

// The registry: one line per update family, in lecture order.
families! {
    Sgd => sgd::Sgd,
    Rprop => rprop::Rprop,
    Rmsprop => rmsprop::Rmsprop,
    Adagrad => adagrad::Adagrad,
    Adadelta => adadelta::Adadelta,
    Adam => adam::Adam,
    Adamax => adamax::Adamax,
    Nadam => nadam::Nadam,
    AdamW => adamw::AdamW,
    Lion => lion::Lion,
}

pub use params::{HyperParams, ValueSer, known_spec, names as hyper_names};
pub use registry::OptimizerKind;
pub use spec::{CardText, Edit, HyperKind, HyperSpec, HyperValue, OptimizerDef};

use super::{SimError, V2};

/// What one update did, with the vectors a teacher wants to draw at the ball.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The iterate after the update.
    pub next: V2,
    /// The gradient the optimizer was given (noise and mini-batch included, weight decay not).
    pub grad: V2,
    /// The displacement actually applied: `next − x`.
    pub update: V2,
    /// The velocity in displacement units (−lr·buffer) for methods with a momentum buffer.
    pub velocity: Option<V2>,
    /// Nesterov: the point the momentum jump alone reaches; the gradient correction starts there.
    pub lookahead: Option<V2>,
    /// The per-coordinate effective step size of adaptive methods (e.g. lr/(√v̂ + eps) for Adam).
    pub eff_lr: Option<V2>,
}

impl Step {
    /// A step from `x` to `next` with only the always-present vectors filled in.
    #[inline]
    pub fn plain(x: V2, next: V2, grad: V2) -> Self {
        Self {
            next,
            grad,
            update: next - x,
            velocity: None,
            lookahead: None,
            eff_lr: None,
        }
    }
}

/// One entry of an optimizer's internal state, for the state readout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StateValue {
    Scalar(f64),
    Vector(V2),
}

/// An optimizer family's update: hyper-parameters in `self`, memory in `State`.
pub trait UpdateRule: Copy + std::fmt::Debug + Send + Sync + 'static {
    /// Everything the optimizer remembers between steps.
    type State: Clone + std::fmt::Debug + Send + 'static;

    /// The state before the first step.
    fn init(&self) -> Self::State;

    /// One update from `x` given the gradient at `x`.
    fn step(&self, state: &mut Self::State, x: V2, grad: V2) -> Step;

    /// The state as named values (torch's buffer names where it has them), for display.
    fn readout(&self, state: &Self::State) -> Vec<(&'static str, StateValue)>;

    /// Changes the learning rate, as an lr scheduler changes a torch param group's `lr`.
    fn set_lr(&mut self, lr: f64);

    /// The learning rate.
    fn lr(&self) -> f64;
}

/// Something to do with a concrete update rule, so hot loops are compiled once per family.
pub trait RuleVisitor {
    type Output;
    fn visit<R: UpdateRule>(self, rule: &R) -> Self::Output;
}

/// A validated optimizer: its kind and the typed hyper-parameters of its family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optimizer {
    kind: OptimizerKind,
    rule: Rule,
    /// The complete parameters it was built from.
    params: HyperParams,
}

impl Optimizer {
    /// The optimizer with its defaults (torch's, and ours where torch has none, e.g. momentum 0.9).
    pub fn new(kind: OptimizerKind) -> Self {
        match Self::with_params(kind, &HyperParams::default()) {
            Ok(opt) => opt,
            Err(_) => unreachable!("the defaults of every optimizer are valid"),
        }
    }

    /// Builds an optimizer from torch-named hyper-parameters; unset ones take their defaults.
    /// Refuses parameters the kind does not take and every value torch.optim's constructors refuse.
    pub fn with_params(kind: OptimizerKind, params: &HyperParams) -> Result<Self, SimError> {
        params.check_taken(kind)?;
        let full = params.filled(kind);
        full.validate(kind)?;
        Ok(Self {
            kind,
            rule: (kind.def().build)(&full),
            params: full,
        })
    }

    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// Every torch constructor argument this optimizer runs with, defaults filled in; passing them to
    /// the torch.optim class of [`OptimizerKind::torch_class`] reproduces the run.
    pub fn params(&self) -> HyperParams {
        (self.kind.def().torch_kwargs)(&self.params)
    }

    /// The learning rate.
    pub fn lr(&self) -> f64 {
        self.rule.lr()
    }

    /// Runs `visitor` with the concrete update rule.
    #[inline]
    pub fn visit<V: RuleVisitor>(&self, visitor: V) -> V::Output {
        self.rule.visit(visitor)
    }
}

/// torch's `lerp(start, end, weight)`, with its two branches, so moments match torch to the bit.
#[inline]
pub(crate) fn lerp(start: f64, end: f64, weight: f64) -> f64 {
    if weight.abs() < 0.5 {
        start + weight * (end - start)
    } else {
        end - (end - start) * (1.0 - weight)
    }
}

/// [`lerp`] on both coordinates.
#[inline]
pub(crate) fn lerp2(start: V2, end: V2, weight: f64) -> V2 {
    if weight.abs() < 0.5 {
        start + (end - start) * weight
    } else {
        end - (end - start) * (1.0 - weight)
    }
}

/// torch's `maximum`: NaN wins, so a broken gradient shows as a diverged run instead of vanishing.
#[inline]
pub(crate) fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// torch's `sign`: 0 for 0, unlike `f64::signum`.
#[inline]
pub(crate) fn sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        v * 0.0
    }
}

/// Adds `weight_decay · x` to the gradient, as torch does before anything else.
#[inline]
pub(crate) fn decayed(grad: V2, x: V2, weight_decay: f64) -> V2 {
    if weight_decay != 0.0 {
        grad + x * weight_decay
    } else {
        grad
    }
}
