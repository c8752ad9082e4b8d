//! The compact results table: every run side by side, with its start, final loss, distance to the
//! nearest minimum and state (on a network: its batch, final training loss and accuracy). Columns
//! take the width their widest cell needs, so they all fit; many runs scroll under a scroll bar that
//! is always shown.

use egui::{Color32, RichText, Ui};

use super::Document;
use super::runs_panel::rgb;
use super::state::{Computed, Summary};
use optiscape_core::sim::Status;
use optiscape_picture::draw::short;

/// The column headers.
const HEADERS: [&str; 5] = ["Run", "Start", "Final loss", "Distance to min", "State"];
/// The column headers when the runs train a network.
const NET_HEADERS: [&str; 5] = ["Run", "Batch", "Final loss", "Accuracy", "State"];

fn headers(document: &Document) -> [&'static str; 5] {
    if document.scenario().net.is_some() {
        NET_HEADERS
    } else {
        HEADERS
    }
}
/// Space between columns, in points.
const GAP: f32 = 12.0;

/// One run's row, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: [String; 5],
    pub colour: Color32,
    pub diverged: bool,
}

/// The rows of the table, in run order.
pub fn rows(document: &Document, computed: &Computed) -> Vec<Row> {
    let surface = computed.surface.as_ref();
    let dash = || "—".to_owned();
    document
        .scenario()
        .runs
        .iter()
        .zip(&computed.runs)
        .enumerate()
        .map(|(i, (run, result))| {
            let s = Summary::of(&result.trajectory, surface, run.start());
            let start = run.start();
            let cells = match &document.scenario().net {
                Some(_) => {
                    let s = Summary::of(
                        computed.loss_path(i).unwrap_or(&result.trajectory),
                        None,
                        start,
                    );
                    // Known once the whole experiment is (while its slice fills in, not yet).
                    let accuracy = computed
                        .net
                        .as_ref()
                        .and_then(|net| net.readout(i, usize::MAX))
                        .map(|r| r.accuracy);
                    [
                        run.label(),
                        run.batch_size
                            .map_or_else(|| "full".to_owned(), |b| b.to_string()),
                        s.final_loss.map_or_else(dash, short),
                        accuracy.map_or_else(dash, |a| format!("{:.1} %", 100.0 * a)),
                        s.state_text(),
                    ]
                }
                None => [
                    run.label(),
                    format!("({}, {})", short(start.x), short(start.y)),
                    s.final_loss.map_or_else(dash, short),
                    s.distance_to_min.map_or_else(dash, short),
                    s.state_text(),
                ],
            };
            Row {
                cells,
                colour: rgb(run.rgb_in(i, document.dark())),
                diverged: s.status == Status::Diverged,
            }
        })
        .collect()
}

/// The width each column needs for its widest cell, in points.
fn widths(ui: &Ui, headers: [&str; 5], rows: &[Row]) -> [f32; 5] {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |text: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE))
            .size()
            .x
    };
    let mut w = headers.map(measure);
    for row in rows {
        for (k, cell) in row.cells.iter().enumerate() {
            w[k] = w[k].max(measure(cell));
        }
    }
    w
}

/// The width the whole table needs, in points (with its scroll bar).
pub fn width(ui: &Ui, document: &Document, computed: &Computed) -> f32 {
    let w = widths(ui, headers(document), &rows(document, computed));
    w.iter().sum::<f32>() + GAP * 4.0 + ui.spacing().scroll.bar_width + 8.0
}

/// The table, in the width it is given: when that is less than it needs, the run names give way
/// (cut with "…", whole on hover) and every other column stays whole.
pub fn table(ui: &mut Ui, document: &Document, computed: &Computed) {
    let rows = rows(document, computed);
    let headers = headers(document);
    let mut w = widths(ui, headers, &rows);
    let others: f32 = w[1..].iter().sum::<f32>() + GAP * 4.0 + ui.spacing().scroll.bar_width + 8.0;
    w[0] = w[0].min((ui.available_width() - others).max(40.0));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let cell = |ui: &mut Ui, width: f32, text: RichText| {
        ui.allocate_ui_with_layout(
            egui::vec2(width, row_height),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_width(width);
                ui.add(egui::Label::new(text).truncate());
            },
        );
    };
    ui.spacing_mut().item_spacing.x = GAP;
    ui.horizontal(|ui| {
        for (k, h) in headers.iter().enumerate() {
            cell(ui, w[k], RichText::new(*h).strong());
        }
    });
    // A solid bar, always drawn: egui's floating one is unseen until the pointer is over it, and
    // then nothing says that rows are hidden.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .id_salt("results")
        .auto_shrink([false, true])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            let error = ui.visuals().error_fg_color;
            for row in &rows {
                ui.horizontal(|ui| {
                    cell(
                        ui,
                        w[0],
                        RichText::new(&row.cells[0]).color(row.colour).strong(),
                    );
                    for (width, text) in w.iter().zip(&row.cells).skip(1).take(3) {
                        cell(ui, *width, RichText::new(text));
                    }
                    let state = RichText::new(&row.cells[4]);
                    cell(
                        ui,
                        w[4],
                        if row.diverged {
                            state.color(error)
                        } else {
                            state
                        },
                    );
                });
            }
        });
}
