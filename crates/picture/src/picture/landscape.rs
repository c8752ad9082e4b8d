//! The contour map of a scenario at one size: the layout every part agrees on, the static layer built
//! once, and the items of one step.

use crate::error::PictureError;
use std::sync::Arc;

use rayon::prelude::*;

use super::chrome::{self, Chrome};
use super::field::FieldLayer;
use super::{Item, Picture, check_size, runs, vectors};
use crate::lod::Projection;
use crate::resolve::{Drawing, Given, resolve};
use crate::ticks::{BarTicks, Tick};
use optiscape_core::scenario::{Display, Scenario, Vectors};
use optiscape_core::sim::field::Scale;
use optiscape_core::sim::surface::View;
use optiscape_core::sim::trajectory::Snapshot;
use optiscape_core::sim::{RunSpec, Surface, Trajectory, V2};

/// Where things go in the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// The plot area: left, top, width, height.
    pub plot: [f32; 4],
    /// The colour bar.
    pub bar: [f32; 4],
    /// Text size in pixels.
    pub font: f32,
    /// Line width unit in pixels.
    pub unit: f32,
    /// Whether the picture has a title row and a legend (an export's do; the window names the
    /// scenario in its title bar and lists the runs in its side panel).
    pub title: bool,
    pub legend: bool,
}

/// The layout of an exported picture `width × height` pixels: text in proportion to its size, a
/// title row at the top.
pub fn layout(width: u32, height: u32) -> Layout {
    let (w, h) = (width as f32, height as f32);
    let font = (h.min(w * 0.62) / 1000.0 * 19.0).clamp(9.0, 48.0);
    Layout {
        title: true,
        legend: true,
        ..arrange(w, h, font, super::unit_for(font), 2.2 * font)
    }
}

/// Text size of the window's landscape (axes, colour bar, legend), in points.
pub const WINDOW_FONT: f32 = 16.0;

/// The layout of the window's landscape in a view `width × height` points: the window's text size
/// and line unit, no title row (the window's title bar names the scenario). `optiscape render
/// --layout window` draws with it, so an export can show exactly what the window shows.
pub fn window_layout(width: f32, height: f32) -> Layout {
    arrange(width, height, WINDOW_FONT, 1.0, 0.6 * WINDOW_FONT)
}

/// The plot and colour bar of a picture `w × h` with text of size `font`, lines of `unit` and
/// `top` above the plot, in whole pixels so the field's image maps one to one onto the picture.
fn arrange(w: f32, h: f32, font: f32, unit: f32, top: f32) -> Layout {
    let (left, right, bottom) = (5.2 * font, 7.6 * font, 3.4 * font);
    let plot = [
        left.round(),
        top.round(),
        (w - left - right).max(8.0).round(),
        (h - top - bottom).max(8.0).round(),
    ];
    let bar = [
        plot[0] + plot[2] + 1.2 * font,
        plot[1] + 1.8 * font,
        1.1 * font,
        (plot[3] - 1.8 * font).max(4.0),
    ];
    Layout {
        plot,
        bar,
        font,
        unit,
        title: false,
        legend: false,
    }
}

/// The colours of the window's dark or light theme (exports are dark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub dark: bool,
}

impl Theme {
    pub const DARK: Self = Self { dark: true };

    pub fn background(self) -> [u8; 3] {
        if self.dark {
            [27, 27, 27]
        } else {
            [248, 248, 248]
        }
    }

    pub fn text(self) -> [u8; 3] {
        if self.dark {
            [210, 210, 210]
        } else {
            [40, 40, 40]
        }
    }

    pub fn title(self) -> [u8; 3] {
        if self.dark {
            [235, 235, 235]
        } else {
            [20, 20, 20]
        }
    }

    /// The legend's box and its text.
    pub fn legend(self) -> ([u8; 4], [u8; 3]) {
        if self.dark {
            ([20, 20, 20, 210], [240, 240, 240])
        } else {
            ([250, 250, 250, 220], [20, 20, 20])
        }
    }
}

/// One run as it is drawn.
#[derive(Clone)]
pub struct RunDraw {
    pub label: String,
    pub rgb: [u8; 3],
    pub start: V2,
    pub trajectory: Arc<Trajectory>,
    /// To replay the run for its vectors (a network run has none).
    pub spec: Option<RunSpec>,
}

/// Everything needed to build the contour map's pictures at one size.
#[derive(Clone)]
pub struct Landscape {
    pub width: u32,
    pub height: u32,
    pub layout: Layout,
    pub project: Projection,
    pub view: View,
    pub theme: Theme,
    pub runs: Vec<RunDraw>,
    pub vectors: Vectors,
    /// The static layer: field, isolines, gradient field, axes, colour bar, markers, title, legend.
    pub base: Vec<Item>,
    /// Whether the base has the legend (divergence labels keep clear of it).
    pub legend: bool,
    /// The field's colour scale, and the colour bar's labels as drawn.
    pub scale: Scale,
    pub bar: BarTicks,
    /// The axes' ticks as drawn: x, then y.
    pub axes: (Vec<Tick>, Vec<Tick>),
}

/// What a contour map shows, apart from its size and view: the surface, how the scenario displays
/// it, the runs as drawn, the title (none in the window) and whether the legend is drawn.
pub struct Content<'a> {
    pub surface: &'a Surface,
    pub display: &'a Display,
    pub runs: Vec<RunDraw>,
    pub title: Option<&'a str>,
    pub legend: bool,
}

impl Landscape {
    /// Computes the field (and the runs, unless `computed` gives the window's trajectories, one per
    /// run of the scenario in order) and builds the static layer. Trajectories that do not match the
    /// runs in number are computed anew.
    pub fn new(
        scenario: &Scenario,
        width: u32,
        height: u32,
        computed: Given<'_>,
        theme: Theme,
    ) -> Result<Self, PictureError> {
        Self::with_layout(
            scenario,
            width,
            height,
            layout(width, height),
            computed,
            theme,
        )
    }

    /// [`Self::new`] with the given layout (an export's, or the window's: [`window_layout`]).
    pub fn with_layout(
        scenario: &Scenario,
        width: u32,
        height: u32,
        layout: Layout,
        computed: Given<'_>,
        theme: Theme,
    ) -> Result<Self, PictureError> {
        check_size(width, height)?;
        let Drawing {
            surface,
            runs: resolved,
            title,
            ..
        } = resolve(scenario, &computed)?;
        let view = fit_aspect(scenario.view_on(&surface), layout.plot);
        let runs = resolved
            .into_iter()
            .map(|r| {
                let run = &scenario.runs[r.index];
                RunDraw {
                    label: chrome::legend_label(run, r.lr),
                    rgb: run.rgb_in(r.index, theme.dark),
                    start: r.start,
                    trajectory: r.trajectory,
                    spec: r.spec,
                }
            })
            .collect();
        let display = &scenario.display;
        let log = display.log_scale.unwrap_or(surface.info().log_scale);
        let pixels = [layout.plot[2] as usize, layout.plot[3] as usize];
        let field = FieldLayer::sample(&surface, view, pixels, log, display.isolines);
        let content = Content {
            surface: &surface,
            display,
            runs,
            title: layout.title.then_some(title.as_str()),
            legend: layout.legend,
        };
        Ok(Self::compose(
            content,
            [width, height],
            layout,
            view,
            theme,
            &field,
        ))
    }

    /// The static layer of `content` in a picture of `size` pixels laid out by `layout`, showing
    /// `view` over the sampled `field` (which may cover another view: the window pans before it
    /// samples again). The window builds its landscape with this every frame, the exports once.
    pub fn compose(
        content: Content,
        [width, height]: [u32; 2],
        layout: Layout,
        view: View,
        theme: Theme,
        field: &FieldLayer,
    ) -> Self {
        let project = Projection::new([view.x[0], view.x[1], view.y[0], view.y[1]], layout.plot);
        let display = content.display;
        let mut base = Vec::new();
        field.items(&mut base, &project, layout.plot, layout.unit);
        if display.gradient_field {
            base.push(Item::Group {
                name: "gradient-field",
                clip: Some(layout.plot),
            });
            let surface = content.surface;
            vectors::gradient_field(&mut base, surface, &project, layout.plot, layout.unit);
            base.push(Item::End);
        }
        let mut landscape = Self {
            width,
            height,
            layout,
            project,
            view,
            theme,
            runs: content.runs,
            vectors: display.vectors,
            base,
            legend: content.legend,
            scale: field.scale,
            bar: BarTicks::default(),
            axes: (Vec::new(), Vec::new()),
        };
        let chrome = Chrome::of(&landscape);
        landscape.axes = chrome.axes(&mut landscape.base);
        landscape.bar = chrome.color_bar(&mut landscape.base, &field.scale);
        if display.markers {
            chrome.markers(&mut landscape.base, &field.landmarks);
        }
        if let Some(title) = content.title {
            chrome.title(&mut landscape.base, title);
        }
        if landscape.legend {
            chrome.legend(&mut landscape.base, &landscape.runs);
        }
        landscape
    }

    /// The items that change with the step: paths and balls at `step` (clamped to each run's end),
    /// divergence crosses and labels, and the vectors at each ball when the scenario shows them
    /// (each run replayed to the step).
    pub fn frame(&self, step: usize) -> Vec<Item> {
        let replayed = || {
            self.runs
                .par_iter()
                .map(|r| r.spec.as_ref()?.replay().seek(step))
                .collect()
        };
        self.frame_with(step, replayed)
    }

    /// [`Self::frame`] with the runs' states at `step` from `states` (one per run, in order), which
    /// is only asked for when vectors are shown: the window keeps them from frame to frame.
    pub fn frame_with(
        &self,
        step: usize,
        states: impl FnOnce() -> Vec<Option<Snapshot>>,
    ) -> Vec<Item> {
        let mut out = runs::items(self, step);
        let v = self.vectors;
        if !(v.gradient || v.step || v.velocity || v.lookahead || v.step_sizes) {
            return out;
        }
        let snaps = states();
        let balls: Vec<vectors::Ball> = self
            .runs
            .iter()
            .zip(&snaps)
            .filter_map(|(r, s)| {
                let s = s.as_ref()?;
                Some(vectors::Ball {
                    at: s.point,
                    step: s.next?,
                    lr: r.spec.as_ref()?.optimizer.lr(),
                    rgb: r.rgb,
                })
            })
            .collect();
        out.push(Item::Group {
            name: "vectors",
            clip: Some(self.layout.plot),
        });
        let (project, plot, unit) = (&self.project, self.layout.plot, self.layout.unit);
        vectors::at_balls(&mut out, &balls, v, project, plot, unit);
        out.push(Item::End);
        out
    }

    /// The whole picture at `step`: the static layer and the step's items.
    pub fn picture(&self, step: usize) -> Picture {
        let mut items = self.base.clone();
        items.extend(self.frame(step));
        Picture {
            width: self.width,
            height: self.height,
            background: self.theme.background(),
            items,
        }
    }

    /// The last step any visible run reached.
    pub fn last_step(&self) -> usize {
        self.runs
            .iter()
            .map(|r| r.trajectory.steps_taken())
            .max()
            .unwrap_or(0)
    }

    /// The legend's box in the top right corner of the plot, if there are runs to list.
    pub fn legend_rect(&self) -> Option<[f32; 4]> {
        chrome::legend_rect(&self.layout, &self.runs).filter(|_| self.legend)
    }

    /// The title line in this picture's layout and theme.
    pub fn title_item(&self, out: &mut Vec<Item>, title: &str) {
        chrome::Chrome::of(self).title(out, title);
    }
}

/// `view` widened along one axis so one unit is as long on both axes in `rect`.
pub fn fit_aspect(view: View, rect: [f32; 4]) -> View {
    let size = view.size();
    let (rw, rh) = (f64::from(rect[2]), f64::from(rect[3]));
    let (cx, cy) = (0.5 * (view.x[0] + view.x[1]), 0.5 * (view.y[0] + view.y[1]));
    let per_px = (size.x / rw).max(size.y / rh);
    let (hw, hh) = (0.5 * per_px * rw, 0.5 * per_px * rh);
    View::new(cx - hw, cx + hw, cy - hh, cy + hh)
}
