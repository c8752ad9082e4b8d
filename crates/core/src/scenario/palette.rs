//! The colours runs take, one list per theme.
//!
//! Sixteen colours each, chosen so that within a theme any two are at least 30 apart in CIE76 ΔE
//! (15 is the limit the tests hold them to), each keeps a contrast of 3:1 or more against its
//! theme's backgrounds (dark: grey 10 to 27; light: grey 248 to 255), and none comes within 22 ΔE of
//! the vector colours (red, green, blue, brown). The first eight of the dark list are Okabe & Ito's
//! colour-blind-safe palette; each light colour is the nearest in hue to the dark one at the same
//! place, so a run keeps its hue when the theme changes.

/// The run colours on a dark background, in the order runs take them.
pub const DARK: [[u8; 3]; 16] = [
    [213, 94, 0],    // vermillion
    [86, 180, 233],  // sky blue
    [230, 159, 0],   // orange
    [0, 158, 115],   // bluish green
    [240, 228, 66],  // yellow
    [204, 121, 167], // reddish purple
    [255, 255, 255], // white
    [127, 127, 127], // grey
    [170, 0, 255],   // violet
    [0, 255, 0],     // green
    [68, 102, 238],  // royal blue
    [255, 0, 187],   // magenta
    [238, 0, 85],    // crimson
    [102, 119, 0],   // olive
    [153, 255, 136], // mint
    [255, 170, 136], // apricot
];

/// The run colours on a light background, in the order runs take them.
pub const LIGHT: [[u8; 3]; 16] = [
    [221, 102, 17],  // vermillion
    [0, 136, 187],   // sky blue, darker
    [170, 136, 0],   // ochre
    [0, 153, 102],   // bluish green
    [119, 153, 0],   // olive yellow
    [187, 102, 153], // reddish purple
    [136, 136, 136], // grey
    [51, 51, 51],    // charcoal
    [170, 0, 255],   // violet
    [0, 102, 0],     // green
    [68, 102, 238],  // royal blue
    [255, 0, 187],   // magenta
    [238, 0, 85],    // crimson
    [85, 85, 0],     // dark olive
    [0, 51, 0],      // forest
    [119, 51, 17],   // brown-red
];

/// The palette colour of the run at position `index` (the list repeats after sixteen runs).
pub fn colour(index: usize, dark: bool) -> [u8; 3] {
    let list = if dark { &DARK } else { &LIGHT };
    list[index % list.len()]
}

/// The vector colours of the lecture's pictures: the gradient step red, the step taken green,
/// momentum's velocity blue, Nesterov's look-ahead jump brown. Run colours keep clear of them.
pub const VECTOR_RED: [u8; 3] = [235, 64, 52];
pub const VECTOR_GREEN: [u8; 3] = [60, 200, 80];
pub const VECTOR_BLUE: [u8; 3] = [70, 140, 255];
pub const VECTOR_BROWN: [u8; 3] = [176, 112, 56];
