//! Errors of the simulation core. Each names the field it is about and what is allowed, so the command
//! line, the preset loader and the window can all show a message a user can act on.

use thiserror::Error;

/// Why a surface, an optimizer or a run could not be built.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SimError {
    /// A surface name that is not one of ours.
    #[error("unknown surface `{name}`; known surfaces: {known}")]
    UnknownSurface { name: String, known: String },
    /// An optimizer name that is not one of ours.
    #[error("unknown optimizer `{name}`; known optimizers: {known}")]
    UnknownOptimizer { name: String, known: String },
    /// A surface parameter the chosen surface does not have.
    #[error("surface `{surface}` has no parameter `{name}`; {known}")]
    UnknownParam {
        surface: String,
        name: String,
        known: String,
    },
    /// A hyper-parameter the chosen optimizer does not take.
    #[error("optimizer `{optimizer}` does not take `{name}`; it takes {takes}")]
    NotTaken {
        optimizer: String,
        name: String,
        takes: String,
    },
    /// A sweep axis (`x` or `y`) that cannot be swept, and why.
    #[error("{message}")]
    Axis { axis: String, message: String },
    /// A request whose estimated cost is over the budget ([`crate::cost`]).
    #[error("{0}")]
    OverBudget(crate::cost::OverBudget),
    /// A value outside what is allowed.
    #[error("{field} = {value} is not allowed: {allowed}")]
    Invalid {
        field: String,
        value: String,
        allowed: String,
    },
}

/// A number as a message shows it: as written (`0.001`, `250`) when that is short, else in scientific
/// notation (`1e308`, not its 309 digits).
pub fn shown(v: f64) -> String {
    short_number(v.to_string())
}

/// `text`, or the number it writes out in scientific notation when that takes over 20 characters.
fn short_number(text: String) -> String {
    match text.parse::<f64>() {
        Ok(v) if text.len() > 20 => format!("{v:e}"),
        _ => text,
    }
}

impl SimError {
    /// Shorthand for [`SimError::Invalid`].
    pub fn invalid(
        field: impl Into<String>,
        value: impl ToString,
        allowed: impl Into<String>,
    ) -> Self {
        Self::Invalid {
            field: field.into(),
            value: short_number(value.to_string()),
            allowed: allowed.into(),
        }
    }

    /// The field (hyper-parameter, surface parameter or run setting) the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::UnknownParam { name, .. } | Self::NotTaken { name, .. } => Some(name),
            Self::Invalid { field, .. } => Some(field),
            Self::Axis { axis, .. } => Some(axis),
            Self::OverBudget(over) => Some(&over.field),
            Self::UnknownSurface { .. } | Self::UnknownOptimizer { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_and_tiny_numbers_are_shown_short() {
        assert_eq!(shown(1e308), "1e308");
        assert_eq!(shown(-2.5e-300), "-2.5e-300");
        assert_eq!(shown(0.001), "0.001");
        assert_eq!(shown(250.0), "250");
        let e = SimError::invalid("momentum", 1e300, "from 0 to 1");
        assert_eq!(
            e.to_string(),
            "momentum = 1e300 is not allowed: from 0 to 1"
        );
    }
}
