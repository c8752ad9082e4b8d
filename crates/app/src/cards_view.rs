//! Help → Optimizer cards: for each optimizer its update rule as the lecture writes it, the paper,
//! what it adapts, its hyper-parameters with their meaning and default, and a button that opens the
//! preset that shows it best; and a Compare tab with the lecture's summary table.

use egui::{RichText, Ui};

use super::Action;
use optiscape_core::cards::{self, Card, PHYSICS};
use optiscape_core::sim::OptimizerKind;
use optiscape_core::sim::optim::HyperValue;

/// What the cards window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardsView {
    Card(OptimizerKind),
    Compare,
}

/// Size of the formulas, larger than the body text so the class can read them.
const RULE_SIZE: f32 = 20.0;

fn tick(yes: bool) -> &'static str {
    if yes { "✔" } else { "—" }
}

fn default_text(v: HyperValue) -> String {
    match v {
        HyperValue::F(x) => super::controls::compact(x),
        HyperValue::P(a, b) => format!(
            "({}, {})",
            super::controls::compact(a),
            super::controls::compact(b)
        ),
        HyperValue::B(b) => b.to_string(),
        HyperValue::C(c) => c.to_owned(),
    }
}

/// The update rule lines, large.
pub fn rule(ui: &mut Ui, card: &Card) {
    for line in card.rule {
        ui.label(RichText::new(*line).size(RULE_SIZE).monospace());
    }
}

/// A whole card; a click on its preset button becomes an action.
fn card_ui(ui: &mut Ui, card: &Card, actions: &mut Vec<Action>) {
    let kind = card.kind;
    ui.heading(format!("{}  ({})", kind.title(), kind.name()));
    ui.weak(kind.torch_class().map_or_else(
        || "not in torch.optim".to_owned(),
        |c| format!("torch.optim.{c}"),
    ));
    ui.add_space(6.0);
    rule(ui, card);
    ui.add_space(4.0);
    ui.label(card.explain);
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{} · {}", card.year, card.paper)).italics());
    ui.label(format!(
        "Adapts the learning rate: {}    Adapts the gradient: {}",
        tick(card.adapts_lr),
        tick(card.adapts_gradient)
    ));
    ui.add_space(6.0);
    ui.strong("Hyper-parameters");
    egui::Grid::new(("hypers", kind.name()))
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong("name");
            ui.strong("default");
            ui.strong("meaning");
            ui.end_row();
            for spec in kind.takes() {
                ui.monospace(spec.name);
                ui.monospace(default_text(spec.default));
                ui.label(spec.doc);
                ui.end_row();
            }
        });
    if kind == OptimizerKind::Momentum {
        ui.add_space(6.0);
        ui.strong("The rolling ball (Run → Rolling ball)");
        for line in PHYSICS {
            ui.label(*line);
        }
    }
    ui.add_space(8.0);
    if let Some(b) = optiscape_core::preset::builtin(card.preset)
        && let Ok(scenario) = b.scenario()
    {
        let button = ui
            .button(format!("Open preset: {}", scenario.title))
            .on_hover_text(&scenario.description);
        if button.clicked() {
            actions.push(Action::Load(Box::new(scenario)));
        }
    }
}

/// The lecture's summary table for every optimizer, by year.
fn compare_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    egui::Grid::new("compare")
        .num_columns(5)
        .striped(true)
        .spacing([20.0, 6.0])
        .show(ui, |ui| {
            for head in [
                "Optimizer",
                "Year",
                "Learning rate",
                "Gradient",
                "Update rule",
            ] {
                ui.strong(head);
            }
            ui.end_row();
            for card in cards::compare_rows() {
                if ui.link(card.kind.title()).clicked() {
                    actions.push(Action::ShowCard(Some(CardsView::Card(card.kind))));
                }
                ui.label(card.year.to_string());
                ui.label(tick(card.adapts_lr));
                ui.label(tick(card.adapts_gradient));
                ui.vertical(|ui| {
                    for line in card.rule {
                        ui.monospace(*line);
                    }
                });
                ui.end_row();
            }
        });
}

/// The cards window inside `area`, while `shown` says what it shows (closing it clears `shown`);
/// returns what its buttons asked for.
pub(super) fn window(
    ctx: &egui::Context,
    area: egui::Rect,
    shown: &mut Option<CardsView>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(mut view) = *shown else {
        return actions;
    };
    let mut open = true;
    egui::Window::new("Optimizer cards")
        .constrain_to(area)
        .open(&mut open)
        .default_size([760.0, 640.0])
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.selectable_value(&mut view, CardsView::Compare, "Compare");
                ui.separator();
                for kind in OptimizerKind::all() {
                    ui.selectable_value(&mut view, CardsView::Card(kind), kind.name());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| match view {
                CardsView::Card(kind) => card_ui(ui, cards::card(kind), &mut actions),
                CardsView::Compare => compare_ui(ui, &mut actions),
            });
        });
    *shown = open.then_some(view);
    actions
}
