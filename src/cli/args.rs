//! Arguments shared by several subcommands, and the parsers that refuse NaN, infinities and malformed
//! pairs before anything runs.

use clap::Args;

use crate::sim::{HyperParams, SimError, Surface, SurfaceKind, V2};

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

/// torch.optim's constructor arguments as flags (torch's names, dashes for underscores).
#[derive(Debug, Clone, Default, Args)]
pub struct HyperArgs {
    /// Learning rate
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub lr: Option<f64>,
    /// Momentum factor (sgd, momentum, nesterov, rmsprop), or β of ema
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub momentum: Option<f64>,
    /// Dampening of the momentum buffer (sgd, momentum)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub dampening: Option<f64>,
    /// Nesterov momentum (sgd, momentum); `--nesterov` alone means true
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL", help_heading = "Hyper-parameters")]
    pub nesterov: Option<bool>,
    /// L2 penalty added to the gradient (all but rprop)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub weight_decay: Option<f64>,
    /// Smoothing constant (rmsprop)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub alpha: Option<f64>,
    /// Term added to the denominator
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub eps: Option<f64>,
    /// Centred RMSprop; `--centered` alone means true
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL", help_heading = "Hyper-parameters")]
    pub centered: Option<bool>,
    /// Decay of the running averages (adadelta)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub rho: Option<f64>,
    /// Learning-rate decay (adagrad)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub lr_decay: Option<f64>,
    /// Starting value of the sum of squares (adagrad)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub initial_accumulator_value: Option<f64>,
    /// β₁,β₂ (adam, amsgrad, adamax, nadam)
    #[arg(long, value_parser = pair, value_name = "B1,B2", allow_hyphen_values = true, help_heading = "Hyper-parameters")]
    pub betas: Option<(f64, f64)>,
    /// Use the AMSGrad variant (adam); `--amsgrad` alone means true
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL", help_heading = "Hyper-parameters")]
    pub amsgrad: Option<bool>,
    /// Momentum decay ψ of the μₜ schedule (nadam)
    #[arg(long, value_parser = finite, help_heading = "Hyper-parameters")]
    pub momentum_decay: Option<f64>,
    /// η₋,η₊ step-size factors (rprop)
    #[arg(long, value_parser = pair, value_name = "MINUS,PLUS", allow_hyphen_values = true, help_heading = "Hyper-parameters")]
    pub etas: Option<(f64, f64)>,
    /// Smallest and largest step size (rprop)
    #[arg(long, value_parser = pair, value_name = "MIN,MAX", allow_hyphen_values = true, help_heading = "Hyper-parameters")]
    pub step_sizes: Option<(f64, f64)>,
}

impl HyperArgs {
    /// The flags as torch-named hyper-parameters.
    pub fn params(&self) -> HyperParams {
        HyperParams {
            lr: self.lr,
            momentum: self.momentum,
            dampening: self.dampening,
            nesterov: self.nesterov,
            weight_decay: self.weight_decay,
            alpha: self.alpha,
            eps: self.eps,
            centered: self.centered,
            rho: self.rho,
            lr_decay: self.lr_decay,
            initial_accumulator_value: self.initial_accumulator_value,
            betas: self.betas,
            amsgrad: self.amsgrad,
            momentum_decay: self.momentum_decay,
            etas: self.etas,
            step_sizes: self.step_sizes,
        }
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
