//! Writing a file so that readers only ever see the old version or the complete new one: the bytes
//! go to a temporary file beside the target, are flushed to disk, and the temporary file is renamed
//! over the target. On any failure the temporary file is removed and the target is untouched.
//!
//! A web page has no file system: there the bytes, once all written, become a download named after
//! the file, so every save and export of the app works unchanged in the browser.

use std::io::Write;
use std::path::Path;

/// Writes `path` atomically with `write`; errors are messages naming what failed.
#[cfg(not(target_arch = "wasm32"))]
pub fn write<E>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), E>
where
    E: From<String>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |what: String, e: std::io::Error| E::from(format!("{what}: {e}"));
    let mut tmp = tempfile::Builder::new()
        .prefix(".optiscape-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(format!("cannot write in {}", dir.display()), e))?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        write(&mut out)?;
        out.flush()
            .map_err(|e| fail("cannot write".to_owned(), e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| fail("cannot flush to disk".to_owned(), e))?;
    keep_permissions(tmp.as_file(), path);
    tmp.persist(path)
        .map_err(|e| fail(format!("cannot create {}", path.display()), e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        // Makes the rename durable; not every platform can sync a folder, so failure is fine.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Offers the bytes `write` gives as a download named like `path`, once all are written.
#[cfg(target_arch = "wasm32")]
pub fn write<E>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> Result<(), E>
where
    E: From<String>,
{
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    let name = path.file_name().map_or_else(
        || "optiscape".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    crate::web::download(&name, &bytes).map_err(E::from)
}

/// Temporary files are private (0600); the result should have the old file's permissions, or the
/// usual ones for a new file.
#[cfg(not(target_arch = "wasm32"))]
fn keep_permissions(file: &std::fs::File, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (file, target);
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_write_replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.txt");
        let r: Result<(), String> =
            write(&path, |w| w.write_all(b"new").map_err(|e| e.to_string()));
        assert!(r.is_ok());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
    }
}
