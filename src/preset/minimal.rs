//! Scenarios written the way people write presets: only the fields that differ from their
//! defaults, one top-level field and one run per line.
//!
//! The scenario is serialized into a [`Node`] tree that keeps struct names and field order. A field
//! of a struct that fills its missing fields from its own `Default` (serde's container `default`)
//! is left out when it equals that default's field; the defaults are the same tree made from each
//! such type's `Default`. The caller checks that the text reads back as the same scenario.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde::ser;

use crate::scenario::{
    Animation, BasinSettings, Camera, Display, OptimizerConfig, RunConfig, Scenario, SurfaceConfig,
    SweepSettings, Vectors,
};
use crate::sim::physics::Ball;

/// A serialized value that keeps what RON needs to write it back.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// A number, string, bool, char or unit, already written as RON.
    Leaf(String),
    None,
    Some(Box<Node>),
    Seq(Vec<Node>),
    /// A tuple, tuple struct or newtype struct: `(a, b)`.
    Tuple(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Struct(&'static str, Vec<(&'static str, Node)>),
    /// An enum variant and its content: none, a tuple, or fields.
    Variant(
        &'static str,
        Option<Vec<Node>>,
        Option<Vec<(&'static str, Node)>>,
    ),
}

/// Fields written even when they hold their default: the format a file is in, and the surface and
/// optimizers it is about.
const ALWAYS: &[(&str, &str)] = &[
    ("Scenario", "version"),
    ("Scenario", "surface"),
    ("SurfaceConfig", "name"),
    ("RunConfig", "optimizer"),
    ("OptimizerConfig", "name"),
];

/// `scenario` as minimal pretty RON, or why it cannot be written.
pub fn to_ron(scenario: &Scenario) -> Result<String, String> {
    let defaults = defaults()?;
    let tree = prune(scenario.serialize(Tree)?, &defaults);
    let mut out = String::new();
    write_top(&tree, &mut out);
    out.push('\n');
    Ok(out)
}

type Defaults = HashMap<&'static str, Vec<(&'static str, Node)>>;

/// Each type that fills missing fields from its `Default`, by struct name, as a tree.
fn defaults() -> Result<Defaults, String> {
    let trees = [
        Scenario::default().serialize(Tree)?,
        SurfaceConfig::default().serialize(Tree)?,
        RunConfig::default().serialize(Tree)?,
        OptimizerConfig::default().serialize(Tree)?,
        Animation::default().serialize(Tree)?,
        Display::default().serialize(Tree)?,
        Vectors::default().serialize(Tree)?,
        Camera::default().serialize(Tree)?,
        SweepSettings::default().serialize(Tree)?,
        BasinSettings::default().serialize(Tree)?,
        Ball::default().serialize(Tree)?,
    ];
    Ok(trees
        .into_iter()
        .filter_map(|t| match t {
            Node::Struct(name, fields) => Some((name, fields)),
            _ => None,
        })
        .collect())
}

/// Drops the fields that hold their type's default, at every depth.
fn prune(node: Node, defaults: &Defaults) -> Node {
    let all = |v: Vec<Node>| v.into_iter().map(|n| prune(n, defaults)).collect();
    match node {
        Node::Struct(name, fields) => {
            let default = defaults.get(name);
            let kept = fields
                .into_iter()
                .filter(|(field, value)| {
                    ALWAYS.contains(&(name, *field))
                        || default.is_none_or(|d| !d.iter().any(|(f, v)| f == field && v == value))
                })
                .map(|(field, value)| (field, prune(value, defaults)))
                .collect();
            Node::Struct(name, kept)
        }
        Node::Some(inner) => Node::Some(Box::new(prune(*inner, defaults))),
        Node::Seq(items) => Node::Seq(all(items)),
        Node::Tuple(items) => Node::Tuple(all(items)),
        Node::Map(entries) => Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k, prune(v, defaults)))
                .collect(),
        ),
        other => other,
    }
}

/// The document: one field per line, and lists of structs one item per line.
fn write_top(node: &Node, out: &mut String) {
    let Node::Struct(_, fields) = node else {
        write_inline(node, out);
        return;
    };
    if fields.is_empty() {
        out.push_str("()");
        return;
    }
    out.push_str("(\n");
    for (name, value) in fields {
        let _ = write!(out, "    {name}: ");
        match value {
            Node::Seq(items) if items.iter().any(is_compound) => {
                out.push_str("[\n");
                for item in items {
                    out.push_str("        ");
                    write_inline(item, out);
                    out.push_str(",\n");
                }
                out.push_str("    ]");
            }
            _ => write_inline(value, out),
        }
        out.push_str(",\n");
    }
    out.push(')');
}

fn is_compound(node: &Node) -> bool {
    !matches!(node, Node::Leaf(_) | Node::None)
}

fn write_inline(node: &Node, out: &mut String) {
    match node {
        Node::Leaf(text) => out.push_str(text),
        Node::None => out.push_str("None"),
        // Files are read with implicit `Some`, so `lr: 0.01` is written as a person would; a
        // nested option keeps its `Some` so that it cannot be mistaken.
        Node::Some(inner) if matches!(**inner, Node::None | Node::Some(_)) => {
            out.push_str("Some(");
            write_inline(inner, out);
            out.push(')');
        }
        Node::Some(inner) => write_inline(inner, out),
        Node::Seq(items) => list(out, "[", items, "]", write_inline),
        Node::Tuple(items) => list(out, "(", items, ")", write_inline),
        Node::Map(entries) => list(out, "{", entries, "}", |(k, v), out| {
            write_inline(k, out);
            out.push_str(": ");
            write_inline(v, out);
        }),
        Node::Struct(_, fields) => list(out, "(", fields, ")", write_field),
        Node::Variant(name, tuple, fields) => {
            out.push_str(name);
            if let Some(items) = tuple {
                list(out, "(", items, ")", write_inline);
            } else if let Some(fields) = fields {
                list(out, "(", fields, ")", write_field);
            }
        }
    }
}

fn write_field((name, value): &(&'static str, Node), out: &mut String) {
    out.push_str(name);
    out.push_str(": ");
    write_inline(value, out);
}

fn list<T>(out: &mut String, open: &str, items: &[T], close: &str, each: impl Fn(&T, &mut String)) {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        each(item, out);
    }
    out.push_str(close);
}

/// Why a value could not be turned into a tree.
#[derive(Debug)]
struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

impl From<Error> for String {
    fn from(e: Error) -> Self {
        e.0
    }
}

/// The serializer that builds a [`Node`].
struct Tree;

fn leaf<T: Serialize + ?Sized>(v: &T) -> Result<Node, Error> {
    ron::to_string(v)
        .map(Node::Leaf)
        .map_err(|e| Error(e.to_string()))
}

/// A sequence, tuple, map, struct or variant being filled.
struct Compound {
    kind: Kind,
    items: Vec<Node>,
    fields: Vec<(&'static str, Node)>,
    entries: Vec<(Node, Node)>,
    key: Option<Node>,
}

enum Kind {
    Seq,
    Tuple,
    Map,
    Struct(&'static str),
    TupleVariant(&'static str),
    StructVariant(&'static str),
}

impl Compound {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            items: Vec::new(),
            fields: Vec::new(),
            entries: Vec::new(),
            key: None,
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.items.push(v.serialize(Tree)?);
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> Result<(), Error> {
        self.fields.push((k, v.serialize(Tree)?));
        Ok(())
    }

    fn finish(self) -> Node {
        match self.kind {
            Kind::Seq => Node::Seq(self.items),
            Kind::Tuple => Node::Tuple(self.items),
            Kind::Map => Node::Map(self.entries),
            Kind::Struct(name) => Node::Struct(name, self.fields),
            Kind::TupleVariant(name) => Node::Variant(name, Some(self.items), None),
            Kind::StructVariant(name) => Node::Variant(name, None, Some(self.fields)),
        }
    }
}

macro_rules! leaves {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<Node, Error> { leaf(&v) })*
    };
}

impl ser::Serializer for Tree {
    type Ok = Node;
    type Error = Error;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    leaves!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_str: &str, serialize_bytes: &[u8],
    );

    fn serialize_none(self) -> Result<Node, Error> {
        Ok(Node::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Node, Error> {
        Ok(Node::Some(Box::new(v.serialize(Tree)?)))
    }
    fn serialize_unit(self) -> Result<Node, Error> {
        Ok(Node::Leaf("()".to_owned()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<Node, Error> {
        Ok(Node::Variant(v, None, None))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Node, Error> {
        Ok(Node::Tuple(vec![v.serialize(Tree)?]))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<Node, Error> {
        Ok(Node::Variant(variant, Some(vec![v.serialize(Tree)?]), None))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::Seq))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::Tuple))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::Tuple))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::TupleVariant(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::Map))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::Struct(name)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound, Error> {
        Ok(Compound::new(Kind::StructVariant(variant)))
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

impl ser::SerializeTupleVariant for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

impl ser::SerializeMap for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        self.key = Some(k.serialize(Tree)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without its key".to_owned()))?;
        self.entries.push((key, v.serialize(Tree)?));
        Ok(())
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        k: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(k, v)
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = Node;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        k: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(k, v)
    }
    fn end(self) -> Result<Node, Error> {
        Ok(self.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::{BUILTINS, parse};

    #[test]
    fn every_built_in_preset_is_written_minimal_and_reads_back_equal() {
        for b in BUILTINS {
            let scenario = b.scenario().expect("valid");
            let text = to_ron(&scenario).expect("written");
            let again = parse(text.as_bytes(), b.name).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(again, scenario, "{}:\n{text}", b.name);
            for default in ["visible: true", "noise: 0.0", "seed: 0", "looping: false"] {
                assert!(
                    !text.contains(default),
                    "{}: {default} written\n{text}",
                    b.name
                );
            }
            assert!(text.contains("version: 1"), "{text}");
            assert!(text.contains("surface: (name: "), "{text}");
            let runs = scenario.runs.len();
            assert_eq!(text.matches("optimizer: (name: ").count(), runs, "{text}");
        }
    }

    #[test]
    fn a_field_that_differs_from_its_type_default_is_written_even_inside_a_default_parent() {
        let mut s = Scenario::default();
        s.display.camera.elevation = 20.0;
        s.runs.push(RunConfig {
            visible: false,
            ..RunConfig::default()
        });
        let text = to_ron(&s).expect("written");
        assert_eq!(
            text,
            "(\n    version: 1,\n    surface: (name: \"rosenbrock\"),\n    runs: [\n        (optimizer: (name: \"sgd\"), visible: false),\n    ],\n    display: (camera: (elevation: 20.0)),\n)\n"
        );
        assert_eq!(parse(text.as_bytes(), "t").expect("reads"), s);
        assert_eq!(
            to_ron(&Scenario::default()).expect("written"),
            "(\n    version: 1,\n    surface: (name: \"rosenbrock\"),\n)\n"
        );
    }
}
