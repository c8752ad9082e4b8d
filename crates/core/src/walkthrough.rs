//! A walkthrough: presets in the order of a lecture, each with the one to three sentences the
//! instructor says over it. Stored as RON like presets; a stop names a built-in preset or a preset
//! file (relative to the walkthrough's folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::preset::{self, Files, PresetError};
use crate::scenario::{FORMAT_VERSION, MAX_TEXT, Scenario};

/// Most stops a walkthrough may have.
pub const MAX_STOPS: usize = 200;

/// The file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Walkthrough {
    pub version: u32,
    pub title: String,
    pub stops: Vec<Stop>,
}

/// One stop: a preset and what to say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stop {
    /// A built-in preset's name, or a path to a preset file.
    pub preset: String,
    pub note: String,
}

impl Default for Walkthrough {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            title: String::new(),
            stops: Vec::new(),
        }
    }
}

/// A walkthrough with every stop's scenario loaded and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Tour {
    pub title: String,
    pub stops: Vec<TourStop>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TourStop {
    /// The preset as the file names it.
    pub preset: String,
    pub note: String,
    pub scenario: Scenario,
}

/// The name of the walkthrough that ships with optiscape.
pub const LECTURE: &str = "lecture-l07";
const LECTURE_TEXT: &str = include_str!("../../../presets/walkthroughs/lecture-l07.ron");

/// The shipped walkthrough of the optimizers lecture.
pub fn lecture() -> Result<Tour, PresetError> {
    parse(LECTURE_TEXT.as_bytes(), LECTURE, None, &preset::NoFiles)
}

/// Whether RON text looks like a walkthrough (it has `stops: [`) rather than a preset.
pub fn looks_like(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    text.match_indices("stops").any(|(i, _)| {
        let rest = text[i + 5..].trim_start();
        rest.strip_prefix(':')
            .is_some_and(|r| r.trim_start().starts_with('['))
    })
}

/// Reads and checks a walkthrough file and every preset it names.
pub fn load(path: &Path, files: &dyn Files) -> Result<Tour, PresetError> {
    let name = path.display().to_string();
    let bytes = files.read(path).map_err(|m| PresetError::new(&name, m))?;
    parse(&bytes, &name, path.parent(), files)
}

/// A walkthrough from the command line: a file, the shipped one's name, or the shipped one.
pub fn resolve(arg: Option<&str>, files: &dyn Files) -> Result<Tour, PresetError> {
    match arg {
        None | Some(LECTURE) => lecture(),
        Some(text) if crate::link::is_link(text) => Err(PresetError::new(
            "link",
            "carries one scenario, not a walkthrough: open it with `optiscape LINK`, or name it as a stop's preset",
        )),
        Some(name) if preset::builtin(name).is_some() => Err(PresetError::new(
            name,
            format!("is a built-in preset, not a walkthrough: open it with `optiscape {name}`"),
        )),
        Some(path) => load(Path::new(path), files),
    }
}

/// Parses walkthrough text; preset paths are taken relative to `base` and read from `files`.
pub fn parse(
    bytes: &[u8],
    source: &str,
    base: Option<&Path>,
    files: &dyn Files,
) -> Result<Tour, PresetError> {
    let w: Walkthrough = preset::decode(
        bytes,
        source,
        "a walkthrough is RON such as (title: \"…\", stops: [(preset: \"gd-bowl\", note: \"…\")])",
    )
    .map_err(|e| {
        if !looks_like(bytes) && preset::parse(bytes, source).is_ok() {
            PresetError::new(
                source,
                "is a preset, not a walkthrough (it has no `stops: [...]`): open it with `optiscape FILE`",
            )
        } else {
            e
        }
    })?;
    let at = |field: String, message: String| PresetError {
        field: Some(field),
        ..PresetError::new(source, message)
    };
    let chars = |s: &str| s.chars().count();
    if chars(&w.title) > MAX_TEXT {
        return Err(at(
            "title".into(),
            format!("{} characters; at most {MAX_TEXT}", chars(&w.title)),
        ));
    }
    if w.stops.is_empty() || w.stops.len() > MAX_STOPS {
        return Err(at(
            "stops".into(),
            format!(
                "{} stops; a walkthrough has 1 to {MAX_STOPS}",
                w.stops.len()
            ),
        ));
    }
    let stops = w
        .stops
        .into_iter()
        .enumerate()
        .map(|(i, stop)| {
            if chars(&stop.note) > MAX_TEXT {
                return Err(at(
                    format!("stops[{i}].note"),
                    format!("{} characters; at most {MAX_TEXT}", chars(&stop.note)),
                ));
            }
            let scenario = stop_scenario(&stop.preset, base, files).map_err(|e| {
                at(
                    format!("stops[{i}].preset"),
                    format!("`{}`: {e}", clip(&stop.preset)),
                )
            })?;
            Ok(TourStop {
                preset: stop.preset,
                note: stop.note,
                scenario,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Tour {
        title: w.title,
        stops,
    })
}

fn stop_scenario(
    name: &str,
    base: Option<&Path>,
    files: &dyn Files,
) -> Result<Scenario, PresetError> {
    if let Some(b) = preset::builtin(name) {
        return b.scenario();
    }
    if crate::link::is_link(name) {
        return crate::link::read(name);
    }
    if chars_over(name, 4096) || name.trim().is_empty() {
        return Err(PresetError::new(
            "preset",
            "is neither a built-in preset nor a file",
        ));
    }
    let path = PathBuf::from(name);
    let path = match base {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    };
    if !files.exists(&path) {
        return Err(PresetError::new(
            &path.display().to_string(),
            "is neither a built-in preset nor a file",
        ));
    }
    preset::load(&path, files)
}

fn chars_over(s: &str, n: usize) -> bool {
    s.chars().nth(n).is_some()
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}
