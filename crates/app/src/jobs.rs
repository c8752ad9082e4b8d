//! Long computations the window must not wait for — recomputing heavy runs, sweeps, basin maps,
//! animation export — as one kind of background job: split into units, with progress, a cancel flag
//! and a result.
//!
//! A job runs on a thread where there are threads. Where there are none (the web edition), the same
//! work is done a few units at a time between frames by [`Job::poll`], within a time budget, so the
//! page never freezes. The work itself cannot tell the difference.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use web_time::Instant;

/// A computation done in units: [`Work::advance`] does the next one (or a few) and says how many are
/// done; [`Work::finish`] turns the finished work into its result.
pub trait Work: Send + 'static {
    type Output: Send + 'static;

    /// Units in all.
    fn total(&self) -> usize;

    /// Does the next unit(s); returns how many units are done now (at most [`Work::total`]).
    fn advance(&mut self) -> usize;

    /// The result, once every unit is done.
    fn finish(self: Box<Self>) -> Self::Output;
}

/// Units done and in all, and the request to stop, shared between a job and whoever watches it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    /// (units done, units in all).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The fraction done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.get();
        done as f32 / total.max(1) as f32
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// How a job ended.
#[derive(Debug)]
pub enum Outcome<T> {
    Done(T),
    Cancelled,
    /// The work panicked; the message says so.
    Failed(String),
}

enum Runner<T> {
    Thread(JoinHandle<Option<T>>),
    Sliced(Box<dyn Work<Output = T>>),
    Over,
}

/// A computation running in the background.
pub struct Job<T: Send + 'static> {
    progress: Arc<Progress>,
    runner: Runner<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` the way this platform allows: on a thread natively, in slices on the web.
    pub fn start<W: Work<Output = T>>(work: W) -> Self {
        if cfg!(target_arch = "wasm32") {
            Self::sliced(work)
        } else {
            Self::threaded(work)
        }
    }

    /// Starts `work` on a thread of its own.
    pub fn threaded<W: Work<Output = T>>(mut work: W) -> Self {
        let progress = Self::progress_of(&work);
        let p = progress.clone();
        let handle = std::thread::spawn(move || {
            let total = work.total();
            let mut done = 0;
            while done < total {
                if p.cancelled() {
                    return None;
                }
                done = work.advance();
                p.done.store(done, Ordering::Relaxed);
            }
            Some(Box::new(work).finish())
        });
        Self {
            progress,
            runner: Runner::Thread(handle),
        }
    }

    /// Prepares `work` to be done by [`Job::poll`], a slice at a time, on the caller's thread.
    pub fn sliced<W: Work<Output = T>>(work: W) -> Self {
        Self {
            progress: Self::progress_of(&work),
            runner: Runner::Sliced(Box::new(work)),
        }
    }

    fn progress_of<W: Work<Output = T>>(work: &W) -> Arc<Progress> {
        let progress = Arc::new(Progress::default());
        progress.total.store(work.total(), Ordering::Relaxed);
        progress
    }

    /// The shared progress (for a progress bar, or for the work to watch the cancel flag).
    pub fn progress(&self) -> &Arc<Progress> {
        &self.progress
    }

    /// Asks the job to stop; it ends as [`Outcome::Cancelled`] at the next unit.
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the job has not ended yet.
    pub fn running(&self) -> bool {
        !matches!(self.runner, Runner::Over)
    }

    /// Moves the job on: a sliced job works for up to `budget`, a threaded one is only looked at.
    /// Returns how it ended, once, when it has.
    pub fn poll(&mut self, budget: Duration) -> Option<Outcome<T>> {
        match &mut self.runner {
            Runner::Over => None,
            Runner::Thread(handle) if !handle.is_finished() => None,
            Runner::Thread(_) => {
                let Runner::Thread(handle) = std::mem::replace(&mut self.runner, Runner::Over)
                else {
                    return None;
                };
                Some(match handle.join() {
                    Ok(Some(out)) => Outcome::Done(out),
                    Ok(None) => Outcome::Cancelled,
                    Err(_) => Outcome::Failed("the computation failed".to_owned()),
                })
            }
            Runner::Sliced(work) => {
                let started = Instant::now();
                let total = work.total();
                let mut done = self.progress.done.load(Ordering::Relaxed);
                while done < total && !self.progress.cancelled() {
                    done = work.advance();
                    self.progress.done.store(done, Ordering::Relaxed);
                    if started.elapsed() >= budget {
                        break;
                    }
                }
                if self.progress.cancelled() {
                    self.runner = Runner::Over;
                    return Some(Outcome::Cancelled);
                }
                if done < total {
                    return None;
                }
                let Runner::Sliced(work) = std::mem::replace(&mut self.runner, Runner::Over) else {
                    return None;
                };
                Some(Outcome::Done(work.finish()))
            }
        }
    }

    /// Waits for the end (tests and the command line).
    pub fn wait(mut self) -> Outcome<T> {
        loop {
            if let Some(out) = self.poll(Duration::from_millis(50)) {
                return out;
            }
            if matches!(self.runner, Runner::Thread(_)) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
}

impl<T: Send + 'static> Drop for Job<T> {
    /// A job nobody waits for any more stops at its next unit instead of running on unseen.
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sums 0..n one number per unit.
    struct Sum {
        n: usize,
        at: usize,
        sum: usize,
    }

    impl Work for Sum {
        type Output = usize;
        fn total(&self) -> usize {
            self.n
        }
        fn advance(&mut self) -> usize {
            self.sum += self.at;
            self.at += 1;
            self.at
        }
        fn finish(self: Box<Self>) -> usize {
            self.sum
        }
    }

    fn sum(n: usize) -> Sum {
        Sum { n, at: 0, sum: 0 }
    }

    #[test]
    fn a_threaded_and_a_sliced_job_give_the_same_result() {
        for job in [Job::threaded(sum(1000)), Job::sliced(sum(1000))] {
            match job.wait() {
                Outcome::Done(s) => assert_eq!(s, 999 * 1000 / 2),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_sliced_job_works_only_when_polled_and_reports_progress() {
        let mut job = Job::sliced(sum(10));
        assert_eq!(job.progress().get(), (0, 10));
        // A zero budget still does one unit per poll, so the work always moves on.
        assert!(job.poll(Duration::ZERO).is_none());
        assert_eq!(job.progress().get(), (1, 10));
        for _ in 0..8 {
            assert!(job.poll(Duration::ZERO).is_none());
        }
        assert!(matches!(job.poll(Duration::ZERO), Some(Outcome::Done(45))));
        assert!(!job.running());
        assert!(
            job.poll(Duration::ZERO).is_none(),
            "an ended job reports once"
        );
    }

    #[test]
    fn a_cancelled_job_says_so() {
        let mut job = Job::sliced(sum(10));
        job.cancel();
        assert!(matches!(
            job.poll(Duration::from_secs(1)),
            Some(Outcome::Cancelled)
        ));
        let job = Job::threaded(sum(usize::MAX));
        job.cancel();
        assert!(matches!(job.wait(), Outcome::Cancelled));
    }
}
