//! What an export draws a scenario's runs on: its surface and each visible run's path, computed
//! here or taken from the window. A network scenario's surface is the slice of its network's loss
//! and its paths are the runs' iterates projected into it, exactly as the window shows them.

use std::sync::Arc;

use rayon::prelude::*;

use optiscape_core::scenario::Scenario;
use optiscape_core::sim::{RunSpec, Surface, Trajectory, V2};

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
}

/// The scenario's surface and its visible runs. `computed` gives the window's paths, one per run
/// of the scenario in order; paths that do not match the runs in number are computed anew, and a
/// network's are always computed with its slice.
pub fn resolve(
    scenario: &Scenario,
    computed: Option<&[Arc<Trajectory>]>,
) -> Result<Drawing, String> {
    let given = |i: usize| {
        computed
            .filter(|c| c.len() == scenario.runs.len())
            .and_then(|c| c.get(i).cloned())
    };
    let visible = |i: usize| scenario.runs.get(i).is_some_and(|r| r.visible);
    if let Some(experiment) = scenario.experiment().map_err(|e| e.to_string())? {
        let outcome = experiment.compute();
        let grid = outcome
            .surface_grid()
            .ok_or_else(|| "the network's slice has no extent".to_owned())?;
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
        });
    }
    let compiled = scenario.compile().map_err(|e| e.to_string())?;
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
    })
}
