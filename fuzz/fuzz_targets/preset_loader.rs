//! Any bytes given to the preset loader, and as text to the link reader: neither may panic (nor hang,
//! which libFuzzer reports as a timeout); whatever the loader accepts must save and load back as an
//! equal scenario, also through its link, and whatever either accepts is within the one cost budget
//! (`optiscape_core::cost`): its estimate is at most the budget, and the time it takes to compute stays
//! within a small factor of that estimate.

#![no_main]

use std::time::Instant;

use libfuzzer_sys::fuzz_target;
use optiscape_core::cost::BUDGET;
use optiscape_core::scenario::Scenario;
use optiscape_core::{link, preset};

/// How far over its estimate an accepted scenario may run. The fuzzer's build is instrumented and
/// unoptimised, so the factor is generous; a scenario the model misjudges by orders of magnitude
/// still stands out.
const SLACK: f64 = 50.0;

fuzz_target!(|data: &[u8]| {
    // The same bytes as a link someone pasted: read or refused, never a panic.
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(scenario) = link::read(text)
    {
        within_budget(&scenario);
    }
    let Ok(scenario) = preset::parse(data, "fuzz") else {
        return;
    };
    let text = preset::to_ron(&scenario).expect("an accepted scenario can be written");
    let again = preset::parse(text.as_bytes(), "fuzz (saved)")
        .unwrap_or_else(|e| panic!("an accepted scenario reads back: {e}\n{text}"));
    assert_eq!(
        again, scenario,
        "saving then loading gives back an equal scenario"
    );
    let fragment = link::fragment(&scenario).expect("an accepted scenario has a link");
    let linked = link::read(&fragment)
        .unwrap_or_else(|e| panic!("an accepted scenario's link reads back: {e}\n{text}"));
    assert_eq!(linked, scenario, "its link gives back an equal scenario");
    within_budget(&scenario);
});

/// An accepted scenario's estimate is within the budget, and its runs take no more than a small
/// factor of the estimate.
fn within_budget(scenario: &Scenario) {
    let text = preset::to_ron(scenario).unwrap_or_default();
    let estimate = scenario
        .cost()
        .unwrap_or_else(|e| panic!("an accepted scenario has a cost: {e}\n{text}"));
    assert!(
        estimate <= BUDGET,
        "accepted over the budget ({estimate} ns):\n{text}"
    );
    // Compute the runs (2-D scenarios; a network's cost is checked by its own model) and compare.
    if let Ok(compiled) = scenario.compile() {
        let t = Instant::now();
        for run in &compiled.runs {
            std::hint::black_box(run.run());
        }
        let took = t.elapsed().as_secs_f64() * 1e9;
        assert!(
            took <= SLACK * estimate + 1e8,
            "took {took:.0} ns, estimated {estimate:.0} ns:\n{text}"
        );
    }
}
