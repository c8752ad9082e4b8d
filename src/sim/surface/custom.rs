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
/// Constants an expression may use: π and Euler's number, in either case.
pub const CONSTANTS: [&str; 4] = ["pi", "e", "PI", "E"];
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
            // An exponent: 1e-3 (but `2*e-x` and `2e-x`'s `e` is the constant, after a `*`).
            let sign = usize::from(matches!(chars.get(i + 1), Some('-' | '+')));
            if i < chars.len()
                && (chars[i] == 'e' || chars[i] == 'E')
                && chars.get(i + 1 + sign).is_some_and(char::is_ascii_digit)
            {
                i += 2 + sign;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let number: String = chars[start..i].iter().collect();
            if number.parse::<f64>().is_err() {
                return Err(err(start, format!("`{number}` is not a number")));
            }
            Tok::Num(number)
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
                        "unknown name `{n}`; use x, y, pi, e and {}",
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
                if let Some(Tok::Op(o)) = prev {
                    return Err(err(
                        toks[k - 1].0,
                        format!("`{o}` needs something on its right"),
                    ));
                }
            }
            Tok::Comma => {
                return Err(err(
                    *pos,
                    "`,` is not allowed: every function takes one argument",
                ));
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
                // exmex knows the constants in capitals only.
                out.push_str(match n.as_str() {
                    "pi" => "PI",
                    "e" => "E",
                    n => n,
                });
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
        // The checks above leave exmex nothing to refuse in what they accept; should it still, its
        // message would quote the rewritten text, which nobody typed.
        let f = exmex::parse::<f64>(&rewritten).map_err(|_| {
            err(
                0,
                "this expression could not be read; check its operators and parentheses",
            )
        })?;
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
mod tests;
