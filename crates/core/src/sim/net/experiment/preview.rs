//! What the window shows of an experiment while its slice is computed: the grid with the rows so
//! far, and each run's path over the plane.

use super::{Computation, NetRun, Sampled};
use crate::sim::{Status, Trajectory, V2};

/// What is known of an experiment part-way through its slice: the grid with the rows computed so
/// far, and each run's projected path with its full-data losses.
#[derive(Debug, Clone)]
pub struct Preview {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// The rows computed so far, from the lowest y up.
    pub rows: Vec<Vec<f64>>,
    pub paths: Vec<Trajectory>,
}

impl Preview {
    /// The slice so far as a surface: no value in the rows still to come.
    pub fn surface_grid(&self) -> Option<Sampled> {
        let missing = vec![f64::NAN; self.xs.len()];
        let rows: Vec<Vec<f64>> = (0..self.ys.len())
            .map(|k| self.rows.get(k).unwrap_or(&missing).clone())
            .collect();
        Sampled::new(self.xs.clone(), self.ys.clone(), &rows)
    }
}

impl Computation {
    /// Rows of the slice computed so far.
    pub fn rows_done(&self) -> usize {
        self.rows.len()
    }

    /// The grid, the rows so far and the runs' paths, once the runs are trained.
    pub fn preview(&self) -> Option<Preview> {
        let frame = self.frame.as_ref()?;
        let paths = (0..self.runs.len())
            .map(|i| path_of(&self.runs[i], &frame.projected[i], &self.runs[i].losses))
            .collect();
        Some(Preview {
            xs: frame.xs.clone(),
            ys: frame.ys.clone(),
            rows: self.rows.clone(),
            paths,
        })
    }
}

/// A run's path over the plane with `losses` (the slice's values, or its own full-data losses),
/// ending at its first iterate whose loss is not finite.
pub(super) fn path_of(run: &NetRun, projected: &[([f64; 2], f64)], losses: &[f64]) -> Trajectory {
    let diverged = run.losses.iter().position(|l| !l.is_finite());
    let end = diverged.map_or(projected.len(), |k| k + 1);
    Trajectory {
        points: projected[..end.min(projected.len())]
            .iter()
            .map(|(p, _)| V2::new(p[0], p[1]))
            .collect(),
        losses: losses[..end.min(losses.len())].to_vec(),
        status: if diverged.is_some() {
            Status::Diverged
        } else {
            Status::MaxSteps
        },
        stopped_at: diverged,
    }
}
