//! Opening and saving in the window: menus, the window's own file dialog, dropped files, and what
//! a bad file does (nothing but a message).

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use optiscape::app::OptiscapeApp;
use optiscape::app::dialog::Dialogs;
use optiscape::preset;
use optiscape::scenario::Scenario;

/// The window as on a desktop without a file dialog of its own (no portal, no zenity).
fn harness() -> Harness<'static, OptiscapeApp> {
    let mut app = OptiscapeApp::new(Scenario::welcome());
    app.dialogs = Dialogs::builtin();
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(optiscape::app::look::install)
        .build_ui_state(|ui, app: &mut OptiscapeApp| app.show(ui), app);
    h.run();
    h
}

/// Replaces the path in the file dialog with `path`, as typed, and presses Enter.
fn type_path_and_enter(h: &mut Harness<'_, OptiscapeApp>, path: &Path) {
    h.get_by_role_and_label(Role::TextInput, "Path:").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path:")
        .type_text(&path.display().to_string());
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn menu(h: &mut Harness<'_, OptiscapeApp>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

fn dismiss_notice(h: &mut Harness<'_, OptiscapeApp>) {
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().dialogs.notice.is_none());
}

#[test]
fn save_as_then_open_through_the_window_s_own_dialog_gives_back_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.state_mut().scenario_mut().title = "My race".to_owned();
    h.state_mut().scenario_mut().runs[1]
        .optimizer
        .set_float("lr", 0.002);
    h.run();
    menu(&mut h, "Save as…  (Ctrl+Shift+S)");
    h.get_by_label("Save scenario as");
    // Typed without an extension: `.ron` is added.
    type_path_and_enter(&mut h, &dir.path().join("race"));
    let path = dir.path().join("race.ron");
    assert!(h.state().dialogs.open.is_none(), "the dialog closed");
    assert_eq!(h.state().dialogs.notice.as_deref(), Some("Saved race.ron"));
    assert_eq!(h.state().document.file.as_deref(), Some(path.as_path()));
    let saved = optiscape::files::load(&path).expect("a valid preset was written");
    let mut expected = h.state().scenario().clone();
    expected.view = saved.view;
    assert_eq!(saved, expected, "the file holds the scenario as shown");
    dismiss_notice(&mut h);

    // Change the scenario, then open the file again with Ctrl+O.
    h.state_mut().scenario_mut().title = "Something else".to_owned();
    h.state_mut().scenario_mut().runs.pop();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Open scenario");
    type_path_and_enter(&mut h, &path);
    assert!(
        h.state().dialogs.notice.is_none(),
        "{:?}",
        h.state().dialogs.notice
    );
    assert_eq!(h.state().scenario(), &saved);
    assert_eq!(h.state().scenario().title, "My race");
    assert_eq!(h.state().scenario().runs[1].optimizer.lr(), Some(0.002));
    assert_eq!(h.state().scenario().runs.len(), 4);
}

#[test]
fn without_a_desktop_dialog_export_image_opens_the_window_s_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    menu(&mut h, "Export image…");
    h.get_by_label("Export image");
    assert!(h.state().dialogs.open.is_some(), "not silent");
    type_path_and_enter(&mut h, &dir.path().join("view"));
    assert_eq!(h.state().dialogs.notice.as_deref(), Some("Saved view.png"));
    assert!(dir.path().join("view.png").is_file());
}

#[test]
fn a_cancelled_dialog_changes_nothing() {
    let mut h = harness();
    let before = h.state().scenario().clone();
    menu(&mut h, "Export animation…");
    h.get_by_label("Export animation");
    let text = h
        .get_by_role_and_label(Role::TextInput, "Path:")
        .value()
        .unwrap_or_default();
    assert!(text.ends_with("landscape.gif"), "{text}");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().dialogs.open.is_none());
    assert!(h.state().tools.export.is_none() && h.state().dialogs.notice.is_none());
    assert_eq!(h.state().scenario(), &before);
}

#[test]
fn save_of_a_new_scenario_asks_where_then_saves_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save scenario as");
    type_path_and_enter(&mut h, &dir.path().join("new.ron"));
    assert_eq!(h.state().dialogs.notice.as_deref(), Some("Saved new.ron"));
    dismiss_notice(&mut h);
    std::fs::remove_file(dir.path().join("new.ron")).unwrap();
    // Now it has a file: Ctrl+S writes it without asking.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().dialogs.open.is_none());
    assert_eq!(h.state().dialogs.notice.as_deref(), Some("Saved new.ron"));
    assert!(dir.path().join("new.ron").is_file());
    // Ctrl+Shift+S asks again.
    dismiss_notice(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.get_by_label("Save scenario as");
}

#[test]
fn the_dialog_lists_the_folder_and_enters_a_folder_clicked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lectures")).unwrap();
    std::fs::write(
        dir.path().join("lectures").join("bowl.ron"),
        preset::builtin("zigzag-bowl").unwrap().text,
    )
    .unwrap();
    let mut h = harness();
    h.state_mut().document.file = Some(dir.path().join("welcome.ron"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("lectures/").click();
    h.run();
    h.get_by_label("bowl.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().scenario().surface.name, "quadratic");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn the_presets_menu_opens_a_built_in_preset() {
    let mut h = harness();
    h.get_by_label("Presets").click();
    h.run();
    // The list is longer than the window: scroll to the entry as a user would.
    h.get_by_label("Himmelblau's four minima").scroll_to_me();
    h.run();
    h.get_by_label("Himmelblau's four minima").click();
    h.run();
    let app = h.state();
    assert_eq!(app.scenario().surface.name, "himmelblau");
    assert_eq!(app.scenario().runs.len(), 4);
    assert_eq!(app.computed.runs.len(), 4);
    assert_eq!(
        app.playback.step, 0,
        "a loaded preset starts at step 0, ready for Space"
    );
}

#[test]
fn a_dropped_preset_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bowl.ron");
    let text = preset::builtin("zigzag-bowl").unwrap().text;
    std::fs::write(&path, text).unwrap();
    let mut h = harness();
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.clone())));
    h.run();
    let app = h.state();
    assert_eq!(app.scenario().surface.name, "quadratic");
    assert_eq!(app.document.file.as_deref(), Some(path.as_path()));
}

#[test]
fn a_bad_file_leaves_the_scenario_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(runs: [(optimizer: (name: \"adam\", lr: -1.0))])").unwrap();
    let mut h = harness();
    let before = h.state().scenario().clone();
    h.input_mut().dropped_files.push(Arc::new(Dropped(path)));
    h.run();
    let notice = h.state().dialogs.notice.clone().expect("a message");
    assert!(notice.contains("broken.ron"), "{notice}");
    assert!(notice.contains("runs[0].optimizer.lr"), "{notice}");
    assert_eq!(h.state().scenario(), &before);
    // The message is shown and can be dismissed.
    h.get_by_label_contains("runs[0].optimizer.lr");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().dialogs.notice.is_none());
    assert!(h.query_by_label_contains("runs[0].optimizer.lr").is_none());
}

#[test]
fn saving_writes_a_preset_that_reopens_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    let mut h = harness();
    h.state_mut().scenario_mut().runs[3]
        .optimizer
        .set_float("lr", 0.05);
    h.state_mut().scenario_mut().title = "My race".to_owned();
    h.run();
    h.state_mut().save_to(&path).expect("saved");
    let loaded = optiscape::files::load(&path).expect("loads");
    let mut expected = h.state().scenario().clone();
    expected.view = loaded.view;
    assert_eq!(loaded, expected);
    assert!(loaded.view.is_some(), "the window as shown is saved");
    assert_eq!(h.state().document.file.as_deref(), Some(path.as_path()));

    // Reopen in a fresh window.
    let mut h2 = harness();
    let ctx = h2.ctx.clone();
    h2.state_mut().open_path(&path, &ctx).expect("opens");
    h2.run();
    assert_eq!(h2.state().scenario().title, "My race");
    assert_eq!(h2.state().scenario().runs[3].optimizer.lr(), Some(0.05));
}

#[test]
fn export_image_writes_the_landscape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.png");
    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export image…");
    h.get_by_label("Export animation…");
    h.state_mut().export_image_to(&path).expect("exported");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
    let info = decoder.read_info().expect("a PNG");
    assert_eq!((info.info().width, info.info().height), (1600, 1000));
}

/// The pixel at the picture's bottom-left corner, outside the plot: the background.
fn corner(path: &std::path::Path) -> [u8; 3] {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let frame = reader.next_frame(&mut buf).expect("pixels");
    let channels = frame.line_size / frame.width as usize;
    let at = (frame.height as usize - 2) * frame.line_size + 2 * channels;
    [buf[at], buf[at + 1], buf[at + 2]]
}

/// An export looks like the window: in the light theme it is light.
#[test]
fn an_export_takes_the_windows_theme() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.run();
    let dark = dir.path().join("dark.png");
    h.state_mut().export_image_to(&dark).expect("exported");
    h.state_mut().document.persisted.dark = false;
    h.run();
    let light = dir.path().join("light.png");
    h.state_mut().export_image_to(&light).expect("exported");
    assert_eq!(corner(&dark), [27, 27, 27]);
    assert_eq!(corner(&light), [248, 248, 248]);
    let svg = dir.path().join("light.svg");
    h.state_mut().export_image_to(&svg).expect("exported");
    let text = std::fs::read_to_string(&svg).expect("written");
    assert!(
        text.to_lowercase().contains("#f8f8f8"),
        "a light background"
    );
}

#[test]
fn export_image_to_an_svg_name_writes_an_svg() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.svg");
    let mut h = harness();
    h.run();
    h.state_mut().export_image_to(&path).expect("exported");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.starts_with("<?xml"), "{}", &text[..40.min(text.len())]);
    assert!(text.contains("<svg") && text.contains("<text"));
    assert!(text.contains(r#"width="1600" height="1000""#));
}

/// Steps the window until the background export has ended (or gives up after a while).
fn until_export_ends(h: &mut Harness<'_, OptiscapeApp>) {
    for _ in 0..600 {
        if h.state().tools.export.is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    panic!("the export did not end");
}

#[test]
fn an_animation_export_shows_progress_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anim.gif");
    let mut h = harness();
    h.state_mut().start_export_animation(&path, 6, 10.0);
    until_export_ends(&mut h);
    let notice = h.state().dialogs.notice.clone().expect("a notice");
    assert!(notice.starts_with("Saved"), "{notice}");
    assert!(path.exists());
}

#[test]
fn a_cancelled_animation_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.gif");
    let mut h = harness();
    // Long enough to cancel, within the budget (2,000 frames of 1600 × 1000 are refused).
    h.state_mut().start_export_animation(&path, 800, 10.0);
    // A window appears after its sizing frame.
    for _ in 0..3 {
        h.step();
    }
    h.get_by_label("Exporting animation");
    h.get_by_label("Cancel").click();
    h.step();
    until_export_ends(&mut h);
    let notice = h.state().dialogs.notice.clone().expect("a notice");
    assert!(notice.contains("cancelled"), "{notice}");
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
    // Over the budget, the export does not start and says what to lower.
    h.state_mut().start_export_animation(&path, 2000, 10.0);
    let notice = h.state().dialogs.notice.clone().expect("a notice");
    assert!(
        notice.contains("over the budget of 30 s; take fewer frames"),
        "{notice}"
    );
    assert!(h.state().tools.export.is_none());
}

#[test]
fn the_presets_menu_shows_its_scroll_bar_before_anyone_scrolls() {
    let mut h = harness();
    h.get_by_label("Presets").click();
    h.run();
    let walk = h.get_by_label("▶ Lecture walkthrough (L07)").rect();
    // The list's bar: the scroll bar just below the walkthrough entry, in the menu.
    let bar = h
        .get_all_by_role(Role::ScrollBar)
        .map(|n| n.rect())
        .filter(|r| r.top() >= walk.bottom() && r.left() > walk.left())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("the presets list has a scroll bar");
    assert!(
        bar.top() - walk.bottom() < 40.0,
        "{bar:?} is not the menu's (below {walk:?})"
    );
    // The pointer is on the menu bar, away from the list: the bar is drawn all the same.
    let shapes = &h.output().shapes;
    assert!(
        shapes
            .iter()
            .any(|c| common::filled_rect_inside(&c.shape, bar)),
        "no scroll bar drawn in {bar:?}"
    );
}

/// File → Copy link puts a link that carries the scenario on the clipboard and says so.
#[test]
fn copy_link_puts_the_scenario_on_the_clipboard() {
    let mut h = harness();
    h.state_mut().scenario_mut().steps = 123;
    h.run();
    menu(&mut h, "Copy link");
    let link = h
        .state()
        .dialogs
        .copied_link
        .clone()
        .expect("copied to the clipboard");
    let back = optiscape::link::read(&link).expect("a link");
    assert_eq!(&back, h.state().scenario());
    assert_eq!(back.steps, 123);
    let notice = h.state().dialogs.notice.clone().expect("a notice");
    assert_eq!(notice, format!("Link copied ({} characters)", link.len()));
    dismiss_notice(&mut h);
}
