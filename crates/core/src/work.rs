//! Work done in units, so that whoever runs it can show how far it is, stop it between two units
//! and take its results piece by piece while it runs (a sweep's rows, the rows of a network's
//! slice). [`rows`] is the one row runner of the sweep, the basin map and the tuning.
//!
//! Nothing here starts a thread: [`run`] does every unit on the caller's thread (rayon may spread
//! one unit over the cores), and the window runs the same work on a thread of its own, or a few
//! units between frames where there are no threads, through [`units`].

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub mod rows;

/// A computation done in units: [`Work::advance`] does the next one (or a few), hands over what
/// they gave and says how many are done; [`Work::finish`] turns the finished work into its result.
pub trait Work: Send {
    /// What the finished work gives.
    type Output: Send;
    /// A partial result, handed over as soon as it is computed (`()` for work that has none).
    type Piece: Send;

    /// Units in all.
    fn total(&self) -> usize;

    /// Does the next unit(s), pushing the pieces they gave onto `pieces`; returns how many units
    /// are done now (at most [`Work::total`]).
    fn advance(&mut self, pieces: &mut Vec<Self::Piece>) -> usize;

    /// The result, once every unit is done.
    fn finish(self: Box<Self>) -> Self::Output;
}

/// Units done and in all, and the request to stop, shared between a running work and whoever
/// watches it (another thread, perhaps).
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    /// No unit done of `total`.
    pub fn new(total: usize) -> Self {
        Self {
            total: AtomicUsize::new(total),
            ..Self::default()
        }
    }

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

    /// Asks the work to stop; it does at the start of its next unit.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Where [`units`] left the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Every unit is done: the work can be finished.
    Done,
    /// The progress was cancelled before the work was done.
    Cancelled,
    /// `more` said to stop for now; the work can go on later.
    Paused,
}

/// Does units of `work`, handing each piece to `piece` as soon as its unit is done, until the work
/// is done or cancelled, or `more` (asked before every unit but the first, so each call moves the
/// work on) says to stop for now. `progress` keeps the units done between calls.
pub fn units<W: Work + ?Sized>(
    work: &mut W,
    progress: &Progress,
    piece: &mut dyn FnMut(W::Piece),
    more: &mut dyn FnMut() -> bool,
) -> Stop {
    let mut first = true;
    let mut pieces = Vec::new();
    loop {
        // A work may learn its size only as it goes (an animation counts its frames once set up).
        let total = work.total();
        progress.total.store(total, Ordering::Relaxed);
        if progress.done.load(Ordering::Relaxed) >= total {
            return Stop::Done;
        }
        if progress.cancelled() {
            return Stop::Cancelled;
        }
        if !first && !more() {
            return Stop::Paused;
        }
        first = false;
        let done = work.advance(&mut pieces);
        progress.done.store(done, Ordering::Relaxed);
        pieces.drain(..).for_each(&mut *piece);
    }
}

/// Does all of `work` on this thread, handing each piece to `piece` as it comes; `None` if
/// `progress` is cancelled before the end.
pub fn run<W: Work>(
    mut work: W,
    progress: &Progress,
    mut piece: impl FnMut(W::Piece),
) -> Option<W::Output> {
    progress.done.store(0, Ordering::Relaxed);
    match units(&mut work, progress, &mut piece, &mut || true) {
        Stop::Done => Some(Box::new(work).finish()),
        Stop::Cancelled | Stop::Paused => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Adds 0, 1, 2, … one number per unit, each number a piece.
    struct Count {
        n: usize,
        at: usize,
        sum: usize,
    }

    impl Work for Count {
        type Output = usize;
        type Piece = usize;
        fn total(&self) -> usize {
            self.n
        }
        fn advance(&mut self, pieces: &mut Vec<usize>) -> usize {
            self.sum += self.at;
            pieces.push(self.at);
            self.at += 1;
            self.at
        }
        fn finish(self: Box<Self>) -> usize {
            self.sum
        }
    }

    fn count(n: usize) -> Count {
        Count { n, at: 0, sum: 0 }
    }

    #[test]
    fn a_run_hands_over_every_piece_in_order_and_they_add_up_to_the_result() {
        let mut pieces = Vec::new();
        let progress = Progress::default();
        let out = run(count(100), &progress, |p| pieces.push(p));
        assert_eq!(pieces, (0..100).collect::<Vec<_>>());
        assert_eq!(out, Some(pieces.iter().sum()));
        assert_eq!(progress.get(), (100, 100));
    }

    #[test]
    fn paused_work_goes_on_where_it_stopped_and_a_cancel_stops_it() {
        let (mut work, progress) = (count(10), Progress::new(10));
        let mut pieces = Vec::new();
        let mut asked = 0;
        let mut twice = || {
            asked += 1;
            asked < 2
        };
        let stop = units(&mut work, &progress, &mut |p| pieces.push(p), &mut twice);
        assert_eq!((stop, progress.get()), (Stop::Paused, (2, 10)));
        assert_eq!(
            pieces,
            [0, 1],
            "the pieces of the units done, before the end"
        );
        progress.cancel();
        let stop = units(&mut work, &progress, &mut |p| pieces.push(p), &mut || true);
        assert_eq!((stop, progress.get()), (Stop::Cancelled, (2, 10)));
        assert_eq!(pieces, [0, 1]);
        assert_eq!(run(count(10), &progress, |_| {}), None);
    }

    #[test]
    fn work_with_nothing_to_do_is_done_at_once() {
        let mut pieces = Vec::new();
        assert_eq!(
            run(count(0), &Progress::default(), |p| pieces.push(p)),
            Some(0)
        );
        assert!(pieces.is_empty());
    }
}
