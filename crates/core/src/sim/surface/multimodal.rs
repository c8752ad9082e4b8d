//! Test functions with many local minima or ripples.

use std::f64::consts::{E, TAU};

use crate::sim::V2;

/// Rastrigin: f = 2A + Σ (xᵢ² − A·cos 2πxᵢ); a lattice of local minima around the global one at 0.
#[inline]
pub fn rastrigin(a: f64, p: V2) -> (f64, V2) {
    let (sx, cx) = (TAU * p.x).sin_cos();
    let (sy, cy) = (TAU * p.y).sin_cos();
    let value = 2.0 * a + p.x * p.x - a * cx + p.y * p.y - a * cy;
    (
        value,
        V2::new(2.0 * p.x + TAU * a * sx, 2.0 * p.y + TAU * a * sy),
    )
}

/// Ackley: f = −a·exp(−b·√(½r²)) − exp(½(cos cx + cos cy)) + a + e, minimum 0 at the origin.
#[inline]
pub fn ackley(a: f64, b: f64, c: f64, p: V2) -> (f64, V2) {
    let rho = (0.5 * (p.x * p.x + p.y * p.y)).sqrt();
    let funnel = (-b * rho).exp();
    let (sx, cx) = (c * p.x).sin_cos();
    let (sy, cy) = (c * p.y).sin_cos();
    let ripple = (0.5 * (cx + cy)).exp();
    let value = -a * funnel - ripple + a + E;
    // The funnel's tip is a cone point: its gradient tends to a·b/√2 in every direction, so at the exact
    // centre we report 0, the subgradient a descent method settles at.
    let cone = if rho > 0.0 {
        0.5 * a * b * funnel / rho
    } else {
        0.0
    };
    let wave = 0.5 * c * ripple;
    (
        value,
        V2::new(cone * p.x + wave * sx, cone * p.y + wave * sy),
    )
}

/// The two global minima of the six-hump camel, found to full precision by Newton's method.
pub const SIX_HUMP_MINIMA: [V2; 2] = [
    V2::new(0.08984201310031807, -0.7126564030207396),
    V2::new(-0.08984201310031807, 0.7126564030207396),
];

/// Six-hump camel: f = (4 − 2.1x² + x⁴/3)x² + xy + (4y² − 4)y².
#[inline]
pub fn six_hump_camel(p: V2) -> (f64, V2) {
    let (x, y) = (p.x, p.y);
    let (x2, y2) = (x * x, y * y);
    let value = (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (4.0 * y2 - 4.0) * y2;
    let gx = 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y;
    let gy = x - 8.0 * y + 16.0 * y2 * y;
    (value, V2::new(gx, gy))
}

/// The coordinate of Styblinski–Tang's global minimum on both axes (root of 2x³ − 16x + 2.5).
pub const STYBLINSKI_ARGMIN: f64 = -2.903534027771177;

/// Styblinski–Tang: f = ½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ); four basins, the deepest at (−2.9035, −2.9035).
#[inline]
pub fn styblinski_tang(p: V2) -> (f64, V2) {
    let half = |t: f64| 0.5 * (t * t * t * t - 16.0 * t * t + 5.0 * t);
    let slope = |t: f64| 2.0 * t * t * t - 16.0 * t + 2.5;
    (half(p.x) + half(p.y), V2::new(slope(p.x), slope(p.y)))
}
