//! What an export draws a scenario's runs on: its surface and each visible run's path, computed
//! here or taken from what the window computed ([`Given`]). A network scenario's surface is the
//! slice of its network's loss and its paths are the runs' iterates projected into it, exactly as
//! the window shows them; given the window's outcome, the network is not trained again.

use std::sync::Arc;

use rayon::prelude::*;

use crate::error::PictureError;
use crate::view3d::Mesh;
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::net::experiment::{Experiment, Outcome};
use optiscape_core::sim::{RunSpec, Surface, Trajectory, V2};

/// What the window already computed for a scenario, so that an export draws what it shows
/// without computing it again.
#[derive(Clone, Default)]
pub struct Given<'a> {
    /// One path per run of the scenario, in order; paths that do not match the runs in number are
    /// computed anew.
    pub paths: Option<Vec<Arc<Trajectory>>>,
    /// A network scenario's experiment and its outcome (training, plane and slice); used only when
    /// the experiment is the scenario's own.
    pub net: Option<(&'a Experiment, &'a Outcome)>,
    /// The 3-D view's mesh of the scenario's surface over its view.
    pub mesh: Option<Arc<Mesh>>,
}

impl<'a> Given<'a> {
    /// Nothing computed: the export computes everything.
    pub const NONE: Self = Self {
        paths: None,
        net: None,
        mesh: None,
    };

    /// The window's paths, one per run of the scenario.
    pub fn paths(paths: &[Arc<Trajectory>]) -> Self {
        Self {
            paths: Some(paths.to_vec()),
            ..Self::NONE
        }
    }
}

/// A visible run, ready to draw.
pub struct Resolved {
    /// The run's index in the scenario.
    pub index: usize,
    pub lr: f64,
    pub start: V2,
    pub trajectory: Arc<Trajectory>,
    /// To replay the run for its vectors (a network run has none).
    pub spec: Option<RunSpec>,
}

/// What an export draws: the surface, the visible runs and the title (which, over a network's
/// slice, says what the slice is).
pub struct Drawing {
    pub surface: Surface,
    pub runs: Vec<Resolved>,
    pub title: String,
    /// Whether a network was trained for this drawing (not when the window's outcome was given).
    pub trained: bool,
}

/// The scenario's surface and its visible runs, taking what `computed` gives. A network's paths
/// always come with its slice: the given outcome's, or one trained here.
pub fn resolve(scenario: &Scenario, computed: &Given<'_>) -> Result<Drawing, PictureError> {
    let given = |i: usize| {
        computed
            .paths
            .as_ref()
            .filter(|c| c.len() == scenario.runs.len())
            .and_then(|c| c.get(i).cloned())
    };
    let visible = |i: usize| scenario.runs.get(i).is_some_and(|r| r.visible);
    if let Some(experiment) = scenario.experiment()? {
        let own;
        let outcome = match computed.net {
            Some((e, outcome)) if *e == experiment => outcome,
            _ => {
                own = experiment.compute();
                &own
            }
        };
        let grid = outcome.surface_grid().ok_or(PictureError::NoSlice)?;
        let runs = experiment
            .runs
            .iter()
            .enumerate()
            .filter(|(i, _)| visible(*i))
            .map(|(i, plan)| {
                // Always this experiment's own paths: the window's may still be an earlier
                // experiment's while a new one computes, and they must lie on this slice.
                let trajectory = Arc::new(outcome.path(i, false));
                Resolved {
                    index: i,
                    lr: plan.optimizer.lr(),
                    start: trajectory.points.first().copied().unwrap_or_default(),
                    trajectory,
                    spec: None,
                }
            })
            .collect();
        let title = match scenario.title.trim() {
            "" => outcome.caption(),
            t => format!("{t} · {}", outcome.caption()),
        };
        return Ok(Drawing {
            surface: Surface::sampled(grid),
            runs,
            title,
            trained: computed.net.is_none_or(|(e, _)| *e != experiment),
        });
    }
    let compiled = scenario.compile()?;
    let runs = compiled
        .runs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| visible(*i))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(i, spec)| Resolved {
            index: i,
            lr: spec.optimizer.lr(),
            start: spec.start,
            trajectory: given(i).unwrap_or_else(|| Arc::new(spec.run())),
            spec: Some(spec),
        })
        .collect();
    Ok(Drawing {
        surface: compiled.surface,
        runs,
        title: scenario.title.clone(),
        trained: false,
    })
}
