//! A scenario's network section: the optimizers of its runs train a small network on 2-D data, and
//! the window shows the loss over a 2-D slice of its weights instead of a named surface.

use serde::{Deserialize, Serialize};

use super::{RunConfig, Scenario, ScenarioError, err};
use crate::sim::net::DataKind;
use crate::sim::net::experiment::{Experiment, MAX_NET_STEPS, RunPlan, Setup};
use crate::sim::net::plane::PlaneKind;
use crate::sim::schedule::Schedule;

/// The data set, the network and the plane of the slice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetConfig {
    /// `moons`, `circles`, `xor` or `spiral`.
    pub data: String,
    /// Points in the data set (2 to 10000).
    pub samples: usize,
    /// σ of the Gaussian noise on the points' coordinates.
    pub data_noise: f64,
    /// Seed of the data, the common start weights and the random plane.
    pub seed: u64,
    /// Widths of the tanh hidden layers (1 to 4 layers of 1 to 64).
    pub hidden: Vec<usize>,
    /// `pca` (of all runs' iterates), `random` (filter-normalised) or `endpoints` (through the
    /// start and the first two runs' ends).
    pub plane: String,
    /// Grid points along each side of the slice (3 to 201).
    pub grid: usize,
}

impl Default for NetConfig {
    fn default() -> Self {
        Self {
            data: "moons".to_owned(),
            samples: 256,
            data_noise: 0.1,
            seed: 1,
            hidden: vec![8, 8],
            plane: "pca".to_owned(),
            grid: 41,
        }
    }
}

impl Scenario {
    /// The network experiment this scenario asks for, checked (`None` when it has no `net`
    /// section); every error names its field.
    pub fn experiment(&self) -> Result<Option<Experiment>, ScenarioError> {
        let Some(net) = &self.net else {
            return Ok(None);
        };
        self.check_document()?;
        if self.steps > MAX_NET_STEPS {
            return Err(err(
                "steps",
                format!(
                    "{} steps; a network run takes at most {MAX_NET_STEPS}",
                    self.steps
                ),
            ));
        }
        if self.tol.is_some() {
            return Err(err(
                "tol",
                "a network run trains for all its steps; leave tol out",
            ));
        }
        let data = DataKind::from_name(&net.data).ok_or_else(|| {
            err(
                "net.data",
                format!("`{}` is not moons, circles, xor or spiral", net.data),
            )
        })?;
        let plane = PlaneKind::from_name(&net.plane).ok_or_else(|| {
            err(
                "net.plane",
                format!("`{}` is not pca, random or endpoints", net.plane),
            )
        })?;
        let runs = self
            .runs
            .iter()
            .enumerate()
            .map(|(i, run)| self.net_run(i, run))
            .collect::<Result<Vec<_>, _>>()?;
        let experiment = Experiment {
            setup: Setup {
                data,
                samples: net.samples,
                data_noise: net.data_noise,
                seed: net.seed,
                hidden: net.hidden.clone(),
                plane,
                grid: net.grid,
                steps: self.steps,
            },
            runs,
        };
        experiment.check().map_err(|(field, message)| {
            let path = match field {
                "steps" => "steps".to_owned(),
                "optimizer" => "runs".to_owned(),
                "batch_size" => {
                    let i = self.runs.iter().position(|r| r.batch_size == Some(0));
                    format!("runs[{}].batch_size", i.unwrap_or(0))
                }
                f => format!("net.{f}"),
            };
            err(path, message)
        })?;
        Ok(Some(experiment))
    }

    /// Run `i` as a network run: its optimizer, mini-batches and seed.
    fn net_run(&self, i: usize, run: &RunConfig) -> Result<RunPlan, ScenarioError> {
        let path = format!("runs[{i}]");
        if run.noise != 0.0 {
            return Err(err(
                format!("{path}.noise"),
                "a network run's noise is its mini-batches: set batch_size instead",
            ));
        }
        if run.schedule != Schedule::Constant {
            return Err(err(
                format!("{path}.schedule"),
                "a network run keeps its learning rate constant",
            ));
        }
        let optimizer = self.optimizer_of(&path, run)?;
        Ok(RunPlan {
            optimizer,
            batch: run.batch_size,
            seed: run.seed,
        })
    }
}
