//! The document: a surface with its parameters (or a network section, `net`), a view window, runs
//! (optimizer, hyper-parameters, start, colour, name, visibility, noise and batches), animation and
//! display settings.
//!
//! A scenario is what presets store and what the window edits. [`Scenario::compile`] checks it and
//! turns it into the core's [`RunSpec`]s; every error names the field path (`runs[2].optimizer.lr`).

mod display;
mod explore;
mod net;
mod optimizer;
pub mod palette;
mod run;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost;
use crate::sim::error::shown;
use crate::sim::physics::Ball;
use crate::sim::schedule::Schedule;
use crate::sim::surface::View;
use crate::sim::{MAX_STEPS, Optimizer, OptimizerKind, RunSpec, SimError, Surface, SurfaceKind};

pub use display::{Animation, Camera, Display, LossX, Vectors};
pub use explore::{BasinSettings, SweepSettings};
pub use net::NetConfig;
pub use optimizer::OptimizerConfig;
pub use run::{parse_hex, to_hex};

/// The preset format this build writes; files with a larger number are refused with a clear message.
pub const FORMAT_VERSION: u32 = 1;
/// Longest name, title or description a scenario may hold, in characters.
pub const MAX_TEXT: usize = 1000;
/// Most runs a scenario may hold.
pub const MAX_RUNS: usize = 64;
/// Most steps over all runs together, so a file cannot ask for gigabytes (the memory side of
/// [`crate::cost`]).
pub const MAX_TOTAL_STEPS: usize = cost::MAX_RECORDED_STEPS;

/// A whole scenario. Every field has a default, so short hand-written files work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    pub title: String,
    /// One line shown in the presets menu.
    pub description: String,
    pub surface: SurfaceConfig,
    /// The window shown; `None` is the surface's default view.
    pub view: Option<View>,
    /// Updates per run.
    pub steps: usize,
    /// Stop a run once ‖∇f‖ < tol.
    pub tol: Option<f64>,
    /// Moving one run's start moves them all.
    pub same_start: bool,
    pub runs: Vec<RunConfig>,
    pub animation: Animation,
    pub display: Display,
    /// The hyper-parameter sweep tool.
    pub sweep: SweepSettings,
    /// The basin map tool.
    pub basins: BasinSettings,
    /// When set, the runs train a small network and the window shows a slice of its loss instead
    /// of `surface`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<NetConfig>,
}

/// The surface by name, with parameter overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurfaceConfig {
    pub name: String,
    pub params: BTreeMap<String, f64>,
    /// f(x, y) of a `custom` surface, e.g. `(1-x)^2 + 100*(y-x^2)^2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expr: Option<String>,
}

/// One ball: an optimizer with its hyper-parameters, a start point and how it is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunConfig {
    /// Shown in the legend; empty means the optimizer's title.
    pub name: String,
    pub optimizer: OptimizerConfig,
    pub start: (f64, f64),
    /// `#rrggbb`; `None` takes the palette colour of the run's position.
    pub color: Option<String>,
    pub visible: bool,
    /// σ of Gaussian noise added to each gradient coordinate.
    pub noise: f64,
    pub seed: u64,
    /// Samples per mini-batch on data-backed surfaces; `None` is the full batch.
    pub batch_size: Option<usize>,
    /// How the learning rate changes over the run.
    pub schedule: Schedule,
    /// A momentum run given as the lecture's rolling ball (mass, friction, time step); when set it
    /// decides `lr` and `momentum`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub physics: Option<Ball>,
}

impl Compiled {
    /// The estimated cost of its runs and of its landscape's field, in nanoseconds of one core.
    pub fn cost(&self) -> f64 {
        cost::recorded(&self.runs) + cost::field(&self.surface)
    }
}

/// A scenario field that is not allowed, with its path.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ScenarioError {
    /// Where in the document, e.g. `runs[2].optimizer.lr`.
    pub path: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// A checked scenario, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub surface: Surface,
    /// One spec per run, in order.
    pub runs: Vec<RunSpec>,
}

/// What a file's missing fields become: an empty document on Rosenbrock.
impl Default for Scenario {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            title: String::new(),
            description: String::new(),
            surface: SurfaceConfig::default(),
            view: None,
            steps: 1000,
            tol: None,
            same_start: true,
            runs: Vec::new(),
            animation: Animation::default(),
            display: Display::default(),
            sweep: SweepSettings::default(),
            basins: BasinSettings::default(),
            net: None,
        }
    }
}

impl Scenario {
    /// The scenario the window opens on the first time: Rosenbrock's valley with SGD, momentum,
    /// Nesterov and Adam from the same start.
    pub fn welcome() -> Self {
        let run = |optimizer: OptimizerConfig| RunConfig {
            start: (-1.5, 2.0),
            optimizer,
            ..Default::default()
        };
        Self {
            title: "Rosenbrock's valley".to_owned(),
            description: "SGD crawls, momentum and Nesterov overshoot and recover, Adam strides along the valley."
                .to_owned(),
            steps: 1500,
            runs: vec![
                run(OptimizerConfig::with_lr("sgd", 1e-3)),
                run(OptimizerConfig::with_lr("momentum", 1e-3)),
                run(OptimizerConfig::with_lr("nesterov", 1e-3)),
                run(OptimizerConfig::with_lr("adam", 2e-2)),
            ],
            ..Self::default()
        }
    }
}

impl Default for SurfaceConfig {
    fn default() -> Self {
        Self {
            name: "rosenbrock".to_owned(),
            params: BTreeMap::new(),
            expr: None,
        }
    }
}

fn err(path: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError {
        path: path.into(),
        message: message.into(),
    }
}

/// A core error placed at `prefix` (e.g. `runs[1].optimizer`).
fn at(prefix: &str, e: &SimError) -> ScenarioError {
    match e.field() {
        Some(field) => err(format!("{prefix}.{field}"), e.to_string()),
        None => err(prefix, e.to_string()),
    }
}

impl Scenario {
    /// The surface this scenario names, with its parameters.
    pub fn surface(&self) -> Result<Surface, ScenarioError> {
        let kind =
            SurfaceKind::from_name(&self.surface.name).map_err(|e| at("surface.name", &e))?;
        let mut surface = match (kind, &self.surface.expr) {
            (SurfaceKind::Custom, Some(text)) => Surface::custom(text)
                .map_err(|e| err("surface.expr", format!("{e} (in `{}`)", clip(text))))?,
            (SurfaceKind::Custom, None) => {
                return Err(err(
                    "surface.expr",
                    "a custom surface needs its expression, e.g. expr: \"x^2 + 10*y^2\"",
                ));
            }
            (_, Some(_)) => {
                return Err(err(
                    "surface.expr",
                    format!("only the custom surface takes an expression, not `{kind}`"),
                ));
            }
            (_, None) => Surface::new(kind),
        };
        for (name, value) in &self.surface.params {
            surface
                .set_param(name, *value)
                .map_err(|e| err(format!("surface.params.{name}"), e.to_string()))?;
        }
        Ok(surface)
    }

    /// The window to show over `surface` (the one computed for it): the scenario's, or the
    /// surface's default (for a network's slice, the slice's own grid).
    pub fn view_on(&self, surface: &Surface) -> View {
        self.view.unwrap_or_else(|| surface.default_view())
    }

    /// The window to show: the scenario's, or the surface's default.
    pub fn view_or_default(&self) -> View {
        if let (None, Ok(SurfaceKind::Custom)) =
            (self.view, SurfaceKind::from_name(&self.surface.name))
        {
            return SurfaceKind::Custom.info().view;
        }
        match (self.view, self.surface()) {
            (Some(v), _) => v,
            (None, Ok(s)) => s.default_view(),
            (None, Err(_)) => View::new(-1.0, 1.0, -1.0, 1.0),
        }
    }

    /// Checks everything and builds one [`RunSpec`] per run. A network scenario has no 2-D surface
    /// to run on: it is refused here (see [`Scenario::experiment`]).
    pub fn compile(&self) -> Result<Compiled, ScenarioError> {
        if self.net.is_some() {
            return Err(err(
                "net",
                "this scenario trains a network; the tools that run on a 2-D surface cannot take it",
            ));
        }
        self.check_document()?;
        let surface = self.surface()?;
        let runs = self
            .runs
            .iter()
            .enumerate()
            .map(|(i, run)| self.compile_run(&surface, i, run))
            .collect::<Result<_, _>>()?;
        let compiled = Compiled { surface, runs };
        cost::check(
            compiled.cost(),
            "steps",
            || {
                format!(
                    "{} runs × {} steps on {}, with its landscape,",
                    self.runs.len(),
                    self.steps,
                    cost::surface_name(&compiled.surface)
                )
            },
            if compiled.surface.kind() == SurfaceKind::Custom {
                "take fewer steps or runs, or a shorter expression"
            } else {
                "take fewer steps or runs"
            },
        )
        .map_err(|over| err(over.field, over.message))?;
        Ok(compiled)
    }

    /// The estimated cost of computing this scenario, in nanoseconds of one core ([`crate::cost`]):
    /// its runs and its landscape, or its network experiment. Checks it first.
    pub fn cost(&self) -> Result<f64, ScenarioError> {
        match self.experiment()? {
            Some(experiment) => Ok(experiment.size().cost()),
            None => Ok(self.compile()?.cost()),
        }
    }

    /// Checks the scenario, whichever kind it is.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        match self.net {
            Some(_) => self.experiment().map(drop),
            None => self.compile().map(drop),
        }
    }

    /// The checks every scenario passes: version, texts, view, step budget, tools and display.
    fn check_document(&self) -> Result<(), ScenarioError> {
        if self.version > FORMAT_VERSION {
            return Err(err(
                "version",
                format!(
                    "this file is format version {}, newer than this optiscape understands ({FORMAT_VERSION}); update optiscape to open it",
                    self.version
                ),
            ));
        }
        check_text("title", &self.title)?;
        check_text("description", &self.description)?;
        if let Some(view) = self.view {
            check_view(&view)?;
        }
        if self.steps > MAX_STEPS {
            return Err(err(
                "steps",
                format!("{} is over the cap of {MAX_STEPS} steps", self.steps),
            ));
        }
        if self.runs.len() > MAX_RUNS {
            return Err(err(
                "runs",
                format!("{} runs; at most {MAX_RUNS} are allowed", self.runs.len()),
            ));
        }
        let total = self.steps.saturating_mul(self.runs.len());
        if total > MAX_TOTAL_STEPS {
            return Err(err(
                "steps",
                format!(
                    "{} runs × {} steps is over the budget of {MAX_TOTAL_STEPS} steps in all",
                    self.runs.len(),
                    self.steps
                ),
            ));
        }
        if let Some(tol) = self.tol
            && !(tol.is_finite() && tol > 0.0)
        {
            // Checked here too, not only per run, so a scenario without runs cannot hold it.
            return Err(err(
                "tol",
                format!(
                    "tol = {} is not allowed: must be a finite number > 0",
                    shown(tol)
                ),
            ));
        }
        self.animation.check()?;
        self.sweep.check(self.runs.len())?;
        self.basins.check(self.runs.len())?;
        self.display.camera.check("display.camera")?;
        if self.display.isolines > 200 {
            return Err(err(
                "display.isolines",
                format!("{} isolines; at most 200", self.display.isolines),
            ));
        }
        Ok(())
    }

    fn compile_run(
        &self,
        surface: &Surface,
        i: usize,
        run: &RunConfig,
    ) -> Result<RunSpec, ScenarioError> {
        let path = format!("runs[{i}]");
        let optimizer = self.optimizer_of(&path, run)?;
        let spec = RunSpec {
            noise: run.noise,
            seed: run.seed,
            batch_size: run.batch_size,
            tol: self.tol,
            schedule: run.schedule,
            ..RunSpec::new(surface.clone(), optimizer, run.start(), self.steps)
        };
        spec.validate().map_err(|e| match e.field() {
            Some("tol") => at("", &e).relocated("tol"),
            Some("steps") => at("", &e).relocated("steps"),
            _ => at(&path, &e),
        })?;
        Ok(spec)
    }

    /// Run `path`'s name, colour and optimizer checked, and the optimizer built (a rolling ball
    /// deciding its lr and momentum).
    fn optimizer_of(&self, path: &str, run: &RunConfig) -> Result<Optimizer, ScenarioError> {
        check_text(&format!("{path}.name"), &run.name)?;
        if let Some(c) = &run.color
            && parse_hex(c).is_none()
        {
            return Err(err(
                format!("{path}.color"),
                format!("`{}` is not a colour written #rrggbb", clip(c)),
            ));
        }
        let kind = OptimizerKind::from_name(&run.optimizer.name)
            .map_err(|e| err(format!("{path}.optimizer.name"), e.to_string()))?;
        let mut params = run.optimizer.params();
        if let Some(ball) = run.physics {
            if kind != OptimizerKind::Momentum {
                return Err(err(
                    format!("{path}.physics"),
                    format!(
                        "the rolling ball is a momentum run; the optimizer is `{}`",
                        kind.name()
                    ),
                ));
            }
            ball.validate()
                .map_err(|e| at(&format!("{path}.physics"), &e))?;
            let (lr, beta) = ball.to_torch();
            params = params
                .with("lr", crate::sim::optim::HyperValue::F(lr))
                .with("momentum", crate::sim::optim::HyperValue::F(beta));
        }
        Optimizer::with_params(kind, &params).map_err(|e| at(&format!("{path}.optimizer"), &e))
    }
}

impl ScenarioError {
    fn relocated(mut self, path: &str) -> Self {
        self.path = path.to_owned();
        self
    }
}

fn check_view(v: &View) -> Result<(), ScenarioError> {
    let ok = |a: [f64; 2]| {
        a[0].is_finite()
            && a[1].is_finite()
            && a[0] < a[1]
            && (a[1] - a[0]) > 1e-12
            && a[0].abs() < 1e12
            && a[1].abs() < 1e12
    };
    if !ok(v.x) {
        return Err(err(
            "view.x",
            format!(
                "({}, {}) needs two finite numbers, min < max, within ±1e12",
                shown(v.x[0]),
                shown(v.x[1])
            ),
        ));
    }
    if !ok(v.y) {
        return Err(err(
            "view.y",
            format!(
                "({}, {}) needs two finite numbers, min < max, within ±1e12",
                shown(v.y[0]),
                shown(v.y[1])
            ),
        ));
    }
    Ok(())
}

fn check_text(path: &str, s: &str) -> Result<(), ScenarioError> {
    let n = s.chars().count();
    if n > MAX_TEXT {
        return Err(err(path, format!("{n} characters; at most {MAX_TEXT}")));
    }
    Ok(())
}

/// The first 40 characters of a string, for quoting user input in messages.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}
