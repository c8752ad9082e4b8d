//! Runs: an optimizer walking a surface from a start point, with optional gradient noise and
//! mini-batches, stopping at divergence, at a gradient tolerance or after the requested steps.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

mod walks;
mod whole;

pub use walks::{Outcome, Replay};
use whole::RunAll;

use super::optim::{RuleVisitor, StateValue, UpdateRule};
use super::schedule::Schedule;
use super::surface::polynomial::{AnySurface, Objective};
use super::{MAX_STEPS, Optimizer, SimError, Step, Surface, V2, is_finite};

/// Everything that determines a trajectory.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSpec {
    pub surface: Surface,
    pub optimizer: Optimizer,
    pub start: V2,
    /// Updates to take (at most [`MAX_STEPS`]).
    pub steps: usize,
    /// Standard deviation σ of the Gaussian noise added to each gradient coordinate.
    pub noise: f64,
    /// Seed of the noise and of the mini-batch shuffling: same seed, same path.
    pub seed: u64,
    /// Samples per mini-batch on data-backed surfaces; `None` is the full batch.
    pub batch_size: Option<usize>,
    /// Stop once ‖∇f‖ < tol on the full objective.
    pub tol: Option<f64>,
    /// How the learning rate changes from step to step.
    pub schedule: Schedule,
}

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// All requested steps were taken.
    MaxSteps,
    /// ‖∇f‖ fell below the tolerance.
    Converged,
    /// An iterate or its loss stopped being finite.
    Diverged,
}

/// The path of a run. `points[i]` is the iterate after `i` steps and `losses[i]` = f(`points[i]`) on
/// the full objective. `stopped_at` is, for a diverged run, the index of the first non-finite iterate
/// (so `points.len() == stopped_at`), for a converged run the index of the iterate whose gradient
/// met the tolerance (the last one), and `None` otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    pub points: Vec<V2>,
    pub losses: Vec<f64>,
    pub status: Status,
    pub stopped_at: Option<usize>,
}

impl Default for Trajectory {
    fn default() -> Self {
        Self {
            points: Vec::new(),
            losses: Vec::new(),
            status: Status::MaxSteps,
            stopped_at: None,
        }
    }
}

impl Trajectory {
    /// The number of steps taken (one less than the number of points; 0 if none).
    pub fn steps_taken(&self) -> usize {
        self.points.len().saturating_sub(1)
    }

    /// The last finite iterate.
    pub fn last_point(&self) -> Option<V2> {
        self.points.last().copied()
    }

    /// The loss at the last finite iterate.
    pub fn final_loss(&self) -> Option<f64> {
        self.losses.last().copied()
    }
}

/// A run rewound to step `k`: the iterate, the optimizer state after `k` updates, and the update that
/// leads on to step `k + 1` (absent at the end of the run).
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub index: usize,
    pub point: V2,
    pub loss: f64,
    /// ∇f at the point, on the full objective.
    pub grad: V2,
    pub state: Vec<(&'static str, StateValue)>,
    pub next: Option<Step>,
}

impl RunSpec {
    /// A noise-free, full-batch run without tolerance.
    pub fn new(surface: Surface, optimizer: Optimizer, start: V2, steps: usize) -> Self {
        Self {
            surface,
            optimizer,
            start,
            steps,
            noise: 0.0,
            seed: 0,
            batch_size: None,
            tol: None,
            schedule: Schedule::Constant,
        }
    }

    /// Checks the run's own settings (the surface and optimizer check themselves when built).
    pub fn validate(&self) -> Result<(), SimError> {
        if !is_finite(self.start) {
            return Err(SimError::invalid(
                "start",
                format!("{},{}", self.start.x, self.start.y),
                "must be two finite numbers",
            ));
        }
        if self.steps > MAX_STEPS {
            return Err(SimError::invalid(
                "steps",
                self.steps,
                "must be at most 1000000",
            ));
        }
        if !(self.noise.is_finite() && self.noise >= 0.0) {
            return Err(SimError::invalid(
                "noise",
                self.noise,
                "must be a finite number ≥ 0",
            ));
        }
        if let Some(tol) = self.tol
            && !(tol.is_finite() && tol > 0.0)
        {
            return Err(SimError::invalid("tol", tol, "must be a finite number > 0"));
        }
        self.schedule.validate()?;
        if let Some(b) = self.batch_size {
            let Some(n) = self.surface.sample_count() else {
                return Err(SimError::invalid(
                    "batch_size",
                    b,
                    format!(
                        "surface `{}` is not an average over samples; batches need linreg or logreg",
                        self.surface.kind()
                    ),
                ));
            };
            if b == 0 || b > n {
                return Err(SimError::invalid(
                    "batch_size",
                    b,
                    format!("must be from 1 to {n}"),
                ));
            }
        }
        Ok(())
    }

    /// Computes the trajectory. Never panics and always ends: at most `steps` updates.
    pub fn run(&self) -> Trajectory {
        self.run_into(Trajectory::default())
    }

    /// [`Self::run`], reusing the buffers of an earlier trajectory (no new allocation when they are
    /// large enough, which keeps a live slider drag free of page faults).
    pub fn run_into(&self, previous: Trajectory) -> Trajectory {
        self.optimizer.visit(RunAll(self, previous))
    }

    /// Replays the run to step `k` (clamped to the run's end) and reports the state there exactly.
    pub fn snapshot(&self, k: usize) -> Option<Snapshot> {
        self.replay().seek(k)
    }
}

/// Where the gradient the optimizer sees comes from.
trait GradSource: Clone + Send + 'static {
    fn grad(&mut self, surface: &Surface, x: V2, full: V2) -> V2;
}

/// The exact full gradient. A separate, empty type keeps the common case's loop free of the random
/// generator, so its state stays in registers.
#[derive(Clone)]
struct Exact;

impl GradSource for Exact {
    #[inline(always)]
    fn grad(&mut self, _: &Surface, _: V2, full: V2) -> V2 {
        full
    }
}

/// A noisy and/or mini-batch gradient from a seeded generator.
#[derive(Clone)]
struct Sampled {
    rng: ChaCha8Rng,
    sigma: f64,
    batch: Option<Batches>,
}

/// Mini-batches as a shuffled data loader makes them: each epoch a new permutation, cut in chunks.
#[derive(Clone)]
struct Batches {
    order: Vec<u32>,
    size: usize,
    pos: usize,
}

impl Sampled {
    fn new(spec: &RunSpec) -> Self {
        let n = spec.surface.sample_count().unwrap_or(0);
        let batch = spec.batch_size.filter(|&b| b < n).map(|size| Batches {
            order: (0..n as u32).collect(),
            size,
            pos: n,
        });
        Self {
            rng: ChaCha8Rng::seed_from_u64(spec.seed),
            sigma: spec.noise,
            batch,
        }
    }

    /// Whether the run needs sampling at all; a full batch without noise is exact.
    fn needed(spec: &RunSpec) -> bool {
        let n = spec.surface.sample_count().unwrap_or(0);
        spec.noise > 0.0 || spec.batch_size.is_some_and(|b| b < n)
    }
}

impl GradSource for Sampled {
    #[inline(always)]
    fn grad(&mut self, surface: &Surface, x: V2, full: V2) -> V2 {
        let mut g = match &mut self.batch {
            None => full,
            Some(b) => {
                if b.pos >= b.order.len() {
                    b.order.shuffle(&mut self.rng);
                    b.pos = 0;
                }
                let end = (b.pos + b.size).min(b.order.len());
                let g = surface.batch_grad(x, &b.order[b.pos..end]);
                b.pos = end;
                g
            }
        };
        if self.sigma > 0.0 {
            let nx: f64 = StandardNormal.sample(&mut self.rng);
            let ny: f64 = StandardNormal.sample(&mut self.rng);
            g += V2::new(nx, ny) * self.sigma;
        }
        g
    }
}

/// One walk along a run, step by step; `run` and `snapshot` share it so they cannot disagree.
#[derive(Clone)]
struct Walker<R: UpdateRule, S: GradSource> {
    course: Course<S>,
    pos: Pos<R>,
}

/// What a walk reads but does not change (the gradient source aside). Kept apart from [`Pos`] so a
/// loop can hold the position in locals, i.e. in registers, while this stays in memory: the surface's
/// evaluation takes its address, which would otherwise pin the whole walk to the stack.
#[derive(Clone)]
struct Course<S: GradSource> {
    spec: Box<RunSpec>,
    source: S,
    base_lr: f64,
}

/// Where a walk stands: the optimizer (whose lr a schedule changes) and its memory, the iterate with
/// its loss and full gradient, and the steps taken so far (the scheduler's t).
#[derive(Clone)]
struct Pos<R: UpdateRule> {
    rule: R,
    state: R::State<V2>,
    x: V2,
    loss: f64,
    full_grad: V2,
    t: usize,
}

/// How a walk cannot continue.
enum Halt {
    Converged,
    Diverged,
}

impl<R: UpdateRule, S: GradSource> Walker<R, S> {
    fn new(spec: &RunSpec, rule: &R, source: S) -> Self {
        let (loss, full_grad) = spec.surface.value_grad(spec.start);
        Self {
            course: Course {
                spec: Box::new(spec.clone()),
                source,
                base_lr: spec.optimizer.lr(),
            },
            pos: Pos {
                rule: *rule,
                state: rule.init(&spec.start),
                x: spec.start,
                loss,
                full_grad,
                t: 0,
            },
        }
    }

    fn spec(&self) -> &RunSpec {
        &self.course.spec
    }

    fn start_is_finite(&self) -> bool {
        is_finite(self.pos.x) && self.pos.loss.is_finite()
    }

    /// Takes one update; on success the walker stands at a new finite iterate.
    fn advance(&mut self) -> Result<Step, Halt> {
        if self.course.spec.schedule.is_constant() {
            self.course
                .advance::<R, _, false>(&mut self.pos, AnySurface)
        } else {
            self.course.advance::<R, _, true>(&mut self.pos, AnySurface)
        }
    }
}

impl<S: GradSource> Course<S> {
    #[inline(always)]
    fn converged<R: UpdateRule>(&self, pos: &Pos<R>) -> bool {
        self.spec.tol.is_some_and(|tol| pos.full_grad.norm() < tol)
    }

    /// Takes one update from `pos`; on success `pos` is a new finite iterate, otherwise unchanged
    /// but for the optimizer's memory.
    #[inline(always)]
    fn advance<R: UpdateRule, O: Objective, const SCHEDULED: bool>(
        &mut self,
        pos: &mut Pos<R>,
        objective: O,
    ) -> Result<Step, Halt> {
        if self.converged(pos) {
            return Err(Halt::Converged);
        }
        if SCHEDULED {
            pos.rule.set_lr(self.spec.schedule.lr(self.base_lr, pos.t));
        }
        pos.t += 1;
        let g = self.source.grad(&self.spec.surface, pos.x, pos.full_grad);
        let step = pos.rule.step(&mut pos.state, &pos.x, &g);
        if !is_finite(step.next) {
            return Err(Halt::Diverged);
        }
        let (loss, full_grad) = objective.value_grad(&self.spec.surface, step.next);
        if !loss.is_finite() {
            return Err(Halt::Diverged);
        }
        pos.x = step.next;
        pos.loss = loss;
        pos.full_grad = full_grad;
        Ok(step)
    }
}
