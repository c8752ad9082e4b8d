//! Preset files: RON scenarios loaded safely, saved atomically and minimal (only what differs from
//! the defaults, under the comments of the file replaced), and the lecture library built in.
//!
//! A file is checked before it is parsed (a directory, a device, a file over 1 MiB or an empty file
//! is refused with a message), parsed with a recursion limit, then checked as a scenario. Every error
//! names the file, the line and column where RON gives them, and the field path.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::scenario::{FORMAT_VERSION, Scenario, ScenarioError};

mod minimal;
mod tree;

/// Largest preset file accepted; larger files are refused before they are read.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// How deeply RON may nest; presets need about five levels.
const MAX_DEPTH: usize = 32;

/// Why a preset could not be loaded or saved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct PresetError {
    /// The file (or built-in preset) it is about.
    pub file: String,
    /// Line and column (from 1), where RON reports them.
    pub position: Option<(usize, usize)>,
    /// The field path, e.g. `runs[2].optimizer.lr`.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for PresetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl PresetError {
    pub(crate) fn new(source: &str, message: impl Into<String>) -> Self {
        Self {
            file: source.to_owned(),
            position: None,
            field: None,
            message: message.into(),
        }
    }

    fn scenario(source: &str, e: ScenarioError) -> Self {
        Self {
            file: source.to_owned(),
            position: None,
            field: Some(e.path),
            message: e.message,
        }
    }
}

/// Reads and checks the preset at `path`.
pub fn load(path: &Path) -> Result<Scenario, PresetError> {
    let name = path.display().to_string();
    let bytes = read_limited(path).map_err(|m| PresetError::new(&name, m))?;
    parse(&bytes, &name)
}

/// The bytes of a regular file of at most [`MAX_BYTES`], or what is wrong with it.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory, not a preset file".to_owned());
    }
    if !meta.is_file() {
        return Err("is not a regular file".to_owned());
    }
    if meta.len() > MAX_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "grew past 1 MiB ({MAX_BYTES} bytes) while being read"
        ));
    }
    Ok(bytes)
}

/// What is wrong with a preset of `len` bytes, over [`MAX_BYTES`].
pub(crate) fn too_large(len: u64) -> String {
    format!("is {len} bytes; a preset is at most 1 MiB ({MAX_BYTES} bytes)")
}

/// A file-system error as a short message.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: the file cannot be read".to_owned()
        }
        _ => format!("cannot be read: {e}"),
    }
}

/// Only the version, read before the rest so a newer file is named as such and not as a list of
/// unknown fields.
#[derive(Deserialize)]
struct VersionOnly {
    #[serde(default)]
    version: Option<u32>,
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH)
}

/// Parses and checks preset text; `source` names it in errors.
pub fn parse(bytes: &[u8], source: &str) -> Result<Scenario, PresetError> {
    let scenario: Scenario = decode(
        bytes,
        source,
        "a preset is a RON scenario such as (surface: (name: \"rosenbrock\"), runs: [...])",
    )
    .map_err(|e| {
        if crate::walkthrough::looks_like(bytes) {
            PresetError::new(
                source,
                "is a walkthrough (it has `stops: [...]`), not a preset: open it with `optiscape walkthrough FILE`",
            )
        } else {
            e
        }
    })?;
    scenario
        .validate()
        .map_err(|e| PresetError::scenario(source, e))?;
    Ok(scenario)
}

/// RON document `bytes` as a `T` with a `version` field: refuses text that is not UTF-8, is empty
/// (`example` says what belongs there) or is from a newer format, and locates RON's errors.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    source: &str,
    example: &str,
) -> Result<T, PresetError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        PresetError::new(
            source,
            format!(
                "is not UTF-8 text (invalid byte at offset {}): not a preset",
                e.valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(PresetError::new(source, format!("is empty: {example}")));
    }
    if let Ok(VersionOnly { version: Some(v) }) = ron_options().from_str::<VersionOnly>(text)
        && v > FORMAT_VERSION
    {
        return Err(PresetError {
            field: Some("version".to_owned()),
            ..PresetError::new(
                source,
                format!(
                    "format version {v} is newer than this optiscape understands ({FORMAT_VERSION}); update optiscape to open it"
                ),
            )
        });
    }
    ron_options().from_str(text).map_err(|e| {
        let (line, col) = (e.span.start.line, e.span.start.col);
        let mut field = path_at(text, line, col);
        if let ron::Error::NoSuchStructField { found, .. } = &e.code {
            field = Some(field.map_or_else(|| found.clone(), |f| format!("{f}.{found}")));
        }
        PresetError {
            position: Some((line, col)),
            field,
            ..PresetError::new(source, e.code.to_string())
        }
    })
}

/// The field path (`runs[2].optimizer.lr`) at `line:col` of RON `text`, for the errors RON reports
/// by position only: found by following the brackets, `name:` keys and commas before that point
/// (raw strings are not followed, so a path after one may be off; the line and column stay exact).
fn path_at(text: &str, line: usize, col: usize) -> Option<String> {
    /// An open bracket: a list counts its items, a struct or map remembers the current key.
    struct Frame {
        list: bool,
        index: usize,
        key: Option<String>,
    }
    let (mut at_line, mut at_col) = (1, 1);
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            let here = (at_line, at_col) >= (line, col);
            (at_line, at_col) = if c == '\n' {
                (at_line + 1, 1)
            } else {
                (at_line, at_col + 1)
            };
            here
        })
        .map_or(text.len(), |(i, _)| i);
    let src = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut last: Option<String> = None;
    let mut i = 0;
    while i < src.len() {
        let c = src[i];
        i += 1;
        match c {
            b'/' if src.get(i) == Some(&b'/') => {
                while i < src.len() && src[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if src.get(i) == Some(&b'*') => {
                let mut depth = 1;
                i += 1;
                while i < src.len() && depth > 0 {
                    match &src[i..] {
                        [b'/', b'*', ..] => (depth, i) = (depth + 1, i + 2),
                        [b'*', b'/', ..] => (depth, i) = (depth - 1, i + 2),
                        _ => i += 1,
                    }
                }
            }
            b'"' | b'\'' => {
                let start = i;
                while i < src.len() && src[i] != c {
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
                last = Some(String::from_utf8_lossy(&src[start..i.min(src.len())]).into_owned());
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                stack.push(Frame {
                    list: c == b'[',
                    index: 0,
                    key: None,
                });
                last = None;
            }
            b')' | b']' | b'}' => {
                stack.pop();
                last = None;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    f.index += 1;
                    f.key = None;
                }
                last = None;
            }
            b':' => {
                if let Some(f) = stack.last_mut().filter(|f| !f.list) {
                    f.key = last.take();
                }
            }
            _ if c.is_ascii_alphanumeric() || c == b'_' || c == b'#' => {
                let start = i - 1;
                while i < src.len()
                    && (src[i].is_ascii_alphanumeric() || b"_#.+-".contains(&src[i]))
                {
                    i += 1;
                }
                let word = String::from_utf8_lossy(&src[start..i]);
                last = Some(word.trim_start_matches("r#").to_owned());
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for f in stack.iter().take(MAX_DEPTH) {
        match (f.list, &f.key) {
            (true, _) => path.push_str(&format!("[{}]", f.index)),
            (false, Some(key)) => {
                let key: String = key.chars().take(100).collect();
                path.push_str(&format!(".{key}"));
            }
            (false, None) => {}
        }
    }
    let path = path.trim_start_matches('.');
    (!path.is_empty()).then(|| path.to_owned())
}

/// The scenario as presets are written by hand: only the fields that differ from their defaults.
/// Should that text not read back as the same scenario, every field is written instead.
pub fn to_ron(scenario: &Scenario) -> Result<String, PresetError> {
    if let Ok(text) = minimal::to_ron(scenario)
        && parse(text.as_bytes(), "scenario").is_ok_and(|s| s == *scenario)
    {
        return Ok(text);
    }
    to_ron_full(scenario)
}

/// The scenario as pretty RON with every field.
fn to_ron_full(scenario: &Scenario) -> Result<String, PresetError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .depth_limit(4)
        .separate_tuple_members(false);
    ron::ser::to_string_pretty(scenario, config)
        .map_err(|e| PresetError::new("scenario", e.to_string()))
}

/// The `//` comment lines at the top of a preset's text (with the blank lines among them), which a
/// save over the file keeps.
pub fn leading_comments(text: &str) -> &str {
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            end = offset + line.len();
        } else if !trimmed.is_empty() {
            break;
        }
        offset += line.len();
    }
    &text[..end]
}

/// Writes `scenario` to `path` atomically: a temporary file beside it is written, flushed to disk and
/// renamed over the target, so a crash or a full disk never leaves a half-written file and never
/// destroys the previous version. The comment block at the top of the file it replaces is kept.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), PresetError> {
    let name = path.display().to_string();
    scenario
        .validate()
        .map_err(|e| PresetError::scenario(&name, e))?;
    let previous = read_limited(path).unwrap_or_default();
    let header = leading_comments(std::str::from_utf8(&previous).unwrap_or_default());
    let text = format!("{header}{}", to_ron(scenario)?);
    crate::atomic::write(path, |out| {
        out.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write: {e}"))
    })
    .map_err(|m: String| PresetError::new(&name, m))
}

/// A preset that ships inside the binary (and as a file in `presets/`).
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The file stem, used on the command line (`optiscape render saddle-momentum-escapes`).
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        &[$(Builtin { name: $name, text: include_str!(concat!("../presets/", $name, ".ron")) }),*]
    };
}

/// The lecture library, in lecture order.
pub const BUILTINS: &[Builtin] = builtins![
    "gd-bowl",
    "gd-local-minimum",
    "gd-plateau",
    "batch-sizes-linreg",
    "rolling-ball",
    "saddle-momentum-escapes",
    "zigzag-bowl",
    "momentum-larger-lr",
    "ema-vs-momentum",
    "nesterov-lookahead",
    "rprop-signs",
    "rprop-minibatch",
    "rmsprop-adapts",
    "adaptive-steps",
    "adam-lecture-lr",
    "adam-family",
    "net-lecture-lr",
    "lr-schedules",
    "beale-adaptive",
    "lr-too-large",
    "himmelblau-four-minima",
    "rosenbrock-race",
    "net-adam-vs-sgd",
    "net-batch-noise",
    "valley-3d",
    "custom-double-well",
    "reference-scene",
];

impl Builtin {
    /// The parsed scenario; the shipped files are checked by the tests, so this does not fail.
    pub fn scenario(&self) -> Result<Scenario, PresetError> {
        parse(
            self.text.as_bytes(),
            &format!("built-in preset {}", self.name),
        )
    }
}

/// The built-in preset called `name`.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// A preset from a command-line argument: a file path, the name of a built-in preset, or a link
/// (a URL or a bare fragment with `#s=`).
pub fn resolve(arg: &str) -> Result<Scenario, PresetError> {
    resolve_with_path(arg).map(|(s, _)| s)
}

/// [`resolve`], also telling the file it came from (none for a built-in preset or a link).
pub fn resolve_with_path(arg: &str) -> Result<(Scenario, Option<std::path::PathBuf>), PresetError> {
    if crate::link::is_link(arg) {
        return crate::link::read(arg).map(|s| (s, None));
    }
    let path = Path::new(arg);
    if path.exists() || arg.ends_with(".ron") || arg.contains(std::path::MAIN_SEPARATOR) {
        return load(path).map(|s| (s, Some(path.to_path_buf())));
    }
    match builtin(arg) {
        Some(b) => b.scenario().map(|s| (s, None)),
        None => Err(PresetError::new(
            arg,
            format!(
                "is neither a file nor a built-in preset; built-in presets: {}",
                BUILTINS
                    .iter()
                    .map(|b| b.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_over_a_hand_written_preset_keeps_its_comments_and_stays_minimal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("zigzag.ron");
        let original = builtin("zigzag-bowl").expect("built in").text;
        std::fs::write(&path, original).expect("written");
        let mut scenario = load(&path).expect("loads");
        scenario.steps = 200;
        save(&path, &scenario).expect("saved");
        let text = std::fs::read_to_string(&path).expect("read");
        let comments: Vec<&str> = original
            .lines()
            .take_while(|l| l.starts_with("//"))
            .collect();
        assert!(
            comments.len() >= 2,
            "the preset starts with a block of comment lines"
        );
        assert!(text.starts_with(&(comments.join("\n") + "\n(")), "{text}");
        assert!(text.contains("steps: 200"), "{text}");
        for default in ["visible", "noise", "seed", "looping", "isolines", "camera"] {
            assert!(!text.contains(default), "{default} written:\n{text}");
        }
        assert_eq!(load(&path).expect("loads"), scenario);
        // Saved again, the comments are not doubled.
        save(&path, &scenario).expect("saved");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }

    #[test]
    fn the_leading_comment_block_ends_at_the_first_line_of_ron() {
        assert_eq!(
            leading_comments("// a\n\n// b\n(\n// c\n)"),
            "// a\n\n// b\n"
        );
        assert_eq!(leading_comments("(steps: 3)"), "");
        assert_eq!(leading_comments("\n\n(steps: 3)"), "");
    }
}
