//! Any bytes given to the preset loader: it must never panic (nor hang, which libFuzzer reports as a
//! timeout), whatever it accepts must save and load back as an equal scenario, and whatever it
//! accepts is within the one cost budget (`optiscape::cost`): its estimate is at most the budget, and
//! the time it takes to compute stays within a small factor of that estimate.

#![no_main]

use std::time::Instant;

use libfuzzer_sys::fuzz_target;
use optiscape::cost::BUDGET;
use optiscape::preset;

/// How far over its estimate an accepted scenario may run. The fuzzer's build is instrumented and
/// unoptimised, so the factor is generous; a scenario the model misjudges by orders of magnitude
/// still stands out.
const SLACK: f64 = 50.0;

fuzz_target!(|data: &[u8]| {
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
});
