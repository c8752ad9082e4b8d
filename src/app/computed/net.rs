//! A network scenario's results: the runs train the network and the slice is computed in the
//! background (it takes a good part of a second), then installed as the surface and the paths the
//! other panels draw, with the network's own numbers kept beside them.

use std::sync::Arc;

use super::{Computed, RunResult, empty};
use crate::jobs::{Job, Outcome as JobOutcome, Work};
use crate::scenario::Scenario;
use crate::sim::net::experiment::{Computation, Experiment, Outcome};
use crate::sim::{Surface, Trajectory};

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

struct Training(Computation);

impl Work for Training {
    type Output = Outcome;

    fn total(&self) -> usize {
        self.0.total()
    }

    fn advance(&mut self) -> usize {
        self.0.advance(rayon::current_num_threads().max(1))
    }

    fn finish(self: Box<Self>) -> Outcome {
        self.0.finish()
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
        let busy = self.net_job.as_ref().map(|(e, _)| e);
        let shown = self.net.as_ref().map(|n| &n.experiment);
        if busy == Some(wanted) || (busy.is_none() && shown == Some(wanted)) {
            return;
        }
        let job = Job::start(Training(Computation::new(wanted.clone())));
        self.net_job = Some((wanted.clone(), job));
    }

    /// Takes in a finished experiment; true when it changed what is shown.
    pub(super) fn poll_net(&mut self) -> bool {
        let Some((_, job)) = &mut self.net_job else {
            return false;
        };
        let Some(outcome) = job.poll(super::SLICE) else {
            return false;
        };
        let Some((experiment, _)) = self.net_job.take() else {
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
        self.net_job.as_ref().map(|(_, j)| j.progress().get())
    }

    /// Forgets a network scenario's results when the scenario no longer has one.
    pub(super) fn leave_net(&mut self) {
        self.net_wanted = None;
        self.net_job = None;
        if self.net.take().is_some() {
            self.surface = None;
            self.runs.clear();
        }
    }
}
