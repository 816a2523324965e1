"""The charts' PNG images, drawn by Chromium (through kaleido) in a child process watched by a deadline.

Kaleido's browser can stall without an error on a loaded machine: a build once waited fifteen
minutes on an idle Chromium, with no image written. So the images are drawn in a child process
(``python -m helpers.charts.images JOB``) into a temporary folder. When no new image has appeared for
``STALL`` seconds, the child and its browser are killed and a new child draws the images still
missing, up to ``ATTEMPTS`` times in all. Images reach their destination only once drawn whole.
A child that fails outright (an error, not a stall) is not retried: its last lines are the message.

    write_pngs(figures, paths)     # one PNG per figure, 1280 px wide, each at its layout's height
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import plotly.graph_objects as go

#: seconds without a new image after which the drawing child is taken for stalled
STALL = 120
#: children started at most, the first included
ATTEMPTS = 3
WIDTH = 1280
DEFAULT_HEIGHT = 560


class ImageExportError(Exception):
    """The PNG images could not be drawn; the message says which and why."""


def _descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (Linux /proc), the browser included: it runs in a session of its own."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill(proc: subprocess.Popen) -> None:
    """Kill the child and everything it started, and reap it."""
    for pid in [*_descendants(proc.pid), proc.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def _drawn(folder: Path, names: list[str]) -> set[str]:
    return {n for n in names if (folder / n).is_file() and (folder / n).stat().st_size > 0}


def write_pngs(figures: list[go.Figure], paths: list[Path], stall: float = STALL, attempts: int = ATTEMPTS) -> int:
    """Draw ``figures[i]`` to ``paths[i]`` (PNG, 1280 px wide, the figure's height), in a watched child;
    returns how many children it took (1 unless one stalled)."""
    if not figures:
        return 0
    with tempfile.TemporaryDirectory(prefix="rpk-png-") as tmp:
        work = Path(tmp)
        names = [f"{i:03d}.png" for i in range(len(figures))]
        jobs = {name: {"figure": fig.to_json(), "height": fig.layout.height or DEFAULT_HEIGHT}
                for name, fig in zip(names, figures)}
        missing = list(names)
        for attempt in range(1, attempts + 1):
            job = work / f"job-{attempt}.json"
            job.write_text(json.dumps({name: jobs[name] for name in missing}), encoding="utf-8")
            with open(work / f"child-{attempt}.log", "w+", encoding="utf-8") as log:
                proc = subprocess.Popen([sys.executable, "-m", "helpers.charts.images", str(job), str(os.getpid())],
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
                stalled, seen, since = False, 0, time.monotonic()
                try:
                    while proc.poll() is None:
                        time.sleep(0.5)
                        now = len(_drawn(work, missing))
                        if now > seen:
                            seen, since = now, time.monotonic()
                        elif time.monotonic() - since > stall:
                            stalled = True
                            break
                finally:
                    if proc.poll() is None:
                        _kill(proc)
                log.seek(0)
                said = log.read().strip().splitlines()
            if not stalled and proc.returncode != 0:
                raise ImageExportError("PNG export failed: " + (" | ".join(said[-3:]) or f"exit code {proc.returncode}"))
            missing = [n for n in missing if n not in _drawn(work, missing)]
            if not missing:
                break
            for name in missing:  # a name claimed but not drawn is drawn again by the next child
                (work / name).unlink(missing_ok=True)
        if missing:
            raise ImageExportError(f"PNG export stalled {attempts} times (no image for {stall:.0f} s): "
                                   f"{len(missing)} of {len(names)} images not drawn")
        for name, path in zip(names, paths):
            shutil.copyfile(work / name, path)
    return attempt


def _die_with(parent: int) -> None:
    """The child ends when the build that started it does (a build killed with SIGKILL included)."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent was gone before the request took effect
        sys.exit(1)


def _draw(job: Path) -> None:
    """The child: draw every image the job names into the job's folder, in one browser session."""
    import plotly.io as pio

    spec = json.loads(job.read_text(encoding="utf-8"))
    names = list(spec)
    pio.write_images([pio.from_json(spec[n]["figure"]) for n in names], [job.parent / n for n in names],
                     width=WIDTH, height=[spec[n]["height"] for n in names], scale=1)


if __name__ == "__main__":
    _die_with(int(sys.argv[2]))
    _draw(Path(sys.argv[1]))
