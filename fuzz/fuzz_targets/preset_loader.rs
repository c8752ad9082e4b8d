//! Any bytes given to the preset loader: it must never panic (nor hang, which libFuzzer reports as a
//! timeout), and whatever it accepts must save and load back as an equal scenario.

#![no_main]

use libfuzzer_sys::fuzz_target;
use optiscape::preset;

fuzz_target!(|data: &[u8]| {
    let Ok(scenario) = preset::parse(data, "fuzz") else {
        return;
    };
    let text = preset::to_ron(&scenario).expect("an accepted scenario can be written");
    let again = preset::parse(text.as_bytes(), "fuzz (saved)")
        .unwrap_or_else(|e| panic!("an accepted scenario reads back: {e}\n{text}"));
    assert_eq!(again, scenario, "saving then loading gives back an equal scenario");
});
