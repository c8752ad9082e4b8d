//! One "optimizer card" per [`OptimizerKind`]: the update rule in the lecture's notation (L07), where
//! its symbols come from, the paper, the lecture's summary-table flags and the built-in preset that
//! shows it best. Pure data: no UI, no I/O. Each card's text lives beside its optimizer's rule (the
//! family files of [`crate::sim::optim`]); this module collects them.
//!
//! The rules are the ones optiscape runs, i.e. torch.optim's algorithms (see
//! `optimizer-rules.md`); where torch differs from the lecture or the paper, the card says so.

use std::sync::LazyLock;

use crate::sim::OptimizerKind;
use crate::sim::optim::CardText;

/// What the window shows about one optimizer: its kind and its [`CardText`] (whose fields a card
/// reads as its own).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Card {
    pub kind: OptimizerKind,
    pub text: CardText,
}

impl std::ops::Deref for Card {
    type Target = CardText;

    fn deref(&self) -> &CardText {
        &self.text
    }
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
static CARDS: LazyLock<Vec<Card>> = LazyLock::new(|| {
    OptimizerKind::all()
        .map(|kind| Card {
            kind,
            text: kind.def().card,
        })
        .collect()
});

/// The card of one optimizer.
pub fn card(kind: OptimizerKind) -> &'static Card {
    &CARDS[kind.index()]
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
