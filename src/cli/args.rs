//! Arguments shared by several subcommands, and the parsers that refuse NaN, infinities and malformed
//! pairs before anything runs.

use clap::Args;

use optiscape_core::sim::optim::{HyperKind, HyperSpec, HyperValue, hyper_names, known_spec};
use optiscape_core::sim::{HyperParams, OptimizerKind, SimError, Surface, SurfaceKind, V2};

/// A finite f64 (clap value parser): `nan`, `inf` and friends are refused.
pub fn finite(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("`{s}` is not a finite number"))
    }
}

/// Two finite numbers written `A,B` (clap value parser).
pub fn pair(s: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = s.split(',').collect();
    let [a, b] = parts[..] else {
        return Err(format!("`{s}` is not two numbers written A,B"));
    };
    Ok((finite(a)?, finite(b)?))
}

/// A point written `X,Y` (clap value parser).
pub fn point(s: &str) -> Result<V2, String> {
    pair(s).map(|(x, y)| V2::new(x, y))
}

/// A surface parameter written `NAME=VALUE` (clap value parser).
pub fn name_value(s: &str) -> Result<(String, f64), String> {
    let Some((name, value)) = s.split_once('=') else {
        return Err(format!("`{s}` is not written NAME=VALUE"));
    };
    Ok((name.trim().to_owned(), finite(value)?))
}

/// A surface by name, with `--param` overrides.
#[derive(Debug, Clone, Args)]
pub struct SurfaceArgs {
    /// Surface name (see `optiscape surfaces`)
    #[arg(long, value_name = "NAME")]
    pub surface: String,
    /// Set a surface parameter, e.g. `--param kappa=50` (repeatable)
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = name_value)]
    pub params: Vec<(String, f64)>,
    /// f(x, y) of `--surface custom`, e.g. '(1-x)^2 + 100*(y-x^2)^2'
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub expr: Option<String>,
}

impl SurfaceArgs {
    /// Builds the surface; an error is one line naming `--surface` or `--param NAME`.
    pub fn build(&self) -> Result<Surface, String> {
        let kind = SurfaceKind::from_name(&self.surface).map_err(|e| format!("--surface: {e}"))?;
        let mut surface = match (kind, &self.expr) {
            (SurfaceKind::Custom, Some(text)) => {
                Surface::custom(text).map_err(|e| format!("--expr: {e}"))?
            }
            (SurfaceKind::Custom, None) => {
                return Err("--expr: missing; --surface custom needs --expr 'f(x, y)'".to_owned());
            }
            (_, Some(_)) => {
                return Err(format!(
                    "--expr: only --surface custom takes an expression, not `{kind}`"
                ));
            }
            (_, None) => Surface::new(kind),
        };
        for (name, value) in &self.params {
            surface
                .set_param(name, *value)
                .map_err(|e| format!("--param {name}: {e}"))?;
        }
        Ok(surface)
    }
}

/// torch.optim's constructor arguments as flags (torch's names, dashes for underscores): one flag
/// for every name the optimizers' specs declare, with their shapes and help.
#[derive(Debug, Clone, Copy, Default)]
pub struct HyperArgs {
    params: HyperParams,
}

impl HyperArgs {
    /// The flags as torch-named hyper-parameters.
    pub fn params(&self) -> HyperParams {
        self.params
    }
}

/// `name` as a flag (`weight-decay`), kept for the life of the program as clap wants.
fn flag_name(name: &'static str) -> &'static str {
    if name.contains('_') {
        Box::leak(name.replace('_', "-").into_boxed_str())
    } else {
        name
    }
}

fn hyper_arg(spec: &'static HyperSpec) -> clap::Arg {
    // One meaning per group of optimizers that describe the name alike (weight decay is an L2
    // penalty for most and decoupled for a few).
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for kind in OptimizerKind::all() {
        if let Some(s) = kind.spec(spec.name) {
            match groups.iter_mut().find(|(doc, _)| *doc == s.doc) {
                Some((_, names)) => names.push(kind.name()),
                None => groups.push((s.doc, vec![kind.name()])),
            }
        }
    }
    let help = match &groups[..] {
        [(doc, names)] if names.len() == OptimizerKind::COUNT => (*doc).to_owned(),
        _ => groups
            .iter()
            .map(|(doc, names)| format!("{doc} ({})", names.join(", ")))
            .collect::<Vec<_>>()
            .join("; "),
    };
    let arg = clap::Arg::new(spec.name)
        .long(flag_name(spec.name))
        .help(help)
        .help_heading("Hyper-parameters")
        .action(clap::ArgAction::Set);
    match spec.kind {
        HyperKind::Float => arg.value_name("X").value_parser(finite),
        HyperKind::Pair => arg
            .value_name("A,B")
            .value_parser(pair)
            .allow_hyphen_values(true),
        HyperKind::Bool => arg
            .value_name("BOOL")
            .num_args(0..=1)
            .default_missing_value("true")
            .value_parser(clap::value_parser!(bool)),
        HyperKind::Choice(names) => {
            arg.value_name("NAME")
                .value_parser(clap::builder::PossibleValuesParser::new(
                    names.iter().copied(),
                ))
        }
    }
}

impl clap::Args for HyperArgs {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for name in hyper_names() {
            if let Some(spec) = known_spec(name) {
                cmd = cmd.arg(hyper_arg(spec));
            }
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl clap::FromArgMatches for HyperArgs {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut out = Self::default();
        out.update_from_arg_matches(m)?;
        Ok(out)
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        for name in hyper_names() {
            let Some(spec) = known_spec(name) else {
                continue;
            };
            let value = match spec.kind {
                HyperKind::Float => m.get_one::<f64>(name).map(|v| HyperValue::F(*v)),
                HyperKind::Pair => m
                    .get_one::<(f64, f64)>(name)
                    .map(|(a, b)| HyperValue::P(*a, *b)),
                HyperKind::Bool => m.get_one::<bool>(name).map(|b| HyperValue::B(*b)),
                HyperKind::Choice(names) => m
                    .get_one::<String>(name)
                    .and_then(|c| names.iter().find(|n| *n == c))
                    .map(|c| HyperValue::C(c)),
            };
            if let Some(v) = value {
                self.params
                    .set(name, Some(v))
                    .map_err(|e| clap::Error::raw(clap::error::ErrorKind::InvalidValue, e))?;
            }
        }
        Ok(())
    }
}

/// The command-line flag a core error is about, for messages like `--lr: …`.
pub fn flag_of(err: &SimError) -> String {
    match err {
        SimError::UnknownSurface { .. } => "--surface".to_owned(),
        SimError::UnknownOptimizer { .. } => "--optimizer".to_owned(),
        SimError::UnknownParam { .. } => "--param".to_owned(),
        SimError::Invalid { field, .. } if field == "start" => "--start".to_owned(),
        other => match other.field() {
            Some(f) => format!("--{}", f.replace('_', "-")),
            None => "argument".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_be_finite() {
        assert_eq!(finite("1e-3"), Ok(1e-3));
        for bad in [
            "nan", "NaN", "inf", "-inf", "infinity", "1e999", "", "x", "0x10",
        ] {
            assert!(finite(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn pairs_need_exactly_two_finite_numbers() {
        assert_eq!(pair("0.9,0.999"), Ok((0.9, 0.999)));
        assert_eq!(pair(" -1.5 , 2 "), Ok((-1.5, 2.0)));
        for bad in ["1", "1,2,3", "1,nan", ",", "1;2", "a,b", ""] {
            assert!(pair(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn params_are_name_equals_value() {
        assert_eq!(name_value("kappa=50"), Ok(("kappa".to_owned(), 50.0)));
        assert!(name_value("kappa").is_err());
        assert!(name_value("kappa=inf").is_err());
    }

    #[test]
    fn errors_name_their_flag() {
        let e = SimError::invalid("weight_decay", -1.0, "must be ≥ 0");
        assert_eq!(flag_of(&e), "--weight-decay");
        let e = SimError::invalid("batch_size", 0, "");
        assert_eq!(flag_of(&e), "--batch-size");
    }
}
