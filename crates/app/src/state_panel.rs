//! The side panel's "Show" toggles and the state readout of the selected run at the current step:
//! x, f, ‖∇f‖ and the optimizer's memory (m, v, m̂, v̂, Rprop's step sizes, …), replayed exactly.

use egui::{RichText, Ui};

use super::Document;
use super::overlay::{BLUE, BROWN, GREEN, RED, VIOLET};
use super::state::Computed;
use optiscape_core::scenario::Scenario;
use optiscape_core::sim::optim::StateValue;

/// Checkboxes for what the landscape draws.
pub fn show_toggles(ui: &mut Ui, scenario: &mut Scenario) {
    ui.heading("Show");
    let on_net = scenario.net.is_some();
    let d = &mut scenario.display;
    let v = &mut d.vectors;
    // A network run's vectors live in its weight space, not in the slice: none to draw there.
    if !on_net {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut v.gradient, RichText::new("−lr·∇f").color(RED)).on_hover_text("Where plain gradient descent would step");
            ui.checkbox(&mut v.step, RichText::new("step").color(GREEN)).on_hover_text("The step the optimizer takes");
            ui.checkbox(&mut v.velocity, RichText::new("velocity").color(BLUE)).on_hover_text("The momentum buffer, −lr·b");
            ui.checkbox(&mut v.lookahead, RichText::new("look-ahead").color(BROWN))
                .on_hover_text("Nesterov: the jump along the momentum (brown), the correction measured there (red), the step (green)");
            ui.checkbox(&mut v.step_sizes, RichText::new("step sizes").color(VIOLET))
                .on_hover_text("Adaptive methods: the effective step size of each coordinate, as an ellipse");
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut d.gradient_field, "gradient field")
            .on_hover_text("Faint −∇f arrows over the landscape");
        ui.checkbox(&mut d.markers, "minima")
            .on_hover_text("Markers at the known minima and saddle points");
        ui.checkbox(&mut d.view_3d, "3-D view")
            .on_hover_text("A shaded 3-D surface instead of the contour map (D)");
        ui.checkbox(&mut d.side_by_side, "side by side")
            .on_hover_text("One small map per run, same view and step (G)");
    });
}

fn vector(v: optiscape_core::sim::V2) -> String {
    format!("({}, {})", num(v.x), num(v.y))
}

fn num(x: f64) -> String {
    if x == 0.0 {
        "0".to_owned()
    } else if (1e-3..1e4).contains(&x.abs()) {
        format!("{x:.5}")
    } else {
        format!("{x:.4e}")
    }
}

/// The selected run's state at `step`.
pub fn readout(ui: &mut Ui, document: &Document, computed: &mut Computed, step: usize) {
    let i = document.selected;
    let Some(run) = document.scenario().runs.get(i) else {
        return;
    };
    let label = run.label();
    ui.heading(format!("State at step {step}"));
    if let Some(net) = &computed.net {
        ui.label(format!(
            "{label} trains {} weights, so its optimizer remembers that many numbers of each kind; the Network panel shows its loss, its place on the slice and its accuracy at this step.",
            net.outcome.net.params()
        ));
        return;
    }
    let snaps = computed.snapshots(step);
    let Some(Some(snap)) = snaps.get(i) else {
        ui.label(format!(
            "{label}: no state (the run is not valid or its start is not finite)."
        ));
        return;
    };
    let mut rows: Vec<(String, String)> = vec![
        ("run".into(), label),
        (
            "step".into(),
            if snap.index < step {
                format!("{} (the run ended there)", snap.index)
            } else {
                snap.index.to_string()
            },
        ),
        ("x".into(), vector(snap.point)),
        ("f".into(), num(snap.loss)),
        ("‖∇f‖".into(), num(snap.grad.norm())),
    ];
    for (name, value) in &snap.state {
        rows.push((
            (*name).to_owned(),
            match value {
                StateValue::Scalar(s) => num(*s),
                StateValue::Vector(v) => vector(*v),
            },
        ));
    }
    if let Some(next) = &snap.next {
        rows.push(("next step".into(), vector(next.update)));
        if let Some(eff) = next.eff_lr {
            rows.push(("step sizes".into(), vector(eff)));
        }
    }
    egui::Grid::new("state")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (k, v) in rows {
                ui.label(k);
                ui.monospace(v);
                ui.end_row();
            }
        });
}
