//! What the window shows besides the document: each run's summary and playback (the step, whether
//! it advances, the step hovered in the loss plot). The computed trajectories are [`Computed`]'s.
//! No drawing here, so it can be tested and benchmarked headless.

use optiscape_core::sim::{Status, Surface, Trajectory, V2};

use super::Action;
pub use super::computed::{Computed, RunResult};

/// What a run looks like at the end, for its card and the results table.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub final_loss: Option<f64>,
    pub distance_to_min: Option<f64>,
    pub status: Status,
    /// Converged: ‖∇f‖ fell below the tolerance at this step. Diverged: blew up at this step.
    pub stopped_at: Option<usize>,
    pub steps_taken: usize,
    /// f has no value at the start (NaN: `log(x)` at x < 0, say), so the run never began.
    pub undefined_at_start: bool,
}

impl Summary {
    /// The summary of a run from `start` with this trajectory. A diverged run has no final loss or
    /// distance worth showing: its last finite iterate is the one before it blew up.
    pub fn of(trajectory: &Trajectory, surface: Option<&Surface>, start: V2) -> Self {
        let diverged = trajectory.status == Status::Diverged;
        Self {
            final_loss: trajectory.final_loss().filter(|_| !diverged),
            distance_to_min: trajectory
                .last_point()
                .filter(|_| !diverged)
                .and_then(|p| surface.and_then(|s| s.distance_to_minimum(p))),
            status: trajectory.status,
            stopped_at: trajectory.stopped_at,
            steps_taken: trajectory.steps_taken(),
            undefined_at_start: diverged
                && trajectory.stopped_at == Some(0)
                && surface.is_some_and(|s| s.value(start).is_nan()),
        }
    }

    /// One line: "diverged at step 12", "converged at step 340", "1500 steps", or "f is undefined
    /// at the start".
    pub fn state_text(&self) -> String {
        if self.undefined_at_start {
            return "f is undefined at the start".to_owned();
        }
        match (self.status, self.stopped_at) {
            (Status::Diverged, Some(k)) => format!("diverged at step {k}"),
            (Status::Converged, Some(k)) => format!("converged at step {k}"),
            _ => format!("{} steps", self.steps_taken),
        }
    }
}

/// Playback of the animation: the current step and whether it advances.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Playback {
    pub step: usize,
    pub playing: bool,
    /// Fractional steps carried between frames.
    carry: f64,
    /// The step hovered in the loss plot this frame, marked on the landscape.
    pub hover_step: Option<usize>,
}

impl Playback {
    /// Applies an action that only moves playback (the last step being `last`); other actions are
    /// left alone.
    pub fn apply(&mut self, action: &Action, last: usize) {
        match *action {
            Action::TogglePlay => self.toggle(last),
            Action::StepBy(d) => self.step_by(d, last),
            Action::Restart => self.restart(),
            Action::Seek(k) => self.seek(k, last),
            Action::HoverStep(k) => self.hover_step = k.map(|k| k.min(last)),
            _ => {}
        }
    }

    /// Back to the start, stopped, for a scenario just loaded (the hovered step stays this frame's).
    pub fn rewind(&mut self) {
        *self = Self {
            hover_step: self.hover_step,
            ..Self::default()
        };
    }

    /// Advances by `dt` seconds at `speed` steps per second; stops (or wraps, when `looping`) at `last`.
    /// Returns whether the step changed.
    pub fn tick(&mut self, dt: f64, speed: f64, last: usize, looping: bool) -> bool {
        if !self.playing {
            return false;
        }
        let before = self.step;
        self.carry += dt.clamp(0.0, 0.25) * speed.max(0.0);
        let whole = self.carry.floor();
        self.carry -= whole;
        let next = self.step.saturating_add(whole as usize);
        if next >= last {
            if looping && self.step >= last {
                self.step = 0;
            } else {
                self.step = last;
                if !looping {
                    self.playing = false;
                }
            }
        } else {
            self.step = next;
        }
        self.step != before
    }

    /// Play from the start when at the end; otherwise toggle.
    pub fn toggle(&mut self, last: usize) {
        if !self.playing && self.step >= last {
            self.step = 0;
        }
        self.playing = !self.playing;
        self.carry = 0.0;
    }

    pub fn step_by(&mut self, delta: isize, last: usize) {
        self.playing = false;
        self.step = self.step.saturating_add_signed(delta).min(last);
    }

    pub fn restart(&mut self) {
        self.step = 0;
        self.carry = 0.0;
    }

    pub fn seek(&mut self, step: usize, last: usize) {
        self.step = step.min(last);
        self.carry = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playback_advances_at_the_requested_speed_and_stops_at_the_end() {
        let mut p = Playback {
            playing: true,
            ..Default::default()
        };
        assert!(p.tick(0.1, 100.0, 50, false));
        assert_eq!(p.step, 10);
        p.tick(0.25, 1000.0, 50, false);
        assert_eq!(p.step, 50);
        assert!(!p.playing, "stops at the end without loop");
        p.toggle(50);
        assert_eq!((p.step, p.playing), (0, true), "play at the end restarts");
    }

    #[test]
    fn playback_loops_when_asked() {
        let mut p = Playback {
            playing: true,
            step: 48,
            ..Default::default()
        };
        p.tick(0.1, 100.0, 50, true);
        assert_eq!(p.step, 50);
        assert!(p.playing);
        p.tick(0.1, 100.0, 50, true);
        assert_eq!(p.step, 0);
    }

    #[test]
    fn slow_speeds_accumulate_fractions() {
        let mut p = Playback {
            playing: true,
            ..Default::default()
        };
        for _ in 0..10 {
            p.tick(0.05, 1.0, 100, false);
        }
        assert_eq!(p.step, 0);
        for _ in 0..11 {
            p.tick(0.05, 1.0, 100, false);
        }
        assert_eq!(p.step, 1);
    }

    #[test]
    fn playback_takes_its_actions_and_a_rewind_keeps_the_hovered_step() {
        let mut p = Playback::default();
        p.apply(&Action::Seek(80), 50);
        p.apply(&Action::HoverStep(Some(70)), 50);
        assert_eq!(
            (p.step, p.hover_step),
            (50, Some(50)),
            "both clamped to the end"
        );
        p.apply(&Action::TogglePlay, 50);
        assert_eq!((p.step, p.playing), (0, true), "play at the end restarts");
        p.rewind();
        assert_eq!((p.step, p.playing, p.hover_step), (0, false, Some(50)));
    }

    #[test]
    fn stepping_is_clamped() {
        let mut p = Playback::default();
        p.step_by(-3, 10);
        assert_eq!(p.step, 0);
        p.step_by(30, 10);
        assert_eq!(p.step, 10);
    }
}
