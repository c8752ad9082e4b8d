//! Side by side: one small contour map per visible run, in a grid, all with the same view and at the
//! same step, each titled with its optimizer and lr — how a dozen optimizers are compared without a
//! dozen paths on top of each other. The field is computed once, for the cell size, and shared by
//! every cell; each cell is the single-run [`Landscape`] moved to its place.

use super::{Item, Landscape, Picture, Theme, check_size};
use crate::error::PictureError;
use crate::resolve::Given;
use optiscape_core::scenario::Scenario;

/// The width-to-height ratio a cell should have: a square plot with its colour bar beside it.
const CELL_ASPECT: f64 = 1.3;

/// The grid of small landscapes at one size.
pub struct SideBySide {
    pub width: u32,
    pub height: u32,
    pub theme: Theme,
    /// Each cell's top left corner and its landscape (one run, its own title, no legend).
    pub cells: Vec<([f32; 2], Landscape)>,
}

/// Columns and rows for `n` cells in a `width × height` picture: the grid whose cells are closest to
/// [`CELL_ASPECT`], with the fewest empty cells.
pub fn grid(n: usize, width: u32, height: u32) -> (usize, usize) {
    let n = n.max(1);
    let aspect = f64::from(width) / f64::from(height.max(1));
    (1..=n)
        .map(|cols| (cols, n.div_ceil(cols)))
        .min_by(|a, b| {
            let cost = |&(c, r): &(usize, usize)| {
                let cell = aspect * r as f64 / c as f64;
                // Cells of another shape, or empty cells, both waste room.
                (cell / CELL_ASPECT).ln().abs() + 0.3 * (c * r - n) as f64 / n as f64
            };
            cost(a).total_cmp(&cost(b))
        })
        .unwrap_or((1, 1))
}

impl SideBySide {
    /// The scenario's visible runs side by side in a `width × height` picture, drawing `computed`
    /// trajectories (one per run of the scenario) where given, as [`Landscape::new`] does.
    pub fn new(
        scenario: &Scenario,
        width: u32,
        height: u32,
        computed: Given<'_>,
        theme: Theme,
    ) -> Result<Self, PictureError> {
        check_size(width, height)?;
        let visible = scenario.runs.iter().filter(|r| r.visible).count();
        let (cols, rows) = grid(visible, width, height);
        let (cw, ch) = (width / cols as u32, height / rows as u32);
        let all = Landscape::new(scenario, cw.max(16), ch.max(16), computed, theme)?;
        // The shared static layer without the scenario's title and the legend of all runs.
        let base: Vec<Item> = without(&all.base, &["title", "legend"]);
        let cells = all
            .runs
            .iter()
            .enumerate()
            .map(|(k, run)| {
                let (col, row) = (k % cols, k / cols);
                let mut cell = all.clone();
                cell.runs = vec![run.clone()];
                cell.legend = false;
                let mut own = base.clone();
                cell.title_item(&mut own, &run.label);
                cell.base = own;
                ([(col as u32 * cw) as f32, (row as u32 * ch) as f32], cell)
            })
            .collect();
        Ok(Self {
            width,
            height,
            theme,
            cells,
        })
    }

    /// Every cell's static layer, in place.
    pub fn base(&self) -> Vec<Item> {
        self.cells
            .iter()
            .flat_map(|(at, cell)| translated(&cell.base, *at))
            .collect()
    }

    /// Every cell's items at `step`, in place.
    pub fn frame(&self, step: usize) -> Vec<Item> {
        self.cells
            .iter()
            .flat_map(|(at, cell)| translated(&cell.frame(step), *at))
            .collect()
    }

    /// The whole picture at `step`.
    pub fn picture(&self, step: usize) -> Picture {
        let mut items = self.base();
        items.extend(self.frame(step));
        Picture {
            width: self.width,
            height: self.height,
            background: self.theme.background(),
            items,
        }
    }

    /// Each cell's plot rectangle, in place (the clip rectangles of the picture).
    pub fn plots(&self) -> Vec<[f32; 4]> {
        self.cells
            .iter()
            .map(|(at, cell)| {
                let p = cell.layout.plot;
                [p[0] + at[0], p[1] + at[1], p[2], p[3]]
            })
            .collect()
    }

    /// The last step any run reached.
    pub fn last_step(&self) -> usize {
        self.cells
            .iter()
            .map(|(_, c)| c.last_step())
            .max()
            .unwrap_or(0)
    }
}

/// `items` without the layers named in `layers`.
fn without(items: &[Item], layers: &[&str]) -> Vec<Item> {
    let mut skip = false;
    items
        .iter()
        .filter(|item| {
            match item {
                Item::Group { name, .. } => skip = layers.contains(name),
                Item::End if skip => {
                    skip = false;
                    return false;
                }
                _ => {}
            }
            !skip
        })
        .cloned()
        .collect()
}

/// `items` moved by `d` pixels.
pub fn translated(items: &[Item], d: [f32; 2]) -> Vec<Item> {
    let p = |q: [f32; 2]| [q[0] + d[0], q[1] + d[1]];
    let r = |q: [f32; 4]| [q[0] + d[0], q[1] + d[1], q[2], q[3]];
    items
        .iter()
        .map(|item| match item {
            Item::Group { name, clip } => Item::Group {
                name,
                clip: clip.map(r),
            },
            Item::End => Item::End,
            Item::Image(image) => Item::Image(super::Image {
                rect: r(image.rect),
                ..image.clone()
            }),
            Item::Ramp { rect, colours } => Item::Ramp {
                rect: r(*rect),
                colours: colours.clone(),
            },
            Item::Line {
                points,
                width,
                rgba,
            } => Item::Line {
                points: points.iter().map(|&q| p(q)).collect(),
                width: *width,
                rgba: *rgba,
            },
            Item::Polygon {
                points,
                fill,
                outline,
            } => Item::Polygon {
                points: points.iter().map(|&q| p(q)).collect(),
                fill: *fill,
                outline: *outline,
            },
            Item::Circle {
                centre,
                radius,
                fill,
                ring,
            } => Item::Circle {
                centre: p(*centre),
                radius: *radius,
                fill: *fill,
                ring: *ring,
            },
            Item::Rect { rect, rgba } => Item::Rect {
                rect: r(*rect),
                rgba: *rgba,
            },
            Item::Text {
                pos,
                size,
                anchor,
                rgb,
                text,
            } => Item::Text {
                pos: p(*pos),
                size: *size,
                anchor: *anchor,
                rgb: *rgb,
                text: text.clone(),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fits_the_runs_in_cells_shaped_like_the_picture() {
        assert_eq!(grid(1, 1600, 1000), (1, 1));
        assert_eq!(grid(2, 1600, 1000), (2, 1));
        assert_eq!(grid(4, 1600, 1000), (2, 2));
        let (c, r) = grid(12, 1600, 1000);
        assert!(c * r >= 12 && (c, r) == (4, 3), "{c}×{r}");
        assert_eq!(grid(3, 1000, 3000), (1, 3));
        assert_eq!(grid(0, 800, 600), (1, 1));
    }

    #[test]
    fn each_visible_run_gets_a_titled_cell_with_only_its_path() {
        let scenario = optiscape_files::resolve("nesterov-lookahead").expect("built in");
        let s = SideBySide::new(&scenario, 1200, 500, Given::NONE, Theme::DARK).expect("a picture");
        assert_eq!(s.cells.len(), 2);
        let pic = s.picture(20);
        assert_eq!(
            pic.texts_in("title"),
            ["Momentum (SGD + momentum, lr 0.02)", "Nesterov, lr 0.02"]
        );
        assert!(pic.texts_in("legend").is_empty());
        // Side by side, same size: the second cell is the first moved right.
        let (a, b) = (&s.cells[0], &s.cells[1]);
        assert_eq!(a.1.layout, b.1.layout);
        assert_eq!((a.0, b.0), ([0.0, 0.0], [600.0, 0.0]));
        for (at, cell) in &s.cells {
            assert_eq!(cell.runs.len(), 1);
            // Every item of a cell lies in the cell.
            for item in translated(&cell.frame(20), *at) {
                if let Item::Circle { centre, .. } = item {
                    assert!(centre[0] >= at[0] && centre[0] <= at[0] + 600.0);
                }
            }
        }
        // Same view in every cell.
        assert_eq!(a.1.view, b.1.view);
        assert_eq!(s.plots().len(), 2);
    }
}
