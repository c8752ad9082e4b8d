//! Polynomial test functions: valleys, saddles and bowls.

use crate::sim::V2;

/// Rosenbrock's banana valley: f = (a − x)² + b(y − x²)², minimum at (a, a²).
#[inline]
pub fn rosenbrock(a: f64, b: f64, p: V2) -> (f64, V2) {
    let (x, y) = (p.x, p.y);
    let dx = a - x;
    let w = y - x * x;
    (
        dx * dx + b * w * w,
        V2::new(-2.0 * dx - 4.0 * b * x * w, 2.0 * b * w),
    )
}

/// Beale: f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum at (3, 0.5).
#[inline]
pub fn beale(p: V2) -> (f64, V2) {
    let (x, y) = (p.x, p.y);
    let (y2, y3) = (y * y, y * y * y);
    let t1 = 1.5 - x + x * y;
    let t2 = 2.25 - x + x * y2;
    let t3 = 2.625 - x + x * y3;
    let gx = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0));
    let gy = 2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2);
    (t1 * t1 + t2 * t2 + t3 * t3, V2::new(gx, gy))
}

/// The horse saddle f = x² − y²: a saddle point at the origin, unbounded below along y.
#[inline]
pub fn saddle(p: V2) -> (f64, V2) {
    (p.x * p.x - p.y * p.y, V2::new(2.0 * p.x, -2.0 * p.y))
}

/// The monkey saddle f = x³ − 3xy²: three valleys meet at a flat saddle at the origin.
#[inline]
pub fn monkey_saddle(p: V2) -> (f64, V2) {
    let (x, y) = (p.x, p.y);
    (
        x * x * x - 3.0 * x * y * y,
        V2::new(3.0 * (x * x - y * y), -6.0 * x * y),
    )
}

/// Himmelblau's four equal minima, found to full precision by Newton's method.
pub const HIMMELBLAU_MINIMA: [V2; 4] = [
    V2::new(3.0, 2.0),
    V2::new(-2.805118086952745, 3.131312518250573),
    V2::new(-3.7793102533777466, -3.2831859912861696),
    V2::new(3.5844283403304917, -1.8481265269644036),
];

/// Himmelblau: f = (x² + y − 11)² + (x + y² − 7)².
#[inline]
pub fn himmelblau(p: V2) -> (f64, V2) {
    let (x, y) = (p.x, p.y);
    let a = x * x + y - 11.0;
    let b = x + y * y - 7.0;
    (
        a * a + b * b,
        V2::new(4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b),
    )
}

/// Booth: f = (x + 2y − 7)² + (2x + y − 5)², minimum at (1, 3).
#[inline]
pub fn booth(p: V2) -> (f64, V2) {
    let a = p.x + 2.0 * p.y - 7.0;
    let b = 2.0 * p.x + p.y - 5.0;
    (a * a + b * b, V2::new(2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b))
}

/// Goldstein–Price, minimum 3 at (0, −1); values span six decades inside [−2, 2]².
#[inline]
pub fn goldstein_price(p: V2) -> (f64, V2) {
    let (x, y) = (p.x, p.y);
    let s = x + y + 1.0;
    let b = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y;
    let db = -14.0 + 6.0 * x + 6.0 * y; // ∂b/∂x and ∂b/∂y are equal
    let a = 1.0 + s * s * b;
    let da = 2.0 * s * b + s * s * db;
    let t = 2.0 * x - 3.0 * y;
    let d = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y;
    let c = 30.0 + t * t * d;
    let dcx = 4.0 * t * d + t * t * (-32.0 + 24.0 * x - 36.0 * y);
    let dcy = -6.0 * t * d + t * t * (48.0 - 36.0 * x + 54.0 * y);
    (a * c, V2::new(da * c + a * dcx, da * c + a * dcy))
}

/// The ill-conditioned bowl ½(u² + κv²), where (u, v) is (x, y) rotated by θ degrees.
#[inline]
pub fn quadratic(kappa: f64, theta_deg: f64, p: V2) -> (f64, V2) {
    let (s, c) = theta_deg.to_radians().sin_cos();
    let u = c * p.x + s * p.y;
    let v = -s * p.x + c * p.y;
    let value = 0.5 * (u * u + kappa * v * v);
    (value, V2::new(c * u - s * kappa * v, s * u + c * kappa * v))
}

/// A round well in a flat plain, 1 − exp(−(x² + 2y²)/(2w²)): the slope falls off like a Gaussian
/// away from the well, so far out it all but vanishes.
#[inline]
pub fn plateau(w: f64, p: V2) -> (f64, V2) {
    let w2 = w * w;
    let e = (-(p.x * p.x + 2.0 * p.y * p.y) / (2.0 * w2)).exp();
    (1.0 - e, V2::new(e * p.x / w2, e * 2.0 * p.y / w2))
}
