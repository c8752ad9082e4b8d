//! A network scenario's results: the runs train the network and the slice is computed in the
//! background (it takes a good part of a second), then installed as the surface and the paths the
//! other panels draw, with the network's own numbers kept beside them. Once the runs are trained,
//! the slice fills in row by row while the rest is computed.

use std::sync::Arc;

use super::{Computed, RunResult, empty};
use crate::jobs::{Job, Outcome as JobOutcome, Work};
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::net::experiment::{Computation, Experiment, Outcome, Preview};
use optiscape_core::sim::{Surface, SurfaceKind, Trajectory};

/// A network experiment and what it computed.
pub struct NetResult {
    pub experiment: Experiment,
    pub outcome: Outcome,
    /// Per run, its iterates' plane coordinates with their full-data losses: what the loss plot
    /// and the results table show (the landscape's paths carry the slice's values instead).
    pub training: Vec<Arc<Trajectory>>,
}

/// Run `run`'s numbers at one step, as the network panel shows them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NetReadout {
    /// The full-data loss of the run's weights.
    pub loss: f64,
    /// The loss at their projection into the plane: the slice's value under the ball.
    pub slice_loss: f64,
    /// The distance from the weights to the plane.
    pub off_plane: f64,
    pub accuracy: f64,
}

impl NetResult {
    /// Run `run`'s numbers at `step` (its last iterate beyond its end).
    pub fn readout(&self, run: usize, step: usize) -> Option<NetReadout> {
        let o = &self.outcome;
        let r = o.runs.get(run)?;
        let k = step.min(r.losses.len().checked_sub(1)?);
        Some(NetReadout {
            loss: r.losses[k],
            slice_loss: *o.slice_losses.get(run)?.get(k)?,
            off_plane: o.projected.get(run)?.get(k)?.1,
            accuracy: r.accuracy[k],
        })
    }
}

/// An experiment being computed in the background, handing over the slice as far as it goes.
pub(super) struct NetJob {
    experiment: Experiment,
    job: Job<Outcome, Preview>,
}

/// The experiment as a job; its pieces are previews, each of the whole slice so far.
struct Training {
    work: Computation,
    /// Rows in the last preview handed over; `None` before the first.
    published: Option<usize>,
    /// Rows to wait for between previews: each costs the window a new map, so about eight in all.
    every: usize,
}

impl Work for Training {
    type Output = Outcome;
    type Piece = Preview;

    fn total(&self) -> usize {
        self.work.total()
    }

    fn advance(&mut self, pieces: &mut Vec<Preview>) -> usize {
        let done = self.work.advance(rayon::current_num_threads().max(1));
        let rows = self.work.rows_done();
        if self.published.is_none_or(|p| rows >= p + self.every)
            && let Some(preview) = self.work.preview()
        {
            pieces.push(preview);
            self.published = Some(rows);
        }
        done
    }

    fn finish(self: Box<Self>) -> Outcome {
        self.work.finish()
    }
}

impl Computed {
    /// Brings a network scenario's results up to date: a changed experiment is computed anew in
    /// the background while the last one stays on screen.
    pub(super) fn update_net(&mut self, scenario: &Scenario, force: bool) {
        match scenario.experiment() {
            Ok(Some(experiment)) => {
                self.error = None;
                self.wanted.clear();
                // Coming from a 2-D surface: its map and paths say nothing about the network.
                if self
                    .surface
                    .as_ref()
                    .is_some_and(|s| s.kind() != SurfaceKind::Slice)
                {
                    self.surface = None;
                    self.runs.clear();
                    self.update_min_loss();
                }
                self.runs.resize_with(scenario.runs.len(), || RunResult {
                    spec: None,
                    trajectory: empty(),
                });
                if force {
                    self.net_job = None;
                    self.net = None;
                }
                self.net_wanted = Some(experiment);
                self.sync_net();
            }
            Ok(None) => {}
            Err(e) => {
                self.error = Some(e);
                self.snapshots = None;
            }
        }
    }

    /// Starts computing the wanted experiment unless it is shown or being computed already.
    fn sync_net(&mut self) {
        let Some(wanted) = &self.net_wanted else {
            return;
        };
        let busy = self.net_job.as_ref().map(|j| &j.experiment);
        let shown = self.net.as_ref().map(|n| &n.experiment);
        if busy == Some(wanted) || (busy.is_none() && shown == Some(wanted)) {
            return;
        }
        let job = Job::start(Training {
            work: Computation::new(wanted.clone()),
            published: None,
            every: wanted.setup.grid.div_ceil(8),
        });
        self.net_job = Some(NetJob {
            experiment: wanted.clone(),
            job,
        });
    }

    /// Takes in a finished experiment, or the slice as far as it goes; true when it changed what
    /// is shown.
    pub(super) fn poll_net(&mut self) -> bool {
        let Some(running) = &mut self.net_job else {
            return false;
        };
        let Some(outcome) = running.job.poll(super::SLICE) else {
            return self.show_preview();
        };
        let Some(NetJob { experiment, .. }) = self.net_job.take() else {
            return false;
        };
        let changed = match outcome {
            JobOutcome::Done(outcome) => {
                self.install_net(experiment, outcome);
                true
            }
            JobOutcome::Cancelled | JobOutcome::Failed(_) => false,
        };
        self.sync_net();
        changed
    }

    /// Shows the newest slice the running experiment handed over, with its runs' paths and their
    /// full losses; true when there was one.
    fn show_preview(&mut self) -> bool {
        let Some(running) = &self.net_job else {
            return false;
        };
        // Each preview holds the whole slice so far: only the newest counts.
        let Some(preview) = running.job.take_pieces().pop() else {
            return false;
        };
        self.surface = preview.surface_grid().map(Surface::sampled);
        self.runs = preview
            .paths
            .into_iter()
            .map(|t| RunResult {
                spec: None,
                trajectory: Arc::new(t),
            })
            .collect();
        // The numbers beside the slice are the finished experiment's: none until it is.
        self.net = None;
        self.update_min_loss();
        true
    }

    fn install_net(&mut self, experiment: Experiment, outcome: Outcome) {
        // A wanted experiment with other runs arrives later; until then the runs shown are these.
        self.runs = (0..outcome.runs.len())
            .map(|i| RunResult {
                spec: None,
                trajectory: Arc::new(outcome.path(i, false)),
            })
            .collect();
        let training = (0..outcome.runs.len())
            .map(|i| Arc::new(outcome.path(i, true)))
            .collect();
        self.surface = outcome.surface_grid().map(Surface::sampled);
        self.net = Some(Arc::new(NetResult {
            experiment,
            outcome,
            training,
        }));
        self.update_min_loss();
    }

    /// Run `i`'s losses as the loss plot and the results table show them: on a network, its full
    /// training loss; otherwise its path's.
    pub fn loss_path(&self, i: usize) -> Option<&Arc<Trajectory>> {
        match &self.net {
            Some(net) => net.training.get(i),
            None => self.runs.get(i).map(|r| &r.trajectory),
        }
    }

    /// (units done, units in all) while a network is trained and sliced.
    pub(super) fn net_progress(&self) -> Option<(usize, usize)> {
        self.net_job.as_ref().map(|j| j.job.progress().get())
    }

    /// Forgets a network scenario's results (or its slice so far) when the scenario no longer has
    /// one.
    pub(super) fn leave_net(&mut self) {
        self.net_wanted = None;
        self.net_job = None;
        let sliced = self
            .surface
            .as_ref()
            .is_some_and(|s| s.kind() == SurfaceKind::Slice);
        if self.net.take().is_some() || sliced {
            self.surface = None;
            self.runs.clear();
        }
    }
}
