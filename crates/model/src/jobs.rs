//! Long computations the window must not wait for — recomputing heavy runs, sweeps, basin maps,
//! tunings, a network's training and slice, animation export — as one kind of background job over
//! the core's [`Work`]: units with progress and a cancel flag, pieces of the result that the window
//! takes while the job runs ([`Job::take_pieces`]: a sweep's rows, the slice so far), and the result.
//!
//! A job runs on a thread where there are threads. Where there are none (the web edition), the same
//! work is done a few units at a time between frames by [`Job::poll`], within a time budget, so the
//! page never freezes. Neither the work nor whoever takes its pieces can tell the difference.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use web_time::Instant;

use optiscape_core::work::{self, Stop};
pub use optiscape_core::work::{Progress, Work};

/// How a job ended.
#[derive(Debug)]
pub enum Outcome<T> {
    Done(T),
    /// Stopped on request: the pieces handed over are what was done.
    Cancelled,
    /// The work panicked; the message says so.
    Failed(String),
}

enum Runner<T, P> {
    Thread(JoinHandle<Option<T>>),
    Sliced(Box<dyn Work<Output = T, Piece = P>>, Sender<P>),
    Over,
}

/// A computation running in the background, handing over pieces of type `P` as it goes.
pub struct Job<T: Send + 'static, P: Send + 'static = ()> {
    progress: Arc<Progress>,
    pieces: Receiver<P>,
    runner: Runner<T, P>,
}

impl<T: Send + 'static, P: Send + 'static> Job<T, P> {
    /// Starts `work` the way this platform allows: on a thread natively, in slices on the web.
    pub fn start<W: Work<Output = T, Piece = P> + 'static>(work: W) -> Self {
        if cfg!(target_arch = "wasm32") {
            Self::sliced(work)
        } else {
            Self::threaded(work)
        }
    }

    /// Starts `work` on a thread of its own.
    pub fn threaded<W: Work<Output = T, Piece = P> + 'static>(work: W) -> Self {
        let progress = Arc::new(Progress::new(work.total()));
        let (sender, pieces) = mpsc::channel();
        let shared = progress.clone();
        let handle = std::thread::spawn(move || {
            // A piece nobody is left to take is dropped; the dropped job's cancel ends the work.
            work::run(work, &shared, |piece| {
                let _ = sender.send(piece);
            })
        });
        Self {
            progress,
            pieces,
            runner: Runner::Thread(handle),
        }
    }

    /// Prepares `work` to be done by [`Job::poll`], a slice at a time, on the caller's thread.
    pub fn sliced<W: Work<Output = T, Piece = P> + 'static>(work: W) -> Self {
        let (sender, pieces) = mpsc::channel();
        Self {
            progress: Arc::new(Progress::new(work.total())),
            pieces,
            runner: Runner::Sliced(Box::new(work), sender),
        }
    }

    /// Units done and in all.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Asks the job to stop; it ends as [`Outcome::Cancelled`] at the next unit.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// Whether the job has not ended yet.
    pub fn running(&self) -> bool {
        !matches!(self.runner, Runner::Over)
    }

    /// The pieces handed over since the last call, in the order they came. After the end too: the
    /// last pieces of a finished job, or what a cancelled or failed one did before it stopped.
    pub fn take_pieces(&self) -> Vec<P> {
        self.pieces.try_iter().collect()
    }

    /// Moves the job on: a sliced job works for up to `budget` (at least one unit), a threaded one
    /// is only looked at. Returns how it ended, once, when it has.
    pub fn poll(&mut self, budget: Duration) -> Option<Outcome<T>> {
        match &mut self.runner {
            Runner::Over => None,
            Runner::Thread(handle) if !handle.is_finished() => None,
            Runner::Thread(_) => {
                let Runner::Thread(handle) = self.end() else {
                    return None;
                };
                Some(match handle.join() {
                    Ok(Some(out)) => Outcome::Done(out),
                    Ok(None) => Outcome::Cancelled,
                    Err(panic) => Outcome::Failed(failure(panic.as_ref())),
                })
            }
            Runner::Sliced(work, sender) => {
                let outcome = match slice(work.as_mut(), sender, &self.progress, budget) {
                    Ok(Stop::Paused) => return None,
                    Ok(Stop::Cancelled) => Outcome::Cancelled,
                    Err(e) => Outcome::Failed(e),
                    Ok(Stop::Done) => {
                        let Runner::Sliced(work, _) = self.end() else {
                            return None;
                        };
                        caught(|| work.finish()).map_or_else(Outcome::Failed, Outcome::Done)
                    }
                };
                self.runner = Runner::Over;
                Some(outcome)
            }
        }
    }

    fn end(&mut self) -> Runner<T, P> {
        std::mem::replace(&mut self.runner, Runner::Over)
    }

    /// Waits for the end (tests); the pieces stay to be taken.
    pub fn wait(&mut self) -> Outcome<T> {
        loop {
            if !self.running() {
                return Outcome::Failed("the job had ended before it was waited for".to_owned());
            }
            if let Some(out) = self.poll(Duration::from_millis(50)) {
                return out;
            }
            if matches!(self.runner, Runner::Thread(_)) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
}

impl<T: Send + 'static, P: Send + 'static> Drop for Job<T, P> {
    /// A job nobody waits for any more stops at its next unit instead of running on unseen.
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Does units of a sliced job's work for up to `budget` (at least one), handing its pieces to
/// `sender`. A panic is caught so that it fails the job instead of the page.
fn slice<T: Send, P: Send>(
    work: &mut dyn Work<Output = T, Piece = P>,
    sender: &Sender<P>,
    progress: &Progress,
    budget: Duration,
) -> Result<Stop, String> {
    let started = Instant::now();
    caught(|| {
        let mut hand = |piece| {
            let _ = sender.send(piece);
        };
        work::units(work, progress, &mut hand, &mut || {
            started.elapsed() < budget
        })
    })
}

/// `f()`, or what its panic said.
fn caught<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|panic| failure(panic.as_ref()))
}

/// The message of a failed job from its panic's payload.
fn failure(panic: &(dyn Any + Send)) -> String {
    let said = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned());
    match said {
        Some(said) => format!("the computation failed: {said}"),
        None => "the computation failed".to_owned(),
    }
}

#[cfg(test)]
#[path = "jobs_tests.rs"]
mod tests;
