"""One transaction for a build: everything it publishes is staged, then swapped in together.

A build writes ``data/processed``, ``figures/``, the executed notebooks and the build cache
into a staging folder ``data/.build-<pid>/``. Nothing outside it changes until every stage
succeeded. Then :meth:`Staging.commit` writes a journal (``COMMIT``) into the staging folder and
moves each staged item into place with ``rename`` (atomic for each folder and file).

Recovery, at the start of the next build (:func:`recover`): a staging folder without a journal
belongs to a build that was killed before publishing: it is deleted and the old outputs stay.
One with a journal was killed while publishing: the remaining moves are completed, so the
outputs are all new. Either way, never a mix. A lock (``.build-cache/build.lock``, released by
the system when the process dies, even on SIGKILL) tells a stale folder from a running build.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

JOURNAL = "COMMIT"
LOCK = Path(".build-cache") / "build.lock"


class BuildLocked(Exception):
    """Another build holds the project's lock."""


class BuildError(Exception):
    def __init__(self, message: str, stage: str | None = None):
        super().__init__(message)
        self.stage = stage


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Lock:
    """An exclusive, non-blocking lock on the project's build."""

    def __init__(self, root: Path):
        self.path = root / LOCK
        self.fh = None

    def __enter__(self) -> "Lock":
        self.path.parent.mkdir(exist_ok=True)
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise BuildLocked(f"another build is running in this project ({LOCK.as_posix()} is held); wait for it to finish") from None
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _move_into_place(src: Path, dst: Path, backup: Path) -> None:
    """Replace dst by src: a file atomically, a folder by two renames (old kept in backup)."""
    if not src.exists() and not src.is_symlink():
        return  # already moved by an earlier, interrupted commit
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        if dst.exists():
            if backup.exists():
                shutil.rmtree(backup)
            backup.parent.mkdir(parents=True, exist_ok=True)
            dst.rename(backup)
        src.rename(dst)
    else:
        os.replace(src, dst)


def _roll_forward(stage: Path, root: Path) -> None:
    moves = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))["moves"]
    for src, dst in moves:
        _move_into_place(stage / src, root / dst, stage / "old" / src)
    shutil.rmtree(stage, ignore_errors=True)


def stale(root: Path) -> list[Path]:
    data = root / "data"
    if not data.is_dir():
        return []
    return sorted([*data.glob(".build-*"), *data.glob(".processed-old-*")])


def recover(root: Path, log=print) -> None:
    """Finish or undo what a killed build left; call with the lock held."""
    for folder in stale(root):
        if not folder.is_dir():
            folder.unlink(missing_ok=True)
        elif (folder / JOURNAL).is_file():
            _roll_forward(folder, root)
            log(f"recovered: a build killed while publishing was completed ({folder.relative_to(root).as_posix()})")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            log(f"removed {folder.relative_to(root).as_posix()}, left by a build that was stopped before publishing")


class Staging:
    """The staging folder of one build and the moves that will publish it."""

    def __init__(self, root: Path):
        self.root = root
        self.dir = root / "data" / f".build-{os.getpid()}"
        self.moves: list[tuple[str, str]] = []
        self.committing = False

    def __enter__(self) -> "Staging":
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        return self

    def __exit__(self, kind, err, tb) -> None:
        if self.committing and self.dir.exists() and (self.dir / JOURNAL).is_file():
            _roll_forward(self.dir, self.root)  # interrupted while publishing: finish it
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name: str) -> Path:
        return self.dir / name

    def publish(self, staged: str, target: Path) -> None:
        """Register a staged item (relative to the staging folder) to replace ``target``."""
        self.moves.append((staged, target.relative_to(self.root).as_posix()))

    def commit(self) -> None:
        self.committing = True
        journal = self.dir / JOURNAL
        tmp = self.dir / (JOURNAL + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"moves": self.moves}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, journal)
        _fsync_dir(self.dir)
        _roll_forward(self.dir, self.root)
