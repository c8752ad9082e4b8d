//! What describes an optimizer once, for everything that shows or checks it: its hyper-parameters
//! (torch's name, shape, default, allowed values, how a slider edits it, label and help) and the
//! optimizer itself (contract name, title, torch class, card). CLI flags, sliders, validation, preset
//! fields, `optiscape optimizers` and the cards are all read from these. Each spec is made from the
//! typed [`Key`] its builder reads: the common ones are here, a key in capitals (`BETAS`) beside its
//! spec, a `const fn` of the same name in lower case (`betas()`).

use super::{HyperParams, Key, Rule, Settings};
use crate::sim::SimError;

/// The shape of a hyper-parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyperKind {
    Float,
    Pair,
    Bool,
    /// One of a few named variants, written as an identifier in presets (`variant: lecture`).
    Choice(&'static [&'static str]),
}

/// A hyper-parameter's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HyperValue {
    F(f64),
    P(f64, f64),
    B(bool),
    C(&'static str),
}

impl From<f64> for HyperValue {
    fn from(v: f64) -> Self {
        Self::F(v)
    }
}

impl From<(f64, f64)> for HyperValue {
    fn from((a, b): (f64, f64)) -> Self {
        Self::P(a, b)
    }
}

impl From<bool> for HyperValue {
    fn from(v: bool) -> Self {
        Self::B(v)
    }
}

impl HyperValue {
    /// The shape of this value.
    pub fn fits(self, kind: HyperKind) -> bool {
        match (self, kind) {
            (Self::F(_), HyperKind::Float)
            | (Self::P(..), HyperKind::Pair)
            | (Self::B(_), HyperKind::Bool) => true,
            (Self::C(c), HyperKind::Choice(names)) => names.contains(&c),
            _ => false,
        }
    }

    /// As a user writes it on the command line (`0.9,0.999`, `true`, `lecture`).
    pub fn text(self) -> String {
        match self {
            Self::F(x) => format!("{x}"),
            Self::P(a, b) => format!("{a},{b}"),
            Self::B(b) => format!("{b}"),
            Self::C(c) => c.to_owned(),
        }
    }
}

/// How a slider edits one number: its label, range and scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edit {
    pub label: &'static str,
    pub min: f64,
    pub max: f64,
    pub log: bool,
}

/// A slider's [`Edit`].
pub const fn edit(label: &'static str, min: f64, max: f64, log: bool) -> Edit {
    Edit {
        label,
        min,
        max,
        log,
    }
}

/// One hyper-parameter an optimizer takes.
#[derive(Debug, Clone, Copy)]
pub struct HyperSpec {
    /// torch's keyword argument (`weight_decay`); the CLI flag is `--weight-decay`.
    pub name: &'static str,
    pub kind: HyperKind,
    pub default: HyperValue,
    /// What it means, one line.
    pub doc: &'static str,
    /// The label of a checkbox or choice, or of the value as a whole.
    pub label: &'static str,
    /// The sliders of a number (one) or a pair (two); none for flags and choices.
    pub edits: &'static [Edit],
    /// Which values are allowed (the validation), and how that is said when one is not.
    pub allowed: fn(HyperValue) -> bool,
    pub allowed_text: &'static str,
}

impl PartialEq for HyperSpec {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.kind == other.kind && self.default == other.default
    }
}

impl HyperSpec {
    /// Refuses a value of the wrong shape, not finite or not allowed.
    pub fn check(&self, value: HyperValue) -> Result<(), SimError> {
        let finite = match value {
            HyperValue::F(x) => x.is_finite(),
            HyperValue::P(a, b) => a.is_finite() && b.is_finite(),
            HyperValue::B(_) | HyperValue::C(_) => true,
        };
        if value.fits(self.kind) && finite && (self.allowed)(value) {
            return Ok(());
        }
        let shown = match value {
            HyperValue::P(a, b) => format!(
                "{},{}",
                crate::sim::error::shown(a),
                crate::sim::error::shown(b)
            ),
            other => other.text(),
        };
        Err(SimError::invalid(self.name, shown, self.allowed_text))
    }

    /// The same spec with another default (e.g. a family's own learning rate).
    pub const fn with_default(mut self, default: HyperValue) -> Self {
        self.default = default;
        self
    }
}

/// The lecture's card of an optimizer: its rule, where its symbols come from and its paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardText {
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
    /// The built-in preset that shows this optimizer best.
    pub preset: &'static str,
}

/// A default that depends on a choice: while `choice` is `value` (set, or by default), `name`
/// defaults to `default` instead of its spec's default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DefaultWhen {
    pub choice: &'static str,
    pub value: &'static str,
    pub name: &'static str,
    pub default: HyperValue,
}

/// One optimizer, fully described: one entry of a family file's `KINDS`.
#[derive(Debug, Clone, Copy)]
pub struct OptimizerDef {
    /// The contract name (`rmsprop`), used by the CLI and presets.
    pub name: &'static str,
    /// The name people read in the lecture (`RMSProp`).
    pub title: &'static str,
    /// The torch.optim class that runs it, where torch has it.
    pub torch_class: Option<&'static str>,
    /// The hyper-parameters a user may set, in the order they are shown.
    pub takes: &'static [HyperSpec],
    /// Defaults that another setting changes (Rprop's etas under the lecture's variant).
    pub defaults_when: &'static [DefaultWhen],
    /// The typed rule from parameters that are complete and each valid, read by [`Key`]; refuses
    /// values that do not go together (torch's Nesterov without momentum).
    pub build: fn(&Settings) -> Result<Rule, SimError>,
    /// The torch constructor arguments of complete parameters: settings the kind fixes included.
    pub torch_kwargs: fn(&Settings) -> Result<HyperParams, SimError>,
    pub card: CardText,
}

/// [`OptimizerDef::torch_kwargs`] of an optimizer that torch takes exactly as written.
pub fn as_written(s: &Settings) -> Result<HyperParams, SimError> {
    Ok(*s.params())
}

// Allowed-value tests shared by the families.

pub fn positive(v: HyperValue) -> bool {
    matches!(v, HyperValue::F(x) if x > 0.0)
}
pub fn non_negative(v: HyperValue) -> bool {
    matches!(v, HyperValue::F(x) if x >= 0.0)
}
pub fn unit_open(v: HyperValue) -> bool {
    matches!(v, HyperValue::F(x) if (0.0..1.0).contains(&x))
}
pub fn unit(v: HyperValue) -> bool {
    matches!(v, HyperValue::F(x) if (0.0..=1.0).contains(&x))
}
pub fn any(_: HyperValue) -> bool {
    true
}
pub fn betas_ok(v: HyperValue) -> bool {
    matches!(v, HyperValue::P(a, b) if (0.0..1.0).contains(&a) && (0.0..1.0).contains(&b))
}

pub const POSITIVE: &str = "must be a finite number > 0";
pub const NON_NEGATIVE: &str = "must be a finite number ≥ 0";
pub const UNIT_OPEN: &str = "must be in [0, 1)";

const LR_EDIT: &[Edit] = &[edit("Learning rate", 1e-6, 10.0, true)];
const EPS_EDIT: &[Edit] = &[edit("ε", 0.0, 1.0, true)];
const MOMENTUM_EDIT: &[Edit] = &[edit("Momentum β", 0.0, 0.999, false)];
const WEIGHT_DECAY_EDIT: &[Edit] = &[edit("Weight decay", 0.0, 10.0, true)];
const BETAS_EDITS: &[Edit; 2] = &[
    edit("β₁", 0.0, 0.999, false),
    edit("β₂", 0.0, 0.9999, false),
];

/// The learning rate α.
pub const LR: Key<f64> = Key::new("lr");

/// The learning rate, with the family's default.
pub const fn lr(default: f64) -> HyperSpec {
    number(
        LR,
        default,
        "learning rate α: how far each step goes",
        LR_EDIT,
        positive,
        POSITIVE,
    )
}

/// ε, which keeps a division away from zero.
pub const EPS: Key<f64> = Key::new("eps");

/// ε, with the family's default.
pub const fn eps(default: f64) -> HyperSpec {
    number(
        EPS,
        default,
        "ε: keeps the division away from zero",
        EPS_EDIT,
        non_negative,
        NON_NEGATIVE,
    )
}

/// torch's L2 penalty λ (decoupled in AdamW and Lion).
pub const WEIGHT_DECAY: Key<f64> = Key::new("weight_decay");

/// torch's L2 penalty, added to the gradient.
pub const fn weight_decay() -> HyperSpec {
    number(
        WEIGHT_DECAY,
        0.0,
        "L2 penalty λ: adds λ·x to the gradient",
        WEIGHT_DECAY_EDIT,
        non_negative,
        NON_NEGATIVE,
    )
}

/// Adam's two decay rates β₁, β₂ (Lion's two interpolations).
pub const BETAS: Key<(f64, f64)> = Key::new("betas");

/// Adam's two decay rates.
pub const fn betas() -> HyperSpec {
    pair(
        BETAS,
        (0.9, 0.999),
        "β₁, β₂: decay of the moving averages of g and g²",
        "β₁, β₂",
        BETAS_EDITS,
        betas_ok,
        "each β must be in [0, 1)",
    )
}

/// A momentum factor β.
pub const MOMENTUM: Key<f64> = Key::new("momentum");

/// A momentum factor in [0, 1) with the given default.
pub const fn momentum(default: f64) -> HyperSpec {
    number(
        MOMENTUM,
        default,
        "momentum factor β: how much of the last step is kept",
        MOMENTUM_EDIT,
        unit_open,
        UNIT_OPEN,
    )
}

/// A flag, with its checkbox label.
pub const fn flag(key: Key<bool>, label: &'static str, doc: &'static str) -> HyperSpec {
    HyperSpec {
        name: key.name(),
        kind: key.kind(),
        default: HyperValue::B(false),
        doc,
        label,
        edits: &[],
        allowed: any,
        allowed_text: "",
    }
}

/// A number with one slider, labelled as the slider is.
pub const fn number(
    key: Key<f64>,
    default: f64,
    doc: &'static str,
    edit: &'static [Edit],
    allowed: fn(HyperValue) -> bool,
    allowed_text: &'static str,
) -> HyperSpec {
    HyperSpec {
        name: key.name(),
        kind: key.kind(),
        default: HyperValue::F(default),
        doc,
        label: edit[0].label,
        edits: edit,
        allowed,
        allowed_text,
    }
}

/// A pair of numbers with a slider each.
pub const fn pair(
    key: Key<(f64, f64)>,
    default: (f64, f64),
    doc: &'static str,
    label: &'static str,
    edits: &'static [Edit; 2],
    allowed: fn(HyperValue) -> bool,
    allowed_text: &'static str,
) -> HyperSpec {
    HyperSpec {
        name: key.name(),
        kind: key.kind(),
        default: HyperValue::P(default.0, default.1),
        doc,
        label,
        edits,
        allowed,
        allowed_text,
    }
}
