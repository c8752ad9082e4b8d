//! What the claim tests share: a built-in preset run as the window runs it, the texts that make
//! claims about it (description, comment block, walkthrough note), and the measures the claims are
//! checked with.

use optiscape::preset;
use optiscape::scenario::{Compiled, Scenario};
use optiscape::sim::Surface;
use optiscape::sim::net::experiment::{Experiment, Outcome};
use optiscape::sim::optim::HyperValue;
// The preset modules take these with the measures.
pub use optiscape::sim::{Trajectory, V2};
use optiscape::walkthrough;

/// A built-in preset with the trajectory of every run.
pub struct Preset {
    pub name: &'static str,
    pub scenario: Scenario,
    pub compiled: Compiled,
    pub runs: Vec<Trajectory>,
}

impl Preset {
    /// Loads the built-in preset `name` and runs every run to its end.
    pub fn run(name: &'static str) -> Self {
        let scenario = optiscape::files::resolve(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        Self::of(name, scenario)
    }

    fn of(name: &'static str, scenario: Scenario) -> Self {
        let compiled = scenario
            .compile()
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let runs = compiled.runs.iter().map(|spec| spec.run()).collect();
        Self {
            name,
            scenario,
            compiled,
            runs,
        }
    }

    /// The same preset with `edit` applied: what would happen with another lr, say.
    pub fn with(&self, edit: impl FnOnce(&mut Scenario)) -> Self {
        let mut scenario = self.scenario.clone();
        edit(&mut scenario);
        Self::of(self.name, scenario)
    }

    pub fn surface(&self) -> &Surface {
        &self.compiled.surface
    }

    /// Run `i`'s learning rate as its optimizer uses it.
    pub fn lr(&self, i: usize) -> f64 {
        self.compiled.runs[i].optimizer.lr()
    }

    /// Run `i`'s hyper-parameter `name` as its optimizer uses it (the rolling ball's β, say).
    pub fn hyper(&self, i: usize, name: &str) -> f64 {
        match self.compiled.runs[i].optimizer.params().get(name) {
            Some(HyperValue::F(x)) => x,
            other => panic!("run {i}'s `{name}` is {other:?}, not a number"),
        }
    }

    /// Fails unless every phrase is still said by the preset's description, its comment block or
    /// its walkthrough note: a claim that is reworded has to be checked again.
    pub fn says(&self, phrases: &[&str]) {
        says(self.name, phrases);
    }
}

fn says(name: &str, phrases: &[&str]) {
    let text = texts(name);
    for phrase in phrases {
        assert!(
            text.contains(phrase),
            "{name}: the claim `{phrase}` is checked here but no longer said in\n{text}"
        );
    }
}

/// A built-in network preset, trained and sliced as the window does it.
pub struct NetPreset {
    pub name: &'static str,
    pub scenario: Scenario,
    pub experiment: Experiment,
    pub outcome: Outcome,
}

impl NetPreset {
    pub fn run(name: &'static str) -> Self {
        let scenario = optiscape::files::resolve(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let experiment = scenario
            .experiment()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .unwrap_or_else(|| panic!("{name} has no network"));
        let outcome = experiment.compute();
        Self {
            name,
            scenario,
            experiment,
            outcome,
        }
    }

    /// See [`Preset::says`].
    pub fn says(&self, phrases: &[&str]) {
        says(self.name, phrases);
    }

    /// Run `i`'s training accuracy at every step.
    pub fn accuracy(&self, i: usize) -> &[f64] {
        &self.outcome.runs[i].accuracy
    }

    /// Run `i`'s full-data loss at every step.
    pub fn losses(&self, i: usize) -> &[f64] {
        &self.outcome.runs[i].losses
    }

    /// The first step at which run `i`'s training accuracy reaches `share`.
    pub fn first_accuracy(&self, i: usize, share: f64) -> Option<usize> {
        self.accuracy(i).iter().position(|&a| a >= share)
    }

    /// How many of run `i`'s steps raise its full-data loss.
    pub fn loss_rises(&self, i: usize) -> usize {
        self.losses(i).windows(2).filter(|w| w[1] > w[0]).count()
    }
}

/// The preset's description, comment block and walkthrough note, with the comment's line breaks
/// and `//` markers folded into single spaces.
fn texts(name: &str) -> String {
    let builtin = preset::builtin(name).unwrap_or_else(|| panic!("{name} is not built in"));
    let comment: Vec<&str> = preset::leading_comments(builtin.text)
        .lines()
        .map(|l| l.trim().trim_start_matches('/').trim())
        .collect();
    let scenario = builtin.scenario().expect("valid");
    let note = walkthrough::lecture()
        .expect("valid")
        .stops
        .into_iter()
        .filter(|s| s.preset == name)
        .map(|s| s.note)
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "description: {}\ncomment: {}\nnote: {note}",
        scenario.description,
        comment.join(" ")
    )
}

/// The first step whose loss is below `tol`.
pub fn first_below(t: &Trajectory, tol: f64) -> Option<usize> {
    t.losses.iter().position(|&l| l < tol)
}

/// The first step whose point is within `r` of `p`.
pub fn first_within(t: &Trajectory, p: V2, r: f64) -> Option<usize> {
    t.points.iter().position(|q| (q - p).norm() < r)
}

/// The distance from the point at step `k` to `p`.
pub fn distance_at(t: &Trajectory, k: usize, p: V2) -> f64 {
    (t.points[k] - p).norm()
}

/// The last point's distance to `p`.
pub fn final_distance(t: &Trajectory, p: V2) -> f64 {
    distance_at(t, t.points.len() - 1, p)
}

/// The move made by each step: `points[k + 1] − points[k]`.
pub fn steps(t: &Trajectory) -> Vec<V2> {
    t.points.windows(2).map(|w| w[1] - w[0]).collect()
}

/// The length of the path from step `from` to step `to`.
pub fn path_length(t: &Trajectory, from: usize, to: usize) -> f64 {
    t.points[from..=to]
        .windows(2)
        .map(|w| (w[1] - w[0]).norm())
        .sum()
}

/// How often consecutive values have opposite signs.
pub fn sign_flips(values: impl IntoIterator<Item = f64>) -> usize {
    let values: Vec<f64> = values.into_iter().collect();
    values.windows(2).filter(|w| w[0] * w[1] < 0.0).count()
}

/// How many steps raise the loss.
pub fn loss_rises(t: &Trajectory) -> usize {
    t.losses.windows(2).filter(|w| w[1] > w[0]).count()
}

/// The angle between two directions, in degrees.
pub fn angle(a: V2, b: V2) -> f64 {
    (a.dot(&b) / (a.norm() * b.norm()))
        .clamp(-1.0, 1.0)
        .acos()
        .to_degrees()
}

/// The direction of `v` in degrees from the x axis, counter-clockwise.
pub fn heading(v: V2) -> f64 {
    v.y.atan2(v.x).to_degrees()
}

pub fn max(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(f64::NEG_INFINITY, f64::max)
}

pub fn min(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(f64::INFINITY, f64::min)
}

/// The root of `f` between `lo` and `hi` (where it changes sign), by bisection.
pub fn root(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    assert!(f(lo) * f(hi) < 0.0, "no sign change in [{lo}, {hi}]");
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(lo) * f(mid) <= 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Where ∂f/∂x vanishes on the x axis between `lo` and `hi`: a well's bottom or the hump between
/// two wells, for the double wells.
pub fn flat_x(surface: &Surface, lo: f64, hi: f64) -> f64 {
    root(|x| surface.grad(V2::new(x, 0.0)).x, lo, hi)
}
