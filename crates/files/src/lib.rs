//! The file system: presets and walkthroughs read from disk with the core's limits, and files
//! written atomically ([`atomic`]), so that no failure, crash or signal leaves a half-written file.
//! In a web page there is no disk: reading finds nothing and a written file becomes a download.

use std::io::Read;
use std::path::{Path, PathBuf};

use optiscape_core::preset::{self, Files, MAX_BYTES, PresetError};
use optiscape_core::scenario::Scenario;
use optiscape_core::walkthrough::{self, Tour};

pub mod atomic;
#[cfg(target_arch = "wasm32")]
mod download;

/// The computer's own files, read with the core's limits.
pub struct Disk;

impl Files for Disk {
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        read_limited(path)
    }
}

/// The bytes of a regular file of at most [`MAX_BYTES`], or what is wrong with it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| preset::io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory, not a preset file".to_owned());
    }
    if !meta.is_file() {
        return Err("is not a regular file".to_owned());
    }
    if meta.len() > MAX_BYTES {
        return Err(preset::too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| preset::io_message(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| preset::io_message(&e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "grew past 1 MiB ({MAX_BYTES} bytes) while being read"
        ));
    }
    Ok(bytes)
}

/// Reads and checks the preset file at `path`.
pub fn load(path: &Path) -> Result<Scenario, PresetError> {
    preset::load(path, &Disk)
}

/// A preset from a command-line argument: a file path, the name of a built-in preset, or a link.
pub fn resolve(arg: &str) -> Result<Scenario, PresetError> {
    preset::resolve(arg, &Disk)
}

/// [`resolve`], also telling the file it came from (none for a built-in preset or a link).
pub fn resolve_with_path(arg: &str) -> Result<(Scenario, Option<PathBuf>), PresetError> {
    preset::resolve_with_path(arg, &Disk)
}

/// A walkthrough from the command line: a file, the shipped one's name, or the shipped one.
pub fn resolve_walkthrough(arg: Option<&str>) -> Result<Tour, PresetError> {
    walkthrough::resolve(arg, &Disk)
}

/// Reads and checks a walkthrough file and every preset it names.
pub fn load_walkthrough(path: &Path) -> Result<Tour, PresetError> {
    walkthrough::load(path, &Disk)
}

/// Writes `scenario` to `path` atomically: a crash or a full disk never leaves a half-written
/// file and never destroys the previous version. The comment block at the top of the file it
/// replaces is kept.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), PresetError> {
    let name = path.display().to_string();
    let previous = read_limited(path).unwrap_or_default();
    let text = preset::saved_text(&name, scenario, &previous)?;
    atomic::write(path, |out| {
        out.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write: {e}"))
    })
    .map_err(|m: String| PresetError::new(&name, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_over_a_hand_written_preset_keeps_its_comments_and_stays_minimal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("zigzag.ron");
        let original = preset::builtin("zigzag-bowl").expect("built in").text;
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
}
