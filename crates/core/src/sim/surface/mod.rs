//! Loss surfaces: the registry of named 2-D test functions, their parameters, views and minima.
//!
//! A [`Surface`] is a [`SurfaceKind`] with its parameters resolved and checked; evaluating it is a
//! single `match` so trajectories stay fast. The formulas live in [`crate::sim::surfaces`].

use serde::{Deserialize, Serialize};

use std::sync::Arc;

use super::{SimError, V2};
use custom::{CustomExpr, ExprError};
use polynomial::Polynomial;
use sampled::Sampled;

mod catalogue;
// The formulas, one file per family: each function returns f(p) and ∇f(p) together, and every
// gradient is checked against central finite differences in the tests.
pub mod classic;
pub mod custom;
pub mod data;
pub mod multimodal;
pub mod polynomial;
pub mod sampled;
pub mod wells;

use SurfaceKind as K;
use catalogue::INFOS;

/// Most parameters any surface has.
pub const MAX_PARAMS: usize = 3;

/// Every built-in surface. The snake_case names are a contract shared by the CLI and presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurfaceKind {
    Rosenbrock,
    Beale,
    Saddle,
    MonkeySaddle,
    Himmelblau,
    Booth,
    Rastrigin,
    Ackley,
    SixHumpCamel,
    GoldsteinPrice,
    StyblinskiTang,
    Quadratic,
    /// A round well in a plain so flat that gradient descent crawls across it.
    Plateau,
    Linreg,
    Logreg,
    /// Your own f(x, y), typed as an expression.
    Custom,
    /// A network's loss over a 2-D slice of its weights, known on a grid. It has no name a file
    /// can give (it is not in [`SurfaceKind::ALL`]): only a scenario's `net` section makes one.
    Slice,
}

/// One named surface parameter with its default and the range the UI and validation allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub doc: &'static str,
}

/// An axis-aligned window of the plane: `x = [min, max]`, `y = [min, max]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl View {
    /// A window from its corner coordinates.
    pub const fn new(x0: f64, x1: f64, y0: f64, y1: f64) -> Self {
        Self {
            x: [x0, x1],
            y: [y0, y1],
        }
    }

    /// Width and height.
    pub fn size(&self) -> V2 {
        V2::new(self.x[1] - self.x[0], self.y[1] - self.y[0])
    }

    /// Whether `p` lies inside (borders included).
    pub fn contains(&self, p: V2) -> bool {
        (self.x[0]..=self.x[1]).contains(&p.x) && (self.y[0]..=self.y[1]).contains(&p.y)
    }

    /// The smallest window holding this one and `p` with a margin of `pad` around `p`.
    fn including(mut self, p: V2, pad: f64) -> Self {
        self.x = [self.x[0].min(p.x - pad), self.x[1].max(p.x + pad)];
        self.y = [self.y[0].min(p.y - pad), self.y[1].max(p.y + pad)];
        self
    }
}

/// What a surface is, independent of its parameter values.
#[derive(Debug, Clone, Copy)]
pub struct SurfaceInfo {
    pub kind: SurfaceKind,
    /// The contract name (`six_hump_camel`).
    pub name: &'static str,
    /// A title for people (`Six-hump camel`).
    pub title: &'static str,
    /// The formula in Unicode maths.
    pub formula: &'static str,
    pub params: &'static [ParamSpec],
    /// The window a first look should show.
    pub view: View,
    /// Values span decades, so colour on a log scale.
    pub log_scale: bool,
    /// The loss is a mean over samples, so mini-batches are real.
    pub data_backed: bool,
}

impl SurfaceKind {
    /// All kinds, in menu order.
    pub const ALL: [SurfaceKind; 16] = [
        K::Rosenbrock,
        K::Beale,
        K::Saddle,
        K::MonkeySaddle,
        K::Himmelblau,
        K::Booth,
        K::Rastrigin,
        K::Ackley,
        K::SixHumpCamel,
        K::GoldsteinPrice,
        K::StyblinskiTang,
        K::Quadratic,
        K::Plateau,
        K::Linreg,
        K::Logreg,
        K::Custom,
    ];

    /// The static description of this kind.
    pub fn info(self) -> &'static SurfaceInfo {
        &INFOS[self as usize]
    }

    /// The contract name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Looks a kind up by its contract name.
    pub fn from_name(name: &str) -> Result<Self, SimError> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| SimError::UnknownSurface {
                name: name.to_owned(),
                known: Self::ALL.map(Self::name).join(", "),
            })
    }
}

impl std::fmt::Display for SurfaceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A surface ready to evaluate: a kind with every parameter resolved and in range (and, for
/// `custom`, the parsed expression).
#[derive(Debug, Clone)]
pub struct Surface {
    kind: SurfaceKind,
    params: [f64; MAX_PARAMS],
    custom: Option<Arc<CustomExpr>>,
    sampled: Option<Arc<Sampled>>,
}

impl PartialEq for Surface {
    fn eq(&self, other: &Self) -> bool {
        let same_grid = match (&self.sampled, &other.sampled) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            (a, b) => a.is_none() && b.is_none(),
        };
        self.kind == other.kind
            && self.params == other.params
            && self.expression() == other.expression()
            && same_grid
    }
}

impl Surface {
    /// The surface with its default parameters.
    pub fn new(kind: SurfaceKind) -> Self {
        let mut params = [0.0; MAX_PARAMS];
        for (slot, spec) in params.iter_mut().zip(kind.info().params) {
            *slot = spec.default;
        }
        Self {
            kind,
            params,
            custom: None,
            sampled: None,
        }
    }

    /// A surface known on a grid (a network's slice).
    pub fn sampled(grid: Sampled) -> Self {
        Self {
            sampled: Some(Arc::new(grid)),
            ..Self::new(SurfaceKind::Slice)
        }
    }

    /// Your own surface from an expression in x and y; the error says where the expression is wrong.
    pub fn custom(text: &str) -> Result<Self, ExprError> {
        let expr = CustomExpr::parse(text)?;
        Ok(Self {
            custom: Some(Arc::new(expr)),
            ..Self::new(SurfaceKind::Custom)
        })
    }

    /// The expression of a `custom` surface.
    pub fn expression(&self) -> Option<&str> {
        self.custom.as_deref().map(CustomExpr::text)
    }

    /// Nodes a `custom` surface evaluates per point, its cost (`None` for the other surfaces).
    pub fn expression_size(&self) -> Option<usize> {
        self.custom.as_deref().map(CustomExpr::size)
    }

    /// The surface with some parameters set by name; the others keep their defaults.
    pub fn with_params<'a>(
        kind: SurfaceKind,
        values: impl IntoIterator<Item = (&'a str, f64)>,
    ) -> Result<Self, SimError> {
        let mut surface = Self::new(kind);
        for (name, value) in values {
            surface.set_param(name, value)?;
        }
        Ok(surface)
    }

    /// Sets one parameter by name, refusing unknown names and values out of range.
    pub fn set_param(&mut self, name: &str, value: f64) -> Result<(), SimError> {
        let specs = self.kind.info().params;
        let Some(i) = specs.iter().position(|s| s.name == name) else {
            let known = if specs.is_empty() {
                "it has no parameters".to_owned()
            } else {
                format!(
                    "it has {}",
                    specs.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
                )
            };
            return Err(SimError::UnknownParam {
                surface: self.kind.name().to_owned(),
                name: name.to_owned(),
                known,
            });
        };
        let spec = specs[i];
        if !(value.is_finite() && (spec.min..=spec.max).contains(&value)) {
            return Err(SimError::invalid(
                name,
                value,
                format!(
                    "{} takes a number from {} to {}",
                    spec.name, spec.min, spec.max
                ),
            ));
        }
        self.params[i] = value;
        Ok(())
    }

    pub fn kind(&self) -> SurfaceKind {
        self.kind
    }

    /// The static description of this surface's kind.
    pub fn info(&self) -> &'static SurfaceInfo {
        self.kind.info()
    }

    /// Every parameter with its current value, in declaration order.
    pub fn params(&self) -> impl Iterator<Item = (&'static ParamSpec, f64)> + '_ {
        self.info().params.iter().zip(self.params)
    }

    /// One parameter's current value.
    pub fn param(&self, name: &str) -> Option<f64> {
        self.params().find(|(s, _)| s.name == name).map(|(_, v)| v)
    }

    /// f(p) on the full objective.
    #[inline]
    pub fn value(&self, p: V2) -> f64 {
        self.value_grad(p).0
    }

    /// ∇f(p) on the full objective.
    #[inline]
    pub fn grad(&self, p: V2) -> V2 {
        self.value_grad(p).1
    }

    /// This surface as a [`Polynomial`], if its formula is one (and so evaluates without a call).
    pub fn polynomial(&self) -> Option<Polynomial> {
        let c = &self.params;
        Some(match self.kind {
            K::Rosenbrock => Polynomial::Rosenbrock { a: c[0], b: c[1] },
            K::Beale => Polynomial::Beale,
            K::Saddle => Polynomial::Saddle,
            K::MonkeySaddle => Polynomial::MonkeySaddle,
            K::Himmelblau => Polynomial::Himmelblau,
            K::Booth => Polynomial::Booth,
            K::GoldsteinPrice => Polynomial::GoldsteinPrice,
            K::SixHumpCamel => Polynomial::SixHumpCamel,
            K::StyblinskiTang => Polynomial::StyblinskiTang,
            K::Quadratic
            | K::Plateau
            | K::Rastrigin
            | K::Ackley
            | K::Linreg
            | K::Logreg
            | K::Custom
            | K::Slice => {
                return None;
            }
        })
    }

    /// f(p) and ∇f(p) together: most formulas share their intermediate terms.
    #[inline(always)]
    pub fn value_grad(&self, p: V2) -> (f64, V2) {
        let c = &self.params;
        match self.kind {
            K::Rosenbrock => classic::rosenbrock(c[0], c[1], p),
            K::Beale => classic::beale(p),
            K::Saddle => classic::saddle(p),
            K::MonkeySaddle => classic::monkey_saddle(p),
            K::Himmelblau => classic::himmelblau(p),
            K::Booth => classic::booth(p),
            K::GoldsteinPrice => classic::goldstein_price(p),
            K::Quadratic => classic::quadratic(c[0], c[1], p),
            K::Plateau => classic::plateau(c[0], p),
            K::Rastrigin => multimodal::rastrigin(c[0], p),
            K::Ackley => multimodal::ackley(c[0], c[1], c[2], p),
            K::SixHumpCamel => multimodal::six_hump_camel(p),
            K::StyblinskiTang => multimodal::styblinski_tang(p),
            K::Linreg => data::linreg().value_grad(p),
            K::Logreg => data::logreg().value_grad(p),
            K::Custom => match &self.custom {
                Some(c) => c.value_grad(p),
                None => (f64::NAN, V2::repeat(f64::NAN)),
            },
            K::Slice => match &self.sampled {
                Some(s) => s.value_grad(p),
                None => (f64::NAN, V2::repeat(f64::NAN)),
            },
        }
    }

    /// The number of samples the loss averages over, for data-backed surfaces.
    pub fn sample_count(&self) -> Option<usize> {
        self.dataset().map(data::Dataset::len)
    }

    /// The exact mean gradient over the samples `batch` (indices below [`Self::sample_count`]).
    /// Surfaces without samples return the full gradient.
    pub fn batch_grad(&self, p: V2, batch: &[u32]) -> V2 {
        match self.dataset() {
            Some(d) => d.batch_grad(p, batch),
            None => self.grad(p),
        }
    }

    fn dataset(&self) -> Option<&'static data::Dataset> {
        match self.kind {
            K::Linreg => Some(data::linreg()),
            K::Logreg => Some(data::logreg()),
            _ => None,
        }
    }

    /// The known global minima (several where they tie).
    pub fn minima(&self) -> Vec<V2> {
        let c = &self.params;
        match self.kind {
            K::Rosenbrock => vec![V2::new(c[0], c[0] * c[0])],
            K::Beale => vec![V2::new(3.0, 0.5)],
            K::Himmelblau => classic::HIMMELBLAU_MINIMA.to_vec(),
            K::Booth => vec![V2::new(1.0, 3.0)],
            K::GoldsteinPrice => vec![V2::new(0.0, -1.0)],
            K::Quadratic | K::Plateau | K::Rastrigin | K::Ackley => vec![V2::zeros()],
            K::SixHumpCamel => multimodal::SIX_HUMP_MINIMA.to_vec(),
            K::StyblinskiTang => vec![V2::repeat(multimodal::STYBLINSKI_ARGMIN)],
            K::Linreg => vec![data::linreg().minimum()],
            K::Logreg => vec![data::logreg().minimum()],
            K::Saddle | K::MonkeySaddle | K::Custom | K::Slice => Vec::new(),
        }
    }

    /// The classic saddle points worth marking.
    pub fn saddles(&self) -> Vec<V2> {
        match self.kind {
            K::Saddle | K::MonkeySaddle => vec![V2::zeros()],
            _ => Vec::new(),
        }
    }

    /// The window a first look should show: the kind's window, widened to show every minimum.
    pub fn default_view(&self) -> View {
        if let Some(s) = &self.sampled {
            return s.extent();
        }
        let base = self.info().view;
        let pad = 0.1 * base.size().min();
        self.minima().into_iter().fold(base, |v, m| {
            if base.contains(m) {
                v
            } else {
                v.including(m, pad)
            }
        })
    }

    /// The distance from `p` to the nearest known minimum.
    pub fn distance_to_minimum(&self, p: V2) -> Option<f64> {
        self.minima()
            .into_iter()
            .map(|m| (m - p).norm())
            .min_by(f64::total_cmp)
    }
}
