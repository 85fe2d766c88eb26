//! Where output goes: stdout (`-` or no path) or a file written atomically (a temporary
//! file in the same directory, then renamed), so a failure never leaves a half-written file.

use anyhow::Context as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

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
    commit(stage(path, bytes)?, path)
}

/// Write `files` (name, bytes) into `dir` all or nothing: every file is first written in full
/// to a temporary file beside its target, and only when all are written are they renamed
/// into place. A failure before that leaves `dir` as it was (the temporary files go).
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let mut staged = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = dir.join(name);
        if path.is_dir() {
            anyhow::bail!("cannot write {}: it is a directory", path.display());
        }
        staged.push((stage(&path, bytes)?, path));
    }
    for (tmp, path) in staged {
        commit(tmp, &path)?;
    }
    Ok(())
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
