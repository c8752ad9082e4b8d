//! The list of runs: adding, duplicating, removing and moving starts. An edit that cannot be made
//! says why, for the notice.

use super::Document;
use optiscape_core::scenario::{MAX_RUNS, RunConfig};
use optiscape_core::sim::{OptimizerKind, V2};

/// Why a run cannot be added.
fn too_many() -> String {
    format!("A scenario holds at most {} runs.", MAX_RUNS)
}

impl Document {
    /// Adds an Adam run at the selected run's start (or the view's centre), up to the limit.
    pub(super) fn add_run(&mut self) -> Result<(), String> {
        let scenario = &mut self.persisted.scenario;
        if scenario.runs.len() >= MAX_RUNS {
            return Err(too_many());
        }
        let start = scenario
            .runs
            .get(self.selected)
            .map(RunConfig::start)
            .unwrap_or_else(|| {
                let v = scenario.view_or_default();
                V2::new(0.5 * (v.x[0] + v.x[1]), 0.5 * (v.y[0] + v.y[1]))
            });
        scenario
            .runs
            .push(RunConfig::new(OptimizerKind::Adam, start));
        self.selected = scenario.runs.len() - 1;
        Ok(())
    }

    /// Inserts a copy of run `i` after it, in a colour of its own.
    pub(super) fn duplicate_run(&mut self, i: usize) -> Result<(), String> {
        let scenario = &mut self.persisted.scenario;
        if scenario.runs.len() >= MAX_RUNS {
            return Err(too_many());
        }
        if let Some(run) = scenario.runs.get(i).cloned() {
            let mut copy = run;
            copy.color = None;
            if !copy.name.is_empty() {
                copy.name.push_str(" (copy)");
            }
            scenario.runs.insert(i + 1, copy);
            self.selected = i + 1;
        }
        Ok(())
    }

    /// Removes run `i`, keeping the tools' runs and the selection on runs that remain.
    pub(super) fn remove_run(&mut self, i: usize) {
        let runs = self.persisted.scenario.runs.len();
        if i >= runs {
            return;
        }
        let s = &mut self.persisted.scenario;
        s.runs.remove(i);
        let last = s.runs.len().saturating_sub(1);
        s.sweep.run = s.sweep.run.min(last);
        s.basins.run = s.basins.run.min(last);
        self.selected = self.selected.min(runs.saturating_sub(2));
    }

    /// Moves one run's start (a click, a dragged marker) or every run's (`None`: Shift+click, or a
    /// typed start while the runs share one). A run moved on its own no longer shares the others'
    /// start, so "Same start for all runs" is unticked then.
    pub(super) fn set_start(&mut self, run: Option<usize>, p: V2) -> Result<(), String> {
        let scenario = &mut self.persisted.scenario;
        if scenario.net.is_some() {
            return Err(
                "Every run of a network starts from the same weights: change the network's seed to start elsewhere."
                    .to_owned(),
            );
        }
        for (i, r) in scenario.runs.iter_mut().enumerate() {
            if run.is_none_or(|k| k == i) {
                r.start = (p.x, p.y);
            }
        }
        if let Some(first) = scenario.runs.first().map(|r| r.start) {
            scenario.same_start &= scenario.runs.iter().all(|r| r.start == first);
        }
        Ok(())
    }
}
