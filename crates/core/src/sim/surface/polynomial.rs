//! The surfaces whose formula is a plain polynomial, as a small copyable value that a hot loop can
//! hold: evaluating one of these calls nothing, so a loop over it keeps its whole state in registers.
//! (A call anywhere in a loop, even in a branch never taken, clobbers every floating-point register
//! and makes the compiler keep the walk in memory; that alone costs a third of a step's time.)

use super::{classic, multimodal};
use crate::sim::{Surface, V2};

/// How a trajectory loop evaluates f(p) and ∇f(p): the surface itself, or a stand-in for it.
pub trait Objective: Copy {
    fn value_grad(&self, surface: &Surface, p: V2) -> (f64, V2);
}

/// The surface's own evaluation, whatever its kind.
#[derive(Debug, Clone, Copy)]
pub struct AnySurface;

impl Objective for AnySurface {
    #[inline(always)]
    fn value_grad(&self, surface: &Surface, p: V2) -> (f64, V2) {
        surface.value_grad(p)
    }
}

/// A polynomial surface with its parameters; see [`crate::sim::Surface::polynomial`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Polynomial {
    Rosenbrock { a: f64, b: f64 },
    Beale,
    Saddle,
    MonkeySaddle,
    Himmelblau,
    Booth,
    GoldsteinPrice,
    SixHumpCamel,
    StyblinskiTang,
}

impl Objective for Polynomial {
    /// The same formulas as [`crate::sim::Surface::value_grad`], so the same bits.
    #[inline(always)]
    fn value_grad(&self, _: &Surface, p: V2) -> (f64, V2) {
        match *self {
            Self::Rosenbrock { a, b } => classic::rosenbrock(a, b, p),
            Self::Beale => classic::beale(p),
            Self::Saddle => classic::saddle(p),
            Self::MonkeySaddle => classic::monkey_saddle(p),
            Self::Himmelblau => classic::himmelblau(p),
            Self::Booth => classic::booth(p),
            Self::GoldsteinPrice => classic::goldstein_price(p),
            Self::SixHumpCamel => multimodal::six_hump_camel(p),
            Self::StyblinskiTang => multimodal::styblinski_tang(p),
        }
    }
}
