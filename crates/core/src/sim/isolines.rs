//! Marching squares for many levels in one pass: each cell of the grid is visited once, and only the
//! levels between its smallest and largest corner produce segments; the segments of each level are
//! then joined into polylines through the grid edges they share.
//!
//! Visiting the grid once instead of once per level makes the isolines of a 512×512 field several
//! times cheaper than tracing each level separately.

use rayon::prelude::*;

/// A segment of one level inside one cell, between two grid edges.
type Segment = [u32; 2];

/// The polylines of every level (in the order given), in grid coordinates: sample (row, col) sits at
/// x = col, y = row. `values` is row-major `nx × ny` and must be finite.
pub fn trace(values: &[f64], nx: usize, ny: usize, levels: &[f64]) -> Vec<Vec<Vec<[f64; 2]>>> {
    if nx < 2
        || ny < 2
        || values.len() != nx * ny
        || levels.is_empty()
        || nx * ny > (u32::MAX / 2) as usize
    {
        return vec![Vec::new(); levels.len()];
    }
    // The cell pass finds a cell's levels by bisection, so it works on them sorted.
    let mut order: Vec<usize> = (0..levels.len()).collect();
    order.sort_by(|&i, &j| levels[i].total_cmp(&levels[j]));
    let sorted: Vec<f64> = order.iter().map(|&i| levels[i]).collect();
    let segments = segments_by_level(values, nx, ny, &sorted);
    let traced: Vec<Vec<Vec<[f64; 2]>>> = segments
        .into_par_iter()
        .zip(sorted.par_iter())
        .map(|(segs, &level)| join(&segs, values, nx, level))
        .collect();
    let mut out = vec![Vec::new(); levels.len()];
    for (lines, i) in traced.into_iter().zip(order) {
        out[i] = lines;
    }
    out
}

/// Every level's segments, from one parallel pass over the rows of cells.
fn segments_by_level(values: &[f64], nx: usize, ny: usize, levels: &[f64]) -> Vec<Vec<Segment>> {
    let bands: Vec<Vec<Vec<Segment>>> = (0..ny - 1)
        .into_par_iter()
        .fold(
            || vec![Vec::new(); levels.len()],
            |mut acc, r| {
                for c in 0..nx - 1 {
                    cell(values, nx, r, c, levels, &mut acc);
                }
                acc
            },
        )
        .collect();
    let mut out: Vec<Vec<Segment>> = vec![Vec::new(); levels.len()];
    for band in bands {
        for (all, part) in out.iter_mut().zip(band) {
            all.extend(part);
        }
    }
    out
}

/// Edge ids: the horizontal edge from (r, c) to (r, c + 1) is 2·(r·nx + c); the vertical edge from
/// (r, c) to (r + 1, c) is 2·(r·nx + c) + 1.
#[inline]
fn h_edge(nx: usize, r: usize, c: usize) -> u32 {
    (2 * (r * nx + c)) as u32
}

#[inline]
fn v_edge(nx: usize, r: usize, c: usize) -> u32 {
    (2 * (r * nx + c) + 1) as u32
}

#[inline]
fn cell(values: &[f64], nx: usize, r: usize, c: usize, levels: &[f64], out: &mut [Vec<Segment>]) {
    let a = values[r * nx + c]; // top left
    let b = values[r * nx + c + 1]; // top right
    let d = values[(r + 1) * nx + c]; // bottom left
    let e = values[(r + 1) * nx + c + 1]; // bottom right
    let lo = a.min(b).min(d).min(e);
    let hi = a.max(b).max(d).max(e);
    // Only the levels in (lo, hi] change sign inside this cell.
    let first = levels.partition_point(|&l| l <= lo);
    let top = h_edge(nx, r, c);
    let bottom = h_edge(nx, r + 1, c);
    let left = v_edge(nx, r, c);
    let right = v_edge(nx, r, c + 1);
    for (k, &l) in levels.iter().enumerate().skip(first) {
        if l > hi {
            break;
        }
        let case = usize::from(a >= l) << 3
            | usize::from(b >= l) << 2
            | usize::from(e >= l) << 1
            | usize::from(d >= l);
        let segs = &mut out[k];
        match case {
            0 | 15 => {}
            1 | 14 => segs.push([left, bottom]),
            2 | 13 => segs.push([bottom, right]),
            3 | 12 => segs.push([left, right]),
            4 | 11 => segs.push([top, right]),
            6 | 9 => segs.push([top, bottom]),
            7 | 8 => segs.push([left, top]),
            5 | 10 => {
                // A saddle: the centre decides which opposite corners are joined through the middle,
                // and the segments cut off the other two. Case 5 has b and d above, case 10 a and e.
                let centre_above = (a + b + d + e) / 4.0 >= l;
                let cut_off_a_and_e = (case == 5) == centre_above;
                if cut_off_a_and_e {
                    segs.extend([[left, top], [bottom, right]]);
                } else {
                    segs.extend([[top, right], [left, bottom]]);
                }
            }
            _ => {}
        }
    }
}

/// Where level `l` crosses grid edge `edge`, in grid coordinates.
fn crossing(values: &[f64], nx: usize, edge: u32, l: f64) -> [f64; 2] {
    let idx = (edge / 2) as usize;
    let (r, c) = (idx / nx, idx % nx);
    let v0 = values[idx];
    let v1 = if edge.is_multiple_of(2) {
        values[idx + 1]
    } else {
        values[idx + nx]
    };
    let f = if v1 != v0 {
        ((l - v0) / (v1 - v0)).clamp(0.0, 1.0)
    } else {
        0.5
    };
    if edge.is_multiple_of(2) {
        [c as f64 + f, r as f64]
    } else {
        [c as f64, r as f64 + f]
    }
}

/// No segment across this end.
const NONE: u32 = u32::MAX;

fn pack(edge: u32, seg: usize) -> u64 {
    (u64::from(edge) << 32) | seg as u64
}

fn unpack(v: u64) -> (u32, u32) {
    ((v >> 32) as u32, v as u32)
}

/// Joins one level's segments into polylines through the edges they share.
fn join(segs: &[Segment], values: &[f64], nx: usize, level: f64) -> Vec<Vec<[f64; 2]>> {
    // (edge, segment) pairs, packed so they sort as plain integers; sorted by edge, the two
    // segments that share an edge (never more) sit side by side.
    let mut ends: Vec<u64> = segs
        .iter()
        .enumerate()
        .flat_map(|(i, s)| [pack(s[0], i), pack(s[1], i)])
        .collect();
    ends.sort_unstable();
    // links[i][k]: the segment across segment i's end k, if any.
    let mut links = vec![[NONE; 2]; segs.len()];
    for pair in ends.windows(2) {
        let ((e, a), (f, b)) = (unpack(pair[0]), unpack(pair[1]));
        if e == f {
            links[a as usize][usize::from(segs[a as usize][0] != e)] = b;
            links[b as usize][usize::from(segs[b as usize][0] != e)] = a;
        }
    }
    let partner = |edge: u32, seg: u32| -> Option<u32> {
        let s = seg as usize;
        Some(links[s][usize::from(segs[s][0] != edge)]).filter(|&p| p != NONE)
    };
    let mut used = vec![false; segs.len()];
    let mut lines = Vec::new();
    // Open lines first (they start at an edge with one segment), then closed loops.
    let order = (0..segs.len()).filter(|&i| {
        partner(segs[i][0], i as u32).is_none() || partner(segs[i][1], i as u32).is_none()
    });
    let order: Vec<usize> = order.chain(0..segs.len()).collect();
    for start in order {
        if used[start] {
            continue;
        }
        used[start] = true;
        let s = segs[start];
        // Walk from the free end if there is one, so an open line comes out whole.
        let (mut from, mut edge) = if partner(s[0], start as u32).is_none() {
            (s[0], s[1])
        } else {
            (s[1], s[0])
        };
        let mut line = vec![
            crossing(values, nx, from, level),
            crossing(values, nx, edge, level),
        ];
        let mut seg = start as u32;
        while let Some(next) = partner(edge, seg) {
            if used[next as usize] {
                break;
            }
            used[next as usize] = true;
            let n = segs[next as usize];
            from = edge;
            edge = if n[0] == from { n[1] } else { n[0] };
            line.push(crossing(values, nx, edge, level));
            seg = next;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(nx: usize, ny: usize, f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
        (0..ny)
            .flat_map(|r| (0..nx).map(move |c| (c, r)))
            .map(|(c, r)| f(c as f64, r as f64))
            .collect()
    }

    #[test]
    fn a_bowl_gives_one_closed_loop_per_level_on_its_level() {
        let (nx, ny) = (60, 50);
        let f = |x: f64, y: f64| (x - 30.0).powi(2) + 2.0 * (y - 25.0).powi(2);
        let v = grid(nx, ny, f);
        let levels = [50.0, 200.0, 400.0];
        let lines = trace(&v, nx, ny, &levels);
        for (k, level_lines) in lines.iter().enumerate() {
            assert_eq!(level_lines.len(), 1, "level {}", levels[k]);
            let line = &level_lines[0];
            assert_eq!(line.first(), line.last(), "closed");
            for p in line {
                // Linear interpolation of a quadratic: within a cell's curvature of the level.
                assert!((f(p[0], p[1]) - levels[k]).abs() < 3.0, "{p:?}");
            }
        }
    }

    #[test]
    fn a_line_across_the_grid_is_open_and_whole() {
        let (nx, ny) = (40, 30);
        let v = grid(nx, ny, |x, y| x + 0.5 * y);
        let lines = trace(&v, nx, ny, &[20.0]);
        assert_eq!(lines[0].len(), 1);
        let line = &lines[0][0];
        assert!(line.len() > 25);
        for p in line {
            assert!((p[0] + 0.5 * p[1] - 20.0).abs() < 1e-9);
        }
    }

    #[test]
    fn a_saddle_keeps_its_branches_apart() {
        let (nx, ny) = (41, 41);
        let v = grid(nx, ny, |x, y| (x - 20.0).powi(2) - (y - 20.0).powi(2));
        let lines = trace(&v, nx, ny, &[50.0, -50.0]);
        assert_eq!(lines[0].len(), 2, "two branches left and right");
        assert_eq!(lines[1].len(), 2, "two branches up and down");
    }

    #[test]
    fn an_ambiguous_cell_follows_its_centre() {
        // f = (x − 20.5)(y − 20.5): the cell around (20.5, 20.5) has opposite corners at ±0.25 and a
        // centre of 0, so level 0.1 must not join the two branches through it.
        let (nx, ny) = (41, 41);
        let v = grid(nx, ny, |x, y| (x - 20.5) * (y - 20.5));
        let lines = trace(&v, nx, ny, &[0.1, -0.1]);
        for level in &lines {
            assert_eq!(level.len(), 2);
            for line in level {
                let side = (line[0][0] - 20.5).signum();
                assert!(
                    line.iter().all(|p| (p[0] - 20.5).signum() == side),
                    "a branch crosses the saddle"
                );
            }
        }
    }

    #[test]
    fn degenerate_input_gives_nothing() {
        assert!(trace(&[1.0], 1, 1, &[0.5]).iter().all(Vec::is_empty));
        assert!(trace(&[1.0; 6], 3, 2, &[0.5]).iter().all(Vec::is_empty));
        assert_eq!(trace(&[0.0; 4], 2, 2, &[]).len(), 0);
    }
}
