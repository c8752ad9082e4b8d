//! egui_plot's grid marks and their labels from [`optiscape_picture::ticks`], as the exporters take them,
//! for the plots that keep egui_plot's axes (the loss plot). The landscape's own axes and colour bar
//! come from the display list ([`optiscape_picture::picture`]).

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};

use optiscape_picture::ticks;

/// Axis ticks for egui_plot at [`ticks::axis_step`], at least `px` points apart.
pub(crate) fn round_ticks(px: f64) -> impl Fn(GridInput) -> Vec<GridMark> {
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
pub(crate) fn tick_text(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    ticks::tick_label(mark.value, mark.step_size, *range.start(), *range.end())
}
