//! What the user asks for that changes more than one widget's value: the panels return these and
//! the app applies them after drawing.

use optiscape_core::scenario::Scenario;
use optiscape_core::sim::V2;

use super::{cards_view, explore};

/// Something the user asked for that changes more than one widget's value.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Action {
    TogglePlay,
    StepBy(isize),
    Restart,
    Seek(usize),
    FitView,
    SelectRun(usize),
    SelectNextRun,
    TogglePresentation,
    ToggleHelp,
    AddRun,
    DuplicateRun(usize),
    RemoveRun(usize),
    /// Set the start of one run, or of all runs (`None`).
    SetStart(Option<usize>, V2),
    ToggleTheme,
    Toggle3d,
    ToggleSideBySide,
    Load(Box<Scenario>),
    OpenDialog,
    OpenPath(std::path::PathBuf),
    Save,
    SaveAs,
    /// Put a link that carries the scenario on the clipboard.
    CopyLink,
    ExportImage,
    ExportAnimation,
    /// The step under the pointer in the loss plot (or none).
    HoverStep(Option<usize>),
    /// Where the loss plot was drawn this frame.
    LossPlotAt(egui::Rect),
    /// Give a run these optimizer settings (a sweep cell was clicked).
    SetOptimizer(usize, Box<optiscape_core::scenario::OptimizerConfig>),
    OpenTool(explore::Tool),
    NextStop,
    PrevStop,
    EndTour,
    OpenWalkthrough,
    /// Open the optimizer cards on a card or the comparison (or close them).
    ShowCard(Option<cards_view::CardsView>),
}
