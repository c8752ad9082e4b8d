//! `optiscape sweep` and `optiscape basins`: many runs of one preset run, as a picture or as JSON;
//! and the preset, output and metric handling `optiscape tune` shares with them.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use super::Failure;
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::RunSpec;
use optiscape_core::sim::sweep::{self, Axis, Basin, Metric};
use optiscape_core::work::Progress;
use optiscape_picture::picture::{Picture, Theme};
use optiscape_picture::{encode, grid, paint, svg};

#[derive(Debug, Clone, Args)]
pub struct SweepArgs {
    /// A preset file, the name of a built-in preset, or a link
    #[arg(value_name = "PRESET")]
    pub preset: String,
    /// The run to sweep, numbered from 0 in preset order
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub run: usize,
    /// The x axis: NAME:MIN:MAX:COUNT[:log], e.g. lr:1e-5:1e-1:64:log
    #[arg(long, value_name = "AXIS", value_parser = Axis::parse, allow_hyphen_values = true)]
    pub x: Axis,
    /// The y axis: NAME:MIN:MAX:COUNT[:log], e.g. momentum:0:0.99:64 (beta1 / beta2 for Adam's betas)
    #[arg(long, value_name = "AXIS", value_parser = Axis::parse, allow_hyphen_values = true)]
    pub y: Axis,
    /// Steps of every run (default: the preset's)
    #[arg(long, value_name = "S")]
    pub steps: Option<usize>,
    /// What each cell shows
    #[arg(long, value_enum, default_value = "final_loss")]
    pub metric: MetricArg,
    /// Output: .png, .svg or .json
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Picture size in pixels
    #[arg(long, value_name = "WxH", default_value = "1000x800", value_parser = super::render::size)]
    pub size: (u32, u32),
    /// Colours of the picture: the window's dark or light theme
    #[arg(long, value_name = "THEME", default_value = "dark", value_parser = ["dark", "light"])]
    pub theme: String,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MetricArg {
    #[value(name = "final_loss")]
    FinalLoss,
    #[value(name = "steps_to_tol")]
    StepsToTol,
}

#[derive(Debug, Clone, Args)]
pub struct BasinArgs {
    /// A preset file, the name of a built-in preset, or a link
    #[arg(value_name = "PRESET")]
    pub preset: String,
    /// The run whose optimizer is used, numbered from 0 in preset order
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub run: usize,
    /// Start points along each side of the grid
    #[arg(long, value_name = "G", default_value_t = 256)]
    pub grid: usize,
    /// Steps of every run (default: the preset's)
    #[arg(long, value_name = "S")]
    pub steps: Option<usize>,
    /// Output: .png, .svg or .json
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Picture size in pixels
    #[arg(long, value_name = "WxH", default_value = "1000x800", value_parser = super::render::size)]
    pub size: (u32, u32),
    /// Colours of the picture: the window's dark or light theme
    #[arg(long, value_name = "THEME", default_value = "dark", value_parser = ["dark", "light"])]
    pub theme: String,
}

impl From<MetricArg> for Metric {
    fn from(m: MetricArg) -> Self {
        match m {
            MetricArg::FinalLoss => Self::FinalLoss,
            MetricArg::StepsToTol => Self::StepsToTol,
        }
    }
}

/// The preset (a file, a built-in name or a link) with the step count overridden, and its compiled
/// runs; errors are one line.
pub(super) fn runs_of(
    preset: &str,
    steps: Option<usize>,
) -> Result<(Scenario, Vec<RunSpec>), Failure> {
    let mut scenario =
        optiscape_files::resolve(preset).map_err(|e| Failure::Failed(e.to_string()))?;
    if let Some(s) = steps {
        scenario.steps = s;
    }
    let compiled = scenario.compile().map_err(|e| {
        let message = format!("{preset}: {e}");
        // Only --steps changed the preset: a problem with the steps is the flag's.
        if steps.is_some() && e.path == "steps" {
            Failure::Usage(format!("--steps: {message}"))
        } else {
            Failure::Failed(message)
        }
    })?;
    Ok((scenario, compiled.runs))
}

/// The refusal of `--run n` for a preset of `count` runs.
pub(super) fn no_such_run(preset: &str, count: usize, n: usize) -> Failure {
    Failure::Usage(format!(
        "--run: {preset} has {count} runs, numbered from 0; there is no run {n}"
    ))
}

/// The preset's run `n` with the step count overridden; errors are one line.
fn run_of(preset: &str, n: usize, steps: Option<usize>) -> Result<(Scenario, RunSpec), Failure> {
    let (scenario, runs) = runs_of(preset, steps)?;
    let count = runs.len();
    let spec = runs
        .into_iter()
        .nth(n)
        .ok_or_else(|| no_such_run(preset, count, n))?;
    Ok((scenario, spec))
}

/// What an output file's name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Output {
    Json,
    Png,
    Svg,
}

impl Output {
    /// The output `path` asks for by its ending; any other ending is refused.
    pub(super) fn of(path: &Path) -> Result<Self, Failure> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Ok(Self::Json),
            Some("png") => Ok(Self::Png),
            Some("svg") => Ok(Self::Svg),
            _ => Err(Failure::Usage(format!(
                "--output: {}: the output must end in .png, .svg or .json",
                path.display()
            ))),
        }
    }
}

/// The theme a `--theme` flag names.
pub(super) fn theme(name: &str) -> Theme {
    Theme {
        dark: name != "light",
    }
}

/// Writes `picture` as `output` (a PNG or an SVG) to `path`.
pub(super) fn write_picture(picture: &Picture, output: Output, path: &Path) -> Result<(), Failure> {
    let written = match output {
        Output::Svg => svg::write(picture, path),
        Output::Png | Output::Json => {
            let pix = paint::picture(picture)
                .ok_or_else(|| Failure::Failed("cannot allocate the picture".to_owned()))?;
            encode::write_png(pix, path)
        }
    };
    written.map_err(|e| Failure::Failed(e.to_string()))
}

pub(super) fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), Failure> {
    optiscape_files::atomic::write(path, |out| {
        serde_json::to_writer(out, value).map_err(|e| format!("cannot write: {e}"))
    })
    .map_err(Failure::Failed)
}

/// An interrupted computation (nothing here cancels; kept so a refusal is never a panic).
pub(super) fn cancelled() -> Failure {
    Failure::Failed("cancelled".to_owned())
}

/// `optiscape sweep`.
pub fn sweep(a: &SweepArgs) -> Result<(), Failure> {
    let output = Output::of(&a.output)?;
    let (scenario, spec) = run_of(&a.preset, a.run, a.steps)?;
    let run = &scenario.runs[a.run];
    let kind = spec.optimizer.kind();
    let metric = Metric::from(a.metric);
    let result = sweep::sweep(
        &spec,
        kind,
        &run.optimizer.params(),
        &a.x,
        &a.y,
        metric,
        &Progress::default(),
    )
    .map_err(|e| Failure::Usage(format!("{}: {e}", super::args::flag_of(&e))))?
    .ok_or_else(cancelled)?;
    if output == Output::Json {
        let value = json!({
            "x": {"name": result.x.name, "values": result.x.values()},
            "y": {"name": result.y.name, "values": result.y.values()},
            "metric": metric.name(),
            "values": result.values,
        });
        return write_json(&a.output, &value);
    }
    let title = format!(
        "{}: {} of {} over {} × {}",
        scenario.title,
        metric.title(),
        run.label(),
        a.x.name,
        a.y.name
    );
    let (w, h) = a.size;
    let picture = grid::picture(&grid::sweep_picture(&result, &title), w, h, theme(&a.theme));
    write_picture(&picture, output, &a.output)
}

/// `optiscape basins`.
pub fn basins(a: &BasinArgs) -> Result<(), Failure> {
    let output = Output::of(&a.output)?;
    let (scenario, spec) = run_of(&a.preset, a.run, a.steps)?;
    let view = scenario.view_or_default();
    let map = sweep::basins(&spec, view, a.grid, &Progress::default())
        .map_err(|e| {
            Failure::Usage(format!(
                "{}: {e}",
                if e.field() == Some("grid") {
                    "--grid"
                } else {
                    "--run"
                }
            ))
        })?
        .ok_or_else(cancelled)?;
    if output == Output::Json {
        let n = map.n;
        let size = view.size();
        let xs: Vec<f64> = (0..n)
            .map(|c| view.x[0] + (c as f64 + 0.5) * size.x / n as f64)
            .collect();
        let ys: Vec<f64> = (0..n)
            .map(|r| view.y[0] + (r as f64 + 0.5) * size.y / n as f64)
            .collect();
        // Rows in ascending y (the map's row 0 is the top).
        let row = |r: usize| &map.cells[(n - 1 - r) * n..(n - r) * n];
        let basin: Vec<Vec<i64>> = (0..n)
            .map(|r| {
                row(r)
                    .iter()
                    .map(|c| match c {
                        Basin::Minimum { index, .. } => *index as i64,
                        Basin::Diverged => -1,
                        Basin::NotConverged => -2,
                    })
                    .collect()
            })
            .collect();
        let steps: Vec<Vec<Option<usize>>> = (0..n)
            .map(|r| {
                row(r)
                    .iter()
                    .map(|c| {
                        if let Basin::Minimum { steps, .. } = c {
                            Some(*steps)
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect();
        let value = json!({
            "grid": n,
            "view": {"x": view.x, "y": view.y},
            "minima": map.minima.iter().map(|m| [m.x, m.y]).collect::<Vec<_>>(),
            "x": xs,
            "y": ys,
            "basin": basin,
            "steps": steps,
        });
        return write_json(&a.output, &value);
    }
    let title = format!(
        "{}: where {} ends from each start",
        scenario.title,
        scenario.runs[a.run].label()
    );
    let (w, h) = a.size;
    let picture = grid::picture(&grid::basin_picture(&map, &title), w, h, theme(&a.theme));
    write_picture(&picture, output, &a.output)
}
