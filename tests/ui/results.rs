//! The results table and the loss plot keep every number readable: a diverged run shows "—" and
//! the step it blew up at, all columns fit on a projector, many runs scroll, and a start where f has
//! no value is said in words and painted as "no value"; the loss plot can count work instead of steps.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::app::results::rows;
use optiscape::preset;
use optiscape::render::scene::Scene;
use optiscape::scenario::Scenario;
use optiscape::sim::field::NO_VALUE;
use optiscape::sim::{Status, V2};

/// A window of `pixels` with the interface at `zoom`.
fn sized(scenario: Scenario, pixels: [f32; 2], zoom: f32) -> Harness<'static, OptiscapeApp> {
    let mut h = Harness::builder()
        .with_size([pixels[0] / zoom, pixels[1] / zoom])
        .with_context_setup(move |ctx| {
            optiscape::app::look::install(ctx);
            ctx.set_zoom_factor(zoom);
        })
        .build_ui_state(
            |ui, app: &mut OptiscapeApp| app.show(ui),
            OptiscapeApp::new(scenario),
        );
    h.run();
    h
}

#[test]
fn a_diverged_run_shows_dashes_and_the_step_it_blew_up_at() {
    let h = common::harness(common::builtin("lr-too-large"));
    let app = h.state();
    let (i, k) = app
        .computed
        .runs
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            (r.trajectory.status == Status::Diverged).then_some((i, r.trajectory.stopped_at))
        })
        .expect("the preset has a diverging run");
    let k = k.expect("the step it blew up at");
    let table = rows(&app.document, &app.computed);
    let row = &table[i];
    assert_eq!(row.cells[2], "—", "final loss of a diverged run");
    assert_eq!(row.cells[3], "—", "distance to min of a diverged run");
    assert_eq!(row.cells[4], format!("diverged at step {k}"));
    // In the run list and in the table.
    assert_eq!(
        h.get_all_by_label(&format!("diverged at step {k}")).count(),
        2
    );
    for row in &table {
        for cell in &row.cells[1..4] {
            assert!(
                cell.chars().count() <= 20,
                "a cell too wide to read: {cell}"
            );
        }
    }
}

#[test]
fn all_columns_fit_at_1280x720_after_one_ctrl_plus_and_many_runs_scroll() {
    // A projector's 1280×720 at the normal scale (a first start on a small screen), one Ctrl+.
    let mut h = sized(common::builtin("rosenbrock-race"), [1280.0, 720.0], 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    assert!(h.ctx.zoom_factor() > 1.0);
    assert!((h.ctx.content_rect().width() * h.ctx.zoom_factor() - 1280.0).abs() < 2.0);
    // The table's scroll bar is drawn, right of its header, though the pointer is elsewhere.
    let header = h
        .get_all_by_label("State")
        .map(|n| n.rect())
        .max_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the State header");
    let bar = h
        .get_all_by_role(egui::accesskit::Role::ScrollBar)
        .map(|n| n.rect())
        .find(|r| r.left() >= header.left() && r.top() >= header.top() - 2.0)
        .expect("the table has a scroll bar");
    assert!(
        h.output()
            .shapes
            .iter()
            .any(|c| common::filled_rect_inside(&c.shape, bar)),
        "no scroll bar drawn in {bar:?}"
    );
    let right = h.ctx.content_rect().right();
    let table = rows(&h.state().document, &h.state().computed);
    let headers = ["Run", "Start", "Final loss", "Distance to min", "State"];
    for label in headers.iter().chain([&table[0].cells[4].as_str()]) {
        for node in h.get_all_by_label(label) {
            let r = node.rect();
            assert!(
                r.right() <= right + 0.5,
                "{label} ends at {} of {right}",
                r.right()
            );
        }
    }
    // Twelve runs do not fit in the panel: the last row is below its bottom until scrolled to.
    let last_name = &table[11].cells[0];
    let bottom = h.ctx.content_rect().bottom();
    let below = h
        .get_all_by_label(last_name)
        .map(|n| n.rect().top())
        .fold(f32::MIN, f32::max);
    assert!(
        below > bottom,
        "12 rows should need scrolling: {below} of {bottom}"
    );
    h.get_all_by_label(last_name)
        .last()
        .expect("the row")
        .scroll_to_me();
    h.run();
    let after = h
        .get_all_by_label(last_name)
        .map(|n| n.rect().top())
        .fold(f32::MIN, f32::max);
    assert!(
        after < below,
        "scrolling brings the last row up: {below} → {after}"
    );
}

const UNDEFINED: &str = r#"(
    title: "log",
    surface: (name: "custom", expr: "log(x) + y^2"),
    view: (x: (-2.0, 2.0), y: (-2.0, 2.0)),
    steps: 20,
    same_start: false,
    runs: [
        (optimizer: (name: "sgd", lr: 0.01), start: (-1.0, 0.5)),
        (optimizer: (name: "sgd", lr: 0.01), start: (1.0, 0.5)),
    ],
)"#;

#[test]
fn a_start_where_f_is_undefined_is_said_in_words() {
    let scenario = preset::parse(UNDEFINED.as_bytes(), "log.ron").expect("valid");
    let h = common::harness(scenario);
    let table = rows(&h.state().document, &h.state().computed);
    assert_eq!(table[0].cells[4], "f is undefined at the start");
    assert_ne!(table[1].cells[4], "f is undefined at the start");
    assert_eq!(h.get_all_by_label("f is undefined at the start").count(), 2);
}

fn pixel_at(path: &Path, x: f32, y: f32) -> [u8; 3] {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let i = ((y as usize) * info.width as usize + x as usize) * 3;
    [buf[i], buf[i + 1], buf[i + 2]]
}

#[test]
fn an_undefined_region_is_painted_as_no_value_not_the_top_colour() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("log.ron");
    std::fs::write(&file, UNDEFINED).expect("written");
    let out = dir.path().join("log.png");
    Command::cargo_bin("optiscape")
        .expect("built")
        .arg("render")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .args(["--size", "800x600"])
        .assert()
        .success();
    let scenario = preset::parse(UNDEFINED.as_bytes(), "log.ron").expect("valid");
    let scene = Scene::new(&scenario, 800, 600).expect("scene");
    let [x, y] = scene.pixel(V2::new(-1.5, -1.5));
    assert_eq!(pixel_at(&out, x, y), NO_VALUE, "x < 0: log(x) has no value");
    let [x, y] = scene.pixel(V2::new(1.5, -1.5));
    assert_ne!(pixel_at(&out, x, y), NO_VALUE, "x > 0 has values");
}

#[test]
fn slider_labels_stay_whole_in_the_side_panel() {
    for size in [[1280.0, 720.0], [1600.0, 1000.0]] {
        let h = sized(common::builtin("rosenbrock-race"), size, 1.25);
        let panel = h.state().view.side_panel.expect("the side panel was drawn");
        let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
        for label in ["Gradient noise σ", "Learning rate", "Steps"] {
            let text_w = h.ctx.fonts_mut(|f| {
                f.layout_no_wrap(label.to_owned(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            });
            // The slider's second node is its value box; the label follows it.
            let value_box = h
                .get_all_by_label(label)
                .map(|n| n.rect().right())
                .fold(f32::MIN, f32::max);
            let end = value_box + 4.0 + text_w;
            assert!(
                end <= panel.right() - 8.0,
                "{label} at {size:?} ends at {end}, past the panel's edge {}",
                panel.right()
            );
        }
    }
}

/// The loss plot counts work as well as steps: on batch-sizes-linreg, 300 steps are 300 epochs on the
/// full batch, 300·16/256 on batches of 16 and 300/256 one sample at a time.
#[test]
fn the_loss_plot_counts_steps_sample_gradients_or_epochs() {
    let mut h = common::harness(common::builtin("batch-sizes-linreg"));
    h.run();
    h.get_by_label("Loss plot x").click();
    h.run();
    h.get_by_label("epochs").click();
    h.run();
    assert_eq!(
        h.state().scenario().display.loss_x,
        optiscape::scenario::LossX::Epochs
    );
    let epochs: Vec<f64> = (0..3)
        .map(|i| {
            optiscape::app::timeline::work_per_step(h.state().scenario(), &h.state().computed, i)
                * 300.0
        })
        .collect();
    assert_eq!(epochs, [300.0, 300.0 * 16.0 / 256.0, 300.0 / 256.0]);
    h.get_by_label("Loss plot x").click();
    h.run();
    h.get_by_label("gradient evaluations (samples)").click();
    h.run();
    let per_step: Vec<f64> = (0..3)
        .map(|i| {
            optiscape::app::timeline::work_per_step(h.state().scenario(), &h.state().computed, i)
        })
        .collect();
    assert_eq!(per_step, [256.0, 16.0, 1.0]);
}
