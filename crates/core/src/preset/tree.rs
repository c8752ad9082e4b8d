//! A serde serializer that turns a value into a [`Node`] tree, keeping what RON needs to write it
//! back: struct and variant names, field order, options.

use serde::Serialize;
use serde::ser;

/// A serialized value that keeps what RON needs to write it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
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

/// `value` as a tree.
pub fn tree<T: Serialize + ?Sized>(value: &T) -> Result<Node, String> {
    value.serialize(Tree).map_err(String::from)
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

/// `text` as a RON string. RON's own writer escapes `'` as `\'` (Rust's debug escaping), which
/// reads back but looks wrong in a note; a double-quoted string needs no such escape.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\'' => out.push(c),
            _ => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
    out
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
        serialize_bytes: &[u8],
    );

    fn serialize_str(self, v: &str) -> Result<Node, Error> {
        Ok(Node::Leaf(quote(v)))
    }

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

/// The sequence-like compounds: every element is one more item.
macro_rules! items {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound {
            type Ok = Node;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                self.item(v)
            }
            fn end(self) -> Result<Node, Error> {
                Ok(self.finish())
            }
        }
    )*};
}
items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

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

/// The struct-like compounds: every field is one more named entry.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound {
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
    )*};
}
fields!(SerializeStruct, SerializeStructVariant);
