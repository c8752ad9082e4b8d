//! himmelblau-four-minima: four equal minima; "Four starts, four basins: gradient descent reaches
//! whichever minimum its basin holds", all four.

use super::measure::*;

#[test]
fn four_starts_reach_all_four_equal_minima() {
    let p = Preset::run("himmelblau-four-minima");
    p.says(&[
        "Himmelblau's function has four equal minima; four starts, one in each basin, reach all four",
        "Four starts, four basins: gradient descent reaches whichever minimum its basin holds",
    ]);
    let minima = p.surface().minima();
    assert_eq!(minima.len(), 4);
    for m in &minima {
        let f = p.surface().value(*m);
        assert!(f.abs() < 1e-20, "f = {f} at the minimum {m:?}");
    }
    let mut reached = Vec::new();
    for (i, t) in p.runs.iter().enumerate() {
        let end = t.last_point().expect("a path");
        let (which, d) = minima
            .iter()
            .enumerate()
            .map(|(j, m)| (j, (end - m).norm()))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .expect("minima");
        assert!(
            d < 1e-6,
            "ball {}: ends {d} from the nearest minimum",
            i + 1
        );
        reached.push(which);
    }
    reached.sort_unstable();
    assert_eq!(
        reached,
        [0, 1, 2, 3],
        "each ball reaches a different minimum"
    );
}
