use super::*;

#[test]
fn colour_bar_marks_sit_on_the_edge_with_a_gap_before_their_labels() {
    let scenario = optiscape_files::resolve("gd-local-minimum").expect("built in");
    let scene = Scene::new(&scenario, 1000, 700).expect("a scene");
    let l = &scene.landscape;
    let (b, f) = (l.layout.bar, l.layout.font);
    let ticks = &l.bar.ticks;
    assert!(ticks.len() >= 3, "{:?}", l.bar);
    let at = |x: f32, y: f32| {
        let p = scene.base.pixel(x as u32, y as u32).expect("inside");
        [p.red(), p.green(), p.blue()]
    };
    let right = b[0] + b[2];
    for t in ticks {
        let y = b[1] + b[3] * (1.0 - t.t as f32);
        let mark = at(right + 0.15 * f, y);
        assert!(
            mark.iter().all(|&c| c > 120),
            "a mark at {}: {mark:?}",
            t.label
        );
        assert_eq!(
            at(right + 0.5 * f, y),
            BACKGROUND,
            "a gap after the mark of {}",
            t.label
        );
    }
}
