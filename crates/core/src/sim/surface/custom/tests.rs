//! The expression parser: values and gradients against known formulas, where mistakes are located,
//! and the limits.

use super::*;

#[test]
fn rosenbrock_typed_matches_its_formula_and_gradient() {
    let e = CustomExpr::parse("(1-x)^2 + 100*(y-x^2)^2").expect("valid");
    let p = V2::new(-1.2, 0.7);
    let (f, g) = e.value_grad(p);
    let (f0, g0) = crate::sim::surface::classic::rosenbrock(1.0, 100.0, p);
    assert!((f - f0).abs() < 1e-9 && (g - g0).norm() < 1e-9);
}

#[test]
fn one_variable_and_functions_work() {
    let e = CustomExpr::parse("y^2 + sin(3*y)").expect("valid");
    let (f, g) = e.value_grad(V2::new(5.0, 0.5));
    assert!((f - (0.25 + 1.5f64.sin())).abs() < 1e-12);
    assert_eq!(g.x, 0.0);
    assert!((g.y - (1.0 + 3.0 * 1.5f64.cos())).abs() < 1e-12);
    let e =
        CustomExpr::parse("exp(x)*tanh(y) + sqrt(x^2+1) + log(x^2+1) + ln(2) + PI").expect("valid");
    assert!(e.value_grad(V2::new(0.3, -0.2)).0.is_finite());
}

#[test]
fn minus_and_powers_read_as_in_mathematics() {
    let at = |text: &str, x: f64, y: f64| {
        CustomExpr::parse(text)
            .expect(text)
            .value_grad(V2::new(x, y))
            .0
    };
    assert_eq!(at("-x^2", 2.0, 0.0), -4.0);
    assert_eq!(at("-x^2 - y^2", 2.0, 1.0), -5.0);
    assert_eq!(at("x*-y", 2.0, 3.0), -6.0);
    assert_eq!(at("2^-x*3", 1.0, 0.0), 1.5);
    assert_eq!(at("x^-2", 2.0, 0.0), 0.25);
    assert_eq!(at("-(x+1)^2", 1.0, 0.0), -4.0);
    // A power that ends with its parentheses leaves the next one free.
    assert_eq!(at("sin(x^2) + y^2", 0.0, 3.0), 9.0);
    assert_eq!(at("(x^2)^3", 2.0, 0.0), 64.0);
    assert!(CustomExpr::parse("x^(2)^3").is_err(), "still a chain");
    // Whole exponents, also at 0 and below it.
    assert_eq!(at("x^0", 0.0, 0.0), 1.0);
    assert_eq!(at("x^3", -2.0, 0.0), -8.0);
    let (_, g) = CustomExpr::parse("x^3 + y^-1")
        .expect("parses")
        .value_grad(V2::new(-2.0, 2.0));
    assert_eq!(g, V2::new(12.0, -0.25));
    assert_eq!(at("+x - -y", 1.0, 2.0), 3.0);
    assert_eq!(at("exp(-x^2)", 1.0, 0.0), (-1.0f64).exp());
    assert_eq!(at("2^(3^2)", 0.0, 0.0), 512.0);
    let e = CustomExpr::parse("2^3^2").expect_err("ambiguous");
    assert_eq!(e.position, 3);
}

#[test]
fn abs_has_a_gradient_and_its_value() {
    let e = CustomExpr::parse("abs(x) + 2*abs(y - 1)").expect("valid");
    let (f, g) = e.value_grad(V2::new(-3.0, 0.0));
    assert!((f - 5.0).abs() < 1e-12);
    assert!((g - V2::new(-1.0, -2.0)).norm() < 1e-12);
    let (_, g0) = e.value_grad(V2::new(0.0, 1.0));
    assert_eq!(g0, V2::zeros(), "the subgradient 0 at the kinks");
}

#[test]
fn mistakes_are_located() {
    let cases = [
        ("sin(x)*cos(y", 10, "never closed"),
        ("foo(x) + y", 0, "unknown name `foo`"),
        ("x +* y", 3, "needs something on its left"),
        ("x^2 + ", 4, "on its right"),
        ("2x + y", 1, "missing operator"),
        ("x + y)", 5, "closes nothing"),
        ("x $ y", 2, "not allowed"),
        ("z + x", 0, "unknown name `z`"),
        ("sqrt x", 0, "parentheses"),
        ("", 0, "empty"),
        ("x + (y -)", 7, "on its right"),
        ("sin(x, y)", 5, "one argument"),
        ("x + 1.2.3", 4, "`1.2.3` is not a number"),
        ("y * .", 4, "`.` is not a number"),
    ];
    for (text, pos, what) in cases {
        let e = CustomExpr::parse(text).expect_err(text);
        assert_eq!(e.position, pos, "{text}: {e}");
        assert!(e.message.contains(what), "{text}: {e}");
    }
    assert!(CustomExpr::parse(&"x+".repeat(300)).is_err());
    // What the checks let through, the parser reads.
    for text in ["x^-y", "-x^2", "+x", "abs(x)^-1", "1e-3*x", "2e+2*y"] {
        CustomExpr::parse(text).expect(text);
    }
    // One operation too many is refused where it is.
    let over = format!("{}y", "x/".repeat(MAX_OPERATIONS + 1));
    let e = CustomExpr::parse(&over).expect_err("too many operations");
    assert_eq!(e.position, 2 * MAX_OPERATIONS + 1, "{e}");
    assert!(e.message.contains("at most 48"), "{e}");
    assert!(CustomExpr::parse(&format!("{}y", "x/".repeat(249))).is_err());
    assert!(CustomExpr::parse(&format!("{}x{}", "(".repeat(30), ")".repeat(30))).is_err());
}

#[test]
fn the_longest_and_deepest_expressions_parse() {
    let deep = format!(
        "{}x{}",
        "sin(".repeat(MAX_DEPTH - 1),
        ")".repeat(MAX_DEPTH - 1)
    );
    assert!(CustomExpr::parse(&deep).is_ok());
    // 9 × 4 + 8 = 44 operations.
    let long = (0..9)
        .map(|k| format!("sqrt(x^2+{k})*y"))
        .collect::<Vec<_>>()
        .join("+");
    let e = CustomExpr::parse(&long).expect("parses");
    assert!(e.value_grad(V2::new(0.5, 0.5)).1.norm().is_finite());
    // The costliest shapes to differentiate that are accepted.
    for most in [
        format!("{}y", "x/".repeat(16)),
        format!("{}y", "sin(x)*".repeat(10)),
        format!("{}x", "x*y+".repeat(MAX_OPERATIONS / 2)),
    ] {
        assert!(CustomExpr::parse(&most).is_ok(), "{most}");
    }
    // The most operations, in the shape whose symbolic gradient grows fastest: its gradient by
    // dual numbers costs no more than its value, and is right.
    let chain = CustomExpr::parse(&format!("{}y", "x/".repeat(MAX_OPERATIONS))).expect("parses");
    let p = V2::new(1.1, 0.9);
    let (f, g) = chain.value_grad(p);
    let h = 1e-6;
    let fd = |d: V2| (chain.value_grad(p + d).0 - chain.value_grad(p - d).0) / (2.0 * h);
    assert!(
        (g.x - fd(V2::new(h, 0.0))).abs() < 1e-6 * g.x.abs().max(1.0),
        "{g:?}"
    );
    assert!(
        (g.y - fd(V2::new(0.0, h))).abs() < 1e-6 * g.y.abs().max(1.0),
        "{g:?}"
    );
    assert!(f.is_finite() && chain.size() <= 2 * MAX_OPERATIONS + 1);
    // Constants only: the gradient is 0.
    let c = CustomExpr::parse("ln(2) + PI").expect("parses");
    let lower = CustomExpr::parse("ln(2) + pi").expect("lower case parses");
    assert_eq!(lower.value_grad(V2::zeros()).0, c.value_grad(V2::zeros()).0);
    let euler = CustomExpr::parse("e^x + 2*e - E").expect("e is Euler's number");
    assert!((euler.value_grad(V2::zeros()).0 - (1.0 + std::f64::consts::E)).abs() < 1e-12);
    // `2e-x` is no exponent (no digit follows) and no product (a `*` is needed, as in `2x`).
    assert_eq!(CustomExpr::parse("2e-x").expect_err("2e-x").position, 1);
    let two_e_x = CustomExpr::parse("2*e-x").expect("parses");
    let want = 2.0 * std::f64::consts::E - 1.0;
    assert!((two_e_x.value_grad(V2::new(1.0, 0.0)).0 - want).abs() < 1e-12);
    assert_eq!(c.value_grad(V2::new(1.0, 1.0)).1, V2::zeros());
    let sci = CustomExpr::parse("1e-3*x^2 + 2.5E2*y").expect("parses");
    let (f, g) = sci.value_grad(V2::new(2.0, 1.0));
    assert!((f - (0.004 + 250.0)).abs() < 1e-9 && (g - V2::new(0.004, 250.0)).norm() < 1e-9);
}

/// Central differences of `e` at `p`.
fn numeric_gradient(e: &CustomExpr, p: V2) -> V2 {
    let h = 1e-6;
    let f = |d: V2| e.value_grad(p + d).0;
    V2::new(
        (f(V2::new(h, 0.0)) - f(V2::new(-h, 0.0))) / (2.0 * h),
        (f(V2::new(0.0, h)) - f(V2::new(0.0, -h))) / (2.0 * h),
    )
}

#[test]
fn every_function_and_operator_has_the_right_gradient() {
    let cases = [
        "sin(x)*cos(y) + tan(x/3)",
        "asin(x/3) + acos(y/3) + atan(x*y)",
        "sinh(x) - cosh(y) + tanh(x+y)",
        "exp(-x^2 - y^2) + log(x^2 + 1) + ln(y^2 + 2)",
        "sqrt(x^2 + y^2 + 1) / (1 + x^2)",
        "x^y + 2^x + y^-2 + x^0.5",
        "-(x - y)^3 / -(y + 3) - -x",
        "x/-y + pi*x - e*y",
        "abs(x - 0.3) + abs(y)*x",
    ];
    let points = [V2::new(0.7, 1.3), V2::new(1.9, 0.4), V2::new(0.2, 2.2)];
    for text in cases {
        let e = CustomExpr::parse(text).expect(text);
        for p in points {
            let (f, g) = e.value_grad(p);
            let want = numeric_gradient(&e, p);
            assert!(f.is_finite(), "{text} at {p:?}");
            assert!(
                (g - want).norm() < 1e-6 * want.norm().max(1.0),
                "{text} at {p:?}: {g:?}, numerically {want:?}"
            );
        }
    }
    // x / -y is x divided by −y (not (x / −1)·y).
    let e = CustomExpr::parse("x/-y").expect("parses");
    assert_eq!(e.value_grad(V2::new(6.0, 2.0)).0, -3.0);
}

proptest::proptest! {
    /// Any text made of the expression's own characters is read or refused with a position inside
    /// it, never a panic; what is read evaluates.
    #[test]
    fn any_text_is_read_or_refused_with_a_position(text in "[xy0-9e.+*/^() -]{0,60}|[a-z(),xy0-9^*+-]{0,40}") {
        match CustomExpr::parse(&text) {
            Ok(e) => {
                let _ = e.value_grad(V2::new(0.5, -0.25));
            }
            Err(e) => proptest::prop_assert!(e.position <= text.chars().count(), "{text}: {e}"),
        }
    }
}
