"""One transaction for a build: everything it publishes is staged, then swapped in together.

A build writes ``data/processed``, ``figures/``, the executed notebooks, the claim pages, the
feeds, ``claimreview.json`` and the build cache into a staging folder ``data/.build-<pid>/``.
Nothing outside it changes until every stage succeeded. Then :meth:`Staging.commit` writes a
journal (``COMMIT``) into the staging folder and moves each staged item into place with
``rename`` (atomic for each folder and file). A move that fails (permission denied, disk full)
undoes the moves made before it: the build ends with one message and the old version in place.

The journal is trusted only as far as it must be: it carries this project's token
(``.build-cache/journal-token``, made on the first build and never committed), and it may only
name the build's own outputs (:data:`OUTPUTS`), inside the project and not through a symbolic
link. A staging folder that arrived any other way (a ``git add -f``, an archive) is refused with
a message and left for a person to inspect.

Recovery, at the start of the next build (:func:`recover`): a staging folder without a journal
belongs to a build that was killed before publishing: it is deleted and the old outputs stay.
One with a journal was killed while publishing: the remaining moves are completed, so the
outputs are all new. Either way, never a mix. A lock (``.build-cache/build.lock``, released by
the system when the process dies, even on SIGKILL) tells a stale folder from a running build.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
from pathlib import Path

from helpers.site.urls import CLAIM_DIRS, CLAIMREVIEW_FILE, FEED_FILES, TABLES_DIR

JOURNAL = "COMMIT"
LOCK = Path(".build-cache") / "build.lock"
TOKEN = Path(".build-cache") / "journal-token"
#: every path a build publishes, from the project root (a journal naming anything else is refused)
OUTPUTS = ("data/processed", "figures", ".build-cache/state.json", CLAIMREVIEW_FILE,
           *CLAIM_DIRS.values(), *FEED_FILES.values(), TABLES_DIR)
_NOTEBOOK = re.compile(r"notebooks/[0-9][0-9]_[A-Za-z0-9_-]+\.ipynb")
_STAGED = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")
#: fault injection for the tests (never set in use): RPK_FAULT=<point>=<kind>, e.g. figures=kill
FAULT_ENV = "RPK_FAULT"


class BuildLocked(Exception):
    """Another build holds the project's lock."""


class BuildError(Exception):
    def __init__(self, message: str, stage: str | None = None):
        super().__init__(message)
        self.stage = stage


def fault(point: str) -> None:
    """Stop at a named point when ``RPK_FAULT`` asks for it: the tests' deterministic interrupts.

    Points: ``validate``, ``notebooks``, ``datapackage``, ``figures``, ``site`` (after each stage)
    and ``commit-<n>`` (before the n-th move of the commit, from 0). Kinds: ``kill`` (SIGKILL),
    ``interrupt`` (Ctrl-C), ``enospc`` (disk full), ``eacces`` (permission denied).
    """
    wanted = os.environ.get(FAULT_ENV, "")
    if "=" not in wanted or wanted.split("=", 1)[0] != point:
        return
    kind = wanted.split("=", 1)[1]
    if kind == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "interrupt":
        raise KeyboardInterrupt
    code = {"enospc": errno.ENOSPC, "eacces": errno.EACCES}.get(kind, errno.EIO)
    raise OSError(code, os.strerror(code), f"(fault injected at {point})")


def token(root: Path) -> str:
    """This project's journal token (made on the first build; ``.build-cache`` is never committed)."""
    path = root / TOKEN
    if not path.is_file():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(16) + "\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def allowed_target(root: Path, rel: str) -> bool:
    """A path a build may replace: one of its outputs, inside the project, through no symbolic link."""
    if not isinstance(rel, str) or not (rel in OUTPUTS or _NOTEBOOK.fullmatch(rel)):
        return False
    path = root
    for part in rel.split("/"):
        path = path / part
        if path.is_symlink():
            return False
    return path.resolve().is_relative_to(root.resolve())


def journal_problem(stage: Path, root: Path, moves_doc: dict) -> str | None:
    """Why a journal must not be followed (None when it may)."""
    if not isinstance(moves_doc, dict) or moves_doc.get("token") != token(root):
        return "its journal was not written by a build of this project on this machine"
    moves = moves_doc.get("moves")
    if not isinstance(moves, list):
        return "its journal lists no moves"
    for item in moves:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and _STAGED.fullmatch(item[0])
                and ".." not in item[0].split("/")):
            return f"its journal names a staged path that is not inside it ({item!r})"
        if not allowed_target(root, item[1]):
            return f"its journal would replace '{item[1]}', which is not an output of the build"
    return None


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


def _move_into_place(src: Path, dst: Path, backup: Path) -> bool:
    """Replace dst by src with renames, the old one kept in backup; False if already moved."""
    if not src.exists() and not src.is_symlink():
        return False  # already moved by an earlier, interrupted commit
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir() and dst.exists():
        if backup.exists():
            shutil.rmtree(backup)
        backup.parent.mkdir(parents=True, exist_ok=True)
        dst.rename(backup)
        src.rename(dst)
    elif dst.exists():
        backup.parent.mkdir(parents=True, exist_ok=True)
        if not backup.exists():
            os.link(dst, backup)  # the old file kept (a hard link: no copy, same folder tree)
        os.replace(src, dst)  # a file: atomic
    else:
        src.rename(dst)
    return True


def _undo(done: list[tuple[Path, Path, Path]]) -> None:
    """Put back what a failed commit already moved (newest first)."""
    for src, dst, backup in reversed(done):
        if dst.is_dir() and not dst.is_symlink():
            dst.rename(src)
        elif dst.exists():
            os.replace(dst, src)
        if backup.exists():
            os.replace(backup, dst)


def _roll_forward(stage: Path, root: Path, undo_on_error: bool = False) -> None:
    moves = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))["moves"]
    done: list[tuple[Path, Path, Path]] = []
    for n, (src, dst) in enumerate(moves):
        try:
            fault(f"commit-{n}")
            if _move_into_place(stage / src, root / dst, stage / "old" / src):
                done.append((stage / src, root / dst, stage / "old" / src))
        except OSError as err:
            if not undo_on_error:
                raise
            _undo(done)
            (stage / JOURNAL).unlink()
            raise BuildError(f"could not replace {dst} ({err.strerror}); the moves already made were undone, "
                             "the previous version is in place", "publish") from None
    remove(stage)


def remove(folder: Path) -> str | None:
    """Delete a folder of ours; the reason when it could not be (None when it is gone)."""
    if folder.is_symlink():
        folder.unlink()
        return None
    errors = []
    shutil.rmtree(folder, onerror=lambda fn, path, info: errors.append(f"{Path(path).name}: {info[1]}"))
    return "; ".join(errors[:3]) if folder.exists() else None


def stale(root: Path) -> list[Path]:
    data = root / "data"
    if not data.is_dir():
        return []
    return sorted([*data.glob(".build-*"), *data.glob(".processed-old-*")])


def recover(root: Path, log=print) -> None:
    """Finish or undo what a killed build left; call with the lock held. Raises BuildError for a
    staging folder this project's builds did not leave (see the module's notes)."""
    for folder in stale(root):
        rel = folder.relative_to(root).as_posix()
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink(missing_ok=True)
            log(f"removed {rel}, which was not a folder of a build")
        elif (folder / JOURNAL).is_file():
            try:
                doc = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                doc = None
            why = journal_problem(folder, root, doc)
            if why:
                raise BuildError(f"{rel} was not left by a build of this project ({why}); nothing in it was moved. "
                                 f"Check what it holds, then delete it", "recover")
            _roll_forward(folder, root)
            log(f"recovered: a build killed while publishing was completed ({rel})")
        elif (why := remove(folder)) is None:
            log(f"removed {rel}, left by a build that was stopped before publishing")
        else:
            log(f"could not remove {rel}, left by a build that was stopped before publishing: {why}")


class Staging:
    """The staging folder of one build and the moves that will publish it."""

    def __init__(self, root: Path):
        self.root = root
        self.dir = root / "data" / f".build-{os.getpid()}"
        self.moves: list[tuple[str, str]] = []
        self.committing = False
        self.left: str | None = None

    def __enter__(self) -> "Staging":
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        return self

    def __exit__(self, kind, err, tb) -> None:
        if self.committing and self.dir.exists() and (self.dir / JOURNAL).is_file():
            _roll_forward(self.dir, self.root)  # interrupted while publishing: finish it
        elif self.dir.exists():
            self.left = remove(self.dir)  # None once removed; the next build tries again

    def path(self, name: str) -> Path:
        return self.dir / name

    def publish(self, staged: str, target: Path) -> None:
        """Register a staged item (relative to the staging folder) to replace ``target``."""
        rel = target.relative_to(self.root).as_posix()
        if not allowed_target(self.root, rel):
            raise BuildError(f"'{rel}' is not an output of the build (or is reached through a symbolic link)")
        self.moves.append((staged, rel))

    def commit(self) -> None:
        for _, rel in self.moves:  # a destination that cannot be replaced stops the build before any move
            folder = (self.root / rel).parent
            if folder.exists() and not os.access(folder, os.W_OK):
                raise BuildError(f"cannot replace {rel}: {folder.relative_to(self.root).as_posix() or '.'} is not writable "
                                 "(permission denied)", "publish")
        self.committing = True
        journal = self.dir / JOURNAL
        tmp = self.dir / (JOURNAL + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"token": token(self.root), "moves": self.moves}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, journal)
        _fsync_dir(self.dir)
        _roll_forward(self.dir, self.root, undo_on_error=True)
