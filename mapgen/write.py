"""Stage 5: put files on disk so that a reader never sees a half-written one.

`atomic_write(path)` writes a temporary file `.NAME.<random>.tmp` beside `NAME` and renames it
over `NAME` (issue 3, 9). A process killed while writing (SIGKILL, a kiosk losing power) leaves
`NAME` as it was, whole, and may leave one such temporary file; the next write of `NAME` removes
it. A temporary file that another live process is still writing is recognised by the lock its
writer holds on it and left alone, so two builds into one folder do not trip over each other.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; leftovers are recognised by their age
    fcntl = None  # type: ignore[assignment]

# Without locks, a temporary file untouched for this long is taken to be a leftover.
STALE_AFTER_S = 3600


def temporary_pattern(path: Path) -> str:
    """The glob pattern of the temporary files `atomic_write(path)` creates."""
    return f".{glob.escape(Path(path).name)}.*.tmp"


def _try_lock(fd: int) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_named(fd: int, name: str) -> bool:
    """Whether `name` still is the file open as `fd` (not removed or replaced meanwhile)."""
    try:
        return os.stat(name).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files that interrupted writes of `path` left; return them."""
    path = Path(path)
    removed: list[Path] = []
    for candidate in sorted(path.parent.glob(temporary_pattern(path))):
        try:
            if fcntl is None:
                if time.time() - candidate.stat().st_mtime > STALE_AFTER_S:
                    candidate.unlink()
                    removed.append(candidate)
                continue
            fd = os.open(candidate, os.O_RDONLY)
            try:
                # A live writer holds the lock; a dead one's lock died with it.
                if _try_lock(fd) and _still_named(fd, str(candidate)):
                    candidate.unlink()
                    removed.append(candidate)
            finally:
                os.close(fd)
        except OSError:
            continue  # gone meanwhile, or not ours to remove: never a reason to fail a build
    return removed


def _write_all(fd: int, payload: bytes) -> None:
    """Write every byte (os.write may write fewer). A test replaces it to fill the disk."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, so that after a power loss the new file is there."""
    with contextlib.suppress(OSError):  # not possible on every platform (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _locked_temporary(path: Path) -> tuple[int, str]:
    """Create the temporary file and take its lock before another process's cleanup can."""
    for _ in range(5):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        if _try_lock(fd) and _still_named(fd, tmp):
            return fd, tmp
        os.close(fd)  # another write's cleanup took it between creation and lock: once more
        Path(tmp).unlink(missing_ok=True)
    return fd, tmp


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The rename is atomic on one file system: an interrupted write leaves the previous file
    whole. An OSError (a full disk, a folder one may not write to) names `path`, not the
    temporary file.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path)
        fd, tmp = _locked_temporary(path)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o644)  # mkstemp makes it private; the map is for everyone
            os.replace(tmp, path)
        finally:
            os.close(fd)
        _fsync_folder(path.parent)
    except BaseException as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno is not None and exc.filename != str(path):
            # OSError(errno, ...) becomes the matching subclass (PermissionError, ...).
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


class PartialWrite(OSError):
    """A set of files could be neither all written nor all put back; `new` and `old` say which
    files are which."""

    def __init__(self, cause: OSError, new: list[Path], old: list[Path]) -> None:
        super().__init__(cause.errno, cause.strerror, cause.filename)
        self.new = new
        self.old = old


def _as_named(exc: OSError, path: Path) -> OSError:
    if exc.errno is not None and exc.filename != str(path):
        return OSError(exc.errno, exc.strerror, str(path))
    return exc


def atomic_write_all(files: dict[Path, str | bytes]) -> None:
    """Write several files so that a reader finds either all of them new or all of them old.

    Every temporary file is written and flushed first (a full disk stops the set here, before
    any file changes). The previous files are kept as hard links beside them; then each
    temporary file is renamed over its file. If a rename fails, the files renamed already are
    put back from the kept ones, and the error is raised: all old. Should putting back fail as
    well, `PartialWrite` says which files are new and which old.
    """
    prepared: list[tuple[Path, int, str, str | None]] = []  # path, fd, temporary, kept old
    held: list[int] = []  # the kept files, locked so that another write's cleanup leaves them
    try:
        for path, data in files.items():
            path = Path(path)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                remove_stale_temporaries(path)
                fd, tmp = _locked_temporary(path)
            except OSError as exc:
                raise _as_named(exc, path) from exc
            prepared.append((path, fd, tmp, None))
            try:
                _write_all(fd, payload)
                os.fsync(fd)
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, 0o644)
            except OSError as exc:
                raise _as_named(exc, path) from exc
        for i, (path, fd, tmp, _) in enumerate(prepared):
            if len(prepared) == 1:
                break  # one rename is atomic by itself: nothing to put back
            if not os.path.lexists(path) or (path.is_dir() and not path.is_symlink()):
                continue  # nothing to keep (a folder in the way fails at its rename)
            kept = f"{tmp[:-len('.tmp')]}.old.tmp"  # a leftover is cleaned like a temporary
            try:
                try:
                    os.link(path, kept, follow_symlinks=False)
                except OSError:
                    if path.is_symlink():
                        raise
                    shutil.copyfile(path, kept)  # a file system without hard links (FAT)
                prepared[i] = (path, fd, tmp, kept)
                if not path.is_symlink():
                    held.append(os.open(kept, os.O_RDONLY))
                    _try_lock(held[-1])
            except OSError as exc:
                raise _as_named(exc, path) from exc
        renamed: list[int] = []
        for i, (path, _, tmp, _) in enumerate(prepared):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                _put_back(prepared, renamed, _as_named(exc, path))
                raise _as_named(exc, path) from exc
            renamed.append(i)
        for folder in {path.parent for path, *_ in prepared}:
            _fsync_folder(folder)
    finally:
        for _, fd, tmp, kept in prepared:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            if kept:
                Path(kept).unlink(missing_ok=True)
        for fd in held:
            os.close(fd)


def _put_back(prepared: list[tuple[Path, int, str, str | None]], renamed: list[int],
              cause: OSError) -> None:
    """Undo the renames already made; raise PartialWrite when one cannot be undone."""
    new: list[Path] = []
    for i in reversed(renamed):
        path, _, _, kept = prepared[i]
        try:
            if kept:
                os.replace(kept, path)
            else:
                os.unlink(path)  # there was no file before
        except OSError:
            new.append(path)
    if new:
        old = [path for path, *_ in prepared if path not in new]
        raise PartialWrite(cause, new, old) from cause


# How long a rewrite of a data file waits for another one (another `places add`) to finish.
LOCK_WAIT_S = 30.0


def data_target(path: Path) -> Path:
    """The file to rewrite for `path`: a symbolic link's target, so that a data file shared
    through a link gets the change and the link stays a link."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


@contextlib.contextmanager
def update_lock(path: Path, wait_s: float = LOCK_WAIT_S):
    """Hold an exclusive lock on `.NAME.lock` beside `path` while it is read, changed and
    written back, so that two processes changing it at once do not lose each other's rows.

    Raises TimeoutError after `wait_s` seconds when another process keeps the lock.
    """
    path = Path(path)
    if fcntl is None:
        yield
        return
    lock = path.parent / f".{path.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path}: another process has been changing it for "
                                   f"{wait_s:g} s; try again when it has finished")
            time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock
