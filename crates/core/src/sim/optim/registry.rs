//! [`OptimizerKind`]: an optimizer of one of the update families, looked up by its contract name, and
//! the `families!` macro the parent module lists the families with. Everything else about an
//! optimizer is in its family's file.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{FAMILIES, HyperParams, HyperSpec, HyperValue, OptimizerDef};
use crate::sim::SimError;

/// Declares the update families (`families! { Adam => adam::Adam, … }` in the parent module, one line
/// each, in lecture order): their modules and re-exports, the typed rule enum with dispatch to the
/// concrete rule, and the list of every family's optimizer definitions.
macro_rules! families {
    ($($variant:ident => $module:ident :: $rule:ident),* $(,)?) => {
        $(
            mod $module;
            pub use $module::*;
        )*

        /// The typed hyper-parameters, one variant per update family.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Rule {
            $($variant($module::$rule),)*
        }

        impl Rule {
            /// Runs `visitor` with the concrete update rule, so hot loops are compiled per family.
            #[inline]
            pub fn visit<V: RuleVisitor>(&self, visitor: V) -> V::Output {
                match self {
                    $(Self::$variant(r) => visitor.visit(r),)*
                }
            }

            /// The learning rate.
            pub fn lr(&self) -> f64 {
                match self {
                    $(Self::$variant(r) => UpdateRule::lr(r),)*
                }
            }
        }

        /// Every family's optimizers, in lecture order.
        const FAMILIES: &[&[OptimizerDef]] = &[$($module::KINDS,)*];
    };
}

/// How many optimizers there are.
const COUNT: usize = {
    let mut n = 0;
    let mut f = 0;
    while f < FAMILIES.len() {
        n += FAMILIES[f].len();
        f += 1;
    }
    n
};

/// Every optimizer's definition, in lecture order.
static DEFS: [&OptimizerDef; COUNT] = {
    let mut out = [&FAMILIES[0][0]; COUNT];
    let (mut f, mut n) = (0, 0);
    while f < FAMILIES.len() {
        let mut k = 0;
        while k < FAMILIES[f].len() {
            out[n] = &FAMILIES[f][k];
            n += 1;
            k += 1;
        }
        f += 1;
    }
    out
};

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// An optimizer optiscape offers. Several are one torch class with different settings.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OptimizerKind(u8);

#[allow(non_upper_case_globals)]
impl OptimizerKind {
    pub const Sgd: Self = Self::named("sgd");
    pub const Momentum: Self = Self::named("momentum");
    pub const Nesterov: Self = Self::named("nesterov");
    pub const Ema: Self = Self::named("ema");
    pub const Rprop: Self = Self::named("rprop");
    pub const Rmsprop: Self = Self::named("rmsprop");
    pub const Adagrad: Self = Self::named("adagrad");
    pub const Adadelta: Self = Self::named("adadelta");
    pub const Adam: Self = Self::named("adam");
    pub const Amsgrad: Self = Self::named("amsgrad");
    pub const Adamax: Self = Self::named("adamax");
    pub const Nadam: Self = Self::named("nadam");
}

impl OptimizerKind {
    /// The kind with this contract name; a name that is not registered does not compile.
    const fn named(name: &str) -> Self {
        let (mut f, mut n) = (0, 0);
        while f < FAMILIES.len() {
            let mut k = 0;
            while k < FAMILIES[f].len() {
                if same(FAMILIES[f][k].name, name) {
                    return Self(n);
                }
                n += 1;
                k += 1;
            }
            f += 1;
        }
        panic!("no optimizer of that name is registered")
    }

    /// Every kind, in the lecture's order.
    pub fn all() -> impl Iterator<Item = Self> + Clone {
        (0..COUNT as u8).map(Self)
    }

    /// How many kinds there are.
    pub const COUNT: usize = COUNT;

    /// Position in [`Self::all`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Everything about this optimizer.
    pub fn def(self) -> &'static OptimizerDef {
        DEFS[self.index()]
    }

    /// The contract name (`rmsprop`).
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The name people read in the lecture (`RMSProp`).
    pub fn title(self) -> &'static str {
        self.def().title
    }

    /// The torch.optim class that runs this optimizer (with [`crate::sim::Optimizer::params`]),
    /// where torch has it.
    pub fn torch_class(self) -> Option<&'static str> {
        self.def().torch_class
    }

    /// The hyper-parameters a user may set for this optimizer, with their defaults.
    pub fn takes(self) -> &'static [HyperSpec] {
        self.def().takes
    }

    /// The spec of one hyper-parameter this optimizer takes.
    pub fn spec(self, name: &str) -> Option<&'static HyperSpec> {
        self.takes().iter().find(|s| s.name == name)
    }

    /// The default of `name` given the parameters `set` so far: its spec's default, unless a choice
    /// (set or by default) changes it.
    pub fn default_of(self, name: &str, set: &HyperParams) -> Option<HyperValue> {
        let spec = self.spec(name)?;
        let changed = self.def().defaults_when.iter().find(|d| {
            d.name == name
                && set
                    .get(d.choice)
                    .or_else(|| self.spec(d.choice).map(|s| s.default))
                    == Some(HyperValue::C(d.value))
        });
        Some(changed.map_or(spec.default, |d| d.default))
    }

    /// Looks a kind up by its contract name.
    pub fn from_name(name: &str) -> Result<Self, SimError> {
        Self::all()
            .find(|k| k.name() == name)
            .ok_or_else(|| SimError::UnknownOptimizer {
                name: name.to_owned(),
                known: Self::all().map(Self::name).collect::<Vec<_>>().join(", "),
            })
    }
}

impl std::fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Debug for OptimizerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for OptimizerKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for OptimizerKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Self::from_name(&name).map_err(serde::de::Error::custom)
    }
}
