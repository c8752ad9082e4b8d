//! Walking a whole run, written once for every loop variant: the common case, a constant learning
//! rate on a polynomial surface, gets a loop with no call in it (see `surface::polynomial`).

use super::*;

pub(super) struct RunAll<'a>(pub(super) &'a RunSpec, pub(super) Trajectory);

impl RuleVisitor for RunAll<'_> {
    type Output = Trajectory;

    fn visit<R: UpdateRule>(self, rule: &R) -> Trajectory {
        let RunAll(spec, out) = self;
        if Sampled::needed(spec) {
            run_all(Walker::new(spec, rule, Sampled::new(spec)), out)
        } else {
            run_all(Walker::new(spec, rule, Exact), out)
        }
    }
}

/// A walk over a whole run, written once for every loop variant [`walk_whole`] picks.
pub(super) trait WholeWalk<R: UpdateRule, S: GradSource> {
    type Output;
    fn walk<O: Objective, const SCHEDULED: bool>(
        self,
        walker: Walker<R, S>,
        objective: O,
    ) -> Self::Output;
}

/// Walks `w` in the loop variant that fits the run. The common case, a constant learning rate on a
/// polynomial surface, gets a loop with no call in it (see `surface::polynomial`; schedules call
/// `exp`, `cos` or `powi`), which runs half as fast again as the general one.
pub(super) fn walk_whole<R: UpdateRule, S: GradSource, W: WholeWalk<R, S>>(
    walker: Walker<R, S>,
    w: W,
) -> W::Output {
    let spec = walker.spec();
    match (spec.schedule.is_constant(), spec.surface.polynomial()) {
        (true, Some(p)) => w.walk::<_, false>(walker, p),
        (true, None) => w.walk::<_, false>(walker, AnySurface),
        (false, _) => w.walk::<_, true>(walker, AnySurface),
    }
}

/// Walks to the end, writing into `out`'s buffers (their capacity is reused).
fn run_all<R: UpdateRule, S: GradSource>(walker: Walker<R, S>, out: Trajectory) -> Trajectory {
    walk_whole(walker, KeepPath(out))
}

/// The whole path, written into the buffers of an earlier trajectory.
struct KeepPath(Trajectory);

impl<R: UpdateRule, S: GradSource> WholeWalk<R, S> for KeepPath {
    type Output = Trajectory;

    fn walk<O: Objective, const SCHEDULED: bool>(
        self,
        walker: Walker<R, S>,
        objective: O,
    ) -> Trajectory {
        keep_path::<R, S, O, SCHEDULED>(walker, self.0, objective)
    }
}

fn keep_path<R: UpdateRule, S: GradSource, O: Objective, const SCHEDULED: bool>(
    walker: Walker<R, S>,
    out: Trajectory,
    objective: O,
) -> Trajectory {
    let steps = walker.spec().steps.min(MAX_STEPS);
    let Trajectory {
        mut points,
        mut losses,
        ..
    } = out;
    points.clear();
    losses.clear();
    points.reserve(steps + 1);
    losses.reserve(steps + 1);
    let finish = |points, losses, status, stopped_at| Trajectory {
        points,
        losses,
        status,
        stopped_at,
    };
    if !walker.start_is_finite() {
        return finish(points, losses, Status::Diverged, Some(0));
    }
    let Walker {
        mut course,
        mut pos,
    } = walker;
    points.push(pos.x);
    losses.push(pos.loss);
    // Iterates go to a small buffer first and reach the vectors a chunk at a time: a `push` that may
    // grow its vector is a call, and a call in the loop would make it keep the walk in memory.
    const CHUNK: usize = 256;
    let mut xs = [V2::zeros(); CHUNK];
    let mut fs = [0.0; CHUNK];
    let mut left = steps;
    let halt = loop {
        let n = left.min(CHUNK);
        let mut done = 0;
        let mut halt = None;
        while done < n {
            match course.advance::<R, O, SCHEDULED>(&mut pos, objective) {
                Ok(_) => {
                    xs[done] = pos.x;
                    fs[done] = pos.loss;
                    done += 1;
                }
                Err(h) => {
                    halt = Some(h);
                    break;
                }
            }
        }
        points.extend_from_slice(&xs[..done]);
        losses.extend_from_slice(&fs[..done]);
        left -= done;
        if halt.is_some() || left == 0 {
            break halt;
        }
    };
    match halt {
        Some(Halt::Converged) => {
            let at = points.len() - 1;
            finish(points, losses, Status::Converged, Some(at))
        }
        Some(Halt::Diverged) => {
            let at = points.len();
            finish(points, losses, Status::Diverged, Some(at))
        }
        None if course.converged(&pos) => {
            let at = points.len() - 1;
            finish(points, losses, Status::Converged, Some(at))
        }
        None => finish(points, losses, Status::MaxSteps, None),
    }
}
