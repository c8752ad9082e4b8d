//! The isolines of the 512×512 Rosenbrock field on its log colour scale, 14 levels as the window draws
//! them: `sim::isolines` (one pass over the cells for every level) against the `contour` crate (one
//! pass per level), level by level and with the levels spread over the cores.
//!
//! Before measuring it prints what each one traced, so the timings compare like with like: the crate
//! closes every ring along the grid's edge, and joins an ambiguous cell's branches without looking at
//! its centre.

use std::hint::black_box;

use contour::ContourBuilder;
use criterion::{Criterion, criterion_group, criterion_main};
use optiscape::sim::field::Field;
use optiscape::sim::isolines;
use optiscape::sim::surface::View;
use optiscape::sim::{Surface, SurfaceKind};
use rayon::prelude::*;

const N: usize = 512;
const LEVELS: usize = 14;

/// The normalized field and the levels `Field::isolines` traces.
fn input() -> (Vec<f64>, Vec<f64>) {
    let surface = Surface::new(SurfaceKind::Rosenbrock);
    let field = Field::sample(&surface, View::new(-2.0, 2.0, -1.0, 3.0), N, N);
    let t = field.normalized(&field.scale(true));
    let levels = (1..=LEVELS)
        .map(|i| i as f64 / (LEVELS + 1) as f64)
        .collect();
    (t, levels)
}

/// Lines, points and closed lines over all levels.
fn counts<'a>(lines: impl Iterator<Item = &'a [[f64; 2]]>) -> (usize, usize, usize) {
    lines.fold((0, 0, 0), |(n, p, c), l| {
        (n + 1, p + l.len(), c + usize::from(l.first() == l.last()))
    })
}

fn isolines(c: &mut Criterion) {
    let (t, levels) = input();
    let builder = ContourBuilder::new(N, N, true);

    // What each one draws, so the timings compare like with like.
    let ours = isolines::trace(&t, N, N, &levels);
    let (n, p, closed) = counts(ours.iter().flatten().map(Vec::as_slice));
    eprintln!("sim::isolines: {n} lines, {p} points, {closed} closed");
    let theirs = builder.lines(&t, &levels).expect("the grid's size");
    let rings: Vec<Vec<[f64; 2]>> = theirs
        .iter()
        .flat_map(|l| l.geometry().0.iter())
        .map(|ls| ls.0.iter().map(|p| [p.x, p.y]).collect())
        .collect();
    let (n, p, closed) = counts(rings.iter().map(Vec::as_slice));
    // The crate closes every ring along the grid's edge, half a cell outside the outer samples; cut
    // there, its rings become lines like ours.
    let on_border =
        |q: &[f64; 2]| q[0] <= 0.0 || q[1] <= 0.0 || q[0] >= N as f64 || q[1] >= N as f64;
    let border_points = rings.iter().flatten().filter(|q| on_border(q)).count();
    let pieces: usize = rings
        .iter()
        .map(|r| {
            let cycle = &r[..r.len().saturating_sub(1)];
            let starts = (0..cycle.len())
                .filter(|&i| {
                    !on_border(&cycle[i]) && on_border(&cycle[(i + cycle.len() - 1) % cycle.len()])
                })
                .count();
            starts.max(usize::from(
                !cycle.is_empty() && !cycle.iter().any(on_border),
            ))
        })
        .sum();
    eprintln!(
        "contour: {n} lines, {p} points, {closed} closed; {border_points} points on the grid's edge, \
         {pieces} lines once cut there"
    );

    let mut group = c.benchmark_group("isolines");
    group.sample_size(30);
    group.bench_function("sim_isolines_512x512_14_levels", |b| {
        b.iter(|| black_box(isolines::trace(black_box(&t), N, N, &levels)))
    });
    group.bench_function("contour_crate_512x512_14_levels", |b| {
        b.iter(|| black_box(builder.lines(black_box(&t), &levels)))
    });
    group.bench_function("contour_crate_levels_on_all_cores", |b| {
        b.iter(|| {
            let lines: Vec<_> = levels
                .par_iter()
                .map(|&l| builder.lines(black_box(&t), &[l]))
                .collect();
            black_box(lines)
        })
    });
    group.finish();
}

criterion_group!(benches, isolines);
criterion_main!(benches);
