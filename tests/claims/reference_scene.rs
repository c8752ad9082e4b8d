//! reference-scene: its description only states what the scene is ("Rosenbrock on [−2, 2]×[−1, 3],
//! eight optimizers, 5,000 steps from (−1.5, 2)"), with no claim about behaviour; the statement is
//! still checked, since the README's speed figures are measured on it.

use optiscape::sim::{Status, SurfaceKind};

use super::measure::*;

#[test]
fn the_reference_scene_is_eight_optimizers_for_5000_steps_from_one_start_on_rosenbrock() {
    let p = Preset::run("reference-scene");
    p.says(&["Rosenbrock on [−2, 2]×[−1, 3], eight optimizers, 5,000 steps from (−1.5, 2)"]);
    assert_eq!(p.surface().kind(), SurfaceKind::Rosenbrock);
    let view = p.scenario.view.expect("a view");
    assert_eq!((view.x, view.y), ([-2.0, 2.0], [-1.0, 3.0]));
    let kinds: std::collections::BTreeSet<_> =
        p.compiled.runs.iter().map(|r| r.optimizer.kind()).collect();
    assert_eq!((p.runs.len(), kinds.len()), (8, 8));
    for t in &p.runs {
        assert_eq!((t.points[0].x, t.points[0].y), (-1.5, 2.0));
        assert_eq!((t.status, t.steps_taken()), (Status::MaxSteps, 5000));
    }
}
