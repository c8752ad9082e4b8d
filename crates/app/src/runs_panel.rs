//! The side panel: the surface and its parameters (or the network's settings), the list of runs,
//! the selected run's controls and the simulation settings.

use egui::{Color32, RichText, Ui};

use super::state::Computed;
use super::{Action, Document, controls, net_view};
use optiscape_core::scenario::{NetConfig, RunConfig, Scenario, to_hex};
use optiscape_core::sim::net::experiment::MAX_NET_STEPS;
use optiscape_core::sim::schedule::Schedule;
use optiscape_core::sim::{MAX_STEPS, SurfaceKind};

/// The panel, for the document and what is computed for it at `step`; returns what the user asked
/// for beyond editing values, and where the panel was drawn.
pub fn show(
    ui: &mut Ui,
    document: &mut Document,
    computed: &mut Computed,
    step: usize,
) -> (Vec<Action>, egui::Rect) {
    let mut actions = Vec::new();
    let panel = egui::Panel::left("runs")
        .resizable(true)
        .default_size(330.0)
        .min_size(260.0)
        .max_size(420.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // Sliders give way to their labels and value boxes ("Gradient noise σ" stays
                    // whole when the scroll bar takes its share of a narrow panel).
                    ui.spacing_mut().slider_width =
                        (ui.available_width() - SLIDER_TEXT).clamp(80.0, 170.0);
                    surface_section(ui, document.scenario_mut(), &mut actions);
                    ui.separator();
                    runs_list(ui, document, computed, &mut actions);
                    ui.separator();
                    selected_run(ui, document, computed, &mut actions);
                    ui.separator();
                    super::state_panel::show_toggles(ui, document.scenario_mut());
                    ui.separator();
                    super::state_panel::readout(ui, document, computed, step);
                    ui.separator();
                    simulation(ui, document.scenario_mut());
                    if let Some(e) = &computed.error {
                        ui.separator();
                        ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {e}"));
                    }
                });
        });
    (actions, panel.response.rect)
}

/// Room a slider's value box and longest label ("Gradient noise σ") take beside it, in points.
const SLIDER_TEXT: f32 = 200.0;

pub fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

fn surface_section(ui: &mut Ui, scenario: &mut Scenario, actions: &mut Vec<Action>) {
    ui.heading("Surface");
    let on_net = scenario.net.is_some();
    let current = SurfaceKind::from_name(&scenario.surface.name)
        .ok()
        .filter(|_| !on_net);
    let title = match current {
        _ if on_net => NET_TITLE.to_owned(),
        Some(k) => k.info().title.to_owned(),
        None => scenario.surface.name.clone(),
    };
    egui::ComboBox::new("surface", "Surface")
        .selected_text(title)
        .show_ui(ui, |ui| {
            for kind in SurfaceKind::ALL {
                if ui
                    .selectable_label(current == Some(kind), kind.info().title)
                    .clicked()
                    && current != Some(kind)
                {
                    scenario.net = None;
                    scenario.surface.name = kind.name().to_owned();
                    scenario.surface.params.clear();
                    scenario.surface.expr =
                        (kind == SurfaceKind::Custom).then(|| DEFAULT_EXPR.to_owned());
                    // The old title and description told of the old surface.
                    scenario.title = kind.info().title.to_owned();
                    scenario.description.clear();
                    actions.push(Action::FitView);
                }
            }
            if ui
                .selectable_label(on_net, NET_TITLE)
                .on_hover_text("The runs train a small neural network; the landscape is a 2-D slice of its loss")
                .clicked()
                && !on_net
            {
                to_network(scenario);
                actions.push(Action::FitView);
            }
        });
    if let Some(net) = &mut scenario.net {
        let runs = scenario.runs.len();
        net_view::section(ui, net, runs);
    } else if current == Some(SurfaceKind::Custom) {
        expression_editor(
            ui,
            scenario
                .surface
                .expr
                .get_or_insert_with(|| DEFAULT_EXPR.to_owned()),
        );
    } else if let Ok(surface) = scenario.surface() {
        ui.label(RichText::new(format!("f = {}", surface.info().formula)).small());
        for (name, value) in controls::surface_params(ui, &surface) {
            scenario.surface.params.insert(name.to_owned(), value);
        }
    }
}

/// The surface menu's entry for a network scenario.
const NET_TITLE: &str = "Neural network (2-D slice)";

/// Turns the scenario into a network scenario on two moons: runs keep their optimizers, drop what a
/// network run does not take (gradient noise, a schedule) and train for at most 1000 steps.
fn to_network(scenario: &mut Scenario) {
    scenario.net = Some(NetConfig::default());
    scenario.title = "A small network's loss landscape".to_owned();
    scenario.description.clear();
    scenario.steps = scenario.steps.min(1000);
    scenario.tol = None;
    if scenario.runs.len() != 2 {
        // The endpoints plane needs two runs; PCA takes any number.
        if let Some(net) = &mut scenario.net {
            net.plane = "pca".to_owned();
        }
    }
    for run in &mut scenario.runs {
        run.noise = 0.0;
        run.schedule = Schedule::Constant;
        run.batch_size = None;
    }
}

/// The expression a new custom surface starts with.
const DEFAULT_EXPR: &str = "x^2 + 10*y^2 + 3*sin(2*x)";

/// The text box of a custom surface, with the mistake (if any) marked under its character.
fn expression_editor(ui: &mut Ui, text: &mut String) {
    ui.horizontal(|ui| {
        ui.label("f(x, y) =");
        ui.add(
            egui::TextEdit::singleline(text)
                .code_editor()
                .desired_width(f32::INFINITY)
                .hint_text(DEFAULT_EXPR),
        );
    });
    match optiscape_core::sim::Surface::custom(text) {
        Ok(_) => {
            ui.label(
                RichText::new("sin cos tan exp log ln sqrt abs tanh, ^ for powers, pi, e")
                    .small()
                    .weak(),
            );
        }
        Err(e) => {
            let red = ui.visuals().error_fg_color;
            let caret = format!("{}^", " ".repeat(e.position.min(text.chars().count())));
            ui.label(
                RichText::new(format!("{text}\n{caret}"))
                    .monospace()
                    .color(red),
            );
            ui.colored_label(red, e.message);
        }
    }
}

fn runs_list(ui: &mut Ui, document: &mut Document, computed: &Computed, actions: &mut Vec<Action>) {
    ui.heading("Runs");
    let selected = document.selected;
    let results = &computed.runs;
    let surface = computed.surface.clone();
    let dark = document.dark();
    let runs = &mut document.scenario_mut().runs;
    for (i, run) in runs.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(rect.center(), 6.0, rgb(run.rgb_in(i, dark)));
            ui.checkbox(&mut run.visible, "")
                .on_hover_text("Show this run");
            let label = run.label();
            if ui.selectable_label(i == selected, &label).clicked() {
                actions.push(Action::SelectRun(i));
            }
            if let Some(r) = results.get(i) {
                let summary =
                    super::state::Summary::of(&r.trajectory, surface.as_ref(), run.start());
                let mut text = RichText::new(summary.state_text()).small();
                if summary.status == optiscape_core::sim::Status::Diverged {
                    text = text.color(ui.visuals().error_fg_color);
                }
                // The state gives way (whole on hover, and in the results table) so a long
                // "converged at step 2010" never widens the panel.
                ui.add(egui::Label::new(text).truncate());
            }
        });
    }
    ui.horizontal(|ui| {
        if ui.button("+ Add run").clicked() {
            actions.push(Action::AddRun);
        }
        if ui
            .add_enabled(!runs.is_empty(), egui::Button::new("❐ Duplicate"))
            .clicked()
        {
            actions.push(Action::DuplicateRun(selected));
        }
        if ui
            .add_enabled(!runs.is_empty(), egui::Button::new("✖ Remove"))
            .clicked()
        {
            actions.push(Action::RemoveRun(selected));
        }
    });
    if document.scenario().net.is_none() {
        same_start(ui, document);
    }
}

/// In plain view by the runs: whether they share one start (a click moves the selected run's start
/// either way; Shift+click moves every run's).
fn same_start(ui: &mut Ui, document: &mut Document) {
    let selected = document.selected;
    let scenario = document.scenario_mut();
    if ui
        .checkbox(&mut scenario.same_start, "Same start for all runs")
        .on_hover_text("Typed starts move every run; Shift+click on the landscape does too")
        .changed()
        && scenario.same_start
        && let Some(start) = scenario.runs.get(selected).map(|r| r.start)
    {
        scenario.runs.iter_mut().for_each(|r| r.start = start);
    }
}

fn selected_run(
    ui: &mut Ui,
    document: &mut Document,
    computed: &Computed,
    actions: &mut Vec<Action>,
) {
    let i = document.selected;
    let dark = document.dark();
    let scenario = document.scenario_mut();
    let net_samples = scenario.net.as_ref().map(|n| n.samples);
    let data_backed =
        net_samples.or_else(|| computed.surface.as_ref().and_then(|s| s.sample_count()));
    let (same_start, steps) = (scenario.same_start, scenario.steps);
    let Some(run) = scenario.runs.get_mut(i) else {
        ui.label("No runs: add one.");
        return;
    };
    ui.heading(format!("Run {}: {}", i + 1, run.label()));
    ui.horizontal(|ui| {
        ui.label("Name");
        let hint = run.label();
        ui.add(
            egui::TextEdit::singleline(&mut run.name)
                .hint_text(hint)
                .desired_width(160.0),
        );
    });
    ui.horizontal(|ui| {
        let mut c = run.rgb_in(i, dark);
        ui.label("Colour");
        if ui.color_edit_button_srgb(&mut c).changed() {
            run.color = Some(to_hex(c));
        }
        ui.checkbox(&mut run.visible, "Visible");
    });
    ui.horizontal(|ui| {
        controls::optimizer_picker(ui, ("optimizer", i), &mut run.optimizer);
        if let Some(kind) = run.optimizer.kind()
            && ui
                .small_button("Card")
                .on_hover_text(
                    "The update rule, the paper and the hyper-parameters of this optimizer",
                )
                .clicked()
        {
            actions.push(Action::ShowCard(Some(super::cards_view::CardsView::Card(
                kind,
            ))));
        }
    });
    controls::ball(ui, i, run);
    run.settle();
    if run.physics.is_some() {
        controls::hyper_params_except(ui, &mut run.optimizer, &RunConfig::BALL_SETS);
    } else {
        controls::hyper_params(ui, &mut run.optimizer);
    }
    // A network run starts from the network's weights, and its only noise is its mini-batches.
    if net_samples.is_none() {
        let base_lr = run.optimizer.float("lr");
        controls::schedule_editor(ui, i, &mut run.schedule, base_lr.unwrap_or(1e-3), steps);
        start_editor(ui, run, i, same_start, actions);
        ui.add(
            egui::Slider::new(&mut run.noise, 0.0..=10.0)
                .logarithmic(true)
                .smallest_positive(1e-4)
                .text("Gradient noise σ"),
        );
    }
    ui.horizontal(|ui| {
        let label = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut run.seed))
            .labelled_by(label.id);
    });
    if let Some(n) = data_backed {
        batch_editor(ui, run, n);
    }
}

fn start_editor(
    ui: &mut Ui,
    run: &mut RunConfig,
    i: usize,
    same_start: bool,
    actions: &mut Vec<Action>,
) {
    let (mut x, mut y) = run.start;
    let changed = ui
        .horizontal(|ui| {
            ui.label("Start");
            let a = ui
                .add(egui::DragValue::new(&mut x).speed(0.01).prefix("x "))
                .changed();
            let b = ui
                .add(egui::DragValue::new(&mut y).speed(0.01).prefix("y "))
                .changed();
            a || b
        })
        .inner;
    if changed && x.is_finite() && y.is_finite() {
        let target = if same_start { None } else { Some(i) };
        actions.push(Action::SetStart(target, optiscape_core::sim::V2::new(x, y)));
    }
}

fn batch_editor(ui: &mut Ui, run: &mut RunConfig, n: usize) {
    let mut full = run.batch_size.is_none();
    ui.horizontal(|ui| {
        if ui.checkbox(&mut full, "Full batch").changed() {
            run.batch_size = if full { None } else { Some(16.min(n)) };
        }
        if let Some(b) = run.batch_size.as_mut() {
            *b = (*b).clamp(1, n);
            ui.add(
                egui::Slider::new(b, 1..=n)
                    .logarithmic(true)
                    .text("Batch size"),
            );
        }
    });
    ui.label(
        RichText::new(match run.batch_size {
            None => "batch gradient descent: every sample, every step".to_owned(),
            Some(1) => "stochastic gradient descent: one sample per step".to_owned(),
            Some(b) => format!("mini-batch gradient descent: {b} of {n} samples per step"),
        })
        .small(),
    );
}

fn simulation(ui: &mut Ui, scenario: &mut Scenario) {
    ui.heading("Simulation");
    let most = if scenario.net.is_some() {
        MAX_NET_STEPS
    } else {
        MAX_STEPS
    };
    ui.add(
        egui::Slider::new(&mut scenario.steps, 1..=most)
            .logarithmic(true)
            .text("Steps"),
    );
    if scenario.net.is_some() {
        return;
    }
    let mut use_tol = scenario.tol.is_some();
    ui.horizontal(|ui| {
        if ui.checkbox(&mut use_tol, "Stop when ‖∇f‖ <").changed() {
            scenario.tol = use_tol.then_some(1e-6);
        }
        if let Some(t) = scenario.tol.as_mut() {
            ui.add(
                egui::Slider::new(t, 1e-12..=1.0)
                    .logarithmic(true)
                    .text("Tolerance"),
            );
        }
    });
}
