//! torch-named hyper-parameters as users write them (CLI flags, presets, sliders): a small map from
//! the names the optimizers' specs declare to values, where an unset name means "the default". The
//! update rules never read it by name: their builders read it by typed key through
//! [`super::Settings`].

use serde::ser::{Serialize, SerializeMap, SerializeTuple, Serializer};

use super::{HyperKind, HyperSpec, HyperType, HyperValue, Key, OptimizerKind};
use crate::sim::SimError;

/// More names than any optimizer takes, so a user's extra name is refused by name, not by count.
const CAPACITY: usize = 16;

/// torch.optim's constructor arguments by torch's names; unset ones take their defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct HyperParams {
    len: usize,
    slots: [Option<(&'static str, HyperValue)>; CAPACITY],
}

impl PartialEq for HyperParams {
    /// Equal when the same names hold the same values, in whatever order they were set.
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().all(|(n, v)| other.get(n) == Some(v))
    }
}

/// The spec that declares `name` (every optimizer that takes a name gives it the same shape).
pub fn known_spec(name: &str) -> Option<&'static HyperSpec> {
    OptimizerKind::all().find_map(|k| k.spec(name))
}

/// Every hyper-parameter name some optimizer takes, each once, in the order the optimizers declare them.
pub fn names() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for kind in OptimizerKind::all() {
        for spec in kind.takes() {
            if !out.contains(&spec.name) {
                out.push(spec.name);
            }
        }
    }
    out
}

impl HyperParams {
    /// Every set (name, value), in the order they were set.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, HyperValue)> + '_ {
        self.slots[..self.len].iter().flatten().copied()
    }

    /// The value of the parameter called `name`, if set.
    pub fn get(&self, name: &str) -> Option<HyperValue> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Sets (or with `None` clears) the parameter called `name`; a value of the wrong shape or a name
    /// no optimizer takes is refused.
    pub fn set(&mut self, name: &str, value: Option<HyperValue>) -> Result<(), SimError> {
        let Some(spec) = known_spec(name) else {
            return Err(SimError::invalid(
                name,
                "?",
                format!("unknown hyper-parameter; known: {}", names().join(", ")),
            ));
        };
        if let Some(v) = value
            && !v.fits(spec.kind)
        {
            let expected = match spec.kind {
                HyperKind::Choice(names) => format!("one of {}", names.join(", ")),
                _ => "wrong kind of value".to_owned(),
            };
            return Err(SimError::invalid(name, format!("{v:?}"), expected));
        }
        let at = self.slots[..self.len]
            .iter()
            .position(|s| s.is_some_and(|(n, _)| n == spec.name));
        match (at, value) {
            (Some(i), Some(v)) => self.slots[i] = Some((spec.name, v)),
            (Some(i), None) => {
                self.slots.copy_within(i + 1..self.len, i);
                self.len -= 1;
                self.slots[self.len] = None;
            }
            (None, Some(v)) if self.len < CAPACITY => {
                self.slots[self.len] = Some((spec.name, v));
                self.len += 1;
            }
            (None, Some(_)) => {
                return Err(SimError::invalid(name, "?", "too many hyper-parameters"));
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// These parameters with `name` set to `value` (for building them in code).
    #[must_use]
    pub fn with(mut self, name: &str, value: impl Into<HyperValue>) -> Self {
        let result = self.set(name, Some(value.into()));
        debug_assert!(result.is_ok(), "{name}: {result:?}");
        self
    }

    /// These parameters with `key` set to `value`.
    #[must_use]
    pub fn put<T: HyperType>(self, key: Key<T>, value: T) -> Self {
        self.with(key.name(), value.into_value())
    }

    /// Only the learning rate.
    pub fn lr(lr: f64) -> Self {
        Self::default().put(super::spec::LR, lr)
    }

    /// The names of the parameters that are set.
    pub fn set_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.iter().map(|(n, _)| n)
    }

    /// Refuses any set parameter that `kind` does not take.
    pub fn check_taken(&self, kind: OptimizerKind) -> Result<(), SimError> {
        match self.set_names().find(|n| kind.spec(n).is_none()) {
            Some(name) => Err(SimError::NotTaken {
                optimizer: kind.name().to_owned(),
                name: name.to_owned(),
                takes: kind
                    .takes()
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
            None => Ok(()),
        }
    }

    /// These parameters with every one `kind` takes and that is unset filled with its default.
    #[must_use]
    pub fn filled(&self, kind: OptimizerKind) -> Self {
        let mut full = *self;
        for spec in kind.takes() {
            if full.get(spec.name).is_none() {
                // A default has its spec's shape, so this cannot fail.
                let _ = full.set(spec.name, kind.default_of(spec.name, self));
            }
        }
        full
    }

    /// Checks every set value `kind` takes against its spec. Rules between values (torch's Nesterov
    /// without momentum) are the builder's to check, on the typed values.
    pub fn validate(&self, kind: OptimizerKind) -> Result<(), SimError> {
        for spec in kind.takes() {
            if let Some(v) = self.get(spec.name) {
                spec.check(v)?;
            }
        }
        Ok(())
    }
}

/// One value as serde writes it: a number, a tuple, a bool or a unit variant (`lecture`).
pub struct ValueSer(pub HyperValue);

impl Serialize for ValueSer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            HyperValue::F(x) => s.serialize_f64(x),
            HyperValue::B(b) => s.serialize_bool(b),
            HyperValue::P(a, b) => {
                let mut t = s.serialize_tuple(2)?;
                t.serialize_element(&a)?;
                t.serialize_element(&b)?;
                t.end()
            }
            HyperValue::C(c) => s.serialize_unit_variant("Choice", 0, c),
        }
    }
}

impl Serialize for HyperParams {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len))?;
        for (name, value) in self.iter() {
            map.serialize_entry(name, &ValueSer(value))?;
        }
        map.end()
    }
}
