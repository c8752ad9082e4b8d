//! Every number printed on a picture or in the window: axis ticks, colour-bar ticks and single
//! values, chosen and written by the functions here so the window and the exporters agree.
//!
//! Single numbers are plain decimals between 10⁻³ and 10⁴ and scientific (`1.2e-5`) outside. Ticks
//! sit at round values; the labels of one axis or one bar share one notation and carry as many
//! decimals as the step between them needs, so no two read alike and none reads `-0`.

use optiscape_core::sim::field::Scale;

/// A tick: its value and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// A number in a few characters: about four significant digits, plain between 10⁻³ and 10⁴,
/// scientific outside, never `-0`.
pub fn fmt_number(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "-∞" }.to_owned();
    }
    let a = v.abs();
    if a == 0.0 {
        return "0".to_owned();
    }
    // From 9999.5 on, four digits would round up to a fifth.
    if !(1e-3..9999.5).contains(&a) {
        return scientific(v, 2, true);
    }
    // Four significant digits.
    let decimals = (3 - (a.log10() + 1e-12).floor() as i32).clamp(0, 6) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" { "0" } else { s }.to_owned()
}

/// `v` as `m.mmme±k` with `decimals` digits in the mantissa, trailing zeros trimmed if `trim`.
fn scientific(v: f64, decimals: usize, trim: bool) -> String {
    let s = format!("{v:.decimals$e}");
    if !trim {
        return s;
    }
    match s.split_once('e') {
        Some((m, e)) if m.contains('.') => {
            format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
        }
        _ => s,
    }
}

/// The smallest step of 1, 2 or 5 × 10ᵏ (and 2.5 × 10ᵏ with `quarter`) that is at least `raw`.
fn nice_step(raw: f64, quarter: bool) -> f64 {
    let decade = 10f64.powf(raw.log10().floor());
    let mantissas: &[f64] = if quarter {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 5.0, 10.0]
    };
    mantissas
        .iter()
        .map(|m| m * decade)
        .find(|s| *s >= raw * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade)
}

/// The place of the last digit of `step`: k for 1, 2 or 5 × 10ᵏ, k − 1 for 2.5 × 10ᵏ. Multiples of
/// the step are written exactly with digits down to 10ᵏ.
fn step_exponent(step: f64) -> i32 {
    let top = (step.log10() + 1e-9).floor() as i32;
    (top - 17..=top)
        .rev()
        .find(|&k| {
            let s = step / 10f64.powi(k);
            (s - s.round()).abs() <= 1e-6 * s
        })
        .unwrap_or(top - 17)
}

/// How the ticks of one axis or bar are written: plain with `decimals`, or scientific with
/// `decimals` in every mantissa.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Notation {
    scientific: bool,
    decimals: usize,
}

impl Notation {
    /// The notation for multiples of `step` within a range whose largest magnitude is `magnitude`.
    fn for_step(step: f64, magnitude: f64) -> Self {
        let plain = (1e-3..1e4).contains(&magnitude);
        let k = step_exponent(step);
        if plain {
            return Self {
                scientific: false,
                decimals: (-k).clamp(0, 17) as usize,
            };
        }
        // Mantissa digits for the largest exponent, which then suffice for every smaller one.
        let top = (magnitude.log10() + 1e-9).floor() as i32;
        Self {
            scientific: true,
            decimals: (top - k).clamp(0, 17) as usize,
        }
    }

    fn write(self, v: f64) -> String {
        if self.scientific {
            if v == 0.0 {
                "0".to_owned()
            } else {
                scientific(v, self.decimals, false)
            }
        } else {
            let d = self.decimals;
            let s = format!("{v:.d$}");
            // A multiple of the step other than 0 never rounds to zero, but guard anyway.
            match s.strip_prefix('-') {
                Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
                _ => s,
            }
        }
    }
}

/// The label of the tick at `value` on an axis showing `lo..hi` with ticks `step` apart: the same
/// text [`axis_ticks`] gives it (the window's plots label egui_plot's grid marks with it).
pub fn tick_label(value: f64, step: f64, lo: f64, hi: f64) -> String {
    if !(step > 0.0 && step.is_finite() && value.is_finite()) {
        return fmt_number(value);
    }
    // The value as the multiple of the step it is meant to be: no -0, no 0.30000000000000004.
    let v = (value / step).round() * step + 0.0;
    Notation::for_step(step, lo.abs().max(hi.abs())).write(v)
}

/// The step of ticks at least `min_spacing` pixels apart on an axis `length` pixels long showing
/// `lo..hi`: 1, 2 or 5 × 10ᵏ. `None` if the range is empty or beyond what f64 resolves.
pub fn axis_step(lo: f64, hi: f64, length: f64, min_spacing: f64) -> Option<f64> {
    let span = hi - lo;
    let magnitude = lo.abs().max(hi.abs());
    if !(span.is_finite() && span > 0.0 && length > 0.0 && min_spacing > 0.0)
        || span < magnitude * 1e-12
    {
        return None;
    }
    let step = nice_step(span * min_spacing / length, false);
    (step.is_finite() && step > 0.0).then_some(step)
}

/// The values `step` apart within `lo..=hi` (at most a thousand).
pub fn multiples(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let (first, last) = ((lo / step).ceil(), (hi / step).floor());
    if !(first.is_finite() && last.is_finite()) || last - first > 1000.0 {
        return Vec::new();
    }
    let (first, last) = (first as i64, last as i64);
    (first..=last).map(|k| k as f64 * step + 0.0).collect()
}

/// Ticks at round values at least `min_spacing` pixels apart on an axis `length` pixels long
/// showing `lo..hi`, labelled by [`tick_label`].
pub fn axis_ticks(lo: f64, hi: f64, length: f64, min_spacing: f64) -> Vec<Tick> {
    let Some(step) = axis_step(lo, hi, length, min_spacing) else {
        return Vec::new();
    };
    multiples(lo, hi, step)
        .into_iter()
        .map(|value| Tick {
            value,
            label: tick_label(value, step, lo, hi),
        })
        .collect()
}

/// Ticks on a logarithmic axis `length` pixels long showing `lo..hi` (both positive): powers of
/// ten at least `min_spacing` pixels apart, with 2× and 5× between when too few powers fall inside.
pub fn log_axis_ticks(lo: f64, hi: f64, length: f64, min_spacing: f64) -> Vec<Tick> {
    if !(lo > 0.0 && hi > lo && hi.is_finite() && length > 0.0) {
        return Vec::new();
    }
    let place = |v: f64| (v / lo).ln() / (hi / lo).ln() * length;
    let (k0, k1) = (
        (lo.log10() - 1e-9).floor() as i32,
        (hi.log10() + 1e-9).ceil() as i32,
    );
    let inside = |v: &f64| *v >= lo * (1.0 - 1e-12) && *v <= hi * (1.0 + 1e-12);
    let powers: Vec<f64> = (k0..=k1).map(|k| 10f64.powi(k)).filter(inside).collect();
    let mantissas: &[f64] = if powers.len() >= 3 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let mut kept: Vec<f64> = Vec::new();
    for k in k0..=k1 {
        for m in mantissas {
            let v = m * 10f64.powi(k);
            if inside(&v)
                && kept
                    .last()
                    .is_none_or(|&p| place(v) - place(p) >= min_spacing)
            {
                kept.push(v);
            }
        }
    }
    let labels = log_labels(&kept);
    kept.into_iter()
        .zip(labels)
        .map(|(value, label)| Tick { value, label })
        .collect()
}

/// A colour bar's labels: its title, an optional line under it, and ticks at positions `t` ∈ [0, 1]
/// of the bar (0 at the low end).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarTicks {
    pub title: String,
    /// What the labels are measured from, when they are not values of the quantity itself.
    pub note: Option<String>,
    pub ticks: Vec<BarTick>,
}

/// A tick of a colour bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarTick {
    /// Position on the bar, 0 (low end) to 1.
    pub t: f64,
    /// The value the label reads (of the quantity, or above the minimum; see [`BarTicks::note`]).
    pub value: f64,
    pub label: String,
}

/// Ticks for a colour bar of `scale` whose coloured part is `length` pixels long, labels at least
/// `min_spacing` pixels apart, for a quantity called `name`. Linear: an even step of 1, 2, 2.5 or
/// 5 × 10ᵏ. Log: powers of ten, with 2× and 5× between where there is room; when the scale starts
/// well away from zero the labels measure the distance above its minimum and say so.
pub fn bar_ticks(scale: &Scale, name: &str, length: f64, min_spacing: f64) -> BarTicks {
    let (min, max) = (scale.min, scale.max);
    let max_labels = ((length / min_spacing.max(1.0)).floor() as usize + 1).max(1);
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return BarTicks {
            title: name.to_owned(),
            note: None,
            ticks: if min.is_finite() {
                vec![BarTick {
                    t: 0.0,
                    value: min,
                    label: fmt_number(min),
                }]
            } else {
                Vec::new()
            },
        };
    }
    if !scale.log {
        return BarTicks {
            title: name.to_owned(),
            note: None,
            ticks: linear_bar(scale, 0.0, length, min_spacing),
        };
    }
    let title = format!("{name} (log)");
    if min >= 0.0 {
        // Powers of ten of the values themselves, if they reach down the bar.
        if let Some(ticks) = log_bar(scale, 0.0, length, min_spacing, max_labels)
            && ticks.first().is_some_and(|t| t.t <= 0.3)
        {
            return BarTicks {
                title,
                note: None,
                ticks,
            };
        }
    }
    let ticks = log_bar(scale, min, length, min_spacing, max_labels).unwrap_or_else(|| {
        // Too short a bar for two powers: round values, as many as fit apart on the log scale.
        let mut kept: Vec<BarTick> = Vec::new();
        for tick in linear_bar(scale, min, length, min_spacing) {
            if kept
                .last()
                .is_none_or(|k| (tick.t - k.t) * length >= min_spacing)
            {
                kept.push(tick);
            }
        }
        kept
    });
    BarTicks {
        title: format!("{name} − min (log)"),
        note: Some(format!("min = {}", fmt_number(min))),
        ticks,
    }
}

/// Linear ticks of the values minus `shift`.
fn linear_bar(scale: &Scale, shift: f64, length: f64, min_spacing: f64) -> Vec<BarTick> {
    let (lo, hi) = (scale.min - shift, scale.max - shift);
    let span = hi - lo;
    let magnitude = lo.abs().max(hi.abs());
    if !(span > 0.0 && length > 0.0) || span < magnitude * 1e-12 {
        return Vec::new();
    }
    let step = nice_step(span * min_spacing.max(1.0) / length, true);
    let notation = Notation::for_step(step, magnitude);
    multiples(lo, hi, step)
        .into_iter()
        .map(|value| BarTick {
            t: scale.t(value + shift),
            value,
            label: notation.write(value),
        })
        .collect()
}

/// Log ticks of the values minus `shift`: powers of ten, then (over three decades or fewer) 2× and
/// 5× where they fit, at least
/// `min_spacing` pixels apart; `None` if fewer than two fit.
fn log_bar(
    scale: &Scale,
    shift: f64,
    length: f64,
    min_spacing: f64,
    max_labels: usize,
) -> Option<Vec<BarTick>> {
    let (lo, hi) = (scale.min - shift, scale.max - shift);
    if hi.is_nan() || hi <= 0.0 {
        return None;
    }
    // The bar's low end is where the distance above the minimum is a millionth of the span or so.
    let low = (scale.value(0.02) - shift).max(hi * 1e-15).max(lo);
    let (k0, k1) = (low.log10().floor() as i32, hi.log10().ceil() as i32);
    let at = |v: f64| BarTick {
        t: scale.t(v + shift),
        value: v,
        label: String::new(),
    };
    let inside = |v: f64| v >= lo && v <= hi && v > 0.0;
    let powers: Vec<f64> = (k0..=k1)
        .map(|k| 10f64.powi(k))
        .filter(|&v| inside(v))
        .collect();
    let mut kept: Vec<BarTick> = Vec::new();
    let fits = |kept: &[BarTick], t: f64| {
        kept.iter()
            .all(|k| (k.t - t).abs() * length >= min_spacing - 1e-9)
    };
    // Every n-th power when the decades outnumber the room.
    let stride = powers.len().div_ceil(max_labels.max(1)).max(1);
    // From the top down: a log scale that starts at an offset crowds its lowest decades.
    for v in powers.iter().rev().copied().step_by(stride) {
        let tick = at(v);
        if fits(&kept, tick.t) {
            kept.push(tick);
        }
    }
    // 2× and 5× only where there are few decades: between many powers they crowd some decades
    // and not others.
    if stride == 1 && kept.len() <= 3 {
        for k in k0..=k1 {
            for m in [2.0, 5.0] {
                let v = m * 10f64.powi(k);
                let tick = at(v);
                if inside(v) && fits(&kept, tick.t) {
                    kept.push(tick);
                }
            }
        }
    }
    if kept.len() < 2 {
        return None;
    }
    kept.sort_by(|a, b| a.value.total_cmp(&b.value));
    let values: Vec<f64> = kept.iter().map(|k| k.value).collect();
    let labels = log_labels(&values);
    Some(
        kept.into_iter()
            .zip(labels)
            .map(|(k, label)| BarTick { label, ..k })
            .collect(),
    )
}

/// Labels for values of the form m × 10ᵏ (m one digit): all plain if all lie between 10⁻³ and 10⁴,
/// else all scientific.
fn log_labels(values: &[f64]) -> Vec<String> {
    let plain = values.iter().all(|v| (1e-3..1e4).contains(&v.abs()));
    values
        .iter()
        .map(|&v| {
            if plain {
                let d = (-(v.log10() + 1e-9).floor()).max(0.0) as usize;
                format!("{v:.d$}")
            } else {
                scientific(v, 0, false)
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "ticks_tests.rs"]
mod tests;
