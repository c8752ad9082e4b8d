//! Your own function: f(x, y) typed as an expression (`(1-x)^2 + 100*(y-x^2)^2`, with sin, cos, tan,
//! exp, log, ln, sqrt, abs, tanh, powers, pi and e), read by a small parser with errors that point
//! at the character where the expression goes wrong, and evaluated with its gradient in one pass
//! (forward-mode dual numbers), so the gradient costs a small multiple of the value, whatever the
//! expression.

use crate::sim::V2;

/// Functions an expression may use.
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
/// Most operators and function calls accepted: each is evaluated at every pixel of the landscape
/// and at every step, so this bounds what a typed or linked expression costs.
pub const MAX_OPERATIONS: usize = 48;

/// What is wrong with an expression, and where (a character index into the text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {}: {message}", position + 1)]
pub struct ExprError {
    pub position: usize,
    pub message: String,
}

/// A parsed function of x and y, ready to give f and ∇f at a point.
#[derive(Debug, Clone)]
pub struct CustomExpr {
    text: String,
    /// The expression tree, operands before the node that uses them; the root is last.
    nodes: Vec<Node>,
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

/// The tokens of `text`, once every mistake is found and located: after these checks the parser
/// meets nothing it cannot read.
fn check(text: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
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
                // A power inside the parentheses ends with them: `log(x^2 + 1) + y^2` is no chain.
                power_at = power_at.filter(|&d| d != depth.len());
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
    Ok(toks)
}

/// A function an expression may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    Ln,
    Sqrt,
    Abs,
}

impl Func {
    fn named(name: &str) -> Option<Self> {
        Some(match name {
            "sin" => Self::Sin,
            "cos" => Self::Cos,
            "tan" => Self::Tan,
            "asin" => Self::Asin,
            "acos" => Self::Acos,
            "atan" => Self::Atan,
            "sinh" => Self::Sinh,
            "cosh" => Self::Cosh,
            "tanh" => Self::Tanh,
            "exp" => Self::Exp,
            "log" | "ln" => Self::Ln,
            "sqrt" => Self::Sqrt,
            "abs" => Self::Abs,
            _ => return None,
        })
    }

    /// The value at `u` and the derivative there.
    fn value_slope(self, u: f64) -> (f64, f64) {
        match self {
            Self::Sin => (u.sin(), u.cos()),
            Self::Cos => (u.cos(), -u.sin()),
            Self::Tan => {
                let t = u.tan();
                (t, 1.0 + t * t)
            }
            Self::Asin => (u.asin(), 1.0 / (1.0 - u * u).sqrt()),
            Self::Acos => (u.acos(), -1.0 / (1.0 - u * u).sqrt()),
            Self::Atan => (u.atan(), 1.0 / (1.0 + u * u)),
            Self::Sinh => (u.sinh(), u.cosh()),
            Self::Cosh => (u.cosh(), u.sinh()),
            Self::Tanh => {
                let t = u.tanh();
                (t, 1.0 - t * t)
            }
            Self::Exp => {
                let e = u.exp();
                (e, e)
            }
            Self::Ln => (u.ln(), 1.0 / u),
            Self::Sqrt => {
                let s = u.sqrt();
                (s, 0.5 / s)
            }
            // A smooth |u|, √(u² + 10⁻³⁰⁰): the same value in f64, and a derivative that is 0 at
            // the kink (a subgradient), so a run that lands on it stays.
            Self::Abs => {
                let s = (u * u + 1e-300).sqrt();
                (s, u / s)
            }
        }
    }
}

/// A number with its partial derivatives in x and y (forward-mode automatic differentiation): one
/// pass over the expression gives f and ∇f.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dual {
    v: f64,
    dx: f64,
    dy: f64,
}

impl Dual {
    fn constant(v: f64) -> Self {
        Self {
            v,
            dx: 0.0,
            dy: 0.0,
        }
    }

    /// Applies `v ↦ f(v)` whose slope is `slope` (the chain rule).
    fn chain(self, v: f64, slope: f64) -> Self {
        Self {
            v,
            dx: slope * self.dx,
            dy: slope * self.dy,
        }
    }
}

/// One node of the expression tree; operands are indices of earlier nodes, so the root is last.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Const(f64),
    X,
    Y,
    Neg(u16),
    Add(u16, u16),
    Sub(u16, u16),
    Mul(u16, u16),
    Div(u16, u16),
    /// A power whose exponent holds neither x nor y: its slope is the familiar c·uᶜ⁻¹.
    PowConst(u16, f64),
    Pow(u16, u16),
    Call(Func, u16),
}

/// Reads checked tokens into nodes, by precedence: `+ -` below `* /`, below a sign, below `^`,
/// whose exponent is an operand with its own signs (`x^-2`). Constant parts are folded on the way,
/// so `ln(2) + pi` is one number and costs nothing per point.
struct Parser<'a> {
    toks: &'a [(usize, Tok)],
    at: usize,
    nodes: Vec<Node>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(_, t)| t)
    }

    /// Where the next token is, for an error (the end of the text after the last one).
    fn here(&self) -> usize {
        self.toks
            .get(self.at)
            .or(self.toks.last())
            .map_or(0, |(p, _)| *p)
    }

    fn unexpected(&self) -> ExprError {
        err(self.here(), "this expression could not be read here")
    }

    fn push(&mut self, node: Node) -> Result<u16, ExprError> {
        let index = u16::try_from(self.nodes.len()).map_err(|_| err(0, "too long"))?;
        self.nodes.push(fold(&self.nodes, node));
        Ok(index)
    }

    fn sum(&mut self) -> Result<u16, ExprError> {
        let mut left = self.product()?;
        while let Some(Tok::Op(o @ ('+' | '-'))) = self.peek() {
            let o = *o;
            self.at += 1;
            let right = self.product()?;
            left = self.push(if o == '+' {
                Node::Add(left, right)
            } else {
                Node::Sub(left, right)
            })?;
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<u16, ExprError> {
        let mut left = self.signed(false)?;
        while let Some(Tok::Op(o @ ('*' | '/'))) = self.peek() {
            let o = *o;
            self.at += 1;
            let right = self.signed(false)?;
            left = self.push(if o == '*' {
                Node::Mul(left, right)
            } else {
                Node::Div(left, right)
            })?;
        }
        Ok(left)
    }

    /// An operand with any signs before it; a power's exponent (`exponent`) takes no power itself.
    fn signed(&mut self, exponent: bool) -> Result<u16, ExprError> {
        match self.peek() {
            Some(Tok::Op('-')) => {
                self.at += 1;
                let operand = self.signed(exponent)?;
                self.push(Node::Neg(operand))
            }
            Some(Tok::Op('+')) => {
                self.at += 1;
                self.signed(exponent)
            }
            _ if exponent => self.atom(),
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<u16, ExprError> {
        let base = self.atom()?;
        if !matches!(self.peek(), Some(Tok::Op('^'))) {
            return Ok(base);
        }
        self.at += 1;
        let exponent = self.signed(true)?;
        match self.nodes[usize::from(exponent)] {
            Node::Const(c) => self.push(Node::PowConst(base, c)),
            _ => self.push(Node::Pow(base, exponent)),
        }
    }

    fn atom(&mut self) -> Result<u16, ExprError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.unexpected());
        };
        self.at += 1;
        match tok {
            Tok::Num(t) => {
                let v = t
                    .parse::<f64>()
                    .map_err(|_| err(self.here(), "not a number"))?;
                self.push(Node::Const(v))
            }
            Tok::Name(n) => match n.as_str() {
                "x" => self.push(Node::X),
                "y" => self.push(Node::Y),
                "pi" | "PI" => self.push(Node::Const(std::f64::consts::PI)),
                "e" | "E" => self.push(Node::Const(std::f64::consts::E)),
                name => {
                    let f = Func::named(name).ok_or_else(|| self.unexpected())?;
                    let arg = self.parenthesised()?;
                    self.push(Node::Call(f, arg))
                }
            },
            Tok::Open => {
                self.at -= 1;
                self.parenthesised()
            }
            _ => {
                self.at -= 1;
                Err(self.unexpected())
            }
        }
    }

    fn parenthesised(&mut self) -> Result<u16, ExprError> {
        if self.peek() != Some(&Tok::Open) {
            return Err(self.unexpected());
        }
        self.at += 1;
        let inner = self.sum()?;
        if self.peek() != Some(&Tok::Close) {
            return Err(self.unexpected());
        }
        self.at += 1;
        Ok(inner)
    }
}

/// `node` with its value computed when every operand is a constant.
fn fold(nodes: &[Node], node: Node) -> Node {
    let constant = |i: u16| match nodes[usize::from(i)] {
        Node::Const(c) => Some(c),
        _ => None,
    };
    let operands_constant = match node {
        Node::Const(_) | Node::X | Node::Y => return node,
        Node::Neg(a) | Node::PowConst(a, _) | Node::Call(_, a) => constant(a).is_some(),
        Node::Add(a, b) | Node::Sub(a, b) | Node::Mul(a, b) | Node::Div(a, b) | Node::Pow(a, b) => {
            constant(a).is_some() && constant(b).is_some()
        }
    };
    if !operands_constant {
        return node;
    }
    let mut tree = nodes.to_vec();
    tree.push(node);
    Node::Const(eval(&tree, tree.len() - 1, V2::zeros()).v)
}

/// Node `i` of `nodes` at `p`, with its gradient.
fn eval(nodes: &[Node], i: usize, p: V2) -> Dual {
    let at = |j: u16| eval(nodes, usize::from(j), p);
    match nodes[i] {
        Node::Const(c) => Dual::constant(c),
        Node::X => Dual {
            v: p.x,
            dx: 1.0,
            dy: 0.0,
        },
        Node::Y => Dual {
            v: p.y,
            dx: 0.0,
            dy: 1.0,
        },
        Node::Neg(a) => {
            let a = at(a);
            a.chain(-a.v, -1.0)
        }
        Node::Add(a, b) => {
            let (a, b) = (at(a), at(b));
            Dual {
                v: a.v + b.v,
                dx: a.dx + b.dx,
                dy: a.dy + b.dy,
            }
        }
        Node::Sub(a, b) => {
            let (a, b) = (at(a), at(b));
            Dual {
                v: a.v - b.v,
                dx: a.dx - b.dx,
                dy: a.dy - b.dy,
            }
        }
        Node::Mul(a, b) => {
            let (a, b) = (at(a), at(b));
            Dual {
                v: a.v * b.v,
                dx: a.dx * b.v + a.v * b.dx,
                dy: a.dy * b.v + a.v * b.dy,
            }
        }
        Node::Div(a, b) => {
            let (a, b) = (at(a), at(b));
            let q = a.v / b.v;
            Dual {
                v: q,
                dx: (a.dx - q * b.dx) / b.v,
                dy: (a.dy - q * b.dy) / b.v,
            }
        }
        Node::PowConst(a, c) => {
            let a = at(a);
            // Whole exponents (most typed ones: x^2, y^4) by repeated multiplication, several
            // times faster than powf and exact for small ones.
            if c == 0.0 {
                a.chain(1.0, 0.0)
            } else if c.fract() == 0.0 && c.abs() <= 64.0 {
                let n = c as i32;
                a.chain(a.v.powi(n), c * a.v.powi(n - 1))
            } else {
                a.chain(a.v.powf(c), c * a.v.powf(c - 1.0))
            }
        }
        Node::Pow(a, b) => {
            let (a, b) = (at(a), at(b));
            let v = a.v.powf(b.v);
            // d(aᵇ) = b·aᵇ⁻¹·da + aᵇ·ln a·db; the first term is left out where a is a constant,
            // so 2^x is defined for every x.
            let base = if a.dx == 0.0 && a.dy == 0.0 {
                0.0
            } else {
                b.v * a.v.powf(b.v - 1.0)
            };
            let log = v * a.v.ln();
            Dual {
                v,
                dx: base * a.dx + if b.dx == 0.0 { 0.0 } else { log * b.dx },
                dy: base * a.dy + if b.dy == 0.0 { 0.0 } else { log * b.dy },
            }
        }
        Node::Call(f, a) => {
            let a = at(a);
            let (v, slope) = f.value_slope(a.v);
            a.chain(v, slope)
        }
    }
}

impl CustomExpr {
    /// Parses `text`; the error says where it goes wrong.
    pub fn parse(text: &str) -> Result<Self, ExprError> {
        let toks = check(text)?;
        let mut parser = Parser {
            toks: &toks,
            at: 0,
            nodes: Vec::with_capacity(toks.len()),
        };
        parser.sum()?;
        if parser.at < toks.len() {
            return Err(parser.unexpected());
        }
        Ok(Self {
            text: text.to_owned(),
            nodes: parser.nodes,
        })
    }

    /// The text as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Nodes evaluated per point (after constant parts are folded): the expression's cost.
    pub fn size(&self) -> usize {
        self.nodes.len()
    }

    /// f and ∇f at `p` (NaN where the expression is undefined, e.g. log of a negative number).
    pub fn value_grad(&self, p: V2) -> (f64, V2) {
        let Some(root) = self.nodes.len().checked_sub(1) else {
            return (f64::NAN, V2::new(f64::NAN, f64::NAN));
        };
        let d = eval(&self.nodes, root, p);
        (d.v, V2::new(d.dx, d.dy))
    }
}

#[cfg(test)]
mod tests;
