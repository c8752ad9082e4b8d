//! A run's defaults, its name and colours as the window and the exports show them, its start, and
//! the rules that keep a rolling ball's run consistent after an edit.

use super::palette;
use super::{OptimizerConfig, RunConfig};
use crate::sim::schedule::Schedule;
use crate::sim::{HyperParams, OptimizerKind, V2};

impl Default for RunConfig {
    fn default() -> Self {
        Self {
            name: String::new(),
            optimizer: OptimizerConfig::default(),
            start: (0.0, 0.0),
            color: None,
            visible: true,
            noise: 0.0,
            seed: 0,
            batch_size: None,
            schedule: Schedule::Constant,
            physics: None,
        }
    }
}

impl RunConfig {
    /// A run of `kind` with its defaults from `start`.
    pub fn new(kind: OptimizerKind, start: V2) -> Self {
        Self {
            optimizer: OptimizerConfig::from_params(kind.name(), &HyperParams::default()),
            start: (start.x, start.y),
            ..Default::default()
        }
    }

    /// The name to show: the run's own, or its optimizer's title.
    pub fn label(&self) -> String {
        if !self.name.trim().is_empty() {
            return self.name.clone();
        }
        match self.optimizer.kind() {
            Some(kind) => kind.title().to_owned(),
            None => self.optimizer.name.clone(),
        }
    }

    /// The colour to draw with on a dark background (the window's dark theme and every export): the
    /// run's own, or the palette's for position `index`.
    pub fn rgb(&self, index: usize) -> [u8; 3] {
        self.rgb_in(index, true)
    }

    /// The colour to draw with in the dark or the light theme: the run's own, or the theme's palette
    /// colour for position `index`.
    pub fn rgb_in(&self, index: usize, dark: bool) -> [u8; 3] {
        self.color
            .as_deref()
            .and_then(parse_hex)
            .unwrap_or_else(|| palette::colour(index, dark))
    }

    pub fn start(&self) -> V2 {
        V2::new(self.start.0, self.start.1)
    }

    /// The hyper-parameters a rolling ball sets, so no one else edits them while it is on.
    pub const BALL_SETS: [&'static str; 4] = ["lr", "momentum", "dampening", "nesterov"];

    /// Keeps the run's rules after an edit: a rolling ball belongs to a momentum run only (another
    /// optimizer drops it), and while it is on, its lr and β are the ball's.
    pub fn settle(&mut self) {
        if self.optimizer.kind() != Some(OptimizerKind::Momentum) {
            self.physics = None;
        }
        if let Some(ball) = self.physics
            && ball.validate().is_ok()
        {
            let (lr, beta) = ball.to_torch();
            self.optimizer.set_float("lr", lr);
            self.optimizer.set_float("momentum", beta);
        }
    }
}

/// `#rrggbb` (or `rrggbb`) as RGB.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().trim_start_matches('#');
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// RGB as `#rrggbb`.
pub fn to_hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}
