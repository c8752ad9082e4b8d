//! `optiscape render`: a preset drawn without a window, as PNG, SVG, animated GIF or animated PNG.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::Failure;
use super::say;
use optiscape_core::scenario::Scenario;
use optiscape_model::Computed;
use optiscape_picture::Frames;
use optiscape_picture::encode;
use optiscape_picture::error::PictureError;
use optiscape_picture::picture::{self, Theme};
use optiscape_picture::scene::{Scene, SideScene};
use optiscape_picture::solid::Solid;
use optiscape_picture::svg;

#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// A preset file, the name of a built-in preset, or a link
    #[arg(value_name = "PRESET")]
    pub preset: String,
    /// Output file: .png (an animated PNG with --frames), .svg, .apng or .gif
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Picture size in pixels
    #[arg(long, value_name = "WxH", default_value = "1600x1000", value_parser = size)]
    pub size: (u32, u32),
    /// Draw the paths up to this step (default: the end)
    #[arg(long, value_name = "K")]
    pub step: Option<usize>,
    /// Frames of an animation (GIF: default 100)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub frames: Option<u32>,
    /// Frames per second of an animation
    #[arg(long, value_name = "F", default_value_t = 20.0, value_parser = fps)]
    pub fps: f64,
    /// The contour map (2d) or the shaded surface in perspective (3d)
    #[arg(long, value_name = "VIEW", default_value = "2d", value_parser = ["2d", "3d"])]
    pub view: String,
    /// 3-D view: degrees around the vertical axis (default: the preset's camera)
    #[arg(long, value_name = "DEG", value_parser = azimuth, allow_hyphen_values = true)]
    pub azimuth: Option<f64>,
    /// 3-D view: degrees above the plane, 5 to 90 (default: the preset's camera)
    #[arg(long, value_name = "DEG", value_parser = elevation)]
    pub elevation: Option<f64>,
    /// One contour map with every run (single) or one small map per visible run (side-by-side);
    /// default: as the preset says
    #[arg(long, value_name = "LAYOUT", value_parser = ["single", "side-by-side"])]
    pub layout: Option<String>,
    /// Colours of the contour map: the window's dark or light theme (the 3-D view is dark)
    #[arg(long, value_name = "THEME", default_value = "dark", value_parser = ["dark", "light"])]
    pub theme: String,
    /// Lay the contour map out as the window does at this size (its text size and line width, no
    /// title), so the picture shows what the window's view of that size shows
    #[arg(long)]
    pub as_window: bool,
    /// Print how long each stage took (to stderr)
    #[arg(long)]
    pub timings: bool,
}

pub fn size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{s}` is not written WxH"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{s}` is not written WxH"))
    };
    let (w, h) = (parse(w)?, parse(h)?);
    if !(16..=8192).contains(&w) || !(16..=8192).contains(&h) {
        return Err(format!("`{s}`: each side must be from 16 to 8192 pixels"));
    }
    Ok((w, h))
}

/// Degrees around the vertical axis, as a camera allows them (clap value parser).
fn azimuth(s: &str) -> Result<f64, String> {
    degrees(s, -360.0, 360.0)
}

/// Degrees above the plane, as a camera allows them (clap value parser).
fn elevation(s: &str) -> Result<f64, String> {
    degrees(s, 5.0, 90.0)
}

fn degrees(s: &str, min: f64, max: f64) -> Result<f64, String> {
    let v = super::args::finite(s)?;
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(format!("`{s}` degrees; allowed: {min} to {max}"))
    }
}

fn fps(s: &str) -> Result<f64, String> {
    let v = super::args::finite(s)?;
    if (0.1..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("`{s}`: frames per second must be from 0.1 to 100"))
    }
}

/// What to write, by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
    Gif,
    Apng,
}

fn format(a: &RenderArgs) -> Result<Format, Failure> {
    let ext = a
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("png") if a.frames.is_some() => Ok(Format::Apng),
        Some("png") => Ok(Format::Png),
        Some("svg") if a.frames.is_some() => Err(Failure::Usage(format!(
            "--frames: {}: an SVG is one picture; --frames goes with .gif, .apng or .png",
            a.output.display()
        ))),
        Some("svg") => Ok(Format::Svg),
        Some("apng") => Ok(Format::Apng),
        Some("gif") => Ok(Format::Gif),
        _ => Err(Failure::Usage(format!(
            "--output: {}: the output must end in .png, .svg, .apng or .gif",
            a.output.display()
        ))),
    }
}

/// The pictures asked for, drawn from the scenario's computed model (computed here, once).
fn scene(
    a: &RenderArgs,
    scenario: &Scenario,
    side_by_side: bool,
) -> Result<Box<dyn Frames>, Failure> {
    let failed = |e: PictureError| Failure::Failed(format!("{}: {e}", a.preset));
    if a.view != "3d" && (a.azimuth.is_some() || a.elevation.is_some()) {
        return Err(Failure::Usage(
            "--azimuth and --elevation go with --view 3d".to_owned(),
        ));
    }
    let mut model = Computed::of(scenario);
    let (w, h) = a.size;
    if a.view == "3d" {
        let mut camera = scenario.display.camera;
        camera.azimuth = a.azimuth.unwrap_or(camera.azimuth);
        camera.elevation = a.elevation.unwrap_or(camera.elevation);
        model.mesh(scenario);
        let solid = Solid::new(scenario, w, h, Some(camera), model.given()).map_err(failed)?;
        return Ok(Box::new(solid));
    }
    let theme = Theme {
        dark: a.theme == "dark",
    };
    if side_by_side {
        let side = SideScene::new(scenario, w, h, model.given(), theme).map_err(failed)?;
        return Ok(Box::new(side));
    }
    let layout = if a.as_window {
        picture::window_layout(w as f32, h as f32)
    } else {
        picture::layout(w, h)
    };
    let map = Scene::with_layout(scenario, w, h, layout, model.given(), theme).map_err(failed)?;
    Ok(Box::new(map))
}

/// Renders as asked; an error is one line (exit code 2 for a flag, 1 otherwise).
pub fn run(a: &RenderArgs) -> Result<(), Failure> {
    let t0 = Instant::now();
    let format = format(a)?;
    let scenario =
        optiscape_files::resolve(&a.preset).map_err(|e| Failure::Failed(e.to_string()))?;
    // Frames × pixels within the one budget (optiscape_core::cost), before anything is drawn.
    let frames = match format {
        Format::Gif | Format::Apng => a.frames.unwrap_or(100) as usize,
        Format::Png | Format::Svg => 1,
    };
    optiscape_core::cost::check_export(&scenario, frames, a.size.0, a.size.1).map_err(|e| {
        let flag = if frames > 1 { "--frames" } else { "--size" };
        Failure::Usage(format!("{flag}: {e}"))
    })?;
    let t1 = Instant::now();
    let side_by_side = match a.layout.as_deref() {
        Some(layout) => layout == "side-by-side",
        None => scenario.display.side_by_side && a.view != "3d",
    };
    if side_by_side && a.view == "3d" {
        return Err(Failure::Usage(
            "--layout side-by-side draws contour maps; not with --view 3d".to_owned(),
        ));
    }
    let scene = scene(a, &scenario, side_by_side)?;
    let t2 = Instant::now();
    let no_progress = |_: usize, _: usize| true;
    let result = match format {
        Format::Png => {
            let pix = scene.into_frame(a.step.unwrap_or(usize::MAX));
            let t = Instant::now();
            let r = encode::write_png(pix, &a.output);
            if a.timings {
                say(&format!(
                    "draw paths: {:.1} ms",
                    (t - t2).as_secs_f64() * 1e3
                ));
            }
            r
        }
        Format::Svg => svg::write(&scene.picture(a.step.unwrap_or(usize::MAX)), &a.output),
        Format::Gif => encode::write_gif(
            scene.as_ref(),
            a.frames.unwrap_or(100) as usize,
            a.fps,
            &a.output,
            &no_progress,
        ),
        Format::Apng => encode::write_apng(
            scene.as_ref(),
            a.frames.unwrap_or(100) as usize,
            a.fps,
            &a.output,
            &no_progress,
        ),
    };
    result.map_err(|e| Failure::Failed(e.to_string()))?;
    if a.timings {
        let t3 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        say(&format!("load preset: {:.1} ms", ms(t0, t1)));
        say(&format!(
            "runs, field and static layer: {:.1} ms",
            ms(t1, t2)
        ));
        say(&format!("frames and encoding: {:.1} ms", ms(t2, t3)));
        say(&format!("total: {:.1} ms", ms(t0, t3)));
    }
    Ok(())
}
