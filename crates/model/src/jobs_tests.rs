//! Tests of the jobs: results, pieces before the end, progress, cancel and panics, threaded and
//! sliced.

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::*;

/// Adds 0, 1, 2, … one number per unit, each number a piece.
struct Sum {
    n: usize,
    at: usize,
    sum: usize,
}

impl Work for Sum {
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

fn sum(n: usize) -> Sum {
    Sum { n, at: 0, sum: 0 }
}

/// [`Sum`] that waits for a go from the test before each unit (and goes on freely once the test
/// drops its sender), so a test knows how far a threaded job has got.
struct Gated {
    sum: Sum,
    go: Receiver<()>,
}

impl Work for Gated {
    type Output = usize;
    type Piece = usize;
    fn total(&self) -> usize {
        self.sum.total()
    }
    fn advance(&mut self, pieces: &mut Vec<usize>) -> usize {
        let _ = self.go.recv();
        self.sum.advance(pieces)
    }
    fn finish(self: Box<Self>) -> usize {
        Box::new(self.sum).finish()
    }
}

/// Panics in its third unit.
struct Boom {
    at: usize,
}

impl Work for Boom {
    type Output = ();
    type Piece = usize;
    fn total(&self) -> usize {
        10
    }
    fn advance(&mut self, pieces: &mut Vec<usize>) -> usize {
        assert!(self.at < 2, "boom in unit {}", self.at);
        pieces.push(self.at);
        self.at += 1;
        self.at
    }
    fn finish(self: Box<Self>) {}
}

/// The pieces of `job` until there are `n` of them (failing after ten seconds).
fn pieces_until<T: Send + 'static>(job: &Job<T, usize>, n: usize) -> Vec<usize> {
    let until = Instant::now() + Duration::from_secs(10);
    let mut pieces = Vec::new();
    while pieces.len() < n {
        assert!(Instant::now() < until, "only {pieces:?} arrived");
        pieces.extend(job.take_pieces());
        std::thread::sleep(Duration::from_millis(1));
    }
    pieces
}

#[test]
fn a_threaded_and_a_sliced_job_give_the_same_result_and_pieces_that_add_up_to_it() {
    for mut job in [Job::threaded(sum(1000)), Job::sliced(sum(1000))] {
        match job.wait() {
            Outcome::Done(s) => assert_eq!(s, 999 * 1000 / 2),
            other => panic!("{other:?}"),
        }
        let pieces = job.take_pieces();
        assert_eq!(pieces, (0..1000).collect::<Vec<_>>());
        assert!(
            job.take_pieces().is_empty(),
            "each piece is handed over once"
        );
    }
}

#[test]
fn a_sliced_job_works_only_when_polled_and_hands_over_its_pieces_before_the_end() {
    let mut job = Job::sliced(sum(10));
    assert_eq!(job.progress().get(), (0, 10));
    assert!(job.take_pieces().is_empty());
    // A zero budget still does one unit per poll, so the work always moves on.
    assert!(job.poll(Duration::ZERO).is_none());
    assert_eq!(job.progress().get(), (1, 10));
    assert_eq!(job.take_pieces(), [0]);
    let mut pieces = Vec::new();
    for _ in 0..8 {
        assert!(job.poll(Duration::ZERO).is_none());
        pieces.extend(job.take_pieces());
    }
    assert_eq!(pieces, (1..9).collect::<Vec<_>>());
    let Some(Outcome::Done(whole)) = job.poll(Duration::ZERO) else {
        panic!("the tenth unit ends the job");
    };
    pieces.extend(job.take_pieces());
    assert_eq!(whole, pieces.iter().sum::<usize>());
    assert!(!job.running());
    assert!(
        job.poll(Duration::ZERO).is_none(),
        "an ended job reports once"
    );
}

#[test]
fn a_threaded_jobs_pieces_arrive_while_it_runs() {
    let (go, gate) = mpsc::channel();
    let mut job = Job::threaded(Gated {
        sum: sum(5),
        go: gate,
    });
    for _ in 0..2 {
        go.send(()).expect("the job waits");
    }
    let mut pieces = pieces_until(&job, 2);
    assert_eq!(pieces, [0, 1]);
    assert!(job.poll(Duration::ZERO).is_none() && job.running());
    assert_eq!(job.progress().get(), (2, 5));
    for _ in 0..3 {
        go.send(()).expect("the job waits");
    }
    let Outcome::Done(whole) = job.wait() else {
        panic!("the job ends");
    };
    pieces.extend(job.take_pieces());
    assert_eq!(pieces, [0, 1, 2, 3, 4]);
    assert_eq!(whole, pieces.iter().sum());
}

#[test]
fn a_cancelled_job_says_so_and_hands_over_what_it_did() {
    let mut job = Job::sliced(sum(10));
    for _ in 0..3 {
        assert!(job.poll(Duration::ZERO).is_none());
    }
    job.cancel();
    assert!(matches!(
        job.poll(Duration::from_secs(1)),
        Some(Outcome::Cancelled)
    ));
    assert_eq!(job.progress().get(), (3, 10));
    assert_eq!(job.take_pieces(), [0, 1, 2]);

    let (go, gate) = mpsc::channel();
    let mut job = Job::threaded(Gated {
        sum: sum(usize::MAX),
        go: gate,
    });
    for _ in 0..2 {
        go.send(()).expect("the job waits");
    }
    let mut pieces = pieces_until(&job, 2);
    job.cancel();
    // The unit waiting for its go now runs; the job stops before the next.
    drop(go);
    assert!(matches!(job.wait(), Outcome::Cancelled));
    pieces.extend(job.take_pieces());
    let (done, _) = job.progress().get();
    assert_eq!(pieces, (0..done).collect::<Vec<_>>());
    assert!((2..=3).contains(&done), "stopped after {done} units");
}

#[test]
fn a_panicking_work_fails_its_job_and_keeps_what_it_did() {
    for mut job in [Job::threaded(Boom { at: 0 }), Job::sliced(Boom { at: 0 })] {
        match job.wait() {
            Outcome::Failed(e) => assert!(e.contains("boom in unit 2"), "{e}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(job.take_pieces(), [0, 1]);
        assert!(!job.running());
    }
}
