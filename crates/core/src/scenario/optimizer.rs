//! A run's optimizer as a document holds it: the name and torch's keyword arguments, each optional so
//! a file writes only what it changes. The fields a file may hold are the names the optimizers'
//! specs declare, so a new hyper-parameter needs nothing here.

use std::fmt;
use std::sync::LazyLock;

use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, VariantAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::sim::optim::{HyperKind, HyperValue, ValueSer, hyper_names, known_spec};
use crate::sim::{HyperParams, OptimizerKind};

/// An optimizer by name with torch-named hyper-parameters; unset ones take their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerConfig {
    pub name: String,
    params: HyperParams,
}

impl Default for OptimizerConfig {
    fn default() -> Self {
        Self::from_params("sgd", &HyperParams::default())
    }
}

impl OptimizerConfig {
    /// `name` with only the learning rate set.
    pub fn with_lr(name: &str, lr: f64) -> Self {
        Self::from_params(name, &HyperParams::lr(lr))
    }

    /// `name` with these hyper-parameters.
    pub fn from_params(name: &str, p: &HyperParams) -> Self {
        Self {
            name: name.to_owned(),
            params: *p,
        }
    }

    /// The hyper-parameters that are set, without the name.
    pub fn params(&self) -> HyperParams {
        self.params
    }

    /// The kind, if the name is known.
    pub fn kind(&self) -> Option<OptimizerKind> {
        OptimizerKind::from_name(&self.name).ok()
    }

    /// The learning rate as set (`None`: the default).
    pub fn lr(&self) -> Option<f64> {
        match self.params.get("lr") {
            Some(HyperValue::F(v)) => Some(v),
            _ => None,
        }
    }

    /// One hyper-parameter's value, or the kind's default when unset.
    pub fn value(&self, name: &str) -> Option<HyperValue> {
        let kind = self.kind()?;
        self.params
            .get(name)
            .or_else(|| kind.default_of(name, &self.params))
    }

    /// A number's value, or the kind's default when unset.
    pub fn float(&self, name: &str) -> Option<f64> {
        match self.value(name)? {
            HyperValue::F(v) => Some(v),
            _ => None,
        }
    }

    /// Sets one hyper-parameter (by torch name); a name no optimizer takes or a value of the wrong
    /// shape is ignored.
    pub fn set(&mut self, name: &str, value: impl Into<HyperValue>) {
        let _ = self.params.set(name, Some(value.into()));
    }

    /// Sets a number, for code that writes scenarios.
    pub fn set_float(&mut self, name: &str, value: f64) {
        self.set(name, HyperValue::F(value));
    }

    /// Switches to another optimizer, keeping the hyper-parameters it also takes (lr among them).
    pub fn switch_to(&mut self, kind: OptimizerKind) {
        let mut p = self.params;
        for name in hyper_names() {
            if kind.spec(name).is_none() {
                let _ = p.set(name, None);
            }
        }
        *self = Self::from_params(kind.name(), &p);
    }
}

/// `name` and every hyper-parameter name: the fields a document may hold.
static FIELDS: LazyLock<&'static [&'static str]> = LazyLock::new(|| {
    let mut all = vec!["name"];
    all.extend(hyper_names());
    Box::leak(all.into_boxed_slice())
});

impl Serialize for OptimizerConfig {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("OptimizerConfig", 1 + self.params.iter().count())?;
        out.serialize_field("name", &self.name)?;
        // In the order the optimizer shows its parameters, then any others.
        let order = self.kind().map(OptimizerKind::takes).unwrap_or_default();
        let listed = order
            .iter()
            .filter_map(|s| Some((s.name, self.params.get(s.name)?)));
        let others = self
            .params
            .iter()
            .filter(|(n, _)| !order.iter().any(|s| s.name == *n));
        for (name, value) in listed.chain(others) {
            out.serialize_field(name, &ValueSer(value))?;
        }
        out.end()
    }
}

impl<'de> Deserialize<'de> for OptimizerConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("OptimizerConfig", &FIELDS, ConfigVisitor)
    }
}

struct ConfigVisitor;

impl<'de> Visitor<'de> for ConfigVisitor {
    type Value = OptimizerConfig;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an optimizer such as (name: \"adam\", lr: 0.01)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OptimizerConfig, A::Error> {
        let mut out = OptimizerConfig::default();
        let mut seen_name = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "name" {
                if seen_name {
                    return Err(de::Error::duplicate_field("name"));
                }
                seen_name = true;
                out.name = map.next_value()?;
                continue;
            }
            let Some(spec) = known_spec(&key) else {
                return Err(de::Error::unknown_field(&key, &FIELDS));
            };
            if out.params.get(spec.name).is_some() {
                return Err(de::Error::duplicate_field(spec.name));
            }
            let value = match spec.kind {
                HyperKind::Float => map.next_value::<Option<f64>>()?.map(HyperValue::F),
                HyperKind::Pair => map
                    .next_value::<Option<(f64, f64)>>()?
                    .map(|(a, b)| HyperValue::P(a, b)),
                HyperKind::Bool => map.next_value::<Option<bool>>()?.map(HyperValue::B),
                HyperKind::Choice(names) => {
                    Some(HyperValue::C(map.next_value_seed(Choice(names))?))
                }
            };
            out.params
                .set(spec.name, value)
                .map_err(|e| de::Error::custom(e.to_string()))?;
        }
        Ok(out)
    }
}

/// A choice's value, an identifier in RON (`lecture`) or a string in JSON.
struct Choice(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Choice {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'static str, D::Error> {
        d.deserialize_enum("Choice", self.0, self)
    }
}

impl<'de> Visitor<'de> for Choice {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "one of {}", self.0.join(", "))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<&'static str, E> {
        self.0
            .iter()
            .copied()
            .find(|n| *n == v)
            .ok_or_else(|| de::Error::unknown_variant(v, self.0))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<&'static str, A::Error> {
        let (name, rest) = data.variant_seed(&self)?;
        rest.unit_variant()?;
        Ok(name)
    }
}

/// The variant's name as the format gives it: RON an identifier, JSON a string.
impl<'de> DeserializeSeed<'de> for &Choice {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'static str, D::Error> {
        d.deserialize_identifier(Choice(self.0))
    }
}
