//! The `optiscape` command line. With no subcommand it opens the window; the subcommands expose the
//! simulation core to scripts, with JSON output and exit code 2 for bad input.

mod args;
mod info;
mod many;
mod net;
mod render;
mod trace;
mod tune;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::{HyperArgs, SurfaceArgs};

/// See how optimizers move over a loss surface.
#[derive(Debug, Parser)]
#[command(
    name = "optiscape",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A preset to open in the window (a .ron file, a built-in preset's name, or a link with a
    /// scenario: `https://…#s=…` or a bare `#s=…`)
    #[arg(value_name = "PRESET")]
    pub preset: Option<String>,
    /// The window's size in points (at least 800x560)
    #[arg(long, value_name = "WxH", value_parser = render::size)]
    pub size: Option<(u32, u32)>,
    /// Play the scenario to its end, save the window's view (landscape, maps or 3-D view) as a PNG,
    /// and close; it says whether the 3-D view was drawn by the GPU
    #[arg(long, value_name = "FILE.png")]
    pub capture: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one optimizer on one surface and print the trajectory as JSON
    #[command(allow_negative_numbers = true)]
    Trace(Box<trace::TraceArgs>),
    /// Print f and ∇f of a surface at a point as JSON
    #[command(allow_negative_numbers = true)]
    Eval(info::EvalArgs),
    /// List the surfaces with their parameters, defaults, views and minima
    Surfaces(info::ListArgs),
    /// List the optimizers with their hyper-parameters and defaults
    Optimizers(info::ListArgs),
    /// Check preset files; exit 0 when all are valid, 1 otherwise
    Validate(ValidateArgs),
    /// Draw a preset without a window: PNG, animated GIF or animated PNG
    Render(Box<render::RenderArgs>),
    /// A heat map of one run's final loss (or steps to the tolerance) over two hyper-parameters
    #[command(allow_negative_numbers = true)]
    Sweep(Box<many::SweepArgs>),
    /// Which minimum each start point of a grid leads to, for one run's optimizer
    Basins(Box<many::BasinArgs>),
    /// For each run, the learning rate on a log grid that reaches the tolerance in the fewest steps
    /// (or gives the lowest final loss), as JSON or a picture
    Tune(Box<tune::TuneArgs>),
    /// Optimizers training a small network on 2-D data, and the 2-D slice of its loss landscape, as
    /// JSON
    #[command(allow_negative_numbers = true)]
    Net(Box<net::NetArgs>),
    /// Print a link that opens a preset's scenario (in the web edition, or `optiscape LINK`)
    Link(LinkArgs),
    /// Open the window in a walkthrough: presets in lecture order with a note for each (default: the
    /// shipped lecture-l07); Page Down / Page Up move between them
    Walkthrough(WalkthroughArgs),
}

#[derive(Debug, clap::Args)]
pub struct WalkthroughArgs {
    /// A walkthrough file (RON: title and stops of preset + note)
    #[arg(value_name = "FILE")]
    pub file: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// A preset file, the name of a built-in preset, or a link
    #[arg(value_name = "PRESET")]
    pub preset: String,
    /// The web edition's address (default: OPTISCAPE_WEB_URL; neither: the fragment alone)
    #[arg(long, value_name = "URL")]
    pub base: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Preset or walkthrough files, or links, to check
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
}

/// How a subcommand failed.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: one line naming the flag and what is allowed; exit code 2.
    Usage(String),
    /// The output could not be written (a closed pipe ends quietly); exit code 1.
    Output(std::io::Error),
    /// The input was read but the work failed (a preset that does not load, say); exit code 1.
    Failed(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::Output(e)
    }
}

/// Parses the process arguments and runs what they ask for.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_failure(&e),
    };
    let options = optiscape_app::WindowOptions {
        size: cli.size.map(|(w, h)| [w as f32, h as f32]),
        capture: cli.capture,
    };
    match cli.command {
        None => match cli.preset.as_deref().map(open_arg).transpose() {
            Ok(scenario) => window(scenario, None, options),
            Err(e) => {
                say_error(&e.to_string());
                ExitCode::from(1)
            }
        },
        Some(Command::Validate(a)) => validate(&a.files),
        Some(Command::Walkthrough(a)) => {
            match optiscape_files::resolve_walkthrough(a.file.as_deref()) {
                Ok(tour) => window(None, Some(tour), options),
                Err(e) => {
                    say_error(&e.to_string());
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Render(a)) => finish(render::run(&a)),
        Some(Command::Link(a)) => finish(link(&a)),
        Some(Command::Sweep(a)) => finish(many::sweep(&a)),
        Some(Command::Basins(a)) => finish(many::basins(&a)),
        Some(Command::Tune(a)) => finish(tune::run(&a)),
        Some(command) => finish(run(command)),
    }
}

/// Runs one subcommand, writing to stdout.
pub fn run(command: Command) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match command {
        Command::Trace(a) => trace::run(&a, &mut out)?,
        Command::Net(a) => net::run(&a, &mut out)?,
        Command::Eval(a) => info::eval(&a, &mut out)?,
        Command::Surfaces(a) => info::surfaces(&a, &mut out)?,
        Command::Optimizers(a) => info::optimizers(&a, &mut out)?,
        Command::Validate(_)
        | Command::Render(_)
        | Command::Sweep(_)
        | Command::Basins(_)
        | Command::Tune(_)
        | Command::Link(_)
        | Command::Walkthrough(_) => {
            return Err(Failure::Usage("this subcommand runs on its own".to_owned()));
        }
    }
    out.flush()?;
    Ok(())
}

/// Checks each file (or link) and prints one line per file: `FILE: ok` or the problem; exit 1 when
/// one is not valid or the report could not be written.
fn validate(files: &[String]) -> ExitCode {
    let mut all_ok = true;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in files {
        let line = match check_file(f) {
            Ok(what) if optiscape_core::link::is_link(f) => format!("link: ok{what}"),
            Ok(what) => format!("{f}: ok{what}"),
            Err(e) => {
                all_ok = false;
                e.to_string()
            }
        };
        if let Err(e) = writeln!(out, "{}", optiscape_core::escape::controls(&line)) {
            return write_failure(&e, all_ok);
        }
    }
    if let Err(e) = out.flush() {
        return write_failure(&e, all_ok);
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A report that could not be written: a closed pipe ends quietly with the verdict so far, any
/// other failure is an error.
fn write_failure(e: &std::io::Error, ok_so_far: bool) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return if ok_so_far {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    say_error(&format!("cannot write to stdout: {e}"));
    ExitCode::from(1)
}

/// Checks a link, or a preset or walkthrough file (told apart by its `stops: [...]`).
fn check_file(arg: &str) -> Result<String, optiscape_core::preset::PresetError> {
    if optiscape_core::link::is_link(arg) {
        return optiscape_core::link::read(arg).map(|_| String::new());
    }
    let path = std::path::Path::new(arg);
    let name = path.display().to_string();
    let bytes = optiscape_files::read_limited(path)
        .map_err(|m| optiscape_core::preset::PresetError::new(&name, m))?;
    if optiscape_core::walkthrough::looks_like(&bytes) {
        let tour = optiscape_core::walkthrough::parse(
            &bytes,
            &name,
            path.parent(),
            &optiscape_files::Disk,
        )?;
        Ok(format!(" (walkthrough of {} stops)", tour.stops.len()))
    } else {
        optiscape_core::preset::parse(&bytes, &name).map(|_| String::new())
    }
}

/// Opens the window; a failure to start it (no display, say) is reported, not a panic.
fn window(
    scenario: Option<(
        optiscape_core::scenario::Scenario,
        Option<std::path::PathBuf>,
    )>,
    tour: Option<optiscape_core::walkthrough::Tour>,
    options: optiscape_app::WindowOptions,
) -> ExitCode {
    match optiscape_app::run(scenario, tour, options) {
        Ok(true) => ExitCode::SUCCESS,
        // The capture's error is already said.
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            say_error(&format!("cannot open the window: {e}"));
            ExitCode::from(1)
        }
    }
}

fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            say_error(&msg);
            ExitCode::from(2)
        }
        Err(Failure::Failed(msg)) => {
            say_error(&msg);
            ExitCode::from(1)
        }
        Err(Failure::Output(e)) => write_failure(&e, true),
    }
}

/// What `optiscape ARG` opens: the scenario of a link, or a preset (with its path, if a file).
fn open_arg(
    arg: &str,
) -> Result<
    (
        optiscape_core::scenario::Scenario,
        Option<std::path::PathBuf>,
    ),
    optiscape_core::preset::PresetError,
> {
    optiscape_files::resolve_with_path(arg)
}

/// `optiscape link`: prints the link of a preset (or of a link's scenario, with another base).
fn link(a: &LinkArgs) -> Result<(), Failure> {
    let failed = |e: optiscape_core::preset::PresetError| Failure::Failed(e.to_string());
    let scenario = optiscape_files::resolve(&a.preset).map_err(failed)?;
    let base = a.base.clone().or_else(optiscape_app::link_base);
    let link = optiscape_core::link::link(base.as_deref(), &scenario).map_err(failed)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", optiscape_core::escape::controls(&link))?;
    out.flush()?;
    Ok(())
}

/// Prints clap's verdict: help and version as they are, errors as their one meaningful line.
fn clap_failure(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => match e.print() {
            Err(e) => write_failure(&e, true),
            Ok(()) => ExitCode::SUCCESS,
        },
        _ => {
            let text = e.render().to_string();
            let line = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("error: bad arguments");
            // The line names the bad value; say which ones are good, as the full text would.
            match e.get(clap::error::ContextKind::ValidValue) {
                Some(clap::error::ContextValue::Strings(valid)) if !valid.is_empty() => {
                    say(&format!("{line} (one of: {})", valid.join(", ")));
                }
                _ => say(line),
            }
            ExitCode::from(2)
        }
    }
}

/// Writes `value` as one line of JSON.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer(&mut *out, value).map_err(|e| Failure::Output(e.into()))?;
    writeln!(out)?;
    Ok(())
}

/// Prints `error: MESSAGE` on stderr, escaped; a stderr that cannot be written to is no reason to
/// stop (there is nowhere left to say so).
pub fn say_error(message: &str) {
    say(&format!("error: {message}"));
}

/// Prints one line on stderr, escaped, ignoring a stderr that cannot be written to.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        optiscape_core::escape::controls(line)
    );
}
