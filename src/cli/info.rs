//! `optiscape eval`, `surfaces` and `optimizers`: what the core knows, for people and for scripts.

use std::io::Write;

use clap::Args;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::args::{SurfaceArgs, point};
use super::{Failure, write_json};
use optiscape_core::sim::optim::HyperValue;
use optiscape_core::sim::{Optimizer, OptimizerKind, Surface, SurfaceKind, V2};

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub surface: SurfaceArgs,
    /// The point to evaluate at
    #[arg(long, value_name = "X,Y", value_parser = point, allow_hyphen_values = true)]
    pub at: V2,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct EvalJson {
    value: f64,
    grad: [f64; 2],
}

pub fn eval(a: &EvalArgs, out: &mut impl Write) -> Result<(), Failure> {
    let surface = a.surface.build().map_err(Failure::Usage)?;
    let (value, grad) = surface.value_grad(a.at);
    write_json(
        out,
        &EvalJson {
            value,
            grad: [grad.x, grad.y],
        },
    )
}

fn xy(p: V2) -> [f64; 2] {
    [p.x, p.y]
}

fn surface_json(kind: SurfaceKind) -> Value {
    let surface = Surface::new(kind);
    let info = kind.info();
    let view = surface.default_view();
    json!({
        "name": info.name,
        "title": info.title,
        "formula": info.formula,
        "params": info.params.iter().map(|p| json!({
            "name": p.name, "default": p.default, "min": p.min, "max": p.max, "doc": p.doc,
        })).collect::<Vec<_>>(),
        "view": { "x": view.x, "y": view.y },
        "minima": surface.minima().into_iter().map(xy).collect::<Vec<_>>(),
        "saddles": surface.saddles().into_iter().map(xy).collect::<Vec<_>>(),
        "log_scale": info.log_scale,
        "data_backed": info.data_backed,
        "samples": surface.sample_count(),
    })
}

pub fn surfaces(a: &ListArgs, out: &mut impl Write) -> Result<(), Failure> {
    if a.json {
        let all: Vec<Value> = SurfaceKind::ALL.into_iter().map(surface_json).collect();
        return write_json(out, &all);
    }
    for kind in SurfaceKind::ALL {
        let surface = Surface::new(kind);
        let info = kind.info();
        writeln!(
            out,
            "{:<16} {}: f = {}",
            info.name, info.title, info.formula
        )?;
        if !info.params.is_empty() {
            let params: Vec<String> = info
                .params
                .iter()
                .map(|p| format!("{}={} [{}, {}]", p.name, p.default, p.min, p.max))
                .collect();
            writeln!(out, "{:<16} params: {}", "", params.join(", "))?;
        }
        let view = surface.default_view();
        let minima: Vec<String> = surface
            .minima()
            .iter()
            .map(|m| format!("({:.4}, {:.4})", m.x, m.y))
            .collect();
        writeln!(
            out,
            "{:<16} view: x ∈ [{}, {}], y ∈ [{}, {}]; minima: {}{}",
            "",
            view.x[0],
            view.x[1],
            view.y[0],
            view.y[1],
            if minima.is_empty() {
                "none".to_owned()
            } else {
                minima.join(", ")
            },
            if info.log_scale {
                "; log colour scale"
            } else {
                ""
            },
        )?;
    }
    Ok(())
}

fn hyper_json(v: HyperValue) -> Value {
    match v {
        HyperValue::F(x) => json!(x),
        HyperValue::P(a, b) => json!([a, b]),
        HyperValue::B(b) => json!(b),
        HyperValue::C(c) => json!(c),
    }
}

pub fn optimizers(a: &ListArgs, out: &mut impl Write) -> Result<(), Failure> {
    if a.json {
        let all: Vec<Value> = OptimizerKind::all()
            .map(|kind| {
                let def = kind.def();
                let takes: Map<String, Value> = kind
                    .takes()
                    .iter()
                    .map(|s| (s.name.to_owned(), hyper_json(s.default)))
                    .collect();
                json!({
                    "name": def.name,
                    "title": def.title,
                    "torch_class": def.torch_class,
                    "paper": def.card.paper,
                    "year": def.card.year,
                    "takes": takes,
                    "torch_kwargs": Optimizer::new(kind).params(),
                    "docs": kind.takes().iter().map(|s| json!({
                        "name": s.name, "doc": s.doc, "allowed": s.allowed_text,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return write_json(out, &all);
    }
    for kind in OptimizerKind::all() {
        let class = kind.torch_class().map_or_else(
            || "not in torch.optim".to_owned(),
            |c| format!("torch.optim.{c}"),
        );
        writeln!(out, "{:<10} {} ({class})", kind.name(), kind.title())?;
        for s in kind.takes() {
            writeln!(
                out,
                "{:<10}   --{:<26} {}",
                "",
                format!("{} {}", s.name.replace('_', "-"), s.default.text()),
                s.doc
            )?;
        }
    }
    Ok(())
}
