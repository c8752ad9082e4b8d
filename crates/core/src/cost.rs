//! One cost model for everything optiscape computes, checked before anything runs.
//!
//! Every request — a scenario's runs and landscape, a network experiment (training, the plane, the
//! slice), a sweep, a basin map, a tuning, an animation's frames × pixels — is estimated here in
//! one unit, nanoseconds of one core of the reference machine (the 2-core x86-64 machine the
//! constants in [`ns`] were measured on), and compared with one [`BUDGET`]. Files, links, the window and the command line all call these
//! functions, so the same request is accepted or refused everywhere with the same message, and the
//! message says what to lower. The estimates are upper bounds of measured costs (see each constant);
//! runs that stop early (a tolerance met, a divergence) only cost less.
//!
//! Memory has two caps of its own, since time does not bound it: the 2-D iterates every run records
//! ([`MAX_RECORDED_STEPS`]) and the network iterates' weights ([`MAX_KEPT_WEIGHTS`]).
//!
//! Nothing here runs anything or does I/O: it only does arithmetic on sizes.

use crate::sim::{OptimizerKind, RunSpec, Surface, SurfaceKind};

/// The budget of one request, in estimated nanoseconds of one core: 30 s. A request at the budget
/// finishes within about 30 s on the reference machine (less where its work spreads over both
/// cores) and within 2 GB of memory.
pub const BUDGET: f64 = 30e9;

/// Most iterates all 2-D runs of a scenario record together (24 bytes each: about 480 MB).
pub const MAX_RECORDED_STEPS: usize = 20_000_000;
/// Most weights a network experiment keeps over all its runs' iterates (8 bytes each: 320 MB).
pub const MAX_KEPT_WEIGHTS: usize = 40_000_000;

/// Measured costs, in nanoseconds of one core (release build, the reference machine, timed with
/// `optiscape sweep`, `tune`, `render --timings` and `net`), rounded up: each is about the slowest
/// case of its kind.
pub mod ns {
    /// One update of the cheaper rules (SGD, momentum, Rprop, AdaGrad, Adadelta, EMA, Lion): 35 ns
    /// measured with the surface's part.
    pub const UPDATE: f64 = 50.0;
    /// One update of the rules with moment estimates and square roots (Adam, AMSGrad, AdamW,
    /// Adamax, RMSprop): up to 82 ns measured.
    pub const UPDATE_MOMENTS: f64 = 90.0;
    /// One update of NAdam (its μₜ schedule takes powers): 131 ns measured.
    pub const UPDATE_NADAM: f64 = 140.0;
    /// Recording one iterate of a run the window or an export draws (its point and loss, the
    /// memory's first touch): about 60 ns measured.
    pub const RECORD: f64 = 70.0;
    /// f and ∇f of a polynomial surface (Rosenbrock, Beale, …).
    pub const POLYNOMIAL: f64 = 10.0;
    /// f and ∇f of a surface with exponentials or trigonometry: Ackley's 130 ns per step measured
    /// with Adam.
    pub const TRANSCENDENTAL: f64 = 60.0;
    /// One sample of linreg's mean (256 of them: 0.6 µs a step measured).
    pub const LINREG_SAMPLE: f64 = 3.0;
    /// One sample of logreg's mean, an exponential and a logarithm (9.4 µs a step measured).
    pub const LOGREG_SAMPLE: f64 = 40.0;
    /// f and ∇f of a network's slice (interpolated on its grid).
    pub const SLICE: f64 = 30.0;
    /// f and ∇f of a custom expression: a fixed part, and a part per node it evaluates in its one
    /// pass for value and gradient (about 25 ns a node measured where every node is a function
    /// call, a few ns for arithmetic).
    pub const EXPR: f64 = 20.0;
    pub const EXPR_NODE: f64 = 30.0;
    /// One multiply-add of a network's forward pass over one sample (1.1 ns measured).
    pub const MAC: f64 = 1.2;
    /// One hidden neuron's tanh in a forward pass.
    pub const ACTIVATION: f64 = 15.0;
    /// The output's sigmoid and cross-entropy, per sample (a one-neuron network's forward pass
    /// costs 87 ns a sample measured).
    pub const LOSS: f64 = 70.0;
    /// A forward and backward pass over one sample, as a multiple of the forward pass alone
    /// (2.4 measured on a 2 → 64 → 64 → 1 network, less on smaller ones).
    pub const BACKWARD: f64 = 2.5;
    /// One element of the PCA plane's Gram or covariance matrix, counted over the whole matrix
    /// (half of it is computed).
    pub const FLOP: f64 = 0.7;
    /// The symmetric eigen-solver, per m³ of an m × m matrix (1.4 ns measured at m = 1001).
    pub const EIGEN: f64 = 2.0;
    /// One pixel of one frame of an animation: drawn from the static layer and encoded (GIF 17 ns,
    /// APNG 12 ns, the 3-D view 16 ns measured at 1600 × 1000).
    pub const PIXEL: f64 = 20.0;
    /// One path vertex drawn in one frame (150 ns measured with fourteen 100,000-step paths at
    /// 1600 × 1000; long paths thin to fewer).
    pub const VERTEX: f64 = 150.0;
}

/// Evaluations of the surface behind every landscape picture (the window's and each export's):
/// `render::picture::field` samples at most this many (a data-backed surface's samples counted).
pub const FIELD_EVALS: f64 = 3e6;

/// A request over the budget (or over a memory cap): the setting to lower first, and a sentence
/// saying what the request is, what it would cost and what to lower.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct OverBudget {
    /// The field or setting to lower first (`steps`, `grid`), for the caller to place.
    pub field: String,
    pub message: String,
}

impl OverBudget {
    /// `what` (the request with its sizes) costs `cost`; `lower` says what to lower.
    pub fn time(field: &str, what: &str, cost: f64, lower: &str) -> Self {
        Self {
            field: field.to_owned(),
            message: format!(
                "{what} would take about {} of computing, over the budget of {}; {lower}",
                duration(cost),
                duration(BUDGET)
            ),
        }
    }
}

/// `cost` nanoseconds written for people: `0.4 s`, `51 s`, `12 min`, `3.2 h`.
pub fn duration(cost: f64) -> String {
    let s = cost / 1e9;
    if s < 1.0 {
        format!("{s:.1} s")
    } else if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 7200.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// Refuses `cost` over the budget, saying what it is (`what`) and what to lower.
pub fn check(
    cost: f64,
    field: &str,
    what: impl FnOnce() -> String,
    lower: &str,
) -> Result<(), OverBudget> {
    // A cost that is not a number (an overflow) is over any budget.
    if cost <= BUDGET {
        return Ok(());
    }
    Err(OverBudget::time(field, &what(), cost, lower))
}

/// The surface as a message names it: `rosenbrock`, or `custom` with its expression.
pub fn surface_name(surface: &Surface) -> String {
    match surface.expression() {
        Some(text) => {
            let clipped: String = text.chars().take(40).collect();
            let more = if text.chars().count() > 40 { "…" } else { "" };
            format!("custom `{clipped}{more}`")
        }
        None => surface.kind().name().to_owned(),
    }
}

/// One evaluation of f and ∇f of `surface`, in nanoseconds.
pub fn eval(surface: &Surface) -> f64 {
    if surface.polynomial().is_some() {
        return ns::POLYNOMIAL;
    }
    let samples = surface.sample_count().unwrap_or(1) as f64;
    match surface.kind() {
        SurfaceKind::Linreg => samples * ns::LINREG_SAMPLE,
        SurfaceKind::Logreg => samples * ns::LOGREG_SAMPLE,
        SurfaceKind::Custom => {
            ns::EXPR + ns::EXPR_NODE * surface.expression_size().unwrap_or(0) as f64
        }
        SurfaceKind::Slice => ns::SLICE,
        _ => ns::TRANSCENDENTAL,
    }
}

/// One update of `optimizer`'s rule.
pub fn update(optimizer: OptimizerKind) -> f64 {
    match optimizer.name() {
        "nadam" => ns::UPDATE_NADAM,
        "adam" | "amsgrad" | "adamw" | "adamax" | "rmsprop" => ns::UPDATE_MOMENTS,
        _ => ns::UPDATE,
    }
}

/// One step of the 2-D run `spec` without recording it (as the sweep, the basin map and the tuning
/// run): its gradient (twice on a mini-batch, which also takes the full objective's value) and the
/// update.
pub fn step(spec: &RunSpec) -> f64 {
    let grads = if spec.batch_size.is_some() { 2.0 } else { 1.0 };
    update(spec.optimizer.kind()) + grads * eval(&spec.surface)
}

/// `runs` runs of `steps` steps, each step costing `per_step`.
pub fn runs(runs: usize, steps: usize, per_step: f64) -> f64 {
    runs as f64 * (steps as f64 + 1.0) * per_step
}

/// The runs of a scenario, each iterate recorded for drawing.
pub fn recorded(specs: &[RunSpec]) -> f64 {
    specs
        .iter()
        .map(|s| runs(1, s.steps, step(s) + ns::RECORD))
        .sum()
}

/// The landscape behind a picture of `surface`: its sampled field (a data-backed surface's budget
/// counts its samples, so it is sampled at fewer points).
pub fn field(surface: &Surface) -> f64 {
    let samples = surface.sample_count().unwrap_or(1).max(1) as f64;
    FIELD_EVALS * eval(surface) / samples
}

/// The PCA plane through `k` iterates of `n` weights: forming the smaller of the covariance and the
/// Gram matrix (min(k, n)² · max(k, n) multiply-adds), its eigen-decomposition (min(k, n)³), and
/// mapping the two directions back.
pub fn pca(k: usize, n: usize) -> f64 {
    let (small, large) = (k.min(n) as f64, k.max(n) as f64);
    ns::FLOP * (small * small * large + 2.0 * small * large) + ns::EIGEN * small.powi(3)
}

/// The sizes of a network experiment that its cost depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NetSize {
    pub runs: usize,
    pub steps: usize,
    /// Weights and biases.
    pub params: usize,
    /// Hidden neurons (each a tanh per sample and pass).
    pub neurons: usize,
    pub samples: usize,
    /// Samples per mini-batch of the run with the largest batch (`None` when a run takes the full
    /// batch).
    pub batch: Option<usize>,
    pub grid: usize,
    /// Whether the plane is the PCA of the iterates.
    pub pca: bool,
}

impl NetSize {
    /// Iterates over all runs.
    pub fn iterates(&self) -> usize {
        self.runs.saturating_mul(self.steps.saturating_add(1))
    }

    /// A forward pass over one sample.
    fn forward(&self) -> f64 {
        self.params as f64 * ns::MAC + self.neurons as f64 * ns::ACTIVATION + ns::LOSS
    }

    /// Training (a forward and backward pass over the data each step, or a forward pass over it and
    /// both over the batch), the plane, every iterate's projection and slice value (a forward pass
    /// over the data each), and the slice's grid (a forward pass over the data per point).
    pub fn cost(&self) -> f64 {
        let (p, m) = (self.params as f64, self.samples as f64);
        let iterates = self.iterates() as f64;
        let forward = self.forward();
        let per_step = match self.batch {
            Some(b) if b < self.samples => forward * (m + ns::BACKWARD * b as f64),
            _ => forward * ns::BACKWARD * m,
        };
        let plane = if self.pca {
            pca(self.iterates(), self.params)
        } else {
            0.0
        };
        let points = iterates + (self.grid * self.grid) as f64;
        // Each point of the plane is built (3 operations a weight) and its loss found over the data.
        let on_plane = points * (m * forward + 3.0 * p * ns::MAC);
        let projection = iterates * 8.0 * p * ns::FLOP;
        iterates * per_step + plane + on_plane + projection
    }

    /// Refuses an experiment over the budget, or one keeping too many weights.
    pub fn check(&self) -> Result<(), OverBudget> {
        let kept = self.iterates().saturating_mul(self.params);
        if kept > MAX_KEPT_WEIGHTS {
            return Err(OverBudget {
                field: "steps".to_owned(),
                message: format!(
                    "{} runs × {} steps × {} weights keep {kept} numbers, over the cap of {MAX_KEPT_WEIGHTS}; take fewer steps or runs, or a smaller network",
                    self.runs, self.steps, self.params
                ),
            });
        }
        let plane = if self.pca {
            pca(self.iterates(), self.params)
        } else {
            0.0
        };
        check(
            self.cost(),
            "steps",
            || {
                format!(
                    "{} runs × {} steps of a {}-weight network on {} samples with a {}² slice",
                    self.runs, self.steps, self.params, self.samples, self.grid
                )
            },
            // Say so when the PCA plane is most of it.
            if plane > 0.5 * self.cost() {
                "take fewer steps or runs (the PCA plane is most of it), a smaller network, or the random plane"
            } else {
                "take fewer steps, runs, samples or grid points, or a smaller network"
            },
        )
    }
}

/// `frames` frames of `width × height` pixels, each drawing `vertices` path vertices.
pub fn frames(frames: usize, width: u32, height: u32, vertices: f64) -> f64 {
    let pixels = f64::from(width) * f64::from(height);
    frames as f64 * (pixels * ns::PIXEL + vertices * ns::VERTEX)
}

/// Refuses exporting `scenario` as `frames` frames (1 for a still picture) of `width × height`
/// pixels when computing it and drawing its frames is over the budget; the scenario is checked
/// first. Every frame is counted with the whole paths (most frames draw most of them).
pub fn check_export(
    scenario: &crate::scenario::Scenario,
    frames: usize,
    width: u32,
    height: u32,
) -> Result<(), OverBudget> {
    let base = scenario.cost().map_err(|e| OverBudget {
        field: e.path.clone(),
        message: e.to_string(),
    })?;
    let vertices = scenario.runs.len() as f64 * (scenario.steps as f64 + 1.0);
    let drawing = self::frames(frames, width, height, vertices);
    check(
        base + drawing,
        "frames",
        || {
            format!(
                "{frames} frames of {width} × {height} pixels with {} paths of {} steps",
                scenario.runs.len(),
                scenario.steps
            )
        },
        "take fewer frames, a smaller picture or fewer steps",
    )
}

#[cfg(test)]
mod tests;
