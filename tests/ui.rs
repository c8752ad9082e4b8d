//! The window driven as a user drives it, one module per part of it: egui_kittest finds widgets by
//! their labels, clicks, types and presses keys, and the tests check what the app then holds. No
//! GPU is needed. They form one test binary because each binary links the whole window stack.

mod common;

#[path = "ui/background.rs"]
mod background;
#[path = "ui/cards.rs"]
mod cards;
#[path = "ui/controls.rs"]
mod controls;
#[path = "ui/files.rs"]
mod files;
#[path = "ui/keys.rs"]
mod keys;
#[path = "ui/labels.rs"]
mod labels;
#[path = "ui/net.rs"]
mod net;
#[path = "ui/results.rs"]
mod results;
#[path = "ui/tools.rs"]
mod tools;
#[path = "ui/tour.rs"]
mod tour;
#[path = "ui/views.rs"]
mod views;
