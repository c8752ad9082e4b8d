//! Fonts and style: DejaVu Sans first, for the maths symbols the lecture uses (∇, ‖, ₁₀, β, ε, …) and
//! for readability on a projector; egui's own fonts stay as fallbacks for icons.

use std::sync::Arc;

use optiscape_picture::text::DEJAVU_SANS;

/// Installs the fonts and the style tweaks.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".to_owned(),
        Arc::new(egui::FontData::from_static(DEJAVU_SANS)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        if family == egui::FontFamily::Proportional {
            list.insert(0, "dejavu".to_owned());
        } else {
            list.push("dejavu".to_owned());
        }
    }
    ctx.set_fonts(fonts);
    ctx.global_style_mut(|style| {
        style.spacing.slider_width = 170.0;
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}
