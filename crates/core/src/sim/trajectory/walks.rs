//! Two other ways to walk a run: to its end without keeping the path (what sweeps and basin maps
//! need from thousands of runs), and resumably, so the window can show the exact state at any step.

use super::whole::{WholeWalk, walk_whole};
use super::*;

/// How a run ended, without its path: what sweeps and basin maps need from thousands of runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub status: Status,
    /// As in [`Trajectory::stopped_at`].
    pub stopped_at: Option<usize>,
    /// The last finite iterate and its loss (none if the start was not finite).
    pub last: Option<(V2, f64)>,
    pub steps_taken: usize,
}

struct RunOutcome<'a>(&'a RunSpec);

impl RuleVisitor for RunOutcome<'_> {
    type Output = Outcome;

    fn visit<R: UpdateRule>(self, rule: &R) -> Outcome {
        if Sampled::needed(self.0) {
            outcome(Walker::new(self.0, rule, Sampled::new(self.0)))
        } else {
            outcome(Walker::new(self.0, rule, Exact))
        }
    }
}

fn outcome<R: UpdateRule, S: GradSource>(walker: Walker<R, S>) -> Outcome {
    walk_whole(walker, EndOnly)
}

/// Only where the walk ends.
struct EndOnly;

impl<R: UpdateRule, S: GradSource> WholeWalk<R, S> for EndOnly {
    type Output = Outcome;

    fn walk<O: Objective, const SCHEDULED: bool>(
        self,
        walker: Walker<R, S>,
        objective: O,
    ) -> Outcome {
        if !walker.start_is_finite() {
            return Outcome {
                status: Status::Diverged,
                stopped_at: Some(0),
                last: None,
                steps_taken: 0,
            };
        }
        let steps = walker.spec().steps.min(MAX_STEPS);
        let Walker {
            mut course,
            mut pos,
        } = walker;
        let mut taken = 0;
        let (status, stopped_at) = loop {
            if taken == steps {
                break if course.converged(&pos) {
                    (Status::Converged, Some(taken))
                } else {
                    (Status::MaxSteps, None)
                };
            }
            match course.advance::<R, O, SCHEDULED>(&mut pos, objective) {
                Ok(_) => taken += 1,
                Err(Halt::Converged) => break (Status::Converged, Some(taken)),
                Err(Halt::Diverged) => break (Status::Diverged, Some(taken + 1)),
            }
        };
        Outcome {
            status,
            stopped_at,
            last: Some((pos.x, pos.loss)),
            steps_taken: taken,
        }
    }
}

/// A run that can be shown at any step: forwards it resumes where it stood, backwards it replays
/// from the start, so every state is exact and playback costs one update per step.
pub struct Replay {
    inner: Option<Box<dyn Seek>>,
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Replay")
    }
}

trait Seek: Send {
    fn seek(&mut self, k: usize) -> Snapshot;
}

struct Resumable<R: UpdateRule, S: GradSource> {
    start: Walker<R, S>,
    walker: Walker<R, S>,
    index: usize,
    halted: bool,
}

impl<R: UpdateRule, S: GradSource> Seek for Resumable<R, S> {
    fn seek(&mut self, k: usize) -> Snapshot {
        let steps = self.start.spec().steps.min(MAX_STEPS);
        let k = k.min(steps);
        if k < self.index {
            self.walker = self.start.clone();
            self.index = 0;
            self.halted = false;
        }
        while self.index < k && !self.halted {
            match self.walker.advance() {
                Ok(_) => self.index += 1,
                Err(_) => self.halted = true,
            }
        }
        let w = &self.walker;
        // The update that leads on, taken on a copy so the walker stays where it is.
        let next = if self.index < steps && !self.halted {
            w.clone().advance().ok()
        } else {
            None
        };
        Snapshot {
            index: self.index,
            point: w.pos.x,
            loss: w.pos.loss,
            grad: w.pos.full_grad,
            state: w.pos.rule.readout(&w.pos.state),
            next,
        }
    }
}

struct MakeReplay<'a>(&'a RunSpec);

impl RuleVisitor for MakeReplay<'_> {
    type Output = Option<Box<dyn Seek>>;

    fn visit<R: UpdateRule>(self, rule: &R) -> Option<Box<dyn Seek>> {
        fn boxed<R: UpdateRule, S: GradSource>(w: Walker<R, S>) -> Option<Box<dyn Seek>> {
            if !w.start_is_finite() {
                return None;
            }
            Some(Box::new(Resumable {
                start: w.clone(),
                walker: w,
                index: 0,
                halted: false,
            }))
        }
        if Sampled::needed(self.0) {
            boxed(Walker::new(self.0, rule, Sampled::new(self.0)))
        } else {
            boxed(Walker::new(self.0, rule, Exact))
        }
    }
}

impl Replay {
    /// The state at step `k` (clamped to where the run ended); `None` if the start is not finite.
    pub fn seek(&mut self, k: usize) -> Option<Snapshot> {
        self.inner.as_mut().map(|s| s.seek(k))
    }
}

impl RunSpec {
    /// How the run ends, computed without keeping its path (the same walk as [`Self::run`]).
    pub fn outcome(&self) -> Outcome {
        self.optimizer.visit(RunOutcome(self))
    }

    /// A replay of this run.
    pub fn replay(&self) -> Replay {
        Replay {
            inner: self.optimizer.visit(MakeReplay(self)),
        }
    }
}
