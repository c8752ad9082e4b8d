//! A scenario in a link: the URL fragment `#s=1.` followed by the scenario's minimal RON, compressed
//! with deflate and written in URL-safe base64. The `1.` is the format's version, so links made today
//! stay readable when the encoding changes. A link is read through the same loader and limits as a
//! preset file: a fragment over 64 KiB or one that inflates past 1 MiB is refused before parsing, and
//! every problem is a [`PresetError`] naming the link.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::preset::{self, MAX_BYTES, PresetError};
use crate::scenario::Scenario;

/// The encoding's version, written before the data.
pub const VERSION: &str = "1";
/// The longest fragment read, in bytes.
pub const MAX_FRAGMENT: usize = 64 * 1024;
/// What a link is called in messages.
const SOURCE: &str = "link";

/// The fragment that carries `scenario`, with its `#`: `#s=1.…`.
pub fn fragment(scenario: &Scenario) -> Result<String, PresetError> {
    let ron = preset::to_ron(scenario)?;
    let packed = miniz_oxide::deflate::compress_to_vec(ron.as_bytes(), 9);
    Ok(format!("#s={VERSION}.{}", URL_SAFE_NO_PAD.encode(packed)))
}

/// The whole link: `base` (its own fragment dropped) followed by the scenario's fragment, or the
/// fragment alone without a base.
pub fn link(base: Option<&str>, scenario: &Scenario) -> Result<String, PresetError> {
    let fragment = fragment(scenario)?;
    Ok(match base {
        Some(b) => format!("{}{fragment}", b.split('#').next().unwrap_or(b)),
        None => fragment,
    })
}

/// Whether `text` looks like a link with a scenario (a URL or a bare fragment with `s=`), not a
/// file name.
pub fn is_link(text: &str) -> bool {
    text.split_once('#')
        .is_some_and(|(_, f)| scenario_data(f).is_some())
}

/// The scenario's data in a fragment: the `s=` item, among items separated by `&` (or by a `#`
/// that a copied address repeated, as in `…#top#s=1.…`).
fn scenario_data(fragment: &str) -> Option<&str> {
    fragment
        .split(['&', '#'])
        .find_map(|p| p.strip_prefix("s="))
}

/// The scenario a link (a whole URL, or its fragment with or without `#`) carries.
pub fn read(text: &str) -> Result<Scenario, PresetError> {
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    if fragment.len() > MAX_FRAGMENT {
        return Err(PresetError::new(
            SOURCE,
            format!(
                "its scenario is {} bytes long; a link holds at most {MAX_FRAGMENT}",
                fragment.len()
            ),
        ));
    }
    let data = scenario_data(fragment)
        .ok_or_else(|| PresetError::new(SOURCE, "it holds no scenario (no `s=` after the `#`)"))?;
    let (version, body) = data
        .split_once('.')
        .ok_or_else(|| PresetError::new(SOURCE, "its scenario has no version (`s=1.…`)"))?;
    if version != VERSION {
        return Err(PresetError::new(
            SOURCE,
            format!("its scenario is in format {version:?}; this optiscape reads format {VERSION}"),
        ));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|e| PresetError::new(SOURCE, format!("its scenario is not base64url: {e}")))?;
    let limit = usize::try_from(MAX_BYTES).unwrap_or(usize::MAX);
    let ron = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, limit).map_err(|e| {
        let why = match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                format!("its scenario inflates past 1 MiB ({MAX_BYTES} bytes)")
            }
            _ => "its scenario is not deflate-compressed data".to_owned(),
        };
        PresetError::new(SOURCE, why)
    })?;
    preset::parse(&ron, SOURCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_preset_round_trips_through_a_short_link() {
        for b in preset::BUILTINS {
            let scenario = b.scenario().expect("valid");
            let link =
                link(Some("https://example.org/optiscape/#old"), &scenario).expect("encodes");
            assert!(
                link.starts_with("https://example.org/optiscape/#s=1."),
                "{link}"
            );
            assert!(is_link(&link));
            assert_eq!(read(&link).expect("decodes"), scenario, "{}", b.name);
            // Compressed, a lecture's scenario fits a slide's QR code.
            assert!(link.len() < 2000, "{}: {} bytes", b.name, link.len());
        }
    }

    #[test]
    fn bare_fragments_read_and_file_names_are_not_links() {
        let scenario = Scenario::welcome();
        let f = fragment(&scenario).expect("encodes");
        assert_eq!(read(&f).expect("with #"), scenario);
        assert_eq!(read(&f[1..]).expect("without #"), scenario);
        assert!(is_link(&f) && !is_link("presets/gd-bowl.ron") && !is_link("a#b.ron"));
    }

    #[test]
    fn an_address_whose_fragment_repeats_a_hash_is_still_a_link() {
        let scenario = Scenario::welcome();
        let f = fragment(&scenario).expect("encodes");
        for text in [
            format!("https://a/x#y#z{f}"),
            format!("https://a/x#top&{}", &f[1..]),
        ] {
            assert!(is_link(&text), "{text:.40}");
            assert_eq!(read(&text).expect("decodes"), scenario);
        }
    }

    #[test]
    fn malformed_oversized_and_hostile_links_are_refused_with_a_reason() {
        let says = |text: &str, part: &str| {
            let e = read(text).expect_err("refused");
            assert_eq!(e.file, "link");
            assert!(e.to_string().contains(part), "{text:.60}: {e}");
        };
        says("#x=1", "no `s=`");
        says("#s=abc", "no version");
        says("#s=9.abc", "format \"9\"");
        says("#s=1.!!!", "not base64url");
        says("#s=1.AAAA", "not deflate");
        says(
            &format!("#s=1.{}", "A".repeat(MAX_FRAGMENT)),
            "at most 65536",
        );
        // A deflate bomb: 2 MiB of spaces packed into a few kilobytes.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 2 << 20], 9);
        says(
            &format!("#s=1.{}", URL_SAFE_NO_PAD.encode(bomb)),
            "past 1 MiB",
        );
        // Valid encoding, bad scenario: the loader's own message, located.
        let bad = miniz_oxide::deflate::compress_to_vec(b"(steps: -3)", 9);
        let e = read(&format!("#s=1.{}", URL_SAFE_NO_PAD.encode(bad))).expect_err("refused");
        assert_eq!(e.file, "link");
        // Deep nesting from a hostile link does not overflow the stack.
        let deep = format!("({}", "[".repeat(100_000));
        let deep = miniz_oxide::deflate::compress_to_vec(deep.as_bytes(), 9);
        assert!(read(&format!("#s=1.{}", URL_SAFE_NO_PAD.encode(deep))).is_err());
    }
}
