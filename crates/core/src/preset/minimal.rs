//! Scenarios written the way people write presets: only the fields that differ from their
//! defaults, one top-level field and one run per line.
//!
//! The scenario is serialized into a [`Node`] tree that keeps struct names and field order. A field
//! of a struct that fills its missing fields from its own `Default` (serde's container `default`)
//! is left out when it equals that default's field; the defaults are the same tree made from each
//! such type's `Default`. The caller checks that the text reads back as the same scenario.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::scenario::{
    Animation, BasinSettings, Camera, Display, OptimizerConfig, RunConfig, Scenario, SurfaceConfig,
    SweepSettings, Vectors,
};
use crate::sim::physics::Ball;

use super::tree::{Node, tree};

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
    let pruned = prune(tree(scenario)?, &defaults);
    let mut out = String::new();
    write_top(&pruned, &mut out);
    out.push('\n');
    Ok(out)
}

type Defaults = HashMap<&'static str, Vec<(&'static str, Node)>>;

/// Each type that fills missing fields from its `Default`, by struct name, as a tree.
fn defaults() -> Result<Defaults, String> {
    let trees = [
        tree(&Scenario::default())?,
        tree(&SurfaceConfig::default())?,
        tree(&RunConfig::default())?,
        tree(&OptimizerConfig::default())?,
        tree(&Animation::default())?,
        tree(&Display::default())?,
        tree(&Vectors::default())?,
        tree(&Camera::default())?,
        tree(&SweepSettings::default())?,
        tree(&BasinSettings::default())?,
        tree(&Ball::default())?,
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

    #[test]
    fn strings_are_written_readably_and_read_back_exactly() {
        let s = Scenario {
            title: "Momentum's \"ball\"".to_owned(),
            description: "line one\nback\\slash\\' and a tab\t".to_owned(),
            ..Scenario::default()
        };
        let text = to_ron(&s).expect("written");
        assert!(text.contains(r#"title: "Momentum's \"ball\"""#), "{text}");
        assert!(
            text.contains(r#"description: "line one\nback\\slash\\' and a tab\t""#),
            "{text}"
        );
        assert_eq!(parse(text.as_bytes(), "t").expect("reads"), s);
    }
}
