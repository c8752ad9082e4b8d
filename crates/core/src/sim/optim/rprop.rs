//! torch.optim.Rprop (iRprop−), and the lecture's Rprop (`variant: lecture`): per-coordinate step
//! sizes driven only by the sign of the gradient.

use super::spec::*;
use super::{HyperParams, HyperType, Key, Rule, Settings};
use super::{StateValue, Step, UpdateRule, Vector, sign};
use crate::sim::{SimError, V2};

/// Rprop's hyper-parameters: the initial step `lr`, the factors `etas = (η₋, η₊)`, the
/// `step_sizes = (min, max)` clamp, and whether it runs the lecture's rule instead of torch's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rprop {
    pub lr: f64,
    pub etas: (f64, f64),
    pub step_sizes: (f64, f64),
    pub lecture: bool,
}

/// Rprop's memory: the previous gradient (torch's: zeroed after a flip), each coordinate's step
/// size, and whether a step was taken (the lecture's first step keeps the initial size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RpropState<V = V2> {
    pub prev: V,
    pub step_size: V,
    pub started: bool,
}

/// Whose Rprop runs: torch's iRprop− or the lecture's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Torch,
    Lecture,
}

impl Variant {
    /// As presets and the command line write it.
    const fn name(self) -> &'static str {
        match self {
            Self::Torch => "torch",
            Self::Lecture => "lecture",
        }
    }
}

impl HyperType for Variant {
    const KIND: HyperKind = HyperKind::Choice(&[Self::Torch.name(), Self::Lecture.name()]);

    fn from_value(value: HyperValue) -> Option<Self> {
        [Self::Torch, Self::Lecture]
            .into_iter()
            .find(|v| value == HyperValue::C(v.name()))
    }

    fn into_value(self) -> HyperValue {
        HyperValue::C(self.name())
    }
}

const VARIANT: Key<Variant> = Key::new("variant");
/// η₋, η₊.
const ETAS: Key<(f64, f64)> = Key::new("etas");
/// The clamp (min, max) of each step size.
const STEP_SIZES: Key<(f64, f64)> = Key::new("step_sizes");

fn rprop(s: &Settings) -> Result<Rprop, SimError> {
    Ok(Rprop {
        lr: s.get(LR)?,
        etas: s.get(ETAS)?,
        step_sizes: s.get(STEP_SIZES)?,
        lecture: s.get(VARIANT)? == Variant::Lecture,
    })
}

/// torch's Rprop takes no variant: its own is left out; the lecture's, which torch cannot run, is
/// named.
fn torch_rprop(s: &Settings) -> Result<HyperParams, SimError> {
    let mut out = *s.params();
    if s.get(VARIANT)? == Variant::Torch {
        out.set(VARIANT.name(), None)?;
    }
    Ok(out)
}

pub(super) const KINDS: &[OptimizerDef] = &[OptimizerDef {
    name: "rprop",
    title: "Rprop",
    torch_class: Some("Rprop"),
    takes: &[
        lr(1e-2),
        HyperSpec {
            name: VARIANT.name(),
            kind: VARIANT.kind(),
            default: HyperValue::C(Variant::Torch.name()),
            doc: "torch: iRprop−, a coordinate whose sign flipped stays put; lecture: the slide's \
                  Rprop, every coordinate moves by −step·sign(g), and etas default to (0.6, 1.2)",
            label: "Variant",
            edits: &[],
            allowed: any,
            allowed_text: "must be torch or lecture",
        },
        pair(
            ETAS,
            (0.5, 1.2),
            "η₋, η₊: step-size factors after a sign flip / a repeated sign",
            "η₋, η₊",
            &[edit("η₋", 0.01, 0.99, false), edit("η₊", 1.01, 5.0, false)],
            |v| matches!(v, HyperValue::P(m, p) if 0.0 < m && m < 1.0 && 1.0 < p),
            "needs 0 < η₋ < 1 < η₊",
        ),
        pair(
            STEP_SIZES,
            (1e-6, 50.0),
            "smallest and largest per-coordinate step size",
            "Step sizes",
            &[
                edit("Min step", 1e-9, 1.0, true),
                edit("Max step", 1e-3, 100.0, true),
            ],
            |v| matches!(v, HyperValue::P(lo, hi) if 0.0 <= lo && lo <= hi && hi > 0.0),
            "needs 0 ≤ min ≤ max and max > 0",
        ),
    ],
    build: |s| Ok(Rule::Rprop(rprop(s)?)),
    defaults_when: &[DefaultWhen {
        choice: VARIANT.name(),
        value: Variant::Lecture.name(),
        name: ETAS.name(),
        default: HyperValue::P(0.6, 1.2),
    }],
    torch_kwargs: torch_rprop,
    card: CardText {
        rule: &[
            "αₜⁱ = min(η₊·αₜ₋₁ⁱ, 50)   if ∇fⁱ(wₜ)·∇fⁱ(wₜ₋₁) > 0",
            "αₜⁱ = max(η₋·αₜ₋₁ⁱ, 10⁻⁶),  ∇fⁱ(wₜ) ← 0   if ∇fⁱ(wₜ)·∇fⁱ(wₜ₋₁) < 0",
            "αₜⁱ = αₜ₋₁ⁱ   otherwise,   α₀ⁱ = α",
            "wₜ₊₁ⁱ = wₜⁱ − αₜⁱ·sign(∇fⁱ(wₜ))",
            "η₊ = 1.2,   η₋ = 0.5   (torch, iRprop−: the default variant)",
            "lecture: αₜⁱ = η₊·αₜ₋₁ⁱ if ∇fⁱ(wₜ)·∇fⁱ(wₜ₋₁) > 0, else η₋·αₜ₋₁ⁱ;   η₋ = 0.6",
            "lecture: wₜ₊₁ⁱ = wₜⁱ − αₜⁱ·sign(∇fⁱ(wₜ)) on every step",
        ],
        explain: "Each weight i has its own step size αₜⁱ (the learning rate adapts) and only the \
                  sign of its gradient is used, so the gradient itself is not adapted. Two \
                  variants: torch's (the default, iRprop−, etas (0.5, 1.2)) keeps a weight whose \
                  sign flipped where it is and remembers a zero gradient, so its next step keeps \
                  the size; the lecture's (variant: lecture, etas (0.6, 1.2)) moves every weight \
                  on every step, also right after a flip. Both clamp αₜⁱ to step_sizes.",
        year: 1993,
        paper: "Riedmiller & Braun, A Direct Adaptive Method for Faster Backpropagation \
                Learning: The RPROP Algorithm (IEEE ICNN 1993); torch runs iRprop− (Igel & \
                Hüsken, 2000)",
        adapts_lr: true,
        adapts_gradient: false,
        preset: "rprop-signs",
    },
}];

impl UpdateRule for Rprop {
    type State<V: Vector> = RpropState<V>;

    fn init<V: Vector>(&self, x0: &V) -> RpropState<V> {
        RpropState {
            prev: x0.splat_like(0.0),
            step_size: x0.splat_like(self.lr),
            started: false,
        }
    }

    #[inline(always)]
    fn step<V: Vector>(&self, state: &mut RpropState<V>, x: &V, grad: &V) -> Step<V> {
        let (eta_minus, eta_plus) = self.etas;
        let (lo, hi) = self.step_sizes;
        let mut next = x.clone();
        if self.lecture {
            let first = !state.started;
            state.started = true;
            for i in 0..x.len() {
                let g = grad[i];
                if !first {
                    let factor = if g * state.prev[i] > 0.0 {
                        eta_plus
                    } else {
                        eta_minus
                    };
                    state.step_size[i] = (state.step_size[i] * factor).max(lo).min(hi);
                }
                next[i] = x[i] - sign(g) * state.step_size[i];
                state.prev[i] = g;
            }
            let mut step = Step::plain(x, next, grad);
            step.eff_lr = Some(state.step_size.clone());
            return step;
        }
        for i in 0..x.len() {
            let mut g = grad[i];
            let s = sign(g * state.prev[i]);
            let factor = if s > 0.0 {
                eta_plus
            } else if s < 0.0 {
                eta_minus
            } else {
                1.0
            };
            // torch clamps on every step, the unchanged (s = 0) case included.
            state.step_size[i] = (state.step_size[i] * factor).max(lo).min(hi);
            if s < 0.0 {
                // After a sign flip the coordinate stays put and the next step keeps its size.
                g = 0.0;
            }
            next[i] = x[i] - sign(g) * state.step_size[i];
            state.prev[i] = g;
        }
        let mut step = Step::plain(x, next, grad);
        step.eff_lr = Some(state.step_size.clone());
        step
    }

    fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    fn lr(&self) -> f64 {
        self.lr
    }

    fn readout(&self, state: &RpropState) -> Vec<(&'static str, StateValue)> {
        vec![
            ("prev", StateValue::Vector(state.prev)),
            ("step_size", StateValue::Vector(state.step_size)),
        ]
    }
}
