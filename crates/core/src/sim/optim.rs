//! Optimizers, as torch.optim documents them, in f64.
//!
//! Each family file (`sgd.rs`, `adam.rs`, …) holds everything about its optimizers: the typed
//! hyper-parameters and their [`UpdateRule`] (a state struct created by [`UpdateRule::init`] and a
//! pure [`UpdateRule::step`], written once over the [`Vector`] trait so the same code moves a ball's
//! two coordinates and a network's weights), each optimizer's [`OptimizerDef`] (specs of the torch-named
//! hyper-parameters with defaults, allowed values and sliders; the card) and its builder. A builder
//! reads the flat [`HyperParams`] through [`Settings`] by typed [`Key`]s, one constant beside each
//! spec, so a misspelt key does not compile and a key the optimizer does not take is an error when
//! it is built. [`Optimizer::with_params`] builds the typed rule once, when a scenario compiles or a
//! run is made; runs, replays and training copy it. The `families!` list below is the registry, one
//! line per family. All memory lives in the state, so a run can be rewound by replaying it and two
//! runs can be compared step by step.

mod key;
mod params;
#[macro_use]
mod registry;
pub mod spec;
#[cfg(test)]
mod tests;
mod vector;

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

pub use key::{HyperType, Key, Settings};
pub use params::{HyperParams, ValueSer, known_spec, names as hyper_names};
pub use registry::OptimizerKind;
pub use spec::{CardText, Edit, HyperKind, HyperSpec, HyperValue, OptimizerDef};
pub use vector::Vector;

use super::{SimError, V2};

/// What one update did, with the vectors a teacher wants to draw at the ball.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step<V = V2> {
    /// The iterate after the update.
    pub next: V,
    /// The gradient the optimizer was given (noise and mini-batch included, weight decay not).
    pub grad: V,
    /// The displacement actually applied: `next − x`.
    pub update: V,
    /// The velocity in displacement units (−lr·buffer) for methods with a momentum buffer.
    pub velocity: Option<V>,
    /// Nesterov in the lecture's frame: torch's iterate xₜ is the look-ahead point, and the
    /// lecture's ball is θₜ = xₜ + lr·μ·bₜ₋₁. The jump −lr·μ·bₜ₋₁ leads from θₜ to xₜ.
    pub theta: Option<V>,
    /// Nesterov: the correction −lr·∇f(xₜ) measured at the look-ahead point (weight decay
    /// included); θₜ₊₁ = xₜ + correction.
    pub correction: Option<V>,
    /// The per-coordinate effective step size of adaptive methods (e.g. lr/(√v̂ + eps) for Adam).
    pub eff_lr: Option<V>,
}

impl<V: Vector> Step<V> {
    /// A step from `x` to `next` with only the always-present vectors filled in.
    #[inline(always)]
    pub fn plain(x: &V, next: V, grad: &V) -> Self {
        Self {
            update: next.zip(x, |n, x| n - x),
            next,
            grad: grad.clone(),
            velocity: None,
            theta: None,
            correction: None,
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

/// An optimizer family's update: hyper-parameters in `self`, memory in `State`. Written once over
/// [`Vector`], for the two coordinates of a ball and for a network's weights alike.
pub trait UpdateRule: Copy + std::fmt::Debug + Send + Sync + 'static {
    /// Everything the optimizer remembers between steps, for parameters of type `V`.
    type State<V: Vector>: Clone + std::fmt::Debug + Send + 'static;

    /// The state before the first step, for parameters shaped like `x0`.
    fn init<V: Vector>(&self, x0: &V) -> Self::State<V>;

    /// One update from `x` given the gradient at `x`.
    fn step<V: Vector>(&self, state: &mut Self::State<V>, x: &V, grad: &V) -> Step<V>;

    /// The state of a 2-D run as named values (torch's buffer names where it has them), for display.
    fn readout(&self, state: &Self::State<V2>) -> Vec<(&'static str, StateValue)>;

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
    /// The torch constructor arguments of the complete parameters it was built from.
    torch_kwargs: HyperParams,
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
        let settings = Settings::new(kind, &full);
        Ok(Self {
            kind,
            rule: (kind.def().build)(&settings)?,
            torch_kwargs: (kind.def().torch_kwargs)(&settings)?,
        })
    }

    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// Every torch constructor argument this optimizer runs with, defaults filled in; passing them to
    /// the torch.optim class of [`OptimizerKind::torch_class`] reproduces the run.
    pub fn params(&self) -> HyperParams {
        self.torch_kwargs
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

/// [`lerp`] on every coordinate.
#[inline(always)]
pub(crate) fn lerp_v<V: Vector>(start: &V, end: &V, weight: f64) -> V {
    start.zip(end, |s, e| lerp(s, e, weight))
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
#[inline(always)]
pub(crate) fn decayed<V: Vector>(grad: &V, x: &V, weight_decay: f64) -> V {
    if weight_decay != 0.0 {
        grad.zip(x, |g, x| g + x * weight_decay)
    } else {
        grad.clone()
    }
}
