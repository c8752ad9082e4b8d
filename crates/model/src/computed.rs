//! The trajectories the window shows, computed from the scenario and owned here alone: recomputed
//! only where a run's settings changed, at once when that is light, in the background when it would
//! hold up a frame (the last paths stay on screen until the new ones arrive). The runs' states at a
//! step (for the state readout and the vectors) are replayed here too, once per step, and the 3-D
//! view's mesh is built here when the surface, view, colour scale or isolines change. A network
//! scenario's runs train its network and its slice is computed in the background (`net`): the slice
//! becomes the surface and the runs' projected iterates the paths.

mod net;

use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

use crate::jobs::{Job, Outcome, Work};
use optiscape_core::scenario::{Scenario, ScenarioError};
use optiscape_core::sim::net::experiment::Experiment;
use optiscape_core::sim::surface::View;
use optiscape_core::sim::trajectory::{Replay, Snapshot};
use optiscape_core::sim::{MAX_STEPS, RunSpec, Status, Surface, Trajectory};
use optiscape_picture::picture::{RunDraw, legend_label};
use optiscape_picture::resolve::Given;
use optiscape_picture::view3d::{self, Mesh};

pub use net::{NetReadout, NetResult};

/// Steps to recompute (all changed runs together) above which the work leaves the frame: about a
/// frame's time for the slower optimizers on two cores.
pub const SAME_FRAME_STEPS: usize = 2_000_000;

/// How long a frame may spend on background work where it runs in slices (the web edition).
const SLICE: Duration = Duration::from_millis(8);

/// One run's computed path and what the results table says about it.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// `None` when the run's settings are invalid (see [`Computed::error`]) or not computed yet.
    pub spec: Option<RunSpec>,
    pub trajectory: Arc<Trajectory>,
}

/// Runs computed in the background, a batch per unit.
struct Runs {
    todo: Vec<(usize, RunSpec)>,
    done: Vec<(usize, RunSpec, Trajectory)>,
}

impl Work for Runs {
    type Output = Vec<(usize, RunSpec, Trajectory)>;
    type Piece = ();

    fn total(&self) -> usize {
        self.todo.len()
    }

    fn advance(&mut self, _: &mut Vec<()>) -> usize {
        let at = self.done.len();
        let batch = rayon::current_num_threads().max(1);
        let end = (at + batch).min(self.todo.len());
        let fresh: Vec<_> = self.todo[at..end]
            .par_iter()
            .map(|(i, spec)| (*i, spec.clone(), spec.run()))
            .collect();
        self.done.extend(fresh);
        self.done.len()
    }

    fn finish(self: Box<Self>) -> Self::Output {
        self.done
    }
}

/// Everything computed from a scenario.
#[derive(Default)]
pub struct Computed {
    pub surface: Option<Surface>,
    pub runs: Vec<RunResult>,
    /// Why the scenario cannot run as it is.
    pub error: Option<ScenarioError>,
    /// The smallest loss any run reached (for the loss plot's axis).
    pub min_loss: Option<f64>,
    /// The runs as the scenario now asks for them.
    wanted: Vec<RunSpec>,
    /// The runs being computed in the background.
    job: Option<Job<Vec<(usize, RunSpec, Trajectory)>>>,
    /// Each run's replay for the state at a step, kept to resume forwards.
    replays: Vec<Option<(RunSpec, Replay)>>,
    /// The states at the step asked for last, which every panel of a frame shares.
    snapshots: Option<(usize, Vec<Option<Snapshot>>)>,
    /// The 3-D view's mesh and what it was built from.
    mesh: Option<(MeshKey, Arc<Mesh>)>,
    /// A network scenario's experiment and results, shown while `net_wanted` is computed.
    pub net: Option<Arc<NetResult>>,
    net_wanted: Option<Experiment>,
    net_job: Option<net::NetJob>,
}

/// What the 3-D mesh depends on.
#[derive(Debug, Clone, PartialEq)]
struct MeshKey {
    surface: Surface,
    view: View,
    log: bool,
    levels: usize,
}

fn empty() -> Arc<Trajectory> {
    Arc::new(Trajectory {
        points: Vec::new(),
        losses: Vec::new(),
        status: Status::MaxSteps,
        stopped_at: None,
    })
}

impl Computed {
    /// Brings the results up to date with `scenario`, recomputing only the runs whose spec changed
    /// unless `force` asks for everything. Heavy work goes to the background (see [`Self::poll`]).
    pub fn update(&mut self, scenario: &Scenario, force: bool) {
        if scenario.net.is_some() {
            self.job = None;
            self.update_net(scenario, force);
            return;
        }
        self.leave_net();
        match scenario.compile() {
            Ok(compiled) => {
                self.error = None;
                self.surface = Some(compiled.surface);
                self.wanted = compiled.runs;
                self.runs.resize_with(self.wanted.len(), || RunResult {
                    spec: None,
                    trajectory: empty(),
                });
                if force {
                    self.job = None;
                    self.runs.iter_mut().for_each(|r| r.spec = None);
                }
                self.sync();
            }
            Err(e) => {
                // Keep the last good paths on screen while the user fixes a value.
                self.error = Some(e);
                self.snapshots = None;
                self.runs.resize_with(scenario.runs.len(), || RunResult {
                    spec: None,
                    trajectory: empty(),
                });
            }
        }
    }

    /// Recomputes the runs that differ from what is wanted: here when light, else in a job. While a
    /// job runs nothing new starts; its end calls this again with whatever is wanted by then.
    fn sync(&mut self) {
        if self.job.is_some() {
            return;
        }
        let changed: Vec<usize> = (0..self.wanted.len())
            .filter(|&i| self.runs[i].spec.as_ref() != Some(&self.wanted[i]))
            .collect();
        if changed.is_empty() {
            return;
        }
        let cost: usize = changed
            .iter()
            .map(|&i| self.wanted[i].steps.min(MAX_STEPS))
            .sum();
        if cost > SAME_FRAME_STEPS {
            let todo = changed
                .into_iter()
                .map(|i| (i, self.wanted[i].clone()))
                .collect();
            self.job = Some(Job::start(Runs {
                todo,
                done: Vec::new(),
            }));
            return;
        }
        let wanted = &self.wanted;
        self.runs
            .par_iter_mut()
            .enumerate()
            .filter(|(i, _)| changed.contains(i))
            .for_each(|(i, r)| {
                // Reuse the old buffers when nothing else holds them.
                let previous = Arc::get_mut(&mut r.trajectory)
                    .map(std::mem::take)
                    .unwrap_or_default();
                r.trajectory = Arc::new(wanted[i].run_into(previous));
                r.spec = Some(wanted[i].clone());
            });
        self.update_min_loss();
    }

    /// The state of every run at `step`, exact (replayed, resuming forwards); `None` for a run that
    /// is not computed.
    pub fn snapshots(&mut self, step: usize) -> Vec<Option<Snapshot>> {
        if let Some((at, snaps)) = &self.snapshots
            && *at == step
            && snaps.len() == self.runs.len()
        {
            return snaps.clone();
        }
        self.replays.resize_with(self.runs.len(), || None);
        let snaps: Vec<Option<Snapshot>> = self
            .runs
            .iter()
            .zip(self.replays.iter_mut())
            .map(|(run, cached)| {
                let spec = run.spec.as_ref()?;
                if cached.as_ref().is_none_or(|(s, _)| s != spec) {
                    *cached = Some((spec.clone(), spec.replay()));
                }
                cached.as_mut().and_then(|(_, r)| r.seek(step))
            })
            .collect();
        self.snapshots = Some((step, snaps.clone()));
        snaps
    }

    /// The 3-D view's mesh of the surface over `scenario`'s view, in its colour scale and with its
    /// isolines: built again only when one of those changed.
    pub fn mesh(&mut self, scenario: &Scenario) -> Option<Arc<Mesh>> {
        let surface = self.surface.clone()?;
        let view = scenario.view_on(&surface);
        let log = scenario
            .display
            .log_scale
            .unwrap_or(surface.info().log_scale);
        let key = MeshKey {
            surface,
            view,
            log,
            levels: scenario.display.isolines,
        };
        if self.mesh.as_ref().is_none_or(|(k, _)| *k != key) {
            let mesh = Mesh::new(&key.surface, key.view, key.log, view3d::MESH, key.levels);
            self.mesh = Some((key, Arc::new(mesh)));
        }
        self.mesh.as_ref().map(|(_, m)| m.clone())
    }

    /// The mesh [`Self::mesh`] built last, if any.
    pub fn built_mesh(&self) -> Option<Arc<Mesh>> {
        self.mesh.as_ref().map(|(_, m)| m.clone())
    }

    /// Everything `scenario` computes, computed to the end: what the command line draws.
    pub fn of(scenario: &Scenario) -> Self {
        let mut computed = Self::default();
        computed.update(scenario, false);
        computed.settle();
        computed
    }

    /// What the pictures take from here instead of computing it again: the paths, a network's
    /// outcome and the 3-D mesh built last.
    pub fn given(&self) -> Given<'_> {
        Given {
            paths: Some(self.runs.iter().map(|r| r.trajectory.clone()).collect()),
            net: self.net.as_ref().map(|n| (&n.experiment, &n.outcome)),
            mesh: self.built_mesh(),
        }
    }

    /// The visible runs of `scenario` as the pictures draw them, in its order: label, colour (in
    /// the dark or the light theme), start, path and (to replay it for its vectors) its spec.
    pub fn run_draws(&self, scenario: &Scenario, dark: bool) -> Vec<RunDraw> {
        scenario
            .runs
            .iter()
            .zip(&self.runs)
            .enumerate()
            .filter(|(_, (run, _))| run.visible)
            .map(|(i, (run, result))| {
                let lr = match &result.spec {
                    Some(spec) => spec.optimizer.lr(),
                    None => run.optimizer.float("lr").unwrap_or(f64::NAN),
                };
                // A network's runs all start from its weights, where its path begins.
                let start = match scenario.net {
                    Some(_) => result
                        .trajectory
                        .points
                        .first()
                        .copied()
                        .unwrap_or_default(),
                    None => run.start(),
                };
                RunDraw {
                    label: legend_label(run, lr),
                    rgb: run.rgb_in(i, dark),
                    start,
                    trajectory: result.trajectory.clone(),
                    spec: result.spec.clone(),
                }
            })
            .collect()
    }

    fn update_min_loss(&mut self) {
        // Whatever changed the paths changed the states at a step too.
        self.snapshots = None;
        self.min_loss = (0..self.runs.len())
            .filter_map(|i| self.loss_path(i))
            .flat_map(|t| t.losses.iter().copied().reduce(f64::min))
            .reduce(f64::min);
    }

    /// Takes in what the background computed (once a frame); true when paths changed.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return self.poll_net();
        };
        let Some(outcome) = job.poll(SLICE) else {
            return false;
        };
        self.job = None;
        let changed = match outcome {
            Outcome::Done(results) => {
                for (i, spec, trajectory) in results {
                    if let Some(r) = self.runs.get_mut(i) {
                        *r = RunResult {
                            spec: Some(spec),
                            trajectory: Arc::new(trajectory),
                        };
                    }
                }
                self.update_min_loss();
                true
            }
            Outcome::Cancelled | Outcome::Failed(_) => false,
        };
        self.sync();
        changed
    }

    /// (units done, units in all) while runs, or a network and its slice, are computed in the
    /// background.
    pub fn background(&self) -> Option<(usize, usize)> {
        self.job
            .as_ref()
            .map(|j| j.progress().get())
            .or_else(|| self.net_progress())
    }

    /// Waits for the background work to end (tests and benchmarks).
    pub fn settle(&mut self) {
        while self.job.is_some() || self.net_job.is_some() {
            if !self.poll() {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }

    /// The last step any run reached.
    pub fn last_step(&self) -> usize {
        self.runs
            .iter()
            .map(|r| r.trajectory.steps_taken())
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pictures_are_given_what_was_computed_and_see_only_visible_runs() {
        let mut scenario = Scenario::welcome();
        scenario.runs[0].visible = false;
        let mut computed = Computed::of(&scenario);
        let given = computed.given();
        let paths = given.paths.expect("paths");
        assert_eq!(paths.len(), scenario.runs.len());
        for (p, r) in paths.iter().zip(&computed.runs) {
            assert!(Arc::ptr_eq(p, &r.trajectory));
            assert!(!p.points.is_empty(), "computed to the end");
        }
        assert!(given.mesh.is_none(), "no mesh until one is built");
        let mesh = computed.mesh(&scenario).expect("a mesh");
        assert!(Arc::ptr_eq(&computed.given().mesh.expect("given"), &mesh));
        let drawn = computed.run_draws(&scenario, true);
        assert_eq!(drawn.len(), scenario.runs.len() - 1);
        assert!(Arc::ptr_eq(
            &drawn[0].trajectory,
            &computed.runs[1].trajectory
        ));
        assert_eq!(drawn[0].rgb, scenario.runs[1].rgb_in(1, true));
        assert_eq!(drawn[0].start, scenario.runs[1].start());
    }

    #[test]
    fn only_changed_runs_are_recomputed() {
        let mut scenario = Scenario::welcome();
        let mut computed = Computed::default();
        computed.update(&scenario, false);
        assert!(computed.error.is_none());
        let before: Vec<_> = computed
            .runs
            .iter()
            .map(|r| Arc::as_ptr(&r.trajectory))
            .collect();
        scenario.runs[1].optimizer.set_float("lr", 2e-3);
        computed.update(&scenario, false);
        let after: Vec<_> = computed
            .runs
            .iter()
            .map(|r| Arc::as_ptr(&r.trajectory))
            .collect();
        assert_eq!(before[0], after[0]);
        assert_ne!(before[1], after[1]);
        assert_eq!(before[3], after[3]);
    }

    #[test]
    fn an_invalid_value_keeps_the_last_paths_and_reports_the_field() {
        let mut scenario = Scenario::welcome();
        let mut computed = Computed::default();
        computed.update(&scenario, false);
        scenario.runs[2].optimizer.set_float("lr", -1.0);
        computed.update(&scenario, false);
        let e = computed.error.clone().expect("an error");
        assert_eq!(e.path, "runs[2].optimizer.lr");
        assert!(computed.runs[0].trajectory.points.len() > 1);
    }

    /// Runs too heavy for one frame: the paths on screen stay until the new ones arrive, which are
    /// exactly what the runs compute on their own.
    #[test]
    fn heavy_runs_are_computed_in_the_background_and_arrive_whole() {
        let mut scenario = Scenario::welcome();
        let mut computed = Computed::default();
        computed.update(&scenario, false);
        let old = computed.runs[0].trajectory.clone();
        scenario.steps = SAME_FRAME_STEPS / scenario.runs.len() + 1;
        computed.update(&scenario, false);
        let (_, total) = computed.background().expect("in the background");
        assert_eq!(total, scenario.runs.len());
        assert!(
            Arc::ptr_eq(&computed.runs[0].trajectory, &old),
            "the last paths stay meanwhile"
        );
        // A change while the job runs is not lost: it is computed when the job ends.
        scenario.runs[1].optimizer.set_float("lr", 2e-3);
        computed.update(&scenario, false);
        computed.settle();
        assert!(computed.background().is_none());
        let compiled = scenario.compile().expect("valid");
        for (r, spec) in computed.runs.iter().zip(&compiled.runs) {
            assert_eq!(r.spec.as_ref(), Some(spec));
            assert_eq!(*r.trajectory, spec.run());
        }
    }

    /// The 3-D mesh is built once and again only when what it shows changes (not the camera).
    #[test]
    fn the_mesh_is_kept_until_its_surface_view_or_isolines_change() {
        let mut scenario = Scenario::welcome();
        let mut computed = Computed::default();
        computed.update(&scenario, false);
        let first = computed.mesh(&scenario).expect("a surface, so a mesh");
        scenario.display.camera.azimuth += 30.0;
        scenario.steps += 1;
        computed.update(&scenario, false);
        assert!(Arc::ptr_eq(
            &first,
            &computed.mesh(&scenario).expect("a mesh")
        ));
        scenario.display.isolines += 1;
        let second = computed.mesh(&scenario).expect("a mesh");
        assert!(!Arc::ptr_eq(&first, &second));
        scenario.view = Some(View::new(-1.0, 1.0, -1.0, 1.0));
        assert!(!Arc::ptr_eq(
            &second,
            &computed.mesh(&scenario).expect("a mesh")
        ));
    }

    /// The states at a step are the trajectories' own points, and follow a change of a run.
    #[test]
    fn snapshots_are_the_runs_states_at_the_step_and_follow_changes() {
        let mut scenario = Scenario::welcome();
        let mut computed = Computed::default();
        computed.update(&scenario, false);
        let snaps = computed.snapshots(5);
        for (snap, run) in snaps.iter().zip(&computed.runs) {
            let snap = snap.as_ref().expect("a state");
            assert_eq!(snap.point, run.trajectory.points[5]);
        }
        assert_eq!(
            computed.snapshots(5),
            snaps,
            "asked again in the same frame"
        );
        scenario.runs[0].start = (0.25, 0.75);
        computed.update(&scenario, false);
        let moved = computed.snapshots(5);
        let point = moved[0].as_ref().expect("a state").point;
        assert_eq!(point, computed.runs[0].trajectory.points[5]);
        assert_ne!(moved[0], snaps[0]);
        assert_eq!(
            computed.snapshots(0)[0].as_ref().map(|s| s.point),
            Some(optiscape_core::sim::V2::new(0.25, 0.75))
        );
    }
}
