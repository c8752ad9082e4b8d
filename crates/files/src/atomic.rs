//! Writing a file so that readers only ever see the old version or the complete new one: the bytes
//! go to a temporary file beside the target ([`Staged`], which a long write such as an animation
//! fills piece by piece), are flushed to disk, and the temporary file is renamed over the target.
//! On any failure, on a drop before [`Staged::commit`], and on SIGINT, SIGTERM or SIGHUP the
//! temporary file is removed and the target is untouched. Every error names the target.
//!
//! The result has the permissions of the regular file it replaces, without setuid, setgid or sticky
//! bits, or the usual ones for a new file (`0o666` less the umask). A symlink at the target is
//! replaced by the new file; what it pointed to is neither read nor changed.
//!
//! A web page has no file system: there the bytes collect in memory and, once all written, become a
//! download named after the file, so every save and export of the app works unchanged in the browser.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A file that could not be written: which one, and why, in the system's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write {}: {reason}", target.display())]
pub struct WriteError {
    pub target: PathBuf,
    pub reason: String,
}

/// Where the message meets the user (the window's notices, the command line's errors).
impl From<WriteError> for String {
    fn from(e: WriteError) -> Self {
        e.to_string()
    }
}

/// Writes `path` atomically with `write`; a failure to write the file itself is a [`WriteError`].
pub fn write<E>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), E>
where
    E: From<WriteError>,
{
    let mut staged = Staged::new(path)?;
    write(&mut staged)?;
    staged.commit().map_err(E::from)
}

/// A file being written: a temporary file beside the target until [`Self::commit`] renames it
/// over the target. Dropped uncommitted, it is removed.
#[cfg(not(target_arch = "wasm32"))]
pub struct Staged {
    out: std::io::BufWriter<Temp>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Staged {
    /// Starts writing `path`.
    pub fn new(path: &Path) -> Result<Self, WriteError> {
        let dir = folder_of(path);
        let file = live::create(|| {
            tempfile::Builder::new()
                .prefix(".optiscape-")
                .suffix(".tmp")
                .tempfile_in(dir)
        })
        .map_err(|e| cannot(path, &e))?;
        let temp = Temp {
            file: Some(file),
            target: path.to_path_buf(),
        };
        Ok(Self {
            out: std::io::BufWriter::with_capacity(1 << 20, temp),
        })
    }

    /// Flushes everything to disk and puts the file in place of the target.
    pub fn commit(self) -> Result<(), WriteError> {
        let target = self.out.get_ref().target.clone();
        let temp = self.out.into_inner().map_err(|e| {
            // The temporary file's errors are already about the target.
            let e = e.into_error();
            match e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<WriteError>())
            {
                Some(named) => named.clone(),
                None => cannot(&target, &e),
            }
        })?;
        temp.commit()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The temporary file under the buffer; its write errors name the target, whatever encoder
/// reports them. `None` only once renamed or removed.
#[cfg(not(target_arch = "wasm32"))]
struct Temp {
    file: Option<tempfile::NamedTempFile>,
    target: PathBuf,
}

#[cfg(not(target_arch = "wasm32"))]
impl Temp {
    fn commit(mut self) -> Result<(), WriteError> {
        let target = self.target.clone();
        let Some(file) = &self.file else {
            return Err(cannot(&target, &"already written"));
        };
        file.as_file().sync_all().map_err(|e| cannot(&target, &e))?;
        keep_permissions(file.as_file(), &target);
        live::persist(&mut self.file, &target).map_err(|e| cannot(&target, &e))?;
        if let Ok(d) = std::fs::File::open(folder_of(&target)) {
            // Makes the rename durable; not every platform can sync a folder, so failure is fine.
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Write for Temp {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let Some(file) = &mut self.file else {
            return Err(std::io::Error::other(cannot(
                &self.target,
                &"already written",
            )));
        };
        // Through the plain file: the temporary file's own errors name its passing name.
        file.as_file_mut()
            .write(bytes)
            .map_err(|e| std::io::Error::new(e.kind(), cannot(&self.target, &e)))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(file) => file
                .as_file_mut()
                .flush()
                .map_err(|e| std::io::Error::new(e.kind(), cannot(&self.target, &e))),
            None => Ok(()),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Temp {
    fn drop(&mut self) {
        live::remove(&mut self.file);
    }
}

/// The folder `path` is in (a bare name is in the current folder).
#[cfg(not(target_arch = "wasm32"))]
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn cannot(path: &Path, e: &dyn std::fmt::Display) -> WriteError {
    WriteError {
        target: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// The temporary files not yet renamed or removed, and what removes them when a signal ends the
/// process. Creating, renaming and removing one all hold the list's lock, and so does the signal
/// handler until the process is gone: a file is never left behind between two of those steps.
#[cfg(not(target_arch = "wasm32"))]
mod live {
    use std::path::PathBuf;
    use std::sync::{Mutex, MutexGuard, PoisonError};

    use tempfile::NamedTempFile;

    static FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    pub(super) fn files() -> MutexGuard<'static, Vec<PathBuf>> {
        FILES.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Creates a temporary file with `create` and lists it.
    pub(super) fn create(
        create: impl FnOnce() -> std::io::Result<NamedTempFile>,
    ) -> std::io::Result<NamedTempFile> {
        watch_signals();
        let mut files = files();
        let file = create()?;
        files.push(file.path().to_path_buf());
        Ok(file)
    }

    /// Renames the file in `slot` to `target`; on failure the file is removed. Either way the
    /// slot is empty afterwards.
    pub(super) fn persist(
        slot: &mut Option<NamedTempFile>,
        target: &std::path::Path,
    ) -> std::io::Result<()> {
        let mut files = files();
        let Some(file) = slot.take() else {
            return Ok(());
        };
        let path = file.path().to_path_buf();
        // A rename replaces a symlink at the target itself, never what it points to.
        let result = file.persist(target).map(drop).map_err(|e| e.error);
        files.retain(|p| *p != path);
        result
    }

    /// Removes the file in `slot`, if any.
    pub(super) fn remove(slot: &mut Option<NamedTempFile>) {
        let mut files = files();
        if let Some(file) = slot.take() {
            let path = file.path().to_path_buf();
            drop(file);
            files.retain(|p| *p != path);
        }
    }

    /// Installs, once, a thread that on SIGINT, SIGTERM or SIGHUP removes the listed files and
    /// then ends the process as the signal would have (so a shell still sees 130 or 143). Only
    /// installed once a file is written, so a window that never saves keeps the default handling.
    #[cfg(unix)]
    fn watch_signals() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let (ready, registered) = std::sync::mpsc::channel();
            let spawned = std::thread::Builder::new()
                .name("optiscape-signals".to_owned())
                .spawn(move || {
                    // Registered on this thread, so a failure to start it leaves the defaults.
                    let signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]);
                    let _ = ready.send(());
                    let Ok(mut signals) = signals else { return };
                    if let Some(signal) = signals.forever().next() {
                        end(signal);
                    }
                });
            if spawned.is_ok() {
                let _ = registered.recv();
            }
        });
    }

    #[cfg(unix)]
    fn end(signal: i32) {
        let files = files();
        for path in files.iter() {
            let _ = std::fs::remove_file(path);
        }
        let _ = signal_hook::low_level::emulate_default_handler(signal);
        // Only reached if the signal could not be raised again.
        std::process::exit(128 + signal);
    }

    #[cfg(not(unix))]
    fn watch_signals() {}
}

/// Temporary files are private (0600); the result should have the permissions of the regular
/// file it replaces, never special bits, or the usual ones for a new file.
#[cfg(not(target_arch = "wasm32"))]
fn keep_permissions(file: &std::fs::File, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Not followed through a symlink: the link is what gets replaced, and its target's mode
        // (a setuid program, a device) says nothing about this file.
        let mode = match std::fs::symlink_metadata(target) {
            Ok(m) if m.file_type().is_file() => m.permissions().mode() & 0o777,
            _ => new_file_mode(),
        };
        let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (file, target);
}

/// `0o666` less the umask, as `open(2)` would create the file. Linux tells the umask without
/// changing it (setting it to read it would race other threads creating files); elsewhere 0o644.
#[cfg(all(unix, not(target_arch = "wasm32")))]
fn new_file_mode() -> u32 {
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        });
    umask.map_or(0o644, |m| 0o666 & !m)
}

/// The bytes of a file, offered as a download named like it once committed.
#[cfg(target_arch = "wasm32")]
pub struct Staged {
    bytes: Vec<u8>,
    name: String,
}

#[cfg(target_arch = "wasm32")]
impl Staged {
    /// Starts collecting the bytes of `path`.
    pub fn new(path: &Path) -> Result<Self, WriteError> {
        let name = path.file_name().map_or_else(
            || "optiscape".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Self {
            bytes: Vec::new(),
            name,
        })
    }

    /// Offers the bytes as a download.
    pub fn commit(self) -> Result<(), WriteError> {
        crate::download::download(&self.name, &self.bytes).map_err(|reason| WriteError {
            target: PathBuf::from(&self.name),
            reason,
        })
    }
}

#[cfg(target_arch = "wasm32")]
impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    fn write_str(path: &Path, text: &str) -> Result<(), String> {
        write(path, |w| {
            w.write_all(text.as_bytes()).map_err(|e| e.to_string())
        })
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        let r: Result<(), String> = write(&path, |w| {
            w.write_all(b"half").map_err(|e| e.to_string())?;
            Err("boom".to_owned())
        });
        assert_eq!(r, Err("boom".to_owned()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["a.txt"]);
    }

    #[test]
    fn a_new_file_gets_the_usual_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.txt");
        write_str(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), new_file_mode());
        assert_eq!(new_file_mode() & 0o7111, 0, "no special or execute bits");
    }

    #[test]
    fn a_replaced_file_keeps_its_mode_but_not_setuid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.png");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o4755)).unwrap();
        write_str(&path, "new").unwrap();
        assert_eq!(mode(&path), 0o755);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o3640)).unwrap();
        write_str(&path, "newer").unwrap();
        assert_eq!(mode(&path), 0o640);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "newer");
    }

    #[test]
    fn a_symlink_is_replaced_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("program");
        std::fs::write(&program, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o4755)).unwrap();
        let link = dir.path().join("out.png");
        std::os::unix::fs::symlink(&program, &link).unwrap();
        write_str(&link, "picture").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_file()
        );
        assert_eq!(mode(&link), new_file_mode());
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "picture");
        assert_eq!(std::fs::read_to_string(&program).unwrap(), "#!/bin/sh\n");
        assert_eq!(mode(&program), 0o4755);
        assert_eq!(names(dir.path()), ["out.png", "program"]);
    }

    #[test]
    fn a_link_to_a_device_gives_a_file_of_the_usual_mode() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.png");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        write_str(&link, "picture").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_file()
        );
        assert_eq!(mode(&link), new_file_mode());
    }

    /// A staged file whose writes go to `/dev/full`, as on a full disk.
    fn on_a_full_disk(path: &Path) -> Staged {
        let mut staged = Staged::new(path).unwrap();
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let temp = staged.out.get_mut().file.as_mut().unwrap();
        *temp.as_file_mut() = full;
        staged
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_full_disk_names_the_file_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.png");
        std::fs::write(&path, "old").unwrap();
        let expected = format!(
            "cannot write {}: No space left on device (os error 28)",
            path.display()
        );

        let mut staged = on_a_full_disk(&path);
        let e = staged.write_all(&vec![7; 3 << 20]).unwrap_err();
        assert_eq!(e.to_string(), expected);
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        drop(staged);

        let mut staged = on_a_full_disk(&path);
        staged.write_all(b"small").unwrap();
        let e = staged.commit().unwrap_err();
        assert_eq!(e.to_string(), expected);
        assert_eq!(e.target, path);
        assert_eq!(names(dir.path()), ["out.png"]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn errors_name_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("x.png");
        let e = write_str(&missing, "x").unwrap_err();
        assert!(
            e.starts_with(&format!("cannot write {}: ", missing.display())),
            "{e}"
        );
        let folder = dir.path().join("a-folder");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside"), "").unwrap();
        let e = write_str(&folder, "x").unwrap_err();
        assert!(
            e.starts_with(&format!("cannot write {}: ", folder.display())),
            "{e}"
        );
        assert_eq!(names(dir.path()), ["a-folder"]);
    }

    #[test]
    fn a_staged_file_is_listed_for_signals_until_dropped_or_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.gif");
        let listed = |name: &str| live::files().contains(&dir.path().join(name));
        let temp_name = |dir: &Path| {
            names(dir)
                .into_iter()
                .find(|n| n.starts_with(".optiscape-") && n.ends_with(".tmp"))
        };

        let staged = Staged::new(&path).unwrap();
        let name = temp_name(dir.path()).expect("a temporary file beside the target");
        assert!(listed(&name));
        drop(staged);
        assert!(!listed(&name));
        assert!(names(dir.path()).is_empty());

        let mut staged = Staged::new(&path).unwrap();
        let name = temp_name(dir.path()).unwrap();
        staged.write_all(b"frames").unwrap();
        staged.commit().unwrap();
        assert!(!listed(&name));
        assert_eq!(names(dir.path()), ["d.gif"]);
    }
}
