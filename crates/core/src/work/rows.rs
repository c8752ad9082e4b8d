//! The one row runner: a grid of cells (a sweep's metric, a basin map's basins, a tuning's values)
//! computed as [`Work`] a few rows per unit, each row handed over as a piece once it is done. A
//! unit's rows are spread over rayon's threads; a unit is at least as many rows as there are
//! threads and about [`UNIT_CELLS`] cells (so the threads share out rows of unequal cost),
//! so starting and joining the threads stays small beside the unit, and a plan is cut into at
//! least [`MIN_UNITS`] units, so a picture fills in and progress and cancel are heard on the way.

use rayon::prelude::*;

use super::{Progress, Work};

/// Cells a unit computes at least (where the plan has enough): rayon's start and join per unit
/// cost tens of microseconds, a basin map's cell a few.
pub const UNIT_CELLS: usize = 4096;
/// Units a plan is cut into at least (where it has enough rows).
pub const MIN_UNITS: usize = 4;

/// Rows per unit of a plan of `rows` × `cols` cells.
pub fn rows_per_unit(rows: usize, cols: usize) -> usize {
    let threads = rayon::current_num_threads().max(1);
    UNIT_CELLS
        .div_ceil(cols.max(1))
        .min(rows.div_ceil(MIN_UNITS))
        .max(threads)
}

/// A grid whose cells can be computed in any order, any number at once.
pub trait RowPlan: Send + Sync {
    type Cell: Send;

    /// Rows in all.
    fn rows(&self) -> usize;

    /// Cells in each row.
    fn cols(&self) -> usize;

    /// The cell at `col` of row `row`.
    fn cell(&self, row: usize, col: usize) -> Self::Cell;
}

impl<P: RowPlan + ?Sized> RowPlan for &P {
    type Cell = P::Cell;

    fn rows(&self) -> usize {
        P::rows(self)
    }

    fn cols(&self) -> usize {
        P::cols(self)
    }

    fn cell(&self, row: usize, col: usize) -> P::Cell {
        P::cell(self, row, col)
    }
}

/// One finished row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<C> {
    /// Which row of the plan it is.
    pub index: usize,
    pub cells: Vec<C>,
}

/// A plan's rows as [`Work`]: the rows are its pieces, in order, and the finished work gives nothing
/// more.
#[derive(Debug, Clone)]
pub struct Rows<P> {
    plan: P,
    next: usize,
}

impl<P: RowPlan> Rows<P> {
    pub fn new(plan: P) -> Self {
        Self { plan, next: 0 }
    }
}

impl<P: RowPlan> Work for Rows<P> {
    type Output = ();
    type Piece = Row<P::Cell>;

    fn total(&self) -> usize {
        self.plan.rows()
    }

    fn advance(&mut self, pieces: &mut Vec<Row<P::Cell>>) -> usize {
        let (plan, cols) = (&self.plan, self.plan.cols());
        let start = self.next;
        let end = (start + rows_per_unit(plan.rows(), cols)).min(plan.rows());
        // A row per task, its cells in order: a cell may take well under a microsecond (a basin
        // map's start that converges at once), where a task per cell costs more than the cell.
        let rows: Vec<Row<P::Cell>> = (start..end)
            .into_par_iter()
            .map(|index| Row {
                index,
                cells: (0..cols).map(|col| plan.cell(index, col)).collect(),
            })
            .collect();
        pieces.extend(rows);
        self.next = end;
        end
    }

    fn finish(self: Box<Self>) {}
}

/// Every row of `plan` in order, computed on this thread (each unit spread over rayon's threads);
/// `None` if `progress` is cancelled before the end.
pub fn collect<P: RowPlan>(plan: P, progress: &Progress) -> Option<Vec<Vec<P::Cell>>> {
    let mut rows: Vec<Option<Vec<P::Cell>>> =
        std::iter::repeat_with(|| None).take(plan.rows()).collect();
    super::run(Rows::new(plan), progress, |row| {
        if let Some(slot) = rows.get_mut(row.index) {
            *slot = Some(row.cells);
        }
    })?;
    rows.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Stop, units};
    use super::*;

    /// Cell (r, c) is 100·r + c.
    struct Table {
        rows: usize,
        cols: usize,
    }

    impl RowPlan for Table {
        type Cell = usize;
        fn rows(&self) -> usize {
            self.rows
        }
        fn cols(&self) -> usize {
            self.cols
        }
        fn cell(&self, row: usize, col: usize) -> usize {
            100 * row + col
        }
    }

    fn whole(rows: usize, cols: usize) -> Vec<Vec<usize>> {
        (0..rows)
            .map(|r| (0..cols).map(|c| 100 * r + c).collect())
            .collect()
    }

    #[test]
    fn a_unit_is_enough_cells_for_its_threads_and_a_plan_is_several_units() {
        let threads = rayon::current_num_threads().max(1);
        // A basin map: 256 rows of 256 cells, 16 rows (4096 cells) a unit on a few cores.
        assert_eq!(rows_per_unit(256, 256), 16.max(threads));
        // A small sweep: four units of at least one row per thread.
        assert_eq!(rows_per_unit(64, 64), 16.max(threads));
        // Wide rows: a unit is the threads' rows however many cells that makes.
        assert_eq!(rows_per_unit(10, 100_000), threads);
    }

    #[test]
    fn rows_arrive_a_unit_at_a_time_and_make_the_whole_grid() {
        let table = Table { rows: 9, cols: 7 };
        let (mut work, progress) = (Rows::new(&table), Progress::default());
        let mut arrived = Vec::new();
        let stop = units(&mut work, &progress, &mut |r| arrived.push(r), &mut || {
            false
        });
        assert_eq!(stop, Stop::Paused);
        let batch = rows_per_unit(9, 7).min(9);
        assert_eq!(arrived.len(), batch, "one unit's rows, before the end");
        assert_eq!(progress.get(), (batch, 9));
        let more = units(&mut work, &progress, &mut |r| arrived.push(r), &mut || true);
        assert_eq!(more, Stop::Done);
        let indices: Vec<usize> = arrived.iter().map(|r| r.index).collect();
        assert_eq!(indices, (0..9).collect::<Vec<_>>());
        let grid: Vec<Vec<usize>> = arrived.into_iter().map(|r| r.cells).collect();
        assert_eq!(grid, whole(9, 7));
        assert_eq!(collect(&table, &Progress::default()), Some(whole(9, 7)));
    }

    #[test]
    fn a_cancelled_grid_is_none_and_an_empty_one_is_empty() {
        let stop = Progress::default();
        stop.cancel();
        assert_eq!(collect(Table { rows: 3, cols: 2 }, &stop), None);
        let none: Vec<Vec<usize>> = Vec::new();
        let empty = Table { rows: 0, cols: 4 };
        assert_eq!(collect(empty, &Progress::default()), Some(none));
        let no_cells = Table { rows: 2, cols: 0 };
        assert_eq!(
            collect(no_cells, &Progress::default()),
            Some(vec![vec![], vec![]])
        );
    }
}
