//! A network scenario in the window: its section of the side panel (data set, samples, data noise,
//! hidden layers, plane, grid, seed) and the panel beside the landscape, which says what the slice
//! is and shows, at the current step, each run's full loss beside the slice's value under its ball
//! and its distance from the plane, its decision map over the data, and the accuracy curves.

use std::sync::Arc;

use egui::{Color32, ColorImage, RichText, TextureHandle, TextureOptions, Ui};
use egui_plot::{Line, Plot, PlotPoints, VLine};

use super::Document;
use super::computed::NetResult;
use super::runs_panel::rgb;
use super::state::Computed;
use optiscape_core::scenario::NetConfig;
use optiscape_core::sim::net::DataKind;
use optiscape_core::sim::net::plane::PlaneKind;
use optiscape_picture::draw::short;

/// Pixels along each side of a decision map.
const MAP_PIXELS: usize = 64;
/// Most hidden layers, and the widest.
const MAX_LAYERS: usize = 4;
const MAX_WIDTH: usize = 64;

/// The words for a data set, a plane.
fn data_title(kind: DataKind) -> &'static str {
    match kind {
        DataKind::Moons => "Two moons",
        DataKind::Circles => "Circles",
        DataKind::Xor => "XOR",
        DataKind::Spiral => "Spiral",
    }
}

fn plane_title(kind: PlaneKind) -> &'static str {
    match kind {
        PlaneKind::Pca => "PCA of all iterates",
        PlaneKind::Random => "Random (filter-normalised)",
        PlaneKind::Endpoints => "Start and two end points",
    }
}

/// The network's shape written out: `2 → 8 → 8 → 1`.
pub fn shape(hidden: &[usize]) -> String {
    let mut parts = vec!["2".to_owned()];
    parts.extend(hidden.iter().map(usize::to_string));
    parts.push("1".to_owned());
    parts.join(" → ")
}

/// What the landscape is, in the words the caption uses.
pub fn caption(net: &NetResult) -> String {
    net.outcome.caption()
}

/// The side panel's network section: edits `net` in place.
pub fn section(ui: &mut Ui, net: &mut NetConfig, runs: usize) {
    let current = DataKind::from_name(&net.data);
    egui::ComboBox::new("net-data", "Data")
        .selected_text(current.map_or(net.data.clone(), |k| data_title(k).to_owned()))
        .show_ui(ui, |ui| {
            for kind in DataKind::ALL {
                if ui
                    .selectable_label(current == Some(kind), data_title(kind))
                    .clicked()
                {
                    net.data = kind.name().to_owned();
                }
            }
        });
    ui.add(
        egui::Slider::new(&mut net.samples, 8..=4096)
            .logarithmic(true)
            .text("Samples"),
    );
    ui.add(
        egui::Slider::new(&mut net.data_noise, 0.0..=0.5)
            .text("Data noise σ")
            .clamping(egui::SliderClamping::Always),
    )
    .on_hover_text("Gaussian noise on the points' coordinates (scikit-learn's `noise`)");
    hidden_editor(ui, &mut net.hidden);
    let plane = PlaneKind::from_name(&net.plane);
    egui::ComboBox::new("net-plane", "Plane")
        .selected_text(plane.map_or(net.plane.clone(), |k| plane_title(k).to_owned()))
        .show_ui(ui, |ui| {
            for kind in PlaneKind::ALL {
                let allowed = kind != PlaneKind::Endpoints || runs == 2;
                let item = ui.add_enabled(
                    allowed,
                    egui::Button::selectable(plane == Some(kind), plane_title(kind)),
                );
                let item = if allowed {
                    item
                } else {
                    item.on_disabled_hover_text("Needs exactly two runs")
                };
                if item.clicked() {
                    net.plane = kind.name().to_owned();
                }
            }
        });
    ui.add(egui::Slider::new(&mut net.grid, 11..=101).text("Slice grid"))
        .on_hover_text("Points along each side of the slice; each costs a pass over the data");
    ui.horizontal(|ui| {
        let label = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut net.seed))
            .labelled_by(label.id)
            .on_hover_text("Of the data, the common start weights and the random plane");
    });
}

/// One box per hidden layer's width, with buttons to add or remove a layer.
fn hidden_editor(ui: &mut Ui, hidden: &mut Vec<usize>) {
    ui.horizontal(|ui| {
        let label = ui.label("Hidden");
        for (k, h) in hidden.iter_mut().enumerate() {
            ui.push_id(("hidden", k), |ui| {
                ui.add(egui::DragValue::new(h).range(1..=MAX_WIDTH).speed(0.1))
                    .labelled_by(label.id)
                    .on_hover_text(format!("Width of hidden layer {}", k + 1));
            });
        }
        if hidden.len() < MAX_LAYERS && ui.small_button("+").on_hover_text("Add a layer").clicked()
        {
            hidden.push(hidden.last().copied().unwrap_or(8));
        }
        if hidden.len() > 1
            && ui
                .small_button("−")
                .on_hover_text("Remove a layer")
                .clicked()
        {
            hidden.pop();
        }
    });
    ui.label(
        RichText::new(format!(
            "{}, tanh, sigmoid output, cross-entropy",
            shape(hidden)
        ))
        .small(),
    );
}

/// Decision maps kept between frames: rebuilt when the results or the step change.
#[derive(Default)]
pub struct DecisionMaps {
    /// What the maps show: held, so a new result is never taken for an old one at its address.
    key: Option<(Arc<NetResult>, usize, bool)>,
    maps: Vec<Option<TextureHandle>>,
}

/// The two classes' colours in the dark or light theme.
fn class_colours(dark: bool) -> [[u8; 3]; 2] {
    if dark {
        [[86, 156, 214], [230, 140, 60]]
    } else {
        [[40, 110, 190], [215, 110, 30]]
    }
}

/// Run `run`'s decision map at `step`: each pixel coloured toward the class the network gives it,
/// the more the surer.
fn decision_image(net: &NetResult, run: usize, step: usize, dark: bool) -> Option<ColorImage> {
    let w = net.outcome.weights(run, step)?;
    let [x0, x1, y0, y1] = net.outcome.data.bounds();
    let n = MAP_PIXELS;
    let cell = |i: usize, lo: f64, hi: f64| lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
    let points = (0..n).flat_map(|r| {
        // Row 0 is the top: the largest y.
        let y = cell(n - 1 - r, y0, y1);
        (0..n).map(move |c| [cell(c, x0, x1), y])
    });
    let p = net.outcome.net.probabilities(w, points);
    let [c0, c1] = class_colours(dark);
    let base = if dark {
        [30.0, 30.0, 30.0]
    } else {
        [248.0, 248.0, 248.0]
    };
    let pixels = p
        .iter()
        .map(|&p| {
            let (c, t) = if p >= 0.5 { (c1, p) } else { (c0, 1.0 - p) };
            let a = if p.is_finite() {
                (2.0 * t - 1.0) * 0.75
            } else {
                0.0
            };
            let mix = |k: usize| (base[k] + (f64::from(c[k]) - base[k]) * a).round() as u8;
            Color32::from_rgb(mix(0), mix(1), mix(2))
        })
        .collect();
    Some(ColorImage {
        size: [n, n],
        pixels,
        source_size: egui::vec2(n as f32, n as f32),
    })
}

impl DecisionMaps {
    fn update(&mut self, ctx: &egui::Context, net: &Arc<NetResult>, step: usize, dark: bool) {
        if let Some((shown, at, in_dark)) = &self.key
            && Arc::ptr_eq(shown, net)
            && (*at, *in_dark) == (step, dark)
        {
            return;
        }
        self.key = Some((net.clone(), step, dark));
        self.maps = (0..net.outcome.runs.len())
            .map(|i| {
                let image = decision_image(net, i, step, dark)?;
                Some(ctx.load_texture(format!("decision-{i}"), image, TextureOptions::LINEAR))
            })
            .collect();
    }
}

/// The panel beside the landscape at `step` (its decision maps kept in `maps`); nothing unless
/// the scenario trains a network.
pub fn panel(
    ui: &mut Ui,
    document: &Document,
    computed: &Computed,
    step: usize,
    maps: &mut DecisionMaps,
) {
    if document.scenario().net.is_none() {
        return;
    }
    egui::Panel::right("network")
        .resizable(true)
        .default_size(300.0)
        .min_size(220.0)
        .max_size(460.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| contents(ui, document, computed, step, maps));
        });
}

fn contents(
    ui: &mut Ui,
    document: &Document,
    computed: &Computed,
    step: usize,
    decision_maps: &mut DecisionMaps,
) {
    ui.heading("Network");
    if let Some((done, total)) = computed.background() {
        ui.add(
            egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                .text(format!("Training and slicing: {done} of {total}"))
                .animate(true),
        );
    }
    let Some(net) = computed.net.clone() else {
        let slicing = computed
            .surface
            .as_ref()
            .is_some_and(|s| s.kind() == optiscape_core::sim::SurfaceKind::Slice);
        ui.label(if slicing {
            "Computing the slice: the map fills in row by row…"
        } else {
            "Training the runs…"
        });
        return;
    };
    about(ui, &net);
    ui.separator();
    let dark = document.dark();
    decision_maps.update(ui.ctx(), &net, step, dark);
    let runs: Vec<(usize, String, Color32)> = document
        .scenario()
        .runs
        .iter()
        .enumerate()
        .filter(|(i, r)| r.visible && *i < net.outcome.runs.len())
        .map(|(i, r)| (i, r.label(), rgb(r.rgb_in(i, dark))))
        .collect();
    ui.label(RichText::new(format!("At step {step}")).strong());
    for (i, label, colour) in &runs {
        readout(ui, &net, *i, step, label, *colour);
    }
    ui.separator();
    ui.label(RichText::new("Decision maps").strong())
        .on_hover_text("Each run's network over the data: the colour of the class it predicts, deeper where it is surer");
    maps(ui, &net, decision_maps, dark, &runs);
    ui.separator();
    accuracy_plot(ui, &net, &runs, step);
}

/// What the network, the data and the slice are.
fn about(ui: &mut Ui, net: &NetResult) {
    let s = &net.experiment.setup;
    ui.label(format!(
        "{} · {} weights",
        shape(&s.hidden),
        net.outcome.net.params()
    ));
    ui.label(format!(
        "{}: {} points, noise {}",
        data_title(s.data),
        s.samples,
        short(s.data_noise)
    ));
    ui.label(RichText::new(caption(net)).strong());
    let plane = &net.outcome.plane;
    let through = match plane.kind {
        PlaneKind::Pca => {
            let [a, b] = plane.explained.unwrap_or([0.0, 0.0]);
            format!(
                "Plane: the two principal directions of every run's iterates ({:.1} % and {:.1} % of their variance), centred on the first run's final weights.",
                100.0 * a,
                100.0 * b
            )
        }
        PlaneKind::Random => {
            "Plane: two random filter-normalised directions through the first run's final weights."
                .to_owned()
        }
        PlaneKind::Endpoints => {
            "Plane: through the common start (0, 0) and the two runs' end points (1, 0) and (0, 1)."
                .to_owned()
        }
    };
    ui.label(RichText::new(through).small());
    ui.label(
        RichText::new("Each ball is its weights' projection into the plane; the loss there is the slice's, not the network's.")
            .small()
            .weak(),
    );
}

fn readout(ui: &mut Ui, net: &NetResult, i: usize, step: usize, label: &str, colour: Color32) {
    let Some(r) = net.readout(i, step) else {
        return;
    };
    ui.label(RichText::new(label).color(colour).strong());
    ui.label(format!(
        "loss {} (slice {}) · {} off the plane · accuracy {:.1} %",
        short(r.loss),
        short(r.slice_loss),
        short(r.off_plane),
        100.0 * r.accuracy
    ));
}

/// The decision maps, two to a row, with the data's points on them.
fn maps(
    ui: &mut Ui,
    net: &NetResult,
    decision_maps: &DecisionMaps,
    dark: bool,
    runs: &[(usize, String, Color32)],
) {
    let side = ((ui.available_width() - 8.0) / 2.0).clamp(60.0, 220.0);
    let [c0, c1] = class_colours(dark).map(rgb);
    let [x0, x1, y0, y1] = net.outcome.data.bounds();
    let outline = ui.visuals().extreme_bg_color;
    egui::Grid::new("decision-maps")
        .spacing([8.0, 8.0])
        .show(ui, |ui| {
            for (k, (i, label, colour)) in runs.iter().enumerate() {
                ui.vertical(|ui| {
                    ui.label(RichText::new(label).color(*colour).small());
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
                    if let Some(Some(tex)) = decision_maps.maps.get(*i) {
                        ui.painter().image(
                            tex.id(),
                            rect,
                            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                            Color32::WHITE,
                        );
                    }
                    let to_screen = |p: [f64; 2]| {
                        egui::pos2(
                            rect.left() + ((p[0] - x0) / (x1 - x0)) as f32 * rect.width(),
                            rect.bottom() - ((p[1] - y0) / (y1 - y0)) as f32 * rect.height(),
                        )
                    };
                    let radius = (side / 90.0).clamp(1.2, 2.5);
                    for (p, y) in net.outcome.data.x.iter().zip(&net.outcome.data.y) {
                        let fill = if *y > 0.5 { c1 } else { c0 };
                        ui.painter().circle(
                            to_screen(*p),
                            radius,
                            fill,
                            egui::Stroke::new(0.6, outline),
                        );
                    }
                });
                if k % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

/// Every run's training accuracy against the step, with the current step marked.
fn accuracy_plot(ui: &mut Ui, net: &NetResult, runs: &[(usize, String, Color32)], step: usize) {
    ui.label(RichText::new("Training accuracy").strong());
    Plot::new("net-accuracy")
        .height(150.0)
        .include_y(0.0)
        .include_y(1.0)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .y_axis_formatter(|m, _| format!("{:.0} %", 100.0 * m.value))
        .x_axis_label("step")
        .show(ui, |plot| {
            for (i, label, colour) in runs {
                let Some(run) = net.outcome.runs.get(*i) else {
                    continue;
                };
                let n = run.accuracy.len();
                let stride = n.div_ceil(600).max(1);
                let points: Vec<[f64; 2]> = (0..n)
                    .step_by(stride)
                    .chain((n > 0).then(|| n - 1))
                    .map(|k| [k as f64, run.accuracy[k]])
                    .collect();
                plot.line(
                    Line::new(label.as_str(), PlotPoints::from(points))
                        .color(*colour)
                        .width(2.0),
                );
            }
            plot.vline(VLine::new("step", step as f64).color(Color32::GRAY));
        });
}
