//! The catalogue of surfaces: each kind's contract name, title, formula, parameters with their
//! ranges, first view and colouring, in one table indexed by [`SurfaceKind`].

use super::{ParamSpec, SurfaceInfo, SurfaceKind, View};

const fn param(
    name: &'static str,
    default: f64,
    min: f64,
    max: f64,
    doc: &'static str,
) -> ParamSpec {
    ParamSpec {
        name,
        default,
        min,
        max,
        doc,
    }
}

const fn info(
    kind: SurfaceKind,
    name: &'static str,
    title: &'static str,
    formula: &'static str,
    params: &'static [ParamSpec],
    view: View,
    log_scale: bool,
) -> SurfaceInfo {
    let data_backed = matches!(kind, SurfaceKind::Linreg | SurfaceKind::Logreg);
    SurfaceInfo {
        kind,
        name,
        title,
        formula,
        params,
        view,
        log_scale,
        data_backed,
    }
}

use SurfaceKind as K;

pub(super) static INFOS: [SurfaceInfo; 17] = [
    info(
        K::Rosenbrock,
        "rosenbrock",
        "Rosenbrock",
        "(a − x)² + b·(y − x²)²",
        &[
            param("a", 1.0, -3.0, 3.0, "position of the minimum (a, a²)"),
            param("b", 100.0, 0.0, 1000.0, "steepness of the valley walls"),
        ],
        View::new(-2.0, 2.0, -1.0, 3.0),
        true,
    ),
    info(
        K::Beale,
        "beale",
        "Beale",
        "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        &[],
        View::new(-4.5, 4.5, -4.5, 4.5),
        true,
    ),
    info(
        K::Saddle,
        "saddle",
        "Saddle",
        "x² − y²",
        &[],
        View::new(-2.0, 2.0, -2.0, 2.0),
        false,
    ),
    info(
        K::MonkeySaddle,
        "monkey_saddle",
        "Monkey saddle",
        "x³ − 3xy²",
        &[],
        View::new(-2.0, 2.0, -2.0, 2.0),
        false,
    ),
    info(
        K::Himmelblau,
        "himmelblau",
        "Himmelblau",
        "(x² + y − 11)² + (x + y² − 7)²",
        &[],
        View::new(-5.0, 5.0, -5.0, 5.0),
        true,
    ),
    info(
        K::Booth,
        "booth",
        "Booth",
        "(x + 2y − 7)² + (2x + y − 5)²",
        &[],
        View::new(-10.0, 10.0, -10.0, 10.0),
        true,
    ),
    info(
        K::Rastrigin,
        "rastrigin",
        "Rastrigin",
        "2A + Σ (xᵢ² − A·cos 2πxᵢ)",
        &[param("A", 10.0, 0.0, 50.0, "height of the ripples")],
        View::new(-5.12, 5.12, -5.12, 5.12),
        false,
    ),
    info(
        K::Ackley,
        "ackley",
        "Ackley",
        "−a·exp(−b·√(½(x² + y²))) − exp(½(cos cx + cos cy)) + a + e",
        &[
            param("a", 20.0, 0.0, 100.0, "depth of the funnel"),
            param("b", 0.2, 0.0, 2.0, "width of the funnel"),
            param(
                "c",
                std::f64::consts::TAU,
                0.0,
                20.0,
                "frequency of the ripples",
            ),
        ],
        View::new(-5.0, 5.0, -5.0, 5.0),
        false,
    ),
    info(
        K::SixHumpCamel,
        "six_hump_camel",
        "Six-hump camel",
        "(4 − 2.1x² + x⁴/3)·x² + xy + (4y² − 4)·y²",
        &[],
        View::new(-3.0, 3.0, -2.0, 2.0),
        // From −1 in its wells to over 100 in the corners: on a linear scale the wells are one colour.
        true,
    ),
    info(
        K::GoldsteinPrice,
        "goldstein_price",
        "Goldstein–Price",
        "[1 + (x+y+1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]·[30 + (2x−3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]",
        &[],
        View::new(-2.0, 2.0, -2.0, 2.0),
        true,
    ),
    info(
        K::StyblinskiTang,
        "styblinski_tang",
        "Styblinski–Tang",
        "½ Σ (xᵢ⁴ − 16xᵢ² + 5xᵢ)",
        &[],
        View::new(-5.0, 5.0, -5.0, 5.0),
        false,
    ),
    info(
        K::Quadratic,
        "quadratic",
        "Ill-conditioned bowl",
        "½(u² + κv²), (u, v) = (x, y) rotated by θ",
        &[
            param(
                "kappa",
                10.0,
                1.0,
                1000.0,
                "condition number κ: curvature ratio of the two axes",
            ),
            param(
                "theta",
                30.0,
                -180.0,
                180.0,
                "rotation θ of the bowl's axes, in degrees",
            ),
        ],
        View::new(-3.0, 3.0, -3.0, 3.0),
        false,
    ),
    info(
        K::Plateau,
        "plateau",
        "Plateau",
        "1 − exp(−(x² + 2y²)/(2w²))",
        &[param(
            "w",
            1.0,
            0.2,
            5.0,
            "width of the well; outside it the plain is flat",
        )],
        View::new(-4.0, 4.0, -3.0, 3.0),
        false,
    ),
    info(
        K::Linreg,
        "linreg",
        "Linear regression (MSE)",
        "1/N Σ (w₀ + w₁·xᵢ − yᵢ)²,  N = 256",
        &[],
        View::new(-3.0, 5.0, -2.0, 6.0),
        true,
    ),
    info(
        K::Logreg,
        "logreg",
        "Logistic regression",
        "1/N Σ log(1 + exp(−sᵢ·w·pᵢ)),  N = 256",
        &[],
        View::new(-2.0, 6.0, -5.0, 3.0),
        false,
    ),
    info(
        K::Custom,
        "custom",
        "Your function",
        "f(x, y) as you type it",
        &[],
        View::new(-3.0, 3.0, -3.0, 3.0),
        false,
    ),
    info(
        K::Slice,
        "slice",
        "2-D slice of a network's loss",
        "L(w₀ + a·d₁ + b·d₂)",
        &[],
        View::new(-1.0, 1.0, -1.0, 1.0),
        true,
    ),
];
