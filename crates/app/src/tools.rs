//! The tools around the document: the sweep / basin map / tuning window, the optimizer cards, the
//! help window, a walkthrough being presented, and an animation being exported. Its `apply` takes
//! the actions that only open or close them; opening a tool on the selected run, moving between a
//! walkthrough's stops and exporting reach the document too, so the app does those.

use super::{Action, cards_view, explore, export, tour};

/// The tool windows and jobs, and what they show.
#[derive(Default)]
pub struct Tools {
    /// The sweep / basin map window.
    pub explorer: explore::Explorer,
    /// The optimizer cards window.
    pub cards: Option<cards_view::CardsView>,
    pub show_help: bool,
    /// The walkthrough being presented.
    pub tour: Option<tour::TourState>,
    /// An animation being exported in the background.
    pub export: Option<export::ExportJob>,
}

impl Tools {
    /// Applies an action that only opens or closes a tool; other actions are left alone.
    pub fn apply(&mut self, action: &Action) {
        match action {
            Action::ToggleHelp => self.show_help = !self.show_help,
            Action::EndTour => self.tour = None,
            Action::ShowCard(view) => self.cards = *view,
            _ => {}
        }
    }

    /// The preset name and note of the stop shown, if a walkthrough is on.
    pub fn current_stop(&self) -> Option<(usize, &str, &str)> {
        let state = self.tour.as_ref()?;
        let stop = state.tour.stops.get(state.at)?;
        Some((state.at, stop.preset.as_str(), stop.note.as_str()))
    }
}
