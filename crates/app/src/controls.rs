//! Widgets that edit one value of the scenario: hyper-parameters by torch name, surface parameters.
//!
//! Each slider keeps its value inside what the core accepts, so dragging never produces an invalid run;
//! the typed value box of a slider is clamped the same way.

use egui::{Slider, Ui};

use optiscape_core::scenario::{OptimizerConfig, RunConfig};
use optiscape_core::sim::optim::{Edit, HyperKind, HyperSpec, HyperValue};
use optiscape_core::sim::physics::Ball;
use optiscape_core::sim::schedule::Schedule;
use optiscape_core::sim::surface::ParamSpec;
use optiscape_core::sim::{OptimizerKind, Surface};

/// How a number is edited: its label, range and whether the slider is logarithmic.
struct Range {
    label: &'static str,
    min: f64,
    max: f64,
    log: bool,
}

const fn range(label: &'static str, min: f64, max: f64, log: bool) -> Range {
    Range {
        label,
        min,
        max,
        log,
    }
}

impl From<&Edit> for Range {
    fn from(e: &Edit) -> Self {
        range(e.label, e.min, e.max, e.log)
    }
}

fn slider<'a>(value: &'a mut f64, r: &Range) -> Slider<'a> {
    let s = Slider::new(value, r.min..=r.max)
        .text(r.label)
        .logarithmic(r.log)
        .clamping(egui::SliderClamping::Always);
    let s = if r.log && r.min == 0.0 {
        s.smallest_positive(1e-12)
    } else {
        s
    };
    s.custom_formatter(|v, _| compact(v))
        .custom_parser(|text| text.trim().parse().ok())
}

/// A number as people write it: `0.001`, `3e-4`, `0.9`, `1e-8`, `0`.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    if v == 0.0 {
        "0".to_owned()
    } else if !(1e-3..1e4).contains(&a) {
        let s = format!("{v:e}");
        match s.split_once('e') {
            Some((m, e)) if m.len() > 6 => format!("{:.3}e{e}", m.parse::<f64>().unwrap_or(0.0)),
            _ => s,
        }
    } else {
        let s = format!("{v:.5}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A slider for one number; returns the new value if the user changed it.
fn number(ui: &mut Ui, current: f64, r: &Range, hover: &str) -> Option<f64> {
    let mut v = current;
    let resp = ui.add(slider(&mut v, r)).on_hover_text(hover);
    (resp.changed() && v.is_finite()).then_some(v)
}

/// Controls for every hyper-parameter the chosen optimizer takes.
pub fn hyper_params(ui: &mut Ui, cfg: &mut OptimizerConfig) {
    let Some(kind) = cfg.kind() else {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("unknown optimizer `{}`", cfg.name),
        );
        return;
    };
    for spec in kind.takes() {
        hyper_param(ui, spec, cfg);
    }
}

/// [`hyper_params`] but for the named ones (which something else decides).
pub fn hyper_params_except(ui: &mut Ui, cfg: &mut OptimizerConfig, except: &[&str]) {
    let Some(kind) = cfg.kind() else { return };
    for spec in kind.takes().iter().filter(|s| !except.contains(&s.name)) {
        hyper_param(ui, spec, cfg);
    }
}

/// For a momentum run: the lecture's rolling ball (mass, friction η, time step Δt) instead of lr and
/// β, with the equivalent lr and β shown live and editable (they move the ball, keeping its mass).
pub fn ball(ui: &mut Ui, i: usize, run: &mut RunConfig) {
    if run.optimizer.kind() != Some(OptimizerKind::Momentum) {
        return;
    }
    let mut on = run.physics.is_some();
    let toggle = ui
        .checkbox(&mut on, "Rolling ball (mass, friction, Δt)")
        .on_hover_text("Set momentum by the physics of the lecture: lr = Δt²/m, β = 1 − ηΔt/m");
    if toggle.changed() {
        run.physics = on.then(|| {
            let number = |name| run.optimizer.float(name).unwrap_or(f64::NAN);
            let (lr, beta) = (number("lr"), number("momentum").max(1e-3));
            Ball::from_torch(lr, beta, 1.0)
        });
    }
    let Some(ball) = &mut run.physics else { return };
    ui.push_id(("ball", i), |ui| {
        let before = *ball;
        ui.add(slider(&mut ball.mass, &range("Mass m", 1e-4, 100.0, true)));
        ui.add(slider(
            &mut ball.dt,
            &range("Time step Δt", 1e-5, 10.0, true),
        ));
        let most = ball.mass / ball.dt;
        ui.add(slider(
            &mut ball.friction,
            &range("Friction η", most * 1e-4, most, true),
        ));
        if *ball != before {
            ball.friction = ball.friction.clamp(1e-12, ball.mass / ball.dt);
        }
        let (mut lr, mut beta) = ball.to_torch();
        let lr_changed = ui
            .add(slider(
                &mut lr,
                &range("= learning rate Δt²/m", 1e-6, 10.0, true),
            ))
            .changed();
        let beta_changed = ui
            .add(slider(
                &mut beta,
                &range("= momentum β = 1 − ηΔt/m", 0.0, 0.999, false),
            ))
            .changed();
        if lr_changed || beta_changed {
            *ball = Ball::from_torch(lr, beta, ball.mass);
        }
        if ball.validate().is_err() {
            *ball = before;
        }
    });
}

fn hyper_param(ui: &mut Ui, spec: &HyperSpec, cfg: &mut OptimizerConfig) {
    let hover = format!(
        "{} — {} (default {})",
        spec.name,
        spec.doc,
        show(spec.default)
    );
    match (cfg.value(spec.name).unwrap_or(spec.default), spec.edits) {
        (HyperValue::F(v), [edit, ..]) => {
            if let Some(v) = number(ui, v, &edit.into(), &hover) {
                cfg.set(spec.name, HyperValue::F(v));
            }
        }
        (HyperValue::P(a, b), [ea, eb, ..]) => {
            if let Some(a) = number(ui, a, &ea.into(), &hover) {
                cfg.set(spec.name, HyperValue::P(a, b));
            }
            if let Some(b) = number(ui, b, &eb.into(), &hover) {
                cfg.set(spec.name, HyperValue::P(a, b));
            }
        }
        (HyperValue::B(mut b), _) => {
            if ui
                .checkbox(&mut b, spec.label)
                .on_hover_text(hover)
                .changed()
            {
                cfg.set(spec.name, HyperValue::B(b));
            }
        }
        (HyperValue::C(current), _) => {
            let HyperKind::Choice(names) = spec.kind else {
                return;
            };
            ui.horizontal(|ui| {
                ui.label(spec.label).on_hover_text(&hover);
                for name in names {
                    if ui.selectable_label(current == *name, *name).clicked() {
                        cfg.set(spec.name, HyperValue::C(name));
                    }
                }
            });
        }
        // A number without a slider: its spec is incomplete, so it is shown, not edited.
        (other, _) => {
            ui.label(format!("{}: {}", spec.label, show(other)));
        }
    }
}

fn show(v: HyperValue) -> String {
    match v {
        HyperValue::P(a, b) => format!("({a}, {b})"),
        other => other.text(),
    }
}

/// A combo box of every optimizer; switching keeps the hyper-parameters both take.
pub fn optimizer_picker(ui: &mut Ui, id: impl egui::AsIdSalt, cfg: &mut OptimizerConfig) {
    let current = cfg.kind();
    let text = current.map_or(cfg.name.clone(), |k| k.title().to_owned());
    egui::ComboBox::new(id, "Optimizer")
        .selected_text(text)
        .show_ui(ui, |ui| {
            for kind in OptimizerKind::all() {
                let label = format!("{} ({})", kind.title(), kind.name());
                let card = optiscape_core::cards::card(kind);
                let item = ui
                    .selectable_label(current == Some(kind), label)
                    .on_hover_ui(|ui| {
                        super::cards_view::rule(ui, card);
                        ui.label(format!("{} · {}", card.year, card.paper));
                    });
                if item.clicked() && current != Some(kind) {
                    cfg.switch_to(kind);
                }
            }
        });
}

/// The slider of one surface parameter.
pub fn surface_param(ui: &mut Ui, spec: &ParamSpec, current: f64) -> Option<f64> {
    let log = spec.min > 0.0 && spec.max / spec.min >= 100.0;
    let r = Range {
        label: spec.name,
        min: spec.min,
        max: spec.max,
        log,
    };
    number(ui, current, &r, spec.doc)
}

/// Sliders for every parameter of the surface; returns the changed (name, value).
pub fn surface_params(ui: &mut Ui, surface: &Surface) -> Vec<(&'static str, f64)> {
    let mut changed = Vec::new();
    for (spec, value) in surface.params() {
        if let Some(v) = surface_param(ui, spec, value) {
            changed.push((spec.name, v));
        }
    }
    changed
}

/// The learning-rate schedule of a run: its kind, its parameters and a small lr-vs-step curve.
pub fn schedule_editor(
    ui: &mut Ui,
    id: usize,
    schedule: &mut Schedule,
    base_lr: f64,
    steps: usize,
) {
    let current = schedule.name();
    egui::ComboBox::new(("schedule", id), "LR schedule")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for name in Schedule::NAMES {
                if ui.selectable_label(name == current, name).clicked() && name != current {
                    *schedule = Schedule::named(name, steps);
                }
            }
        });
    let max_steps = steps.max(1);
    match schedule {
        Schedule::Constant => return,
        Schedule::Step { step_size, gamma } => {
            ui.add(
                egui::Slider::new(step_size, 1..=max_steps)
                    .logarithmic(true)
                    .text("step size"),
            );
            ui.add(egui::Slider::new(gamma, 0.01..=1.0).text("γ"));
        }
        Schedule::Exponential { gamma } => {
            ui.add(
                egui::Slider::new(gamma, 0.9..=1.0)
                    .text("γ")
                    .max_decimals(5),
            );
        }
        Schedule::Cosine { t_max, eta_min } => {
            ui.add(
                egui::Slider::new(t_max, 1..=max_steps)
                    .logarithmic(true)
                    .text("T_max"),
            );
            ui.add(slider(
                eta_min,
                &range("η_min", 0.0, base_lr.max(1e-12), false),
            ));
        }
        Schedule::Warmup {
            steps: warm,
            start_factor,
        } => {
            ui.add(
                egui::Slider::new(warm, 1..=max_steps)
                    .logarithmic(true)
                    .text("warm-up steps"),
            );
            ui.add(
                egui::Slider::new(start_factor, 0.001..=1.0)
                    .logarithmic(true)
                    .text("start factor"),
            );
        }
    }
    let s = *schedule;
    let n = max_steps.min(400);
    let points: egui_plot::PlotPoints<'_> = (0..=n)
        .map(|k| k * max_steps / n)
        .map(|t| [t as f64, s.lr(base_lr, t)])
        .collect();
    egui_plot::Plot::new(("schedule-plot", id))
        .height(70.0)
        .show_axes([false, true])
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show(ui, |p| {
            p.line(egui_plot::Line::new("lr", points).width(2.0))
        });
}
