//! Typed keys, and the reader the builders take them to. A [`Key`] is one hyper-parameter by torch's
//! name and the Rust type of its value, declared once as a constant beside its spec, so a misspelt
//! key in a builder does not compile. [`Settings`] hands a builder a key's value only if its
//! optimizer takes that key with that shape; any other read is a [`SimError`] when the optimizer is
//! built, never a NaN in a run.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use super::{HyperKind, HyperParams, HyperValue, OptimizerKind};
use crate::sim::SimError;

/// The Rust type of a hyper-parameter's value, with the shape its specs declare.
pub trait HyperType: Copy + 'static {
    /// The shape of every spec of a key of this type.
    const KIND: HyperKind;

    /// The value, if `value` has this type's shape.
    fn from_value(value: HyperValue) -> Option<Self>;

    /// As the flat parameters hold it.
    fn into_value(self) -> HyperValue;
}

impl HyperType for f64 {
    const KIND: HyperKind = HyperKind::Float;

    fn from_value(value: HyperValue) -> Option<Self> {
        match value {
            HyperValue::F(x) => Some(x),
            _ => None,
        }
    }

    fn into_value(self) -> HyperValue {
        HyperValue::F(self)
    }
}

impl HyperType for (f64, f64) {
    const KIND: HyperKind = HyperKind::Pair;

    fn from_value(value: HyperValue) -> Option<Self> {
        match value {
            HyperValue::P(a, b) => Some((a, b)),
            _ => None,
        }
    }

    fn into_value(self) -> HyperValue {
        HyperValue::P(self.0, self.1)
    }
}

impl HyperType for bool {
    const KIND: HyperKind = HyperKind::Bool;

    fn from_value(value: HyperValue) -> Option<Self> {
        match value {
            HyperValue::B(b) => Some(b),
            _ => None,
        }
    }

    fn into_value(self) -> HyperValue {
        HyperValue::B(self)
    }
}

/// One hyper-parameter: torch's name and the Rust type `T` of its value.
pub struct Key<T> {
    name: &'static str,
    value: PhantomData<fn() -> T>,
}

// By hand: derived impls would ask `T: Clone`, which a key does not hold.
impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Key<T> {}

impl<T> fmt::Debug for Key<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({})", self.name)
    }
}

impl<T: HyperType> Key<T> {
    /// The key called `name` (torch's keyword argument).
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            value: PhantomData,
        }
    }

    /// torch's keyword argument.
    pub const fn name(self) -> &'static str {
        self.name
    }

    /// The shape every spec of this key declares.
    pub const fn kind(self) -> HyperKind {
        T::KIND
    }
}

/// One optimizer's complete, validated parameters as its builder reads them: by [`Key`], and only
/// the keys its [`OptimizerKind::takes`] declares, with the shape declared there.
pub struct Settings<'a> {
    kind: OptimizerKind,
    params: &'a HyperParams,
    /// Bit `i` is set once `takes()[i]` has been read, so a test can find settings a builder ignores.
    read: Cell<u64>,
}

impl<'a> Settings<'a> {
    /// `params` of `kind`, which [`HyperParams::filled`] has completed.
    pub(super) fn new(kind: OptimizerKind, params: &'a HyperParams) -> Self {
        Self {
            kind,
            params,
            read: Cell::new(0),
        }
    }

    /// The value of `key`. Refuses a key the optimizer does not take or takes with another shape:
    /// that is a builder's mistake, reported when the optimizer is built.
    pub fn get<T: HyperType>(&self, key: Key<T>) -> Result<T, SimError> {
        let takes = self.kind.takes();
        let Some(i) = takes.iter().position(|s| s.name == key.name) else {
            return Err(SimError::NotTaken {
                optimizer: self.kind.name().to_owned(),
                name: key.name.to_owned(),
                takes: takes.iter().map(|s| s.name).collect::<Vec<_>>().join(", "),
            });
        };
        let spec = &takes[i];
        let value = self.params.get(key.name);
        let got = value.and_then(T::from_value);
        let (Some(got), true) = (got, spec.kind == T::KIND) else {
            return Err(SimError::invalid(
                key.name,
                value.map_or_else(|| "unset".to_owned(), HyperValue::text),
                format!(
                    "{}'s builder reads it as {:?}; its spec declares {:?}",
                    self.kind.name(),
                    T::KIND,
                    spec.kind
                ),
            ));
        };
        if let Some(bit) = 1u64.checked_shl(i as u32) {
            self.read.set(self.read.get() | bit);
        }
        Ok(got)
    }

    /// The parameters as they are, for an optimizer whose torch arguments are exactly these.
    pub fn params(&self) -> &HyperParams {
        self.params
    }

    /// The specs of the optimizer that no [`Self::get`] has read so far.
    #[cfg(test)]
    pub(super) fn unread(&self) -> impl Iterator<Item = &'static super::HyperSpec> + '_ {
        let read = self.read.get();
        self.kind
            .takes()
            .iter()
            .enumerate()
            .filter(move |(i, _)| 1u64.checked_shl(*i as u32).is_none_or(|b| read & b == 0))
            .map(|(_, s)| s)
    }
}
