//! Presets: RON scenarios read safely, written minimal (only what differs from the defaults, under
//! the comments of the file replaced), and the lecture library built in.
//!
//! Files are read through [`Files`], which refuses a directory, a device or a file over 1 MiB;
//! the text is parsed with a recursion limit, then checked as a scenario. Every error names the
//! file, the line and column where RON gives them, and the field path.

use std::fmt;
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
    pub fn new(source: &str, message: impl Into<String>) -> Self {
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

/// Where a preset or walkthrough named by a path is read from. The core opens no file itself: the
/// desktop reads its disk (`optiscape_files::Disk`); a web page has no files ([`NoFiles`]).
pub trait Files {
    /// Whether `path` names something, so that an argument is taken as a file and not as the name
    /// of a built-in preset.
    fn exists(&self, path: &Path) -> bool;
    /// The bytes of the regular file at `path`, at most [`MAX_BYTES`], or what is wrong with it.
    fn read(&self, path: &Path) -> Result<Vec<u8>, String>;
}

/// No file system: every path is missing.
pub struct NoFiles;

impl Files for NoFiles {
    fn exists(&self, _: &Path) -> bool {
        false
    }
    fn read(&self, _: &Path) -> Result<Vec<u8>, String> {
        Err("no such file: files cannot be read here".to_owned())
    }
}

/// Reads and checks the preset at `path`.
pub fn load(path: &Path, files: &dyn Files) -> Result<Scenario, PresetError> {
    let name = path.display().to_string();
    let bytes = files.read(path).map_err(|m| PresetError::new(&name, m))?;
    parse(&bytes, &name)
}

/// What is wrong with a preset of `len` bytes, over [`MAX_BYTES`].
pub fn too_large(len: u64) -> String {
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

/// The text a preset file holds for `scenario`: only what differs from the defaults, under the
/// comment block at the top of the file it replaces (`previous`, empty for a new file). `source`
/// names the file in errors.
pub fn saved_text(
    source: &str,
    scenario: &Scenario,
    previous: &[u8],
) -> Result<String, PresetError> {
    scenario
        .validate()
        .map_err(|e| PresetError::scenario(source, e))?;
    let header = leading_comments(std::str::from_utf8(previous).unwrap_or_default());
    Ok(format!("{header}{}", to_ron(scenario)?))
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
        &[$(Builtin { name: $name, text: include_str!(concat!("../../../presets/", $name, ".ron")) }),*]
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
pub fn resolve(arg: &str, files: &dyn Files) -> Result<Scenario, PresetError> {
    resolve_with_path(arg, files).map(|(s, _)| s)
}

/// [`resolve`], also telling the file it came from (none for a built-in preset or a link).
pub fn resolve_with_path(
    arg: &str,
    files: &dyn Files,
) -> Result<(Scenario, Option<std::path::PathBuf>), PresetError> {
    if crate::link::is_link(arg) {
        return crate::link::read(arg).map(|s| (s, None));
    }
    let path = Path::new(arg);
    if files.exists(path) || arg.ends_with(".ron") || arg.contains(std::path::MAIN_SEPARATOR) {
        return load(path, files).map(|s| (s, Some(path.to_path_buf())));
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
    fn the_leading_comment_block_ends_at_the_first_line_of_ron() {
        assert_eq!(
            leading_comments("// a\n\n// b\n(\n// c\n)"),
            "// a\n\n// b\n"
        );
        assert_eq!(leading_comments("(steps: 3)"), "");
        assert_eq!(leading_comments("\n\n(steps: 3)"), "");
    }
}
