//! Where output goes: stdout (`-` or no path) or a file written atomically (a temporary
//! file in the same directory, then renamed), so a failure never leaves a half-written file;
//! and what an interruption (Ctrl-C, SIGTERM) does to a write in progress.

use anyhow::Context as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Held while files are staged and renamed; an interruption waits for it.
static WRITING: Mutex<()> = Mutex::new(());
/// Set by an interruption; a write that sees it before renaming anything gives up.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The exit code after an interruption (128 + SIGINT, as shells report it).
pub const INTERRUPTED_EXIT: u8 = 130;

/// On Ctrl-C or SIGTERM, exit with 130 — at once when no file is being written; otherwise
/// once the write has either renamed all its files or (if it had not started renaming)
/// removed its temporary files. Either way the targets hold their old or their new
/// content, never a mix, and no temporary file is left.
pub fn exit_cleanly_on_interrupt() {
    // Without a handler (it cannot be installed twice), interruption kills the process,
    // which before renaming leaves the targets as they were.
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        let _writing = WRITING.lock();
        std::process::exit(i32::from(INTERRUPTED_EXIT));
    });
}

/// Whether an interruption arrived.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Stage every file with `stage`, then, unless interrupted meanwhile, rename them all.
fn write_staged(
    targets: impl IntoIterator<Item = anyhow::Result<(tempfile::NamedTempFile, std::path::PathBuf)>>,
) -> anyhow::Result<()> {
    let _writing = WRITING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let staged = targets.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
    if INTERRUPTED.load(Ordering::SeqCst) {
        // Dropping the staged files removes them.
        anyhow::bail!("interrupted before writing; nothing was changed");
    }
    for (tmp, path) in staged {
        commit(tmp, &path)?;
    }
    Ok(())
}

/// Write `bytes` to `path`, or to stdout when `path` is `None` or `-`.
pub fn write(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        None => write_stdout(bytes),
        Some(p) if p == Path::new("-") => write_stdout(bytes),
        Some(p) => write_file(p, bytes),
    }
}

/// Write to stdout; a closed pipe surfaces as an `io::Error` of kind `BrokenPipe`, which
/// `main` treats as success.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Write `bytes` to `path` atomically. A path that names something other than a regular
/// file (`/dev/stdout`, `/dev/full`, a FIFO) is written in place: renaming a temporary file
/// over it would replace the device.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .with_context(|| format!("cannot write {}", path.display()));
    }
    write_staged([stage(path, bytes).map(|tmp| (tmp, path.to_path_buf()))])
}

/// Write `files` (name, bytes) into `dir` all or nothing: every file is first written in full
/// to a temporary file beside its target, and only when all are written are they renamed
/// into place. A failure or an interruption before that leaves `dir` as it was (the
/// temporary files go).
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    write_staged(files.iter().map(|(name, bytes)| {
        let path = dir.join(name);
        if path.is_dir() {
            anyhow::bail!("cannot write {}: it is a directory", path.display());
        }
        Ok((stage(&path, bytes)?, path))
    }))
}

/// `bytes` in a temporary file in `path`'s directory, with `path`'s permissions (or 0644).
fn stage(path: &Path, bytes: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".jjj-")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                path.display(),
                dir.display()
            )
        })?;
    // A temporary file is created private (0600); the result gets the permissions of the
    // file it replaces, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(tmp)
}

/// Rename a staged file into place.
fn commit(tmp: tempfile::NamedTempFile, path: &Path) -> anyhow::Result<()> {
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Serialize `value` as pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The exit code of a command that looks something up: 0 when it found something, 1 when
/// it found nothing (as grep).
pub fn found(anything: bool) -> ExitCode {
    if anything {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupted_write_renames_nothing_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "old").unwrap();
        INTERRUPTED.store(true, Ordering::SeqCst);
        let files = [
            ("a.txt".to_owned(), b"new".to_vec()),
            ("b.txt".to_owned(), b"new".to_vec()),
        ];
        let result = write_files(dir.path(), &files);
        INTERRUPTED.store(false, Ordering::SeqCst);
        assert_eq!(
            result.unwrap_err().to_string(),
            "interrupted before writing; nothing was changed"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "old"
        );
    }
}
