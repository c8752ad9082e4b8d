//! The document: the scenario and the look that survive a restart ([`Persisted`]), the file they came
//! from, the run the panels edit, and the scenario the model was last computed for. Its `apply`
//! takes the actions that only edit it (the runs, their starts and settings, the view's layout, the
//! theme); the run edits themselves are in `run_edits`.

use std::path::PathBuf;

use optiscape_core::scenario::Scenario;

use super::{Action, Persisted};

/// The document and what the window knows of it.
#[derive(Debug, Clone)]
pub struct Document {
    pub persisted: Persisted,
    /// The file the scenario came from or was last saved to.
    pub file: Option<PathBuf>,
    /// The run the side panel edits, that a click moves and the tools open on.
    pub selected: usize,
    /// The scenario the model was computed for.
    computed_for: Option<Scenario>,
}

impl Document {
    pub fn new(persisted: Persisted) -> Self {
        Self {
            persisted,
            file: None,
            selected: 0,
            computed_for: None,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.persisted.scenario
    }

    pub fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.persisted.scenario
    }

    /// Whether the window is in the dark theme.
    pub fn dark(&self) -> bool {
        self.persisted.dark
    }

    /// Whether the scenario changed since the model was computed for it.
    pub fn stale(&self) -> bool {
        self.computed_for.as_ref() != Some(&self.persisted.scenario)
    }

    /// Notes that the model is now computed for the scenario as it is.
    pub fn mark_computed(&mut self) {
        self.computed_for = Some(self.persisted.scenario.clone());
    }

    /// Keeps the selection on a run the scenario has.
    pub fn clamp_selected(&mut self) {
        self.selected = self
            .selected
            .min(self.persisted.scenario.runs.len().saturating_sub(1));
    }

    /// Replaces the scenario with a loaded one (no file yet) and selects its first run.
    pub fn load(&mut self, scenario: Scenario) {
        self.persisted.scenario = scenario;
        self.file = None;
        self.selected = 0;
    }

    /// Sets the theme and the interface scale on the window.
    pub fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.persisted.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.set_zoom_factor(self.persisted.ui_scale.clamp(0.5, 4.0));
    }

    /// Applies an action that only edits the document; what the user should hear of it (a run
    /// that cannot be added, say) comes back as the error. Other actions are left alone.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) -> Result<(), String> {
        let runs = self.persisted.scenario.runs.len();
        match action {
            Action::SelectRun(i) => self.selected = i.min(runs.saturating_sub(1)),
            Action::SelectNextRun => {
                self.selected = if runs == 0 {
                    0
                } else {
                    (self.selected + 1) % runs
                }
            }
            Action::AddRun => self.add_run()?,
            Action::DuplicateRun(i) => self.duplicate_run(i)?,
            Action::RemoveRun(i) => self.remove_run(i),
            Action::SetStart(run, p) => self.set_start(run, p)?,
            Action::SetOptimizer(i, config) => {
                if let Some(run) = self.persisted.scenario.runs.get_mut(i) {
                    run.optimizer = *config;
                }
            }
            Action::Toggle3d => {
                let d = &mut self.persisted.scenario.display;
                d.view_3d = !d.view_3d;
                d.side_by_side &= !d.view_3d;
            }
            Action::ToggleSideBySide => {
                let d = &mut self.persisted.scenario.display;
                d.side_by_side = !d.side_by_side;
                d.view_3d &= !d.side_by_side;
            }
            Action::ToggleTheme => {
                self.persisted.dark = !self.persisted.dark;
                self.apply_look(ctx);
            }
            _ => {}
        }
        Ok(())
    }

    /// A name to save the scenario as, from its title: `the-ravine.ron`.
    pub fn suggested_name(&self) -> String {
        let stem: String = self
            .persisted
            .scenario
            .title
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let stem = stem.trim_matches('-');
        format!("{}.ron", if stem.is_empty() { "scenario" } else { stem })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_edits_keep_the_selection_and_the_tools_on_runs_that_remain() {
        let ctx = egui::Context::default();
        let mut d = Document::new(Persisted::default());
        let runs = d.scenario().runs.len();
        assert!(runs >= 2, "the welcome scenario races several runs");
        d.apply(Action::SelectRun(usize::MAX), &ctx)
            .expect("selected");
        assert_eq!(d.selected, runs - 1, "clamped to the last run");
        d.scenario_mut().sweep.run = runs - 1;
        d.apply(Action::RemoveRun(runs - 1), &ctx).expect("removed");
        assert_eq!(d.scenario().runs.len(), runs - 1);
        assert_eq!((d.selected, d.scenario().sweep.run), (runs - 2, runs - 2));
        d.apply(Action::SelectNextRun, &ctx).expect("selected");
        assert_eq!(d.selected, 0, "wraps round");
        d.apply(Action::ToggleSideBySide, &ctx).expect("toggled");
        d.apply(Action::Toggle3d, &ctx).expect("toggled");
        let display = &d.scenario().display;
        assert!(
            display.view_3d && !display.side_by_side,
            "one view at a time"
        );
    }

    #[test]
    fn a_network_refuses_a_start_and_says_why() {
        let ctx = egui::Context::default();
        let mut d = Document::new(Persisted::default());
        d.scenario_mut().net = Some(Default::default());
        let said = d.apply(
            Action::SetStart(None, optiscape_core::sim::V2::new(1.0, 1.0)),
            &ctx,
        );
        assert!(said.is_err_and(|e| e.contains("same weights")));
        assert!(d.stale(), "nothing was computed for it yet");
        d.mark_computed();
        assert!(!d.stale());
    }
}
