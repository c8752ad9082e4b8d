//! What survives a restart: the scenario and the look, stored by eframe (on a desktop in a file, in
//! a browser in local storage).

use serde::{Deserialize, Serialize};

use optiscape_core::scenario::Scenario;

/// What survives a restart.
#[derive(Debug, Clone, PartialEq)]
pub struct Persisted {
    pub scenario: Scenario,
    pub dark: bool,
    pub ui_scale: f32,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            scenario: Scenario::welcome(),
            dark: true,
            ui_scale: 1.25,
        }
    }
}

/// Persisted as stored (on a desktop in a file, in a browser in local storage): the scenario as the
/// text of a preset file, so it is read back through the preset loader, with its checks and RON
/// options, like any file.
#[derive(Serialize, Deserialize)]
struct Stored {
    scenario: String,
    dark: bool,
    ui_scale: f32,
}

impl Persisted {
    /// What is stored (`None` if the scenario cannot be written).
    fn stored(&self) -> Option<Stored> {
        Some(Stored {
            scenario: optiscape_core::preset::to_ron(&self.scenario).ok()?,
            dark: self.dark,
            ui_scale: self.ui_scale,
        })
    }

    /// Persisted from what was stored; a scenario that no longer loads is replaced by the usual one.
    fn from_stored(stored: Stored) -> Self {
        Self {
            scenario: optiscape_core::preset::parse(stored.scenario.as_bytes(), "the last session")
                .unwrap_or_else(|_| Scenario::welcome()),
            dark: stored.dark,
            ui_scale: stored.ui_scale,
        }
    }

    /// The settings in `storage`, if it holds any.
    pub fn load(storage: &dyn eframe::Storage) -> Option<Self> {
        eframe::get_value::<Stored>(storage, eframe::APP_KEY).map(Self::from_stored)
    }

    /// Writes the settings to `storage`.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        if let Some(stored) = self.stored() {
            eframe::set_value(storage, eframe::APP_KEY, &stored);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use optiscape_core::preset::BUILTINS;

    /// Keeps strings as eframe's storages do.
    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn every_builtin_scenario_survives_a_restart() {
        for b in BUILTINS {
            let scenario = b.scenario().expect("a built-in loads");
            let persisted = Persisted {
                scenario,
                dark: false,
                ui_scale: 1.5,
            };
            let mut storage = Memory::default();
            persisted.save(&mut storage);
            assert_eq!(Persisted::load(&storage), Some(persisted), "{}", b.name);
        }
    }

    #[test]
    fn a_stored_scenario_that_no_longer_loads_gives_the_usual_one() {
        let mut storage = Memory::default();
        eframe::set_value(
            &mut storage,
            eframe::APP_KEY,
            &Stored {
                scenario: "(surface: (name: \"nowhere\"))".to_owned(),
                dark: true,
                ui_scale: 1.0,
            },
        );
        let loaded = Persisted::load(&storage).expect("the look is kept");
        assert_eq!(loaded.scenario, Scenario::welcome());
        assert!(Persisted::load(&Memory::default()).is_none());
    }
}
