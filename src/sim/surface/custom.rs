//! Your own function: f(x, y) typed as an expression (`(1-x)^2 + 100*(y-x^2)^2`, with sin, cos, tan,
//! exp, log, ln, sqrt, abs, tanh, powers), its gradient by symbolic differentiation (exmex), and
//! errors that point at the character where the expression goes wrong.

use exmex::prelude::*;
use exmex::{Differentiate, FlatEx};

use crate::sim::V2;

/// Functions an expression may use (exmex's names).
pub const FUNCTIONS: [&str; 14] = [
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "ln",
    "sqrt", "abs",
];
/// Constants an expression may use.
pub const CONSTANTS: [&str; 2] = ["PI", "E"];
/// Longest expression accepted, in characters.
pub const MAX_LEN: usize = 500;
/// Deepest nesting of parentheses accepted.
pub const MAX_DEPTH: usize = 24;
/// Most operators and function calls accepted. Differentiating takes time and stack that grow
/// faster than linearly with them (249 divisions take over a minute), so a typed or linked
/// expression cannot freeze the window or overflow a browser's stack.
pub const MAX_OPERATIONS: usize = 48;
/// Longest gradient accepted, as exmex writes its two partial derivatives, in characters: evaluating
/// it costs time in proportion, at every pixel of the landscape (Beale's takes 299 characters).
pub const MAX_GRADIENT: usize = 2000;
/// exmex parses and differentiates recursively with large frames: it gets a thread with room.
#[cfg(not(target_arch = "wasm32"))]
const PARSER_STACK: usize = 256 << 20;

/// What is wrong with an expression, and where (a character index into the text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {}: {message}", position + 1)]
pub struct ExprError {
    pub position: usize,
    pub message: String,
}

/// A parsed function of x and y with its two partial derivatives.
#[derive(Debug, Clone)]
pub struct CustomExpr {
    text: String,
    f: FlatEx<f64>,
    dx: Option<FlatEx<f64>>,
    dy: Option<FlatEx<f64>>,
    /// For each of exmex's variables (in its order), whether it is x (else y).
    is_x: Vec<bool>,
}

impl PartialEq for CustomExpr {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

fn err(position: usize, message: impl Into<String>) -> ExprError {
    ExprError {
        position,
        message: message.into(),
    }
}

/// A token of the expression with its character position.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(String),
    Name(String),
    Op(char),
    Open,
    Close,
    Comma,
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = if c.is_ascii_digit() || c == '.' {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // An exponent: 1e-3.
            if i < chars.len()
                && (chars[i] == 'e' || chars[i] == 'E')
                && chars
                    .get(i + 1)
                    .is_some_and(|d| d.is_ascii_digit() || *d == '-' || *d == '+')
            {
                i += 2;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            Tok::Num(chars[start..i].iter().collect())
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            Tok::Name(chars[start..i].iter().collect())
        } else {
            i += 1;
            match c {
                '+' | '-' | '*' | '/' | '^' => Tok::Op(c),
                '(' => Tok::Open,
                ')' => Tok::Close,
                ',' => Tok::Comma,
                _ => {
                    return Err(err(
                        start,
                        format!(
                            "`{c}` is not allowed; use numbers, x, y, + - * / ^, parentheses and functions"
                        ),
                    ));
                }
            }
        };
        out.push((start, tok));
    }
    Ok(out)
}

/// Finds the mistakes exmex would report without a position, and rewrites `abs(u)` as a smooth
/// `sqrt(u^2 + 1e-300)` whose derivative exists (it is 0 where u = 0).
fn check_and_rewrite(text: &str) -> Result<String, ExprError> {
    if text.trim().is_empty() {
        return Err(err(
            0,
            "the expression is empty; write f(x, y), e.g. x^2 + 10*y^2",
        ));
    }
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_LEN {
        return Err(err(
            MAX_LEN,
            format!(
                "the expression is {} characters long; at most {MAX_LEN}",
                chars.len()
            ),
        ));
    }
    let toks = tokenize(text)?;
    let operations = toks.iter().enumerate().filter(|(k, (_, tok))| match tok {
        Tok::Op(_) => true,
        Tok::Name(_) => matches!(toks.get(k + 1), Some((_, Tok::Open))),
        _ => false,
    });
    if let Some((_, (pos, _))) = operations.clone().nth(MAX_OPERATIONS) {
        return Err(err(
            *pos,
            format!(
                "the expression has {} operators and functions; at most {MAX_OPERATIONS}",
                operations.count()
            ),
        ));
    }
    let mut depth: Vec<usize> = Vec::new();
    // The depth at which the last `^` was seen, if no other operator followed it there.
    let mut power_at: Option<usize> = None;
    for (k, (pos, tok)) in toks.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| &toks[j].1);
        match tok {
            Tok::Name(n) if n == "x" || n == "y" || CONSTANTS.contains(&n.as_str()) => {}
            Tok::Name(n) if FUNCTIONS.contains(&n.as_str()) => {
                let called = matches!(toks.get(k + 1), Some((_, Tok::Open)));
                if !called {
                    return Err(err(
                        *pos,
                        format!("`{n}` needs its argument in parentheses: {n}(…)"),
                    ));
                }
            }
            Tok::Name(n) => {
                return Err(err(
                    *pos,
                    format!(
                        "unknown name `{n}`; use x, y, PI, E and {}",
                        FUNCTIONS.join(", ")
                    ),
                ));
            }
            Tok::Op(o)
                if *o != '-'
                    && *o != '+'
                    && matches!(
                        prev,
                        None | Some(Tok::Op(_)) | Some(Tok::Open) | Some(Tok::Comma)
                    ) =>
            {
                return Err(err(*pos, format!("`{o}` needs something on its left")));
            }
            Tok::Op('^') => {
                if power_at == Some(depth.len()) {
                    return Err(err(
                        *pos,
                        "a chain of powers is ambiguous: write 2^(3^2) or (2^3)^2",
                    ));
                }
                power_at = Some(depth.len());
            }
            // Any other operator at the power's depth ends the power's operand.
            Tok::Op(_) if !matches!(prev, Some(Tok::Op('^'))) => {
                power_at = power_at.filter(|&d| d != depth.len());
            }
            Tok::Open => {
                depth.push(*pos);
                if depth.len() > MAX_DEPTH {
                    return Err(err(
                        *pos,
                        format!("parentheses nest deeper than {MAX_DEPTH} levels"),
                    ));
                }
            }
            Tok::Close => {
                if depth.pop().is_none() {
                    return Err(err(*pos, "this `)` closes nothing"));
                }
                if matches!(prev, Some(Tok::Open)) {
                    return Err(err(*pos, "empty parentheses"));
                }
            }
            _ => {}
        }
        // Two operands side by side (`2x`, `x y`, `)(`) need an operator between them.
        let operand_end = matches!(prev, Some(Tok::Num(_)) | Some(Tok::Close))
            || matches!(prev, Some(Tok::Name(n)) if !FUNCTIONS.contains(&n.as_str()));
        let operand_start = matches!(tok, Tok::Num(_) | Tok::Name(_) | Tok::Open);
        if operand_end && operand_start {
            return Err(err(*pos, "missing operator here (write 2*x, not 2x)"));
        }
    }
    if let Some(open) = depth.pop() {
        return Err(err(open, "this `(` is never closed"));
    }
    if let Some((pos, Tok::Op(o))) = toks.last() {
        return Err(err(*pos, format!("`{o}` needs something on its right")));
    }
    Ok(rewrite(&toks))
}

/// The expression as exmex reads it: `abs(u)` becomes `sqrt((u)^2+10^(-300))` (same value, and a
/// derivative that is 0 at the kink), and `1.5e-3` becomes `(1.5*10^(-3))` (exmex has no exponents).
fn rewrite(toks: &[(usize, Tok)]) -> String {
    let mut out = String::new();
    // For each open parenthesis: whether it is an abs's.
    let mut opened: Vec<bool> = Vec::new();
    // Depths at which a `(0-` for a negative exponent waits for its operand to end.
    let mut negations: Vec<usize> = Vec::new();
    let close_negations = |out: &mut String, negations: &mut Vec<usize>, depth: usize| {
        while negations.last() == Some(&depth) {
            negations.pop();
            out.push(')');
        }
    };
    let mut k = 0;
    while k < toks.len() {
        let prev = k.checked_sub(1).map(|j| &toks[j].1);
        let unary = matches!(
            prev,
            None | Some(Tok::Op(_)) | Some(Tok::Open) | Some(Tok::Comma)
        );
        match &toks[k].1 {
            Tok::Name(n) if n == "abs" => {
                out.push_str("sqrt((");
                opened.push(true);
                k += 2; // the name and its `(`, which the checker guaranteed
                continue;
            }
            // exmex binds a unary minus tighter than `^` (it reads -x^2 as (-x)^2): spell it out.
            Tok::Op('-') if unary && matches!(prev, Some(Tok::Op('^'))) => {
                out.push_str("(0-");
                negations.push(opened.len());
            }
            Tok::Op('-') if unary => out.push_str("(0-1)*"),
            Tok::Op('+') if unary => {}
            Tok::Name(n) => {
                out.push_str(n);
                if !FUNCTIONS.contains(&n.as_str()) {
                    close_negations(&mut out, &mut negations, opened.len());
                }
            }
            Tok::Num(t) => {
                match t.find(['e', 'E']) {
                    Some(i) => out.push_str(&format!("({}*10^({}))", &t[..i], &t[i + 1..])),
                    None => out.push_str(t),
                }
                close_negations(&mut out, &mut negations, opened.len());
            }
            Tok::Op(o) => out.push(*o),
            Tok::Open => {
                out.push('(');
                opened.push(false);
            }
            Tok::Close => {
                out.push_str(if opened.pop() == Some(true) {
                    ")^2+10^(-300))"
                } else {
                    ")"
                });
                close_negations(&mut out, &mut negations, opened.len());
            }
            Tok::Comma => out.push(','),
        }
        out.push(' ');
        k += 1;
    }
    out
}

impl CustomExpr {
    /// Parses `text`; the error says where it goes wrong.
    pub fn parse(text: &str) -> Result<Self, ExprError> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let owned = text.to_owned();
            let worker = std::thread::Builder::new()
                .stack_size(PARSER_STACK)
                .spawn(move || Self::parse_here(&owned));
            match worker.map(std::thread::JoinHandle::join) {
                Ok(Ok(result)) => result,
                _ => Err(err(0, "this expression could not be parsed")),
            }
        }
        // A browser has no threads: the page's own stack is made large enough for the limits
        // above (`.cargo/config.toml`).
        #[cfg(target_arch = "wasm32")]
        Self::parse_here(text)
    }

    fn parse_here(text: &str) -> Result<Self, ExprError> {
        let rewritten = check_and_rewrite(text)?;
        let f = exmex::parse::<f64>(&rewritten).map_err(|e| err(0, tidy(e.msg())))?;
        let names: Vec<String> = f.var_names().to_vec();
        let is_x: Vec<bool> = names.iter().map(|n| n == "x").collect();
        let index = |name: &str| names.iter().position(|n| n == name);
        let derive = |name: &str| -> Result<Option<FlatEx<f64>>, ExprError> {
            match index(name) {
                // exmex cannot differentiate an expression without variables; its derivative is 0.
                None => Ok(None),
                Some(i) => f
                    .clone()
                    .partial(i)
                    .map(Some)
                    .map_err(|e| err(0, format!("cannot differentiate: {}", tidy(e.msg())))),
            }
        };
        let (dx, dy) = (derive("x")?, derive("y")?);
        let gradient: usize = [&dx, &dy]
            .iter()
            .map(|d| d.as_ref().map_or(0, |d| d.unparse().len()))
            .sum();
        if gradient > MAX_GRADIENT {
            return Err(err(
                0,
                format!(
                    "the gradient of this expression takes {gradient} characters to write; at most {MAX_GRADIENT}, so the landscape stays quick to draw"
                ),
            ));
        }
        Ok(Self {
            text: text.to_owned(),
            f,
            dx,
            dy,
            is_x,
        })
    }

    /// The text as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// f and ∇f at `p` (NaN where the expression is undefined, e.g. log of a negative number).
    pub fn value_grad(&self, p: V2) -> (f64, V2) {
        let vars: Vec<f64> = self
            .is_x
            .iter()
            .map(|&x| if x { p.x } else { p.y })
            .collect();
        let eval = |e: &Option<FlatEx<f64>>| {
            e.as_ref()
                .map_or(Ok(0.0), |e| e.eval(&vars))
                .unwrap_or(f64::NAN)
        };
        let value = self.f.eval(&vars).unwrap_or(f64::NAN);
        (value, V2::new(eval(&self.dx), eval(&self.dy)))
    }
}

/// exmex's messages, without the internal dumps some of them carry.
fn tidy(msg: &str) -> String {
    let cut = msg
        .find(", Operator {")
        .or_else(|| msg.find("Operator {"))
        .unwrap_or(msg.len());
    msg[..cut].trim().to_owned()
}

#[cfg(test)]
mod tests {
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
        let e = CustomExpr::parse("exp(x)*tanh(y) + sqrt(x^2+1) + log(x^2+1) + ln(2) + PI")
            .expect("valid");
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
        ];
        for (text, pos, what) in cases {
            let e = CustomExpr::parse(text).expect_err(text);
            assert_eq!(e.position, pos, "{text}: {e}");
            assert!(e.message.contains(what), "{text}: {e}");
        }
        assert!(CustomExpr::parse(&"x+".repeat(300)).is_err());
        // One operation too many is refused where it is, before exmex sees it (249 divisions
        // would take it over a minute).
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
        // Within the operations allowed, but with a gradient too long to evaluate quickly.
        let e = CustomExpr::parse(&format!("{}y", "x/".repeat(MAX_OPERATIONS)))
            .expect_err("a long gradient");
        assert!(e.message.contains("at most 2000"), "{e}");
        // Constants only: the gradient is 0.
        let c = CustomExpr::parse("ln(2) + PI").expect("parses");
        assert_eq!(c.value_grad(V2::new(1.0, 1.0)).1, V2::zeros());
        let sci = CustomExpr::parse("1e-3*x^2 + 2.5E2*y").expect("parses");
        let (f, g) = sci.value_grad(V2::new(2.0, 1.0));
        assert!((f - (0.004 + 250.0)).abs() < 1e-9 && (g - V2::new(0.004, 250.0)).norm() < 1e-9);
    }
}
