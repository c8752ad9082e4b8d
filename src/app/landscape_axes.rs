//! The landscape's numbers: egui_plot's grid marks and their labels, and the colour bar's labels,
//! all from [`crate::render::ticks`] as the exporters take them.

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};

use super::BAR_SPACING;
use crate::render::ticks;
use crate::sim::field::Scale;

/// The labels of the window's colour bar, whose coloured part is `length` points long.
pub(super) fn bar_labels(scale: &Scale, length: f32) -> ticks::BarTicks {
    ticks::bar_ticks(scale, "f", f64::from(length), BAR_SPACING)
}

/// Axis ticks for egui_plot at [`ticks::axis_step`], at least `px` points apart: on the
/// equal-aspect landscape both axes get the same step.
pub(in crate::app) fn round_ticks(px: f64) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input| {
        /// egui_plot's default smallest grid spacing, which `base_step_size` is measured in.
        const MIN_SPACING_PX: f64 = 8.0;
        let (lo, hi) = input.bounds;
        if input.base_step_size.is_nan() || input.base_step_size <= 0.0 {
            return Vec::new();
        }
        let length = (hi - lo) / input.base_step_size * MIN_SPACING_PX;
        let Some(step) = ticks::axis_step(lo, hi, length, px) else {
            return Vec::new();
        };
        ticks::multiples(lo, hi, step)
            .into_iter()
            .map(|value| GridMark {
                value,
                step_size: step,
            })
            .collect()
    }
}

/// A grid mark's label, written as the exporters write it ([`ticks::tick_label`]).
pub(in crate::app) fn tick_text(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    ticks::tick_label(mark.value, mark.step_size, *range.start(), *range.end())
}
