//! File → Export image… and Export animation…: the scenario in the view the window shows (contour
//! map, side by side or 3-D; the landscape's visible window; the current step), redrawn at 1600×1000
//! from the same display list as the window ([`optiscape_picture::picture`]), in the window's theme (the
//! 3-D view is dark). All draw the window's own trajectories (and a network's own outcome: it is
//! not trained again, see [`Source`]); the maps also draw the vectors at each
//! ball and the gradient field when the scenario shows them. Only the ring at the step hovered in the
//! loss plot is not drawn.
//! An image is written at once, as SVG for a `.svg` name (text as text, the field as one embedded
//! image) and as PNG otherwise; an animation (GIF, or animated PNG for `.png`/`.apng`) as a
//! background [`Job`], a chunk of frames at a time, with a progress bar and a Cancel button. Where to
//! write is asked through [`super::dialog`], like every file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::OptiscapeApp;
use crate::computed::NetResult;
use crate::jobs::{Job, Outcome, Work};
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::Trajectory;
use optiscape_picture::Frames;
use optiscape_picture::encode::{self, Animation, ExportError};
use optiscape_picture::picture::Theme;
use optiscape_picture::resolve::Given;
use optiscape_picture::scene::{Scene, SideScene};
use optiscape_picture::solid::Solid;
use optiscape_picture::svg;
use optiscape_picture::view3d::Mesh;

/// Picture size of exports from the window.
pub const EXPORT_SIZE: (u32, u32) = (1600, 1000);
/// Frames and frame rate of animations exported from the window.
pub const EXPORT_FRAMES: usize = 100;
pub const EXPORT_FPS: f64 = 20.0;

/// An animation being written in the background.
pub struct ExportJob {
    pub path: PathBuf,
    job: Job<Result<(), ExportError>>,
}

impl ExportJob {
    /// The fraction written so far.
    pub fn progress(&self) -> f32 {
        self.job.progress().fraction()
    }

    pub fn cancel(&self) {
        self.job.cancel();
    }
}

/// Writing an animation, a chunk of frames per unit. The pictures are set up in the first unit, so
/// even that stays out of the frame.
struct Writing {
    source: Option<Source>,
    scene: Option<(Box<dyn Frames + Send>, Animation)>,
    frames: usize,
    fps: f64,
    gif: bool,
    path: PathBuf,
    error: Option<ExportError>,
}

impl Writing {
    fn set_up(&mut self) -> Result<(), ExportError> {
        if let Some(source) = self.source.take() {
            let scene = source.frames().map_err(ExportError::Failed)?;
            let animation = if self.gif {
                Animation::gif(scene.as_ref(), self.frames, self.fps, &self.path)?
            } else {
                Animation::apng(scene.as_ref(), self.frames, self.fps, &self.path)?
            };
            self.frames = animation.frames();
            self.scene = Some((scene, animation));
        }
        Ok(())
    }
}

impl Work for Writing {
    type Output = Result<(), ExportError>;
    type Piece = ();

    fn total(&self) -> usize {
        self.frames.max(1)
    }

    fn advance(&mut self, _: &mut Vec<()>) -> usize {
        let step = self.set_up().and_then(|()| match &mut self.scene {
            Some((scene, animation)) => animation.advance(scene.as_ref()),
            None => Err(ExportError::Failed("nothing to draw".to_owned())),
        });
        match step {
            Ok(done) => done,
            Err(e) => {
                self.error = Some(e);
                self.total()
            }
        }
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let Some((_, animation)) = self.scene else {
            return Err(ExportError::Failed("nothing to draw".to_owned()));
        };
        animation.finish()
    }
}

/// What an export from the window draws: the scenario as shown, and what the window computed for
/// it (its paths, a network's outcome, the 3-D mesh), so nothing is computed again and a network
/// is not trained again for its picture.
pub struct Source {
    pub scenario: Scenario,
    pub runs: Vec<Arc<Trajectory>>,
    pub net: Option<Arc<NetResult>>,
    pub mesh: Option<Arc<Mesh>>,
    pub theme: Theme,
}

impl Source {
    /// What the window computed, as the pictures take it.
    pub fn given(&self) -> Given<'_> {
        Given {
            paths: Some(self.runs.clone()),
            net: self.net.as_ref().map(|n| (&n.experiment, &n.outcome)),
            mesh: self.mesh.clone(),
        }
    }

    /// The pictures in the view the scenario is shown in (contour map, side by side or 3-D).
    fn frames(&self) -> Result<Box<dyn Frames + Send>, String> {
        let (w, h) = EXPORT_SIZE;
        let (scenario, given, theme) = (&self.scenario, self.given(), self.theme);
        Ok(if scenario.display.view_3d {
            Box::new(Solid::new(scenario, w, h, None, given)?)
        } else if scenario.display.side_by_side {
            Box::new(SideScene::new(scenario, w, h, given, theme)?)
        } else {
            Box::new(Scene::with_runs(scenario, w, h, given, theme)?)
        })
    }
}

/// Whether `path` names an SVG file.
fn is_svg(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

impl OptiscapeApp {
    /// The scenario as the landscape shows it now (its visible window).
    fn as_shown(&self) -> Scenario {
        let mut s = self.document.scenario().clone();
        // Side by side shows the scenario's own view; the single map, wherever it was panned.
        if let (false, Some(view)) = (s.display.side_by_side, self.visible_view()) {
            s.view = Some(view);
        }
        s
    }

    /// The window's theme, which exports of the contour map take too.
    fn theme(&self) -> Theme {
        Theme {
            dark: self.document.dark(),
        }
    }

    /// What an export from the window draws now.
    pub fn export_source(&self) -> Source {
        Source {
            scenario: self.as_shown(),
            runs: self
                .computed
                .runs
                .iter()
                .map(|r| r.trajectory.clone())
                .collect(),
            net: self.computed.net.clone(),
            // The mesh the 3-D view shows, over the scenario's own view.
            mesh: self
                .document
                .scenario()
                .display
                .view_3d
                .then(|| self.computed.built_mesh())
                .flatten(),
            theme: self.theme(),
        }
    }

    /// Writes the landscape at the current step: as SVG for a `.svg` path, else as PNG.
    pub fn export_image_to(&mut self, path: &Path) -> Result<(), String> {
        let scene = self.export_source().frames()?;
        let step = self.playback.step;
        let written = if is_svg(path) {
            svg::write(&scene.picture(step), path)
        } else {
            encode::write_png(scene.into_frame(step), path)
        };
        written.map_err(|e| e.to_string())
    }

    /// Starts writing the animation (GIF, or animated PNG for `.png`/`.apng`) in the background.
    pub fn start_export_animation(&mut self, path: &Path, frames: usize, fps: f64) {
        if self.tools.export.is_some() {
            return;
        }
        // The one budget `optiscape render` keeps too (optiscape_core::cost): frames × pixels, the paths.
        let (w, h) = EXPORT_SIZE;
        if let Err(e) = optiscape_core::cost::check_export(&self.as_shown(), frames, w, h) {
            self.dialogs.notice = Some(format!("Not exported: {e}"));
            return;
        }
        let gif = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gif"));
        let job = Job::start(Writing {
            source: Some(self.export_source()),
            scene: None,
            frames,
            fps,
            gif,
            path: path.to_path_buf(),
            error: None,
        });
        self.tools.export = Some(ExportJob {
            path: path.to_path_buf(),
            job,
        });
    }
}

/// Shows the progress of a running export and reports in `notice` how it ended.
pub(super) fn window(
    ctx: &egui::Context,
    export: &mut Option<ExportJob>,
    notice: &mut Option<String>,
) {
    let Some(job) = export else { return };
    if let Some(outcome) = job.job.poll(std::time::Duration::from_millis(8)) {
        let path = job.path.display().to_string();
        *notice = Some(match outcome {
            Outcome::Done(Ok(())) => super::files::saved(&job.path),
            Outcome::Done(Err(ExportError::Cancelled)) | Outcome::Cancelled => {
                format!("Export cancelled; {path} was not written")
            }
            Outcome::Done(Err(e)) => format!("Export failed: {e}"),
            Outcome::Failed(_) => format!("Export failed: {path} was not written"),
        });
        *export = None;
        return;
    }
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
    egui::Window::new("Exporting animation")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(job.path.display().to_string());
            ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
            if ui.button("Cancel").clicked() {
                job.cancel();
            }
        });
}
